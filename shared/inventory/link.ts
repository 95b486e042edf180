import { FAMILIES } from '../families/index.js';
import type { Resource } from '../model/resource.js';
import type { ResolvedTlsPolicy } from '../tls/catalog.js';
import { emptyPending } from './builder.js';
import { dedupeResources } from './dedupe.js';
import type { Inventory } from './types.js';

function dedupePolicies(policies: readonly ResolvedTlsPolicy[]): ResolvedTlsPolicy[] {
  const byName = new Map<string, ResolvedTlsPolicy>();
  for (const policy of policies) byName.set(policy.name, policy);
  return [...byName.values()];
}

/**
 * Applied once all inputs are merged: one record per resource (dedupeResources: the newest AWS Config
 * state; descriptions that contradict each other without saying which is newer each kept), then each
 * family's link step (FamilyInputs.link: a listener gets its load balancer's type and name, a tunnel what
 * it negotiated, ...). Consumes `pending`.
 */
export function linkInventory(inventory: Inventory): Inventory {
  const pending = inventory.pending ?? emptyPending();
  const errors = [...inventory.errors];
  const resources = dedupeResources(inventory.resources, errors);
  // Each family links its own resources, in registry order (which orders the errors it reports).
  const linkedBy = new Map<Resource, Resource>();
  for (const family of FAMILIES) {
    const linked = family.inputs.link?.(resources, pending, errors);
    for (const [resource, replacement] of linked ?? []) linkedBy.set(resource, replacement);
  }
  const linked = resources.map((resource) => linkedBy.get(resource) ?? resource);
  return {
    resources: linked,
    errors,
    tlsPolicies: dedupePolicies(inventory.tlsPolicies),
    ...(inventory.skipped ? { skipped: inventory.skipped } : {}),
  };
}

/**
 * Every family's joinUsers step over resources read apart (the live sweep's regions): an IAM server certificate,
 * read in us-east-1 only, learns which listeners of every region serve it. Returns the resources in order, each
 * replaced by its joined record where a step joined it.
 */
export function joinUsers(resources: readonly Resource[]): Resource[] {
  const joinedBy = new Map<Resource, Resource>();
  for (const family of FAMILIES) {
    for (const [resource, replacement] of family.inputs.joinUsers?.(resources) ?? [])
      joinedBy.set(resource, replacement);
  }
  if (joinedBy.size === 0) return [...resources];
  return resources.map((resource) => joinedBy.get(resource) ?? resource);
}
