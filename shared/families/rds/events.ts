/**
 * The RDS API calls that change a database's TLS parameter or CA (eventSource rds.amazonaws.com; event names and
 * camelCase request fields as in the corpus samples A-ct-raw-rds-CreateDBInstance-* and
 * A-ct-raw-rds-ModifyDBParameterGroup-*; reference/rds-ca-certificates.json cloudTrailEvents).
 *
 * A parameter group call names only the group: its ref is the group's ARN (arn:aws:rds:<region>:<account>:pg:<name>,
 * cluster-pg: for a cluster group, https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Tagging.ARN.Constructing.html)
 * under the type of the databases that use it; the family's `matches` picks those databases.
 */
import { fieldError } from '../../events/errors.js';
import {
  type ApiCall,
  type CallRoute,
  type FamilyEvents,
  refOf,
  valueAt,
} from '../../events/family-events.js';
import type { ResourceRef } from '../../model/ref.js';
import { DB_CLUSTER, DB_INSTANCE } from './model.js';
import { TLS_PARAMETERS } from './reference.js';

function stringField(call: ApiCall, part: string, key: string): string | undefined {
  const value = valueAt(call.detail, [part, key]);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The database a call names: the ARN the response returns, else the identifier of the request. */
function databaseOf(type: typeof DB_INSTANCE | typeof DB_CLUSTER) {
  const [arnKey, idKey] =
    type === DB_INSTANCE
      ? ['dBInstanceArn', 'dBInstanceIdentifier']
      : ['dBClusterArn', 'dBClusterIdentifier'];
  return (call: ApiCall): ResourceRef[] => {
    const arn = stringField(call, 'responseElements', arnKey);
    const id = stringField(call, 'requestParameters', idKey) ?? stringField(call, 'responseElements', idKey);
    if (arn) return [refOf(call, type, arn, id)];
    if (id) return [refOf(call, type, databaseArn(call, type, id), id)];
    return fieldError(['detail', 'requestParameters', idKey], 'a DB identifier', undefined, call.eventId);
  };
}

/** arn:<partition>:rds:<region>:<account>:db:<id> (or cluster:<id>, pg:<name>, cluster-pg:<name>). */
function databaseArn(call: ApiCall, type: string, id: string): string {
  const kind = type === DB_INSTANCE ? 'db' : 'cluster';
  return rdsArn(call, kind, id);
}

function rdsArn(call: ApiCall, kind: string, name: string): string {
  const partition = call.region.startsWith('cn-')
    ? 'aws-cn'
    : call.region.startsWith('us-gov-')
      ? 'aws-us-gov'
      : 'aws';
  return `arn:${partition}:rds:${call.region}:${call.accountId}:${kind}:${name}`;
}

/**
 * A parameter group call: the databases using the group. A Modify call whose parameters include no TLS
 * parameter changes nothing this family judges (corpus A-ct-raw-rds-ModifyDBParameterGroup-mariadb): no ref.
 */
function groupOf(kind: 'db' | 'cluster', resets: boolean) {
  const key = kind === 'db' ? 'dBParameterGroupName' : 'dBClusterParameterGroupName';
  return (call: ApiCall): ResourceRef[] => {
    const name = stringField(call, 'requestParameters', key);
    if (!name)
      return fieldError(
        ['detail', 'requestParameters', key],
        'a parameter group name',
        undefined,
        call.eventId,
      );
    const parameters = valueAt(call.detail, ['requestParameters', 'parameters']);
    if (!resets && Array.isArray(parameters)) {
      const names: readonly unknown[] = TLS_PARAMETERS;
      const touched = parameters.some(
        (parameter) =>
          typeof parameter === 'object' &&
          parameter !== null &&
          names.includes((parameter as Record<string, unknown>).parameterName),
      );
      if (!touched) return [];
    }
    const arn = rdsArn(call, kind === 'db' ? 'pg' : 'cluster-pg', name);
    return [refOf(call, kind === 'db' ? DB_INSTANCE : DB_CLUSTER, arn, name)];
  };
}

const CALLS = new Map<string, CallRoute>([
  ['CreateDBInstance', { refs: databaseOf(DB_INSTANCE) }],
  // A new parameter group, CA (caCertificateIdentifier) or cluster membership.
  ['ModifyDBInstance', { refs: databaseOf(DB_INSTANCE) }],
  ['DeleteDBInstance', { refs: databaseOf(DB_INSTANCE), deleted: true }],
  ['CreateDBCluster', { refs: databaseOf(DB_CLUSTER) }],
  ['ModifyDBCluster', { refs: databaseOf(DB_CLUSTER) }],
  ['DeleteDBCluster', { refs: databaseOf(DB_CLUSTER), deleted: true }],
  ['ModifyDBParameterGroup', { refs: groupOf('db', false) }],
  ['ResetDBParameterGroup', { refs: groupOf('db', true) }],
  ['ModifyDBClusterParameterGroup', { refs: groupOf('cluster', false) }],
  ['ResetDBClusterParameterGroup', { refs: groupOf('cluster', true) }],
]);

export const rdsEvents: FamilyEvents = {
  apiCalls: [{ source: 'aws.rds', label: 'RDS', routes: CALLS }],
  // No Config types: DB parameter groups are not a Config type (reference/service-facts.md), so a Config-mode
  // sweep would judge every database's TLS "cannot be verified"; RDS is read live (input files of Config items
  // are still read).
};

/** Whether a ref names a parameter group (its databases are read) rather than one database. */
export function groupOfRef(
  ref: Pick<ResourceRef, 'resourceId'>,
): { kind: 'db' | 'cluster'; name: string } | undefined {
  const match = /^arn:[^:]+:rds:[^:]*:[^:]*:(pg|cluster-pg):(.+)$/.exec(ref.resourceId);
  if (!match) return undefined;
  return { kind: match[1] === 'pg' ? 'db' : 'cluster', name: match[2] as string };
}
