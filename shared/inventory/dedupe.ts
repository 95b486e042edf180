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
  // Not a spread: properties added to a spread copy give each merged record a V8 map of its own.
  const merged: Record<string, unknown> = Object.assign({}, earlier as Record<string, unknown>);
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

const CLASSIC = 'AWS::ElasticLoadBalancing::LoadBalancer';

/**
 * A classic load balancer known only by name (its account was not in the input) joins the one record
 * of that name that has an ARN, in the same region when the region is known. `records` is changed in
 * place: the joined record takes the place of the one with the ARN, and its own place is emptied.
 */
function joinClassicsByName(records: (Resource | undefined)[]): void {
  // The records with an ARN, by name; the regions are read when a name is joined, as joining fills them in.
  const withArn = new Map<string, number[]>();
  const byName: number[] = [];
  records.forEach((record, position) => {
    if (record?.resourceType !== CLASSIC) return;
    if (!record.resourceId.startsWith('arn:')) {
      byName.push(position);
      return;
    }
    const positions = withArn.get(record.loadBalancerName);
    if (positions) positions.push(position);
    else withArn.set(record.loadBalancerName, [position]);
  });
  for (const position of byName) {
    const resource = records[position] as Extract<Resource, { resourceType: typeof CLASSIC }>;
    const candidates = (withArn.get(resource.loadBalancerName) ?? []).filter(
      (candidate) => resource.region === undefined || records[candidate]?.region === resource.region,
    );
    const [target] = candidates;
    if (candidates.length !== 1 || target === undefined) continue;
    records[position] = undefined;
    records[target] = mergeResources(resource, records[target] as Resource);
  }
}

/** One record per resource, in order of first appearance. */
export function dedupeResources(resources: readonly Resource[]): Resource[] {
  // Where each resource's record is, by type and id (no key string is built per resource).
  const positions = new Map<string, Map<string, number>>();
  const records: (Resource | undefined)[] = [];
  for (const resource of resources) {
    let ids = positions.get(resource.resourceType);
    if (!ids) {
      ids = new Map();
      positions.set(resource.resourceType, ids);
    }
    const position = ids.get(resource.resourceId);
    if (position === undefined) {
      ids.set(resource.resourceId, records.length);
      records.push(resource);
    } else {
      records[position] = mergeResources(records[position] as Resource, resource);
    }
  }
  joinClassicsByName(records);
  return records.filter((record): record is Resource => record !== undefined);
}
