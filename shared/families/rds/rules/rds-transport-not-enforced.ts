import {
  cannotVerify,
  compliant,
  defineRule,
  nonCompliant,
  notApplicable,
  type RuleOutcome,
  SEC09_FRAMEWORKS,
} from '../../../rules/rule.js';
import type { RdsParameter, RdsResource } from '../model.js';
import { otherMechanism, type TlsParameterFact, tlsParameterOf } from '../reference.js';

/** How a value of the parameter reads: '1'/'ON' requires TLS, '0'/'OFF' does not, anything else is unknown. */
function requiresTls(value: string): boolean | undefined {
  const normal = value.trim().toUpperCase();
  if (normal === '1' || normal === 'ON' || normal === 'TRUE') return true;
  if (normal === '0' || normal === 'OFF' || normal === 'FALSE') return false;
  return undefined;
}

/** The kind of database, in words. */
const what = (db: RdsResource) => (db.resourceType === 'AWS::RDS::DBCluster' ? 'DB cluster' : 'DB instance');

const groupWords = (db: RdsResource) =>
  db.parameterGroup
    ? `${db.parameterGroup.kind === 'cluster' ? 'DB cluster parameter group' : 'DB parameter group'} ${db.parameterGroup.name}`
    : 'its parameter group';

const isDefaultGroup = (name: string) => name.startsWith('default.');

/** Where the effective value comes from: the group's listing, or the engine default. */
interface Effective {
  value?: string;
  from: string;
  parameter?: RdsParameter;
  unknownWhy?: string;
}

function effectiveValue(db: RdsResource, fact: TlsParameterFact): Effective {
  const group = db.parameterGroup;
  const listing = db.groupParameters;
  const fallback = (why: string): Effective => {
    const byDefault = fact.defaultFor(db.engineVersion);
    return byDefault.value === undefined
      ? { from: why, unknownWhy: `${why}, and ${byDefault.note}` }
      : { value: byDefault.value, from: `${why}: ${byDefault.note}` };
  };
  if (!group) return { from: '', unknownWhy: `the input does not name the ${what(db)}'s parameter group` };
  const parameter = listing?.parameters[fact.parameter];
  if (parameter?.value !== undefined) {
    return {
      value: parameter.value,
      from: `${groupWords(db)} sets it (source ${parameter.source ?? 'not given'})`,
      parameter,
    };
  }
  if (parameter) return { ...fallback(`${groupWords(db)} lists it without a value`), parameter };
  if (listing && !listing.complete) {
    return {
      from: '',
      unknownWhy: `the listing of ${groupWords(db)} is incomplete (a Marker says more pages follow) and does not hold ${fact.parameter}`,
    };
  }
  if (listing) return fallback(`${groupWords(db)} does not hold ${fact.parameter}`);
  // A default group cannot be modified: it holds the engine defaults.
  if (isDefaultGroup(group.name)) return fallback(`${groupWords(db)} is a default group`);
  return {
    from: '',
    unknownWhy: `the parameters of the custom ${groupWords(db)} are not in the inputs (add its describe-${group.kind === 'cluster' ? 'db-cluster-parameters' : 'db-parameters'} output, wrapped with its group name)`,
  };
}

function judge(db: RdsResource): RuleOutcome {
  const label = `${what(db)} ${db.identifier}`;
  if (db.resourceType === 'AWS::RDS::DBInstance' && db.dbClusterIdentifier) {
    return notApplicable(
      `${label} is a member of DB cluster ${db.dbClusterIdentifier}, whose cluster parameter group decides TLS: the cluster is judged.`,
    );
  }
  const base = {
    engine: db.engine ?? null,
    engineVersion: db.engineVersion ?? null,
    ...(db.parameterGroup
      ? { parameterGroup: db.parameterGroup.name, groupKind: db.parameterGroup.kind }
      : {}),
  };
  const fact = tlsParameterOf(db.engine);
  if (!fact) {
    const other = otherMechanism(db.engine);
    return cannotVerify(
      other
        ? `${label} runs ${db.engine}: ${other}, so whether it refuses plaintext connections cannot be verified.`
        : `${label} runs engine ${JSON.stringify(db.engine ?? null)}, for which the reference data names no TLS parameter, so whether it refuses plaintext connections cannot be verified.`,
      base,
    );
  }
  const effective = effectiveValue(db, fact);
  const details = {
    ...base,
    parameter: fact.parameter,
    ...(effective.value !== undefined ? { value: effective.value } : {}),
    ...(effective.parameter?.applyType ? { applyType: effective.parameter.applyType } : {}),
    ...(effective.parameter?.allowedValues ? { allowedValues: effective.parameter.allowedValues } : {}),
    valueFrom: effective.from,
  };
  if (effective.value === undefined) {
    return cannotVerify(
      `${label}: ${effective.unknownWhy ?? 'no value'}, so whether ${fact.parameter} requires TLS cannot be verified.`,
      details,
    );
  }
  const required = requiresTls(effective.value);
  if (required === undefined) {
    return cannotVerify(
      `${label}: ${fact.parameter} is ${JSON.stringify(effective.value)} (${effective.from}), not a value RDS documents (0/1, OFF/ON), so it cannot be verified.`,
      details,
    );
  }
  if (!required) {
    return nonCompliant(
      `${label} accepts plaintext connections: ${fact.parameter} is ${effective.value} (${effective.from}).`,
      { details: { ...details, defaultGroup: isDefaultGroup(db.parameterGroup?.name ?? '') } },
    );
  }
  // The group may say 1 while the database still runs the old value until it reboots.
  const status = db.parameterGroup?.applyStatus;
  if (status && status !== 'in-sync') {
    return cannotVerify(
      `${label}: ${fact.parameter} is ${effective.value} (${effective.from}) but the group's changes are ${status}, so whether the running database requires TLS cannot be verified.`,
      details,
    );
  }
  return compliant(
    `${label} requires TLS: ${fact.parameter} is ${effective.value} (${effective.from}).`,
    details,
  );
}

export const rdsTransportNotEnforced = defineRule({
  metadata: {
    id: 'rds-transport-not-enforced',
    title: 'RDS database accepting connections without TLS',
    family: 'rds',
    resourceTypes: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
    severity: 'medium',
    description:
      "A DB instance or cluster whose effective TLS parameter lets clients connect in plaintext: rds.force_ssl 0 (PostgreSQL, Aurora PostgreSQL, SQL Server) or require_secure_transport OFF/0 (MySQL, MariaDB, Aurora MySQL), read from the instance's DB parameter group or the cluster's DB cluster parameter group, else the engine default of the reference data. Cluster members are judged on their cluster; an engine with no documented parameter (Oracle, Db2) cannot be verified.",
    rationale:
      'EC2-to-RDS traffic is only as encrypted as the database demands: a client that does not ask for TLS sends credentials and data in plaintext across the VPC.',
    parameters: [],
    remediation: {
      guidance:
        'Set the parameter to 1 (require TLS) in a custom parameter group attached to the database: modify-db-parameter-group (modify-db-cluster-parameter-group for Aurora) with ApplyMethod immediate for a dynamic parameter; a default group cannot be changed (create and attach a custom one), and a static parameter takes effect only after a reboot you schedule.',
      remediate: 'require-rds-tls',
      block: 'require-rds-tls',
    },
    defaultMode: 'notify',
    references: [
      'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html',
      'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mysql-ssl-connections.require-ssl.html',
      'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mariadb-ssl-connections.require-ssl.html',
      'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/SQLServer.Concepts.General.SSL.Using.html',
      'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Security.html',
      'https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBParameters.html',
    ],
    compliance: {
      securityHub: [],
      configRules: ['rds-sqlserver-encrypted-in-transit', 'rds_instance_transport_encrypted (Prowler)'],
      frameworks: SEC09_FRAMEWORKS,
    },
  },
  evaluate(resource) {
    return judge(resource);
  },
});
