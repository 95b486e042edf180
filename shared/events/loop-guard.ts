import type { Actor } from '../model/ref.js';

/** The identity transit-guard acts as when it changes resources. */
export interface OwnIdentity {
  /** The remediation role's ARN exactly as CloudTrail's sessionIssuer.arn shows it (with its path). */
  roleArn: string;
  /** When given, only these session names count as transit-guard's own. */
  sessionNames?: readonly string[];
}

/**
 * True only when the change was made by transit-guard itself: an assumed role whose issuer ARN is
 * exactly `own.roleArn` (no prefix or substring match) and, if `own.sessionNames` is given, whose
 * session name is one of them. Such events must not trigger another remediation.
 */
export function isOwnAction(actor: Actor | undefined, own: OwnIdentity): boolean {
  if (actor?.type !== 'AssumedRole' || own.roleArn === '' || actor.roleArn !== own.roleArn) return false;
  if (own.sessionNames === undefined) return true;
  return actor.sessionName !== undefined && own.sessionNames.includes(actor.sessionName);
}
