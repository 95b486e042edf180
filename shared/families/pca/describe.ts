import { arnScope } from '../../aws/arn.js';
import type { InventoryBuilder } from '../../inventory/builder.js';
import { FieldError, type Fields } from '../../inventory/fields.js';
import { isCertificateAuthorityArn } from './arn.js';
import { CERTIFICATE_AUTHORITY, type PrivateCertificateAuthority } from './model.js';

/**
 * A CertificateAuthority object (describe-certificate-authority's CertificateAuthority, or one item of
 * list-certificate-authorities' CertificateAuthorities: ListCertificateAuthorities returns the same objects).
 * Field names: https://docs.aws.amazon.com/privateca/latest/APIReference/API_CertificateAuthority.html
 */
function mapCertificateAuthority(record: Fields, source: string): PrivateCertificateAuthority {
  const arn = record.string('Arn');
  if (!isCertificateAuthorityArn(arn))
    throw new FieldError(record.pathOf('Arn'), 'expected a Private CA ARN (...:certificate-authority/<id>)');
  const configuration = record.object('CertificateAuthorityConfiguration');
  const revocation = record.object('RevocationConfiguration');
  const commonName = configuration?.object('Subject')?.string('CommonName');
  return {
    resourceType: CERTIFICATE_AUTHORITY,
    resourceId: arn,
    arn,
    ...arnScope(arn),
    ...(commonName ? { name: commonName } : {}),
    tags: {},
    source,
    status: record.string('Status'),
    type: record.string('Type'),
    usageMode: record.string('UsageMode'),
    keyAlgorithm: configuration?.string('KeyAlgorithm'),
    signingAlgorithm: configuration?.string('SigningAlgorithm'),
    commonName,
    notBefore: record.date('NotBefore'),
    notAfter: record.date('NotAfter'),
    hasRevocationConfiguration: revocation !== undefined,
    crlEnabled: revocation?.object('CrlConfiguration')?.boolean('Enabled'),
    ocspEnabled: revocation?.object('OcspConfiguration')?.boolean('Enabled'),
  };
}

/**
 * The `configuration` of an AWS Config item of type AWS::ACMPCA::CertificateAuthority: the CloudFormation
 * resource's properties (Type, KeyAlgorithm, SigningAlgorithm, Subject, RevocationConfiguration, UsageMode, ...;
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-acmpca-certificateauthority.html).
 * It has no Status, NotBefore nor NotAfter; the ARN is the item's (Arn is only a return value of the resource).
 */
export function mapCertificateAuthorityItem(
  configuration: Fields,
  arn: string | undefined,
  source: string,
): PrivateCertificateAuthority {
  if (!isCertificateAuthorityArn(arn))
    throw new FieldError(
      configuration.pathOf('Arn'),
      'expected the item to name a Private CA ARN (...:certificate-authority/<id>) in ARN, resourceId or configuration.Arn',
    );
  const revocation = configuration.object('RevocationConfiguration');
  const commonName = configuration.object('Subject')?.string('CommonName');
  return {
    resourceType: CERTIFICATE_AUTHORITY,
    resourceId: arn,
    arn,
    ...arnScope(arn),
    ...(commonName ? { name: commonName } : {}),
    tags: {},
    source,
    fromConfigItem: true,
    type: configuration.string('Type'),
    usageMode: configuration.string('UsageMode'),
    keyAlgorithm: configuration.string('KeyAlgorithm'),
    signingAlgorithm: configuration.string('SigningAlgorithm'),
    commonName,
    hasRevocationConfiguration: revocation !== undefined,
    crlEnabled: revocation?.object('CrlConfiguration')?.boolean('Enabled'),
    ocspEnabled: revocation?.object('OcspConfiguration')?.boolean('Enabled'),
  };
}

export function readCertificateAuthorities(
  records: Fields[],
  format: string,
  label: string,
  out: InventoryBuilder,
): void {
  out.eachRecord(format, 'certificate authority', records, (record) => {
    out.resources.push(mapCertificateAuthority(record, label));
  });
}
