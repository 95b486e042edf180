import { cannotVerify, compliant, defineRule, nonCompliant, SEC09_FRAMEWORKS } from '../../../rules/rule.js';
import type { RdsDbInstance } from '../model.js';
import { DEFAULT_CA, RDS_CERTIFICATE_AUTHORITIES } from '../reference.js';

const DAY_MS = 86_400_000;

const days = (count: number) => `${count} day${count === 1 ? '' : 's'}`;

/** One dated certificate the instance depends on: its CA, or its own server certificate. */
interface Dated {
  what: string;
  validTill: string;
}

/** The command that rotates it, and what that restarts (RULES.md guidance). */
function rotation(db: RdsDbInstance): string {
  return `Rotate: aws rds modify-db-instance --db-instance-identifier ${db.identifier} --ca-certificate-identifier ${DEFAULT_CA} --apply-immediately (this restarts the database unless its engine version supports rotation without restart: DescribeDBEngineVersions SupportsCertificateRotationWithoutRestart).`;
}

function judge(db: RdsDbInstance, now: Date, threshold: number) {
  const ca = db.caCertificateIdentifier;
  const label = `DB instance ${db.identifier}`;
  const pending = db.pendingCaCertificateIdentifier
    ? ` A change to ${db.pendingCaCertificateIdentifier} is pending.`
    : '';
  const details = {
    caCertificateIdentifier: ca ?? null,
    ...(db.serverCertificateValidTill ? { serverCertificateValidTill: db.serverCertificateValidTill } : {}),
    ...(db.pendingCaCertificateIdentifier
      ? { pendingCaCertificateIdentifier: db.pendingCaCertificateIdentifier }
      : {}),
  };
  if (!ca) {
    return cannotVerify(
      `${label}: the input has no CACertificateIdentifier, so its CA's expiry cannot be verified.`,
      details,
    );
  }
  const known = RDS_CERTIFICATE_AUTHORITIES[ca];
  const caValidTill = db.caValidTill ?? known?.validTill;
  if (!caValidTill && known?.expiredUndated) {
    return nonCompliant(
      `${label} uses CA ${ca}, which has expired (reference data: legacy CA, exact date not documented). Clients that verify the server certificate fail or fall back to not verifying.${pending} ${rotation(db)}`,
      { details: { ...details, expired: true, caFrom: 'reference data' } },
    );
  }
  if (!caValidTill) {
    return cannotVerify(
      `${label} uses CA ${ca}, which neither a describe-certificates output of the inputs nor the reference data dates, so its expiry cannot be verified.`,
      details,
    );
  }
  const dated: Dated[] = [{ what: `CA ${ca}`, validTill: caValidTill }];
  if (db.serverCertificateValidTill)
    dated.push({ what: 'its server certificate', validTill: db.serverCertificateValidTill });
  const soonest = dated.reduce((a, b) => (Date.parse(b.validTill) < Date.parse(a.validTill) ? b : a));
  const remainingMs = Date.parse(soonest.validTill) - now.getTime();
  const daysToExpiry = Math.floor(remainingMs / DAY_MS);
  const full = {
    ...details,
    caValidTill,
    caFrom: db.caValidTill ? 'describe-certificates' : 'reference data',
    daysToExpiry,
    expiring: soonest.what,
  };
  if (remainingMs >= 0 && daysToExpiry > threshold) {
    return compliant(
      `${label}: ${soonest.what} expires in ${days(daysToExpiry)} (${soonest.validTill}), beyond the ${threshold}-day threshold.`,
      full,
    );
  }
  const when =
    remainingMs < 0
      ? `expired ${days(-daysToExpiry)} ago (${soonest.validTill})`
      : `expires ${daysToExpiry === 0 ? 'within a day' : `in ${days(daysToExpiry)}`} (${soonest.validTill}), inside the ${threshold}-day threshold`;
  return nonCompliant(`${label}: ${soonest.what} ${when}.${pending} ${rotation(db)}`, {
    details: { ...full, expired: remainingMs < 0 },
  });
}

export const rdsCaCertificateExpiry = defineRule({
  metadata: {
    id: 'rds-ca-certificate-expiry',
    title: 'RDS DB instance certificate authority expiring or expired',
    family: 'rds',
    resourceTypes: ['AWS::RDS::DBInstance'],
    severity: 'high',
    description:
      "A DB instance whose server certificate CA (CACertificateIdentifier), or its own server certificate (CertificateDetails.ValidTill, when the input has it), expires within certificates.expiryDays or has expired. The CA's expiry comes from a describe-certificates output of the inputs, else the reference data.",
    rationale:
      'Clients verify the database against an RDS CA: once it expires, connections that verify fail, and people turn verification off, which opens the path to an impostor.',
    parameters: [
      {
        policyPath: 'certificates.expiryDays',
        description: 'How many days before ValidTill a certificate counts as expiring.',
      },
    ],
    remediation: {
      guidance: `aws rds modify-db-instance --ca-certificate-identifier ${DEFAULT_CA} (with --apply-immediately, or in the maintenance window): the database restarts unless its engine version supports rotation without restart (SupportsCertificateRotationWithoutRestart); update the clients' trust store first.`,
    },
    defaultMode: 'notify',
    references: [
      'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL-certificate-rotation.html',
      'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL.html',
      'https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeCertificates.html',
    ],
    compliance: {
      securityHub: [],
      configRules: ['rds_instance_certificate_expiration (Prowler)'],
      frameworks: SEC09_FRAMEWORKS,
    },
  },
  evaluate(resource, context) {
    return judge(resource, context.now, context.policy.certificates.expiryDays);
  },
});
