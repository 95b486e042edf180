import type { InputError } from '../types.js';

/** Error names and codes AWS answers when the resource does not exist (any more). */
const NOT_FOUND = new Set([
  'ListenerNotFound',
  'ListenerNotFoundException',
  'LoadBalancerNotFound',
  'LoadBalancerNotFoundException',
  'AccessPointNotFound',
  'AccessPointNotFoundException',
  'InvalidVpnConnectionID.NotFound',
  'ResourceNotFoundException',
  'ResourceNotDiscoveredException',
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

export function isNotFound(error: unknown): boolean {
  const name = errorName(error);
  if (NOT_FOUND.has(name) || (error instanceof Error && NOT_FOUND.has(error.name))) return true;
  // Direct Connect has no not-found error: a DirectConnectClientException says so in words.
  return (
    name === 'DirectConnectClientException' &&
    error instanceof Error &&
    /does not exist|not found/i.test(error.message)
  );
}

export function isUnavailable(error: unknown): boolean {
  return UNAVAILABLE.has(errorName(error)) || (error instanceof Error && UNAVAILABLE.has(error.name));
}

/** The error of one API call about one resource (or one region, for a listing call). */
export function apiError(operation: string, subject: string, error: unknown): InputError {
  const message = error instanceof Error ? error.message : String(error);
  return { source: `api:${operation} ${subject}`, message: `${errorName(error)}: ${message}` };
}
