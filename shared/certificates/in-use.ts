/**
 * "In use by" across families, kept generic: a certificate (or a CA) is used by every resource of another type
 * whose record names its ARN in any field (a listener's Certificates[].CertificateArn or SSLCertificateId, an ACM
 * certificate's CertificateAuthorityArn). The certificate families call it from their link step, after the
 * inputs are merged, so no family names another.
 */
import type { Resource } from '../model/resource.js';

/** Deep enough for listener.certificates[].certificateArn; the models nest no deeper. */
const MAX_DEPTH = 3;

function collect(value: unknown, depth: number, wanted: (text: string) => boolean, found: Set<string>): void {
  if (typeof value === 'string') {
    if (wanted(value)) found.add(value);
    return;
  }
  if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return;
  for (const item of Array.isArray(value) ? value : Object.values(value))
    collect(item, depth + 1, wanted, found);
}

/** The strings of a record (nested as usersOf looks) that `wanted` accepts, other than its own resourceId. */
export function arnsNamedBy(resource: Resource, wanted: (text: string) => boolean): Set<string> {
  const found = new Set<string>();
  collect(resource, 0, wanted, found);
  found.delete(resource.resourceId);
  return found;
}

/**
 * For each ARN that `wanted` accepts and a resource of a type other than `ownType` names, the resourceIds of
 * those resources, in input order.
 */
export function usersOf(
  resources: readonly Resource[],
  ownType: string,
  wanted: (text: string) => boolean,
): Map<string, string[]> {
  const users = new Map<string, string[]>();
  // No certificate of the family in the inputs: nothing to find users for, and no walk over every resource (an
  // inventory may hold a million IoT certificates).
  if (!resources.some((resource) => resource.resourceType === ownType)) return users;
  for (const resource of resources) {
    if (resource.resourceType === ownType) continue;
    const found = arnsNamedBy(resource, wanted);
    for (const arn of found) {
      const list = users.get(arn) ?? [];
      if (!list.includes(resource.resourceId)) list.push(resource.resourceId);
      users.set(arn, list);
    }
  }
  return users;
}
