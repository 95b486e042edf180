/**
 * The secrets of every family, as the AWS APIs (and CloudTrail) name their fields, and what plants them beside every
 * object of an input or an API answer: shared by the security suites (test/security) so each drives the same
 * markers through its own path.
 */
import { FAMILIES } from '../../shared/families/index.js';
import type { RemediationCall } from '../../shared/model/evaluation.js';

export const MARKER = 'TgCanary';

/** The secret a field name holds, by name, as the AWS APIs (and CloudTrail) spell it. */
export const SECRET_FIELDS: Record<string, unknown> = {
  // EC2 VPN: DescribeVpnConnections / CreateVpnConnection.
  PreSharedKey: `${MARKER}Psk01`,
  preSharedKey: `${MARKER}Psk02`,
  CustomerGatewayConfiguration: `<vpn_connection><pre_shared_key>${MARKER}Cgw01</pre_shared_key></vpn_connection>`,
  customerGatewayConfiguration: `<vpn_connection><pre_shared_key>${MARKER}Cgw02</pre_shared_key></vpn_connection>`,
  // IAM UploadServerCertificate, ACM ImportCertificate / ExportCertificate, IoT key pairs.
  PrivateKey: `-----BEGIN PRIVATE KEY-----${MARKER}Key01-----END PRIVATE KEY-----`,
  privateKey: `-----BEGIN PRIVATE KEY-----${MARKER}Key02-----END PRIVATE KEY-----`,
  Passphrase: `${MARKER}Passphrase`,
  // DataSync: SMB Password, object-storage SecretKey, Azure Blob SAS token, HDFS Kerberos keytab and krb5.conf.
  Password: `${MARKER}SmbPassword`,
  SecretKey: `${MARKER}ObjectSecretKey`,
  SasConfiguration: { Token: `${MARKER}SasToken` },
  KerberosKeytab: `${MARKER}Keytab`,
  KerberosKrb5Conf: `[realms] ${MARKER}Krb5`,
  // RDS CreateDBInstance / ModifyDBInstance.
  MasterUserPassword: `${MARKER}MasterPassword`,
  masterUserPassword: `${MARKER}MasterPassword2`,
  // Direct Connect: BGP MD5 key of a virtual interface, MACsec CAK.
  authKey: `${MARKER}BgpAuthKey`,
  cak: `${MARKER}MacsecCak`,
  // CloudFront origin custom header values (often the secret an origin checks).
  HeaderValue: `${MARKER}OriginHeaderValue`,
  // ELBv2 authenticate-oidc action, API Gateway API key value.
  ClientSecret: `${MARKER}OidcClientSecret`,
  value: `${MARKER}ApiKeyValue`,
  // A webhook URL where text is free.
  SlackWebhook: `https://hooks.slack.com/services/T0CANARY1/B0CANARY2/${MARKER}Webhook`,
};

/**
 * Adds the secret fields beside every object's own (an object's own field of the same name stays), tag maps
 * aside (their keys are data).
 */
export function plant(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => plant(item, key));
  // Plain objects only: Dates and byte arrays of SDK answers stay as they are.
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype)
    return value;
  const entries = Object.entries(value).map(([name, item]) => [name, plant(item, name)]);
  if (/^tags?$/i.test(key)) return Object.fromEntries(entries);
  return { ...SECRET_FIELDS, ...Object.fromEntries(entries) };
}

/** The planted markers found in `text` (empty when it is clean). */
export function leaks(text: string): string[] {
  return [...new Set(text.match(new RegExp(`${MARKER}\\w*`, 'g')) ?? [])];
}

/**
 * A write call of the finding's own family (its first command) whose input carries `secrets`, at the top and nested,
 * as a plan built from a described configuration (a distribution's origin headers, a tunnel's options) would.
 */
export function secretBearingCall(
  finding: { ruleId: string; resourceId: string },
  secrets: Record<string, unknown>,
): RemediationCall {
  const family = FAMILIES.find((candidate) => finding.ruleId.startsWith(`${candidate.ruleFamily}-`));
  const [command, entry] = Object.entries(family?.commands ?? {})[0] ?? ['Modify', { service: 'ec2' }];
  return { service: entry.service, command, input: { Id: finding.resourceId, Options: secrets, ...secrets } };
}
