import type { AcmCertificate } from '../../model/resource.js';
import { notApplicable, type RuleOutcome } from '../rule.js';

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

/** "1 day", "3 days". */
export function days(count: number): string {
  return `${count} ${Math.abs(count) === 1 ? 'day' : 'days'}`;
}
