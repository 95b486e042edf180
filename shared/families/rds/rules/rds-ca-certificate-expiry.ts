import { expiryOf, expiryPhrase } from '../../../certificates/judge.js';
import type { CertificateFacts } from '../../../certificates/model.js';
import {
  cannotVerify,
  compliant,
  defineRule,
  nonCompliant,
  notApplicable,
  SEC09_FRAMEWORKS,
} from '../../../rules/rule.js';
import { DB_CLUSTER, DB_INSTANCE, type RdsResource } from '../model.js';
import { DEFAULT_CA, RDS_CERTIFICATE_AUTHORITIES } from '../reference.js';

/**
 * The command that rotates it (RULES.md guidance). A Multi-AZ DB cluster takes its CA from ModifyDBCluster's
 * CACertificateIdentifier, "Valid for Cluster Type: Multi-AZ DB clusters"
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBCluster.html).
 */
function rotation(db: RdsResource): string {
  if (db.resourceType === DB_CLUSTER) {
    return `Rotate: aws rds modify-db-cluster --db-cluster-identifier ${db.identifier} --ca-certificate-identifier ${DEFAULT_CA} --apply-immediately (update the clients' trust store first; see the rotation guide for whether the cluster's DB instances restart).`;
  }
  return `Rotate: aws rds modify-db-instance --db-instance-identifier ${db.identifier} --ca-certificate-identifier ${DEFAULT_CA} --apply-immediately (this restarts the database unless its engine version supports rotation without restart: DescribeDBEngineVersions SupportsCertificateRotationWithoutRestart).`;
}

/**
 * An Aurora cluster: its DB instances each have their own CA (CACertificateIdentifier) and are judged. Only a
 * Multi-AZ DB cluster has DBClusterInstanceClass ("only for non-Aurora Multi-AZ DB clusters", API_DBCluster); an
 * input without it is taken as Aurora only when its Engine says so (aurora-mysql, aurora-postgresql).
 */
const isAuroraCluster = (db: RdsResource) =>
  db.resourceType === DB_CLUSTER &&
  db.dbClusterInstanceClass === undefined &&
  (db.engine?.startsWith('aurora') ?? false);

/**
 * The certificates the database's TLS depends on, in the shared model (shared/certificates): its CA, dated by a
 * describe-certificates output of the inputs or else the reference data, and its own server certificate
 * (CertificateDetails.ValidTill) when the input has it.
 */
function certificatesOf(db: RdsResource, ca: string): CertificateFacts[] {
  const caFacts: CertificateFacts = {
    source: 'rds-ca',
    label: `CA ${ca}`,
    issuer: ca,
    inUseBy: [db.resourceId],
  };
  const notAfter = db.caValidTill ?? RDS_CERTIFICATE_AUTHORITIES[ca]?.validTill;
  const facts = [notAfter ? { ...caFacts, notAfter } : caFacts];
  if (db.serverCertificateValidTill) {
    facts.push({
      source: 'rds-ca',
      label: 'its server certificate',
      issuer: ca,
      notAfter: db.serverCertificateValidTill,
      inUseBy: [db.resourceId],
    });
  }
  return facts;
}

function judge(db: RdsResource, now: Date, threshold: number) {
  const ca = db.caCertificateIdentifier;
  if (isAuroraCluster(db)) {
    return notApplicable(
      `Aurora DB cluster ${db.identifier}: each of its DB instances has its own CA (CACertificateIdentifier) and is judged.`,
    );
  }
  const label = `${db.resourceType === DB_INSTANCE ? 'DB instance' : 'Multi-AZ DB cluster'} ${db.identifier}`;
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
    const field =
      db.resourceType === DB_INSTANCE ? 'CACertificateIdentifier' : 'CertificateDetails.CAIdentifier';
    return cannotVerify(
      `${label}: the input has no ${field}, so its CA's expiry cannot be verified.`,
      details,
    );
  }
  const [caCertificate, ...others] = certificatesOf(db, ca);
  const caFrom = db.caValidTill ? 'describe-certificates' : 'reference data';
  if (!caCertificate?.notAfter) {
    if (RDS_CERTIFICATE_AUTHORITIES[ca]?.expiredUndated) {
      return nonCompliant(
        `${label} uses CA ${ca}, which has expired (reference data: legacy CA, exact date not documented). Clients that verify the server certificate fail or fall back to not verifying.${pending} ${rotation(db)}`,
        { details: { ...details, expired: true, caFrom } },
      );
    }
    return cannotVerify(
      `${label} uses CA ${ca}, which neither a describe-certificates output of the inputs nor the reference data dates, so its expiry cannot be verified.`,
      details,
    );
  }
  // The certificate that expires first decides.
  const judged = [caCertificate, ...others].map((certificate) => ({
    certificate,
    expiry: expiryOf(certificate.notAfter, now, threshold),
  }));
  const soonest = judged.reduce((a, b) =>
    (b.expiry?.daysToExpiry ?? Number.POSITIVE_INFINITY) <
    (a.expiry?.daysToExpiry ?? Number.POSITIVE_INFINITY)
      ? b
      : a,
  );
  const expiry = soonest.expiry;
  if (!expiry) {
    return cannotVerify(
      `${label}: the expiry of ${soonest.certificate.label} (${JSON.stringify(soonest.certificate.notAfter)}) is not a date, so it cannot be verified.`,
      details,
    );
  }
  const full = {
    ...details,
    caValidTill: caCertificate.notAfter,
    caFrom,
    daysToExpiry: expiry.daysToExpiry,
    expiring: soonest.certificate.label,
  };
  const phrase = `${label}: ${soonest.certificate.label} ${expiryPhrase(expiry, threshold)}.`;
  if (!expiry.failing) return compliant(phrase, full);
  return nonCompliant(`${phrase}${pending} ${rotation(db)}`, {
    details: { ...full, expired: expiry.expired },
  });
}

export const rdsCaCertificateExpiry = defineRule({
  metadata: {
    id: 'rds-ca-certificate-expiry',
    title: 'RDS DB instance certificate authority expiring or expired',
    family: 'rds',
    resourceTypes: [DB_INSTANCE, DB_CLUSTER],
    severity: 'high',
    description:
      "A DB instance whose server certificate CA (CACertificateIdentifier), or a Multi-AZ DB cluster whose CA (CertificateDetails.CAIdentifier), or their own server certificate (CertificateDetails.ValidTill, when the input has it), expires within certificates.expiryDays or has expired. The CA's expiry comes from a describe-certificates output of the inputs, else the reference data. An Aurora cluster is judged through its DB instances.",
    rationale:
      'Clients verify the database against an RDS CA: once it expires, connections that verify fail, and people turn verification off, which opens the path to an impostor.',
    parameters: [
      {
        policyPath: 'certificates.expiryDays',
        description: 'How many days before ValidTill a certificate counts as expiring.',
      },
    ],
    remediation: {
      guidance: `aws rds modify-db-instance --ca-certificate-identifier ${DEFAULT_CA} (with --apply-immediately, or in the maintenance window): the database restarts unless its engine version supports rotation without restart (SupportsCertificateRotationWithoutRestart); a Multi-AZ DB cluster: aws rds modify-db-cluster --ca-certificate-identifier ${DEFAULT_CA}; update the clients' trust store first.`,
    },
    defaultMode: 'notify',
    references: [
      'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL-certificate-rotation.html',
      'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL.html',
      'https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeCertificates.html',
      'https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBCluster.html',
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
