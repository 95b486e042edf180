/** What the iot-certificate-* rules share: labels, the status enums, use by things, and the rotation guidance. */
import { cannotVerify, type RuleOutcome } from '../../../rules/rule.js';
import type { IotCaCertificate, IotCertificate } from '../model.js';

/** CertificateStatus (https://docs.aws.amazon.com/iot/latest/apireference/API_CertificateDescription.html). */
const CERTIFICATE_STATUSES: readonly string[] = [
  'ACTIVE',
  'INACTIVE',
  'REVOKED',
  'PENDING_TRANSFER',
  'REGISTER_INACTIVE',
  'PENDING_ACTIVATION',
];

/**
 * CACertificateStatus (https://docs.aws.amazon.com/iot/latest/apireference/API_CACertificate.html): ACTIVE |
 * INACTIVE, and REGISTER_INACTIVE, which the page calls deprecated yet older outputs may hold.
 */
const CA_STATUSES: readonly string[] = ['ACTIVE', 'INACTIVE', 'REGISTER_INACTIVE'];

export function certificateLabel(certificate: IotCertificate | IotCaCertificate): string {
  return certificate.resourceType === 'AWS::IoT::CACertificate'
    ? `IoT CA certificate ${certificate.certificateId}`
    : `IoT certificate ${certificate.certificateId}`;
}

/**
 * NON_COMPLIANT (cannot be verified) when the status is missing or not an AWS IoT status; undefined otherwise.
 * IoT writes its enums in upper case only, so any other spelling is a value IoT does not have.
 */
export function unknownStatusOutcome(
  certificate: IotCertificate | IotCaCertificate,
  aspect: string,
): RuleOutcome | undefined {
  const { status } = certificate;
  const known = certificate.resourceType === 'AWS::IoT::CACertificate' ? CA_STATUSES : CERTIFICATE_STATUSES;
  if (status !== undefined && known.includes(status)) return undefined;
  const what =
    status === undefined
      ? 'the input does not give its status'
      : `its status ${JSON.stringify(status)} is not an AWS IoT certificate status`;
  return cannotVerify(`${certificateLabel(certificate)}: ${what}, so ${aspect} cannot be verified.`, {
    status: status ?? null,
    unknownStatus: true,
  });
}

/** The things and Greengrass core devices that use the certificate, in words; '' when none is known. */
export function usedBy(certificate: IotCertificate): string {
  const things = certificate.things ?? [];
  if (things.length === 0) return '';
  const cores = new Set(certificate.coreDevices ?? []);
  const named = things.map((thing) => (cores.has(thing) ? `${thing} (Greengrass core device)` : thing));
  return `attached to ${named.length === 1 ? 'thing' : 'things'} ${named.join(', ')}`;
}

/** The facts of use for a finding's details. */
export function useDetails(certificate: IotCertificate) {
  return {
    things: certificate.things ?? null,
    coreDevices: certificate.coreDevices ?? [],
    inUse: certificate.things === undefined ? null : certificate.things.length > 0,
  };
}

/**
 * How a device certificate is rotated, and what that restarts (AWS IoT Developer Guide, "Create AWS IoT client
 * certificates" and "Attach a thing or policy to a client certificate"; Greengrass v2 "Rotate certificates").
 */
export const ROTATION_GUIDANCE =
  'Rotate the certificate: issue a new one (aws iot create-certificate-from-csr --certificate-signing-request file://device.csr --set-as-active), attach it to the same things and policies (aws iot attach-thing-principal --thing-name <thing> --principal <new certificate ARN>; aws iot attach-policy --policy-name <policy> --target <new certificate ARN>), install it on the device, then deactivate the old one (aws iot update-certificate --certificate-id <old id> --new-status INACTIVE). Installing it restarts the device MQTT connection; on a Greengrass core device it restarts the Greengrass nucleus and its components.';

/*
 * Why a list summary is not judged, one constant sentence each: an account may list a million summaries, and the
 * evaluation names the certificate already (resourceId), so the reason does not repeat its 64-character id.
 */
export const SUMMARY_HAS_NO_VALIDITY =
  'A list-certificates summary has no validity (describe-certificate has).';
export const SUMMARY_HAS_NO_CA =
  'A list-certificates summary does not name its CA (describe-certificate does).';
export const SUMMARY_HAS_NO_PEM = 'A list summary has no certificatePem (describe output has).';
