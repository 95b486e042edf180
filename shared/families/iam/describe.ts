import { arnScope } from '../../aws/arn.js';
import { CertificateBodyError, readPemCertificate } from '../../certificates/x509.js';
import type { InventoryBuilder } from '../../inventory/builder.js';
import { FieldError, type Fields } from '../../inventory/fields.js';
import { readTags, requireString } from '../../inventory/record.js';
import { isServerCertificateArn } from './arn.js';
import { IAM_REGION, type IamServerCertificate, SERVER_CERTIFICATE } from './model.js';

/** One ServerCertificateMetadata (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ServerCertificateMetadata.html). */
function mapServerCertificate(metadata: Fields, source: string): IamServerCertificate {
  const name = requireString(metadata, 'ServerCertificateName');
  const arn = metadata.string('Arn');
  if (arn !== undefined && !isServerCertificateArn(arn))
    throw new FieldError(metadata.pathOf('Arn'), 'expected an IAM server certificate ARN');
  return {
    resourceType: SERVER_CERTIFICATE,
    resourceId: name,
    ...(arn ? { arn } : {}),
    name,
    accountId: arnScope(arn).accountId,
    region: IAM_REGION,
    tags: {},
    source,
    serverCertificateName: name,
    serverCertificateId: metadata.string('ServerCertificateId'),
    path: metadata.string('Path'),
    uploadDate: metadata.date('UploadDate'),
    expiration: metadata.date('Expiration'),
  };
}

/**
 * The `configuration` of an AWS Config item of type AWS::IAM::ServerCertificate: the CloudFormation resource's
 * properties (ServerCertificateName, Path, CertificateBody, CertificateChain, Tags; Arn is its return value;
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iam-servercertificate.html).
 * Only named fields are read: PrivateKey (write-only there) is never copied, so it cannot reach an output.
 * It has no Expiration: the expiry is the PEM body's NotAfter, else "cannot be verified" (the rule says why).
 */
export function mapServerCertificateItem(
  configuration: Fields,
  item: { arn: string | undefined; name: string | undefined },
  source: string,
  out: InventoryBuilder,
): IamServerCertificate {
  const name = configuration.string('ServerCertificateName') ?? item.name;
  if (!name)
    throw new FieldError(
      configuration.pathOf('ServerCertificateName'),
      'missing (nor does the item have a resourceName)',
    );
  const arn = item.arn ?? configuration.string('Arn');
  if (arn !== undefined && !isServerCertificateArn(arn))
    throw new FieldError(configuration.pathOf('Arn'), 'expected an IAM server certificate ARN');
  const certificate: IamServerCertificate = {
    resourceType: SERVER_CERTIFICATE,
    resourceId: name,
    ...(arn ? { arn } : {}),
    name,
    accountId: arnScope(arn).accountId,
    region: IAM_REGION,
    tags: readTags(configuration, 'Tags'),
    source,
    fromConfigItem: true,
    serverCertificateName: name,
    path: configuration.string('Path'),
  };
  readBody(configuration, source, certificate, out);
  return certificate;
}

/** What the PEM CertificateBody says; a body that is not a certificate is reported by field, the rest kept. */
function readBody(
  record: Fields,
  format: string,
  certificate: IamServerCertificate,
  out: InventoryBuilder,
): void {
  const body = record.string('CertificateBody');
  if (body === undefined) return;
  try {
    const facts = readPemCertificate(body);
    certificate.keyAlgorithm = facts.keyAlgorithm;
    certificate.signatureAlgorithm = facts.signatureAlgorithm;
    certificate.subject = facts.subject;
    certificate.expiration ??= facts.notAfter;
  } catch (error) {
    if (!(error instanceof CertificateBodyError)) throw error;
    out.error(
      `${format}: ${record.pathOf('CertificateBody')}: ${error.message}; its key and signature are left out`,
    );
  }
}

/** `aws iam list-server-certificates`: {"ServerCertificateMetadataList": [...]} (API_ListServerCertificates). */
export function readServerCertificateList(
  records: Fields[],
  format: string,
  label: string,
  out: InventoryBuilder,
): void {
  out.eachRecord(format, 'server certificate', records, (record) => {
    out.resources.push(mapServerCertificate(record, label));
  });
}

/**
 * `aws iam get-server-certificate`: {"ServerCertificate": {ServerCertificateMetadata, CertificateBody,
 * CertificateChain, Tags}} (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ServerCertificate.html).
 * A body that is not a certificate is reported, naming the field; the metadata is kept (nothing lost).
 */
export function readGetServerCertificate(
  records: Fields[],
  format: string,
  label: string,
  out: InventoryBuilder,
): void {
  out.eachRecord(format, 'server certificate', records, (record) => {
    const metadata = record.object('ServerCertificateMetadata');
    if (!metadata) throw new FieldError(record.pathOf('ServerCertificateMetadata'), 'missing');
    const certificate = { ...mapServerCertificate(metadata, label), tags: readTags(record, 'Tags') };
    readBody(record, format, certificate, out);
    out.resources.push(certificate);
  });
}
