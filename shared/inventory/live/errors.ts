import { FAMILIES } from '../../families/index.js';
import { redactSecretText } from '../../report/slack/message.js';
import type { InputError } from '../types.js';

/** A failed call, with the operation and the resource it was about, for the error report. */
export class ApiCallError extends Error {
  override name = 'ApiCallError';
  constructor(
    readonly operation: string,
    readonly subject: string,
    override readonly cause: unknown,
  ) {
    super(`${operation} ${subject}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/** Error names and codes AWS answers when the resource does not exist (any more): common ones and each family's. */
const NOT_FOUND = new Set([
  'ResourceNotFoundException',
  'ResourceNotDiscoveredException',
  ...FAMILIES.flatMap((family) => family.live.notFoundCodes ?? []),
]);

/** Answers meaning "this API is not available to us here": permissions, partition or region support. */
const UNAVAILABLE = new Set([
  'UnsupportedOperation',
  'InvalidAction',
  'UnauthorizedOperation',
  'AccessDenied',
  'AccessDeniedException',
]);

function errorName(error: unknown): string {
  if (error instanceof Error) return (error as Error & { Code?: string }).Code ?? error.name;
  return 'Error';
}

/** Not found by a common code, or by a family's own reading of its service's errors (Family.live.isNotFound). */
export function isNotFound(error: unknown): boolean {
  const name = errorName(error);
  if (NOT_FOUND.has(name) || (error instanceof Error && NOT_FOUND.has(error.name))) return true;
  return FAMILIES.some((family) => family.live.isNotFound?.(error) === true);
}

export function isUnavailable(error: unknown): boolean {
  return UNAVAILABLE.has(errorName(error)) || (error instanceof Error && UNAVAILABLE.has(error.name));
}

/**
 * The error of one API call about one resource (or one region, for a listing call). AWS error messages can quote a
 * request's values back, and this text reaches logs, findings and Slack: its secrets are blanked.
 */
export function apiError(operation: string, subject: string, error: unknown): InputError {
  const message = redactSecretText(error instanceof Error ? error.message : String(error));
  return { source: `api:${operation} ${subject}`, message: `${errorName(error)}: ${message}` };
}
