import { cannotVerify, notApplicable, type RuleOutcome } from '../../../rules/rule.js';
import type { AcmCertificate } from '../model.js';

// ACM writes every enum below in upper case only and documents no other spelling: each is compared exactly,
// so "expired" or "ISSUED " is a value ACM does not have, and its verdict cannot be verified.

/** CertificateDetail.Status. */
const STATUSES: readonly string[] = [
  'PENDING_VALIDATION',
  'ISSUED',
  'INACTIVE',
  'EXPIRED',
  'VALIDATION_TIMED_OUT',
  'REVOKED',
  'FAILED',
];

/** CertificateDetail.Type. */
export const CERTIFICATE_TYPES: readonly string[] = ['AMAZON_ISSUED', 'IMPORTED', 'PRIVATE'];

/** ACM statuses of a certificate that was never signed: no key or signature of it can ever serve traffic. */
const NEVER_ISSUED_STATUSES: readonly string[] = ['FAILED', 'VALIDATION_TIMED_OUT'];

/** Statuses that mean the certificate cannot (or can no longer) secure a connection. */
export const BAD_STATUSES: readonly string[] = ['FAILED', 'REVOKED', 'EXPIRED'];

/** The name people know a certificate by: its domain name, else the ARN. */
export function certificateLabel(certificate: AcmCertificate): string {
  return certificate.domainName ?? certificate.name ?? certificate.certificateArn;
}

/** NOT_APPLICABLE for a certificate that was never issued (FAILED, VALIDATION_TIMED_OUT); undefined otherwise. */
export function neverIssuedOutcome(certificate: AcmCertificate): RuleOutcome | undefined {
  const { status } = certificate;
  if (status === undefined || !NEVER_ISSUED_STATUSES.includes(status)) return undefined;
  return notApplicable(
    `Certificate ${certificateLabel(certificate)} was never issued (status ${status}), so nothing can use it.`,
  );
}

/** NON_COMPLIANT for a status ACM does not have, when the verdict depends on it; undefined otherwise. */
export function unknownStatusOutcome(certificate: AcmCertificate, aspect: string): RuleOutcome | undefined {
  const { status } = certificate;
  if (status === undefined || STATUSES.includes(status)) return undefined;
  return cannotVerify(
    `Certificate ${certificateLabel(certificate)} has the status ${JSON.stringify(status)}, which is not an ACM certificate status, so ${aspect} cannot be verified.`,
    { status, unknownStatus: true },
  );
}

/** True when a certificate is used by something, from whichever field the input had. */
export function certificateInUse(certificate: AcmCertificate): boolean {
  return (certificate.inUseBy?.length ?? 0) > 0 || certificate.inUse === true;
}

/** Whether the certificate is used, from whichever field the input had; undefined when it has neither. */
export function knownInUse(certificate: AcmCertificate): boolean | undefined {
  if (certificate.inUseBy === undefined && certificate.inUse === undefined) return undefined;
  return certificateInUse(certificate);
}

/** Why a verdict that depends on use cannot be reached: the input says nothing of it. */
export const IN_USE_NOT_GIVEN = 'the input does not say whether it is in use (no InUseBy or InUse)';
