/**
 * Readers of the AWS IoT CLI outputs (API shapes: https://docs.aws.amazon.com/iot/latest/apireference/):
 * `list-certificates` / `list-ca-certificates` / `list-certificates-by-ca` (`certificates`, told apart by the ARN:
 * `cert/` or `cacert/`), `describe-certificate` / `describe-ca-certificate` (`certificateDescription`),
 * `list-domain-configurations` (`domainConfigurations`), `describe-domain-configuration` (the document itself),
 * and `aws greengrassv2 list-core-devices` (`coreDevices`, pending for the link step). A certificate's PEM body is
 * read into its facts and not kept; a private key is never read (create-keys-and-certificate output is refused).
 */
import { arnScope } from '../../aws/arn.js';
import { readPemCertificate } from '../../certificates/x509.js';
import type { InventoryBuilder } from '../../inventory/builder.js';
import { type PendingKind, pendingList } from '../../inventory/family-inputs.js';
import { FieldError, type Fields } from '../../inventory/fields.js';
import { requireString } from '../../inventory/record.js';
import {
  CA_CERTIFICATE,
  CERTIFICATE,
  DOMAIN_CONFIGURATION,
  type IotCaCertificate,
  type IotCertificate,
  type IotDomainConfiguration,
} from './model.js';

/** Greengrass core devices named by `aws greengrassv2 list-core-devices`, for the link step. */
export interface CoreDeviceFact {
  thingName: string;
  region?: string;
}

export const CORE_DEVICES: PendingKind<CoreDeviceFact> = {
  key: 'iotGreengrassCoreDevices',
  label: 'Greengrass core devices',
};

/** The last part of the ARN is the certificate id (API_Certificate.html: certificateId). */
function idOf(arn: string): string | undefined {
  return /:(?:ca)?cert\/([^/]+)$/.exec(arn)?.[1];
}

/** Validity and key facts: the validity field first (DescribeCertificate), else the PEM's. */
function certificateFacts(record: Fields) {
  const validity = record.object('validity');
  // Config items of AWS::IoT::CACertificate spell it CACertificatePem.
  const pem = record.string('certificatePem') ?? record.string('caCertificatePem');
  let fromPem: ReturnType<typeof readPemCertificate> | undefined;
  let pemError: string | undefined;
  if (pem !== undefined && pem.trim() !== '') {
    try {
      fromPem = readPemCertificate(pem);
    } catch (error) {
      pemError = (error as Error).message;
    }
  }
  return {
    notBefore: validity?.date('notBefore') ?? fromPem?.notBefore,
    notAfter: validity?.date('notAfter') ?? fromPem?.notAfter,
    keyAlgorithm: fromPem?.keyAlgorithm,
    signatureAlgorithm: fromPem?.signatureAlgorithm,
    subject: fromPem?.subject,
    ...(pemError ? { pemError } : {}),
  };
}

/**
 * The account and region of an ARN, one object per account and region: an account's million certificates share
 * them rather than each holding two new strings (bench iot-1m).
 */
const scopes = new Map<string, { accountId: string | undefined; region: string | undefined }>();
function scopeOf(arn: string) {
  // arn:partition:service:region:account: up to the fifth colon.
  let end = -1;
  for (let colon = 0; colon < 5; colon += 1) end = arn.indexOf(':', end + 1);
  const key = end === -1 ? arn : arn.slice(0, end);
  let scope = scopes.get(key);
  if (!scope) {
    const { accountId, region } = arnScope(arn);
    scope = { accountId, region };
    if (scopes.size < 1000) scopes.set(key, scope);
  }
  return scope;
}

/** The few enum values (status, mode) as one string each, not one per record. */
const enums = new Map<string, string>();
function enumOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const known = enums.get(value);
  if (known !== undefined) return known;
  if (enums.size < 100) enums.set(value, value);
  return value;
}

/** A device certificate: a ListCertificates summary or DescribeCertificate's certificateDescription. */
function mapCertificate(
  record: Fields,
  source: string,
  described: boolean,
  things?: string[],
): IotCertificate {
  const certificateArn = requireString(record, 'certificateArn');
  const certificateId = record.identifier('certificateId') ?? idOf(certificateArn);
  if (!certificateId)
    throw new FieldError(record.pathOf('certificateId'), 'expected the certificate id, got none');
  return {
    resourceType: CERTIFICATE,
    resourceId: certificateArn,
    arn: certificateArn,
    ...scopeOf(certificateArn),
    // No name: the id is the ARN's last part, and a million summaries would write it twice more per finding.
    tags: {},
    source,
    certificateArn,
    certificateId,
    status: enumOf(record.string('status')),
    certificateMode: enumOf(record.string('certificateMode')),
    ...(described ? { described: true as const, caCertificateId: record.identifier('caCertificateId') } : {}),
    ...(described ? certificateFacts(record) : {}),
    ...(things ? { things } : {}),
  };
}

/** A CA certificate: a ListCACertificates summary, DescribeCACertificate's certificateDescription or a Config item. */
export function mapCaCertificate(record: Fields, source: string, described: boolean): IotCaCertificate {
  const certificateArn = requireString(record, 'certificateArn');
  const certificateId = record.identifier('certificateId') ?? record.identifier('id') ?? idOf(certificateArn);
  if (!certificateId)
    throw new FieldError(record.pathOf('certificateId'), 'expected the certificate id, got none');
  return {
    resourceType: CA_CERTIFICATE,
    resourceId: certificateArn,
    arn: certificateArn,
    ...scopeOf(certificateArn),
    name: certificateId,
    tags: {},
    source,
    certificateArn,
    certificateId,
    status: record.string('status'),
    certificateMode: record.string('certificateMode'),
    ...(described ? { described: true as const, ...certificateFacts(record) } : {}),
  };
}

const isCaArn = (arn: string | undefined) => arn !== undefined && /:cacert\//.test(arn);

/** `certificates` of list-certificates, list-certificates-by-ca or list-ca-certificates: each by its ARN. */
export function readCertificateList(
  records: Fields[],
  format: string,
  label: string,
  out: InventoryBuilder,
): void {
  out.eachRecord(format, 'certificate', records, (record) => {
    out.resources.push(
      isCaArn(record.string('certificateArn'))
        ? mapCaCertificate(record, label, false)
        : mapCertificate(record, label, false),
    );
  });
}

/** The refusal of an input that carries a private key; names where, never what. */
const PRIVATE_KEY_REFUSED =
  'carries a private key (keyPair.PrivateKey, as create-keys-and-certificate returns it): transit-guard never reads private keys; the certificate is left out. Pass `aws iot describe-certificate` output instead, and keep the key on the device';

/**
 * describe-certificate or describe-ca-certificate, the whole document: `certificateDescription`, and `things`
 * where the user joined list-principal-things output to it (`jq -s add`), naming the things it is attached to.
 */
export function readCertificateDocument(
  documents: Fields[],
  format: string,
  label: string,
  out: InventoryBuilder,
): void {
  for (const document of documents) {
    if (document.has('keyPair')) {
      out.error(`${format}: ${PRIVATE_KEY_REFUSED}`);
      continue;
    }
    out.guard(format, 'certificate', () => {
      const description = document.object('certificateDescription');
      if (!description) return;
      if (isCaArn(description.string('certificateArn'))) {
        out.resources.push(mapCaCertificate(description, label, true));
        return;
      }
      out.resources.push(mapCertificate(description, label, true, document.strings('things')));
    });
  }
}

/** A domain configuration: DescribeDomainConfiguration output, a ListDomainConfigurations summary or a Config item. */
export function mapDomainConfiguration(record: Fields, source: string): IotDomainConfiguration {
  const domainConfigurationArn = requireString(record, 'domainConfigurationArn');
  const domainConfigurationName =
    record.identifier('domainConfigurationName') ??
    domainConfigurationArn.split('/').pop() ??
    domainConfigurationArn;
  return {
    resourceType: DOMAIN_CONFIGURATION,
    resourceId: domainConfigurationArn,
    arn: domainConfigurationArn,
    ...scopeOf(domainConfigurationArn),
    name: domainConfigurationName,
    tags: {},
    source,
    domainConfigurationArn,
    domainConfigurationName,
    domainName: record.string('domainName'),
    domainType: record.string('domainType'),
    serviceType: record.string('serviceType'),
    domainConfigurationStatus: record.string('domainConfigurationStatus'),
    securityPolicy: record.object('tlsConfig')?.identifier('securityPolicy'),
  };
}

export function readDomainConfigurations(
  records: Fields[],
  format: string,
  label: string,
  out: InventoryBuilder,
): void {
  out.eachRecord(format, 'domain configuration', records, (record) => {
    out.resources.push(mapDomainConfiguration(record, label));
  });
}

export function readCoreDevices(
  records: Fields[],
  format: string,
  _label: string,
  out: InventoryBuilder,
): void {
  const list = pendingList(out.pending, CORE_DEVICES);
  out.eachRecord(format, 'core device', records, (record) => {
    list.push({ thingName: requireString(record, 'coreDeviceThingName') });
  });
}
