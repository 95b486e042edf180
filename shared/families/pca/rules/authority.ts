import { cannotVerify, notApplicable, type RuleOutcome } from '../../../rules/rule.js';
import type { PrivateCertificateAuthority } from '../model.js';

/**
 * CertificateAuthority.Status (https://docs.aws.amazon.com/privateca/latest/APIReference/API_CertificateAuthority.html),
 * compared exactly: Private CA writes them in upper case only.
 */
const STATUSES: readonly string[] = [
  'CREATING',
  'PENDING_CERTIFICATE',
  'ACTIVE',
  'DELETED',
  'DISABLED',
  'EXPIRED',
  'FAILED',
];

/** The name people know a CA by: its subject's common name and ARN, else the ARN. */
export function authorityLabel(authority: PrivateCertificateAuthority): string {
  return authority.commonName ? `${authority.commonName} (${authority.arn})` : authority.arn;
}

/**
 * The status gate of a rule: undefined when the CA is in one of `judged`; NOT_APPLICABLE for another Private CA
 * status; cannot be verified for a status Private CA does not have or none at all (never a pass). A CA known only
 * from an AWS Config item has no Status (the item records none): it is judged as if in `judged` (Config keeps
 * items of existing resources only; a deleted one is ResourceDeleted and skipped), and each rule says so.
 */
export function statusGate(
  authority: PrivateCertificateAuthority,
  judged: readonly string[],
  aspect: string,
): RuleOutcome | undefined {
  const { status } = authority;
  if (status === undefined && authority.fromConfigItem) return undefined;
  const label = authorityLabel(authority);
  if (status === undefined || !STATUSES.includes(status)) {
    const said = status === undefined ? 'no Status' : `the status ${JSON.stringify(status)}`;
    return cannotVerify(
      `Private CA ${label} has ${said}, which is not a Private CA status, so ${aspect} cannot be verified.`,
      { status: status ?? null, unknownStatus: true },
    );
  }
  if (judged.includes(status)) return undefined;
  return notApplicable(
    `Private CA ${label} has status ${status}: only ${judged.join(', ')} CAs are judged for ${aspect}.`,
  );
}

/** A reason's closing words when the CA's status is unknown because only its Config item was read. */
export function statusUnrecorded(authority: PrivateCertificateAuthority, assumed: string): string {
  return authority.status === undefined && authority.fromConfigItem
    ? ` Its AWS Config item records no Status: judged as ${assumed}.`
    : '';
}

/** The ACM certificates the inputs show it issued: they all stop validating with it. */
export function issuedCount(authority: PrivateCertificateAuthority): number {
  return authority.inUseBy?.length ?? 0;
}

/** SEC09-BP01 (certificate lifecycle) first-hand; SEC09-BP02 is what every rule of the catalog serves. */
export const PCA_FRAMEWORKS = [
  'AWS Well-Architected SEC09-BP01',
  'AWS Well-Architected SEC09-BP02',
  'NIST 800-53 SC-12',
  'NIST 800-53 SC-17',
];
