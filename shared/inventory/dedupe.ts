import type { Resource, VpnTunnel } from '../model/resource.js';

/** Objects merged key by key rather than replaced. */
const MAP_FIELDS = new Set(['tags', 'memberPortEncryptionStatus']);

function isEmpty(value: unknown): boolean {
  return Array.isArray(value) && value.length === 0;
}

function joinSources(earlier: string, later: string): string {
  return earlier.split(', ').includes(later) ? earlier : `${earlier}, ${later}`;
}

function mergeFields<T extends object>(earlier: T, later: T): T {
  const merged: Record<string, unknown> = { ...(earlier as Record<string, unknown>) };
  for (const [key, value] of Object.entries(later)) {
    const previous = merged[key];
    if (value === undefined) continue;
    if (isEmpty(value) && Array.isArray(previous) && previous.length > 0) continue;
    merged[key] = MAP_FIELDS.has(key) ? { ...(previous as object), ...(value as object) } : value;
  }
  return merged as T;
}

const knownIp = (tunnel: VpnTunnel) => tunnel.outsideIpAddress !== '';
const withOptions = (tunnels: readonly VpnTunnel[]) => tunnels.filter((tunnel) => tunnel.options).length;

/**
 * Tunnels are joined by outside IP address. When either side has a tunnel without one, nothing can be
 * joined safely: the list with more tunnel options known is kept (the later one on a tie).
 */
function mergeTunnels(earlier: VpnTunnel[], later: VpnTunnel[]): VpnTunnel[] {
  if (earlier.length === 0) return later;
  if (later.length === 0) return earlier;
  if (!earlier.every(knownIp) || !later.every(knownIp)) {
    return withOptions(earlier) > withOptions(later) ? earlier : later;
  }
  const merged = earlier.map((tunnel) => {
    const match = later.find((candidate) => candidate.outsideIpAddress === tunnel.outsideIpAddress);
    return match ? mergeFields(tunnel, match) : tunnel;
  });
  const added = later.filter(
    (tunnel) => !earlier.some((old) => old.outsideIpAddress === tunnel.outsideIpAddress),
  );
  return [...merged, ...added];
}

/** The same resource from two inputs: the later record wins field by field, absent and empty fields excepted. */
export function mergeResources<T extends Resource>(earlier: T, later: T): T {
  const merged = mergeFields(earlier, later);
  // An ARN beats a bare name (a classic load balancer described without its account).
  const resourceId = later.resourceId.startsWith('arn:') ? later.resourceId : earlier.resourceId;
  const result: T = { ...merged, resourceId, source: joinSources(earlier.source, later.source) };
  if (
    result.resourceType === 'AWS::EC2::VPNConnection' &&
    earlier.resourceType === 'AWS::EC2::VPNConnection'
  ) {
    const tunnels = later.resourceType === 'AWS::EC2::VPNConnection' ? later.tunnels : [];
    return { ...result, tunnels: mergeTunnels(earlier.tunnels, tunnels) };
  }
  return result;
}

function keyOf(resource: Resource): string {
  return `${resource.resourceType}|${resource.resourceId}`;
}

/**
 * A classic load balancer known only by name (its account was not in the input) joins the one record
 * of that name that has an ARN, in the same region when the region is known.
 */
function classicByNameKey(resource: Resource, byKey: Map<string, Resource>): string | undefined {
  if (
    resource.resourceType !== 'AWS::ElasticLoadBalancing::LoadBalancer' ||
    resource.resourceId.startsWith('arn:')
  ) {
    return undefined;
  }
  const candidates = [...byKey.entries()].filter(
    ([, other]) =>
      other.resourceType === 'AWS::ElasticLoadBalancing::LoadBalancer' &&
      other.resourceId.startsWith('arn:') &&
      other.loadBalancerName === resource.loadBalancerName &&
      (resource.region === undefined || other.region === resource.region),
  );
  return candidates.length === 1 ? candidates[0]?.[0] : undefined;
}

/** One record per resource, in order of first appearance. */
export function dedupeResources(resources: readonly Resource[]): Resource[] {
  const byKey = new Map<string, Resource>();
  for (const resource of resources) {
    const key = keyOf(resource);
    const existing = byKey.get(key);
    byKey.set(key, existing ? mergeResources(existing, resource) : resource);
  }
  for (const [key, resource] of byKey) {
    const target = classicByNameKey(resource, byKey);
    if (!target) continue;
    byKey.delete(key);
    const existing = byKey.get(target);
    if (existing) byKey.set(target, mergeResources(resource, existing));
  }
  return [...byKey.values()];
}
