import { arnScope } from '../../aws/arn.js';
import type { InventoryBuilder } from '../../inventory/builder.js';
import type { Fields } from '../../inventory/fields.js';
import { displayName, readTags, requireString } from '../../inventory/record.js';
import type { AcmCertificate, AcmRenewalSummary } from './model.js';

/**
 * The API enum spelling: the CLI, ListCertificates and Config write RSA-2048 / EC-prime256v1. Never trimmed:
 * "RSA-2048 " is no spelling ACM writes, and the rule reports it rather than reading it as RSA_2048.
 * @internal Unit-tested directly: the key algorithm spellings of the CLI, ListCertificates and Config.
 */
export function normalizeKeyAlgorithm(value: string | undefined): string | undefined {
  return value ? value.replace(/-/g, '_') : undefined;
}

function mapRenewalSummary(summary: Fields | undefined): AcmRenewalSummary | undefined {
  if (!summary) return undefined;
  return {
    renewalStatus: summary.string('RenewalStatus'),
    renewalStatusReason: summary.string('RenewalStatusReason'),
    updatedAt: summary.date('UpdatedAt'),
  };
}

/**
 * A certificate: DescribeCertificate's Certificate, a ListCertificates summary (InUse but no InUseBy),
 * or a Config item's configuration.
 */
export function mapCertificate(certificate: Fields, source: string): AcmCertificate {
  const certificateArn = requireString(certificate, 'CertificateArn');
  const domainName = certificate.string('DomainName');
  const tags = readTags(certificate, 'Tags');
  const scope = arnScope(certificateArn);
  return {
    resourceType: 'AWS::ACM::Certificate',
    resourceId: certificateArn,
    arn: certificateArn,
    tags,
    source,
    certificateArn,
    accountId: scope.accountId,
    region: scope.region,
    name: displayName(tags, domainName),
    domainName,
    type: certificate.string('Type'),
    status: certificate.string('Status'),
    keyAlgorithm: normalizeKeyAlgorithm(certificate.string('KeyAlgorithm')),
    signatureAlgorithm: certificate.string('SignatureAlgorithm'),
    notBefore: certificate.date('NotBefore'),
    notAfter: certificate.date('NotAfter'),
    inUseBy: certificate.strings('InUseBy'),
    inUse: certificate.boolean('InUse'),
    certificateAuthorityArn: certificate.string('CertificateAuthorityArn'),
    renewalEligibility: certificate.string('RenewalEligibility'),
    renewalSummary: mapRenewalSummary(certificate.object('RenewalSummary')),
    transparencyLoggingPreference: certificate
      .object('Options')
      ?.string('CertificateTransparencyLoggingPreference'),
  };
}

export function readCertificates(
  records: Fields[],
  format: string,
  label: string,
  out: InventoryBuilder,
): void {
  out.eachRecord(format, 'certificate', records, (record) => {
    out.resources.push(mapCertificate(record, label));
  });
}
