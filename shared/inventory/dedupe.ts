import type { ClassicListener, ClassicPolicy } from '../families/elb/model.js';
import type { VpnTunnel } from '../families/vpn/model.js';
import type { Resource } from '../model/resource.js';
import type { InputError } from './types.js';

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

/**
 * A list whose entries name themselves (certificates by ARN, rules by ARN, member ids): entries of both
 * inputs are kept, the later description of an entry replacing the earlier one in its place.
 */
function unionBy<T>(
  earlier: readonly T[] | undefined,
  later: readonly T[] | undefined,
  keyOf: (entry: T) => string,
): T[] | undefined {
  if (!earlier || !later) return (later ?? earlier)?.slice();
  const laterByKey = new Map(later.map((entry) => [keyOf(entry), entry]));
  const merged = earlier.map((entry) => laterByKey.get(keyOf(entry)) ?? entry);
  const earlierKeys = new Set(earlier.map(keyOf));
  for (const entry of later) if (!earlierKeys.has(keyOf(entry))) merged.push(entry);
  return merged;
}

const itself = (value: string) => value;

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

const sameText = (a: string | undefined, b: string | undefined) =>
  a === undefined || b === undefined || a.toUpperCase() === b.toUpperCase();

const sameNames = (a: readonly string[], b: readonly string[]) =>
  a.length === 0 ||
  b.length === 0 ||
  (a.every((name) => b.includes(name)) && b.every((name) => a.includes(name)));

/** Two descriptions of one load balancer port that can be the same listener (what one leaves out, the other may say). */
function sameClassicListener(a: ClassicListener, b: ClassicListener): boolean {
  return (
    sameText(a.protocol, b.protocol) &&
    sameText(a.instanceProtocol, b.instanceProtocol) &&
    (a.instancePort === undefined || b.instancePort === undefined || a.instancePort === b.instancePort) &&
    (a.sslCertificateId === undefined ||
      b.sslCertificateId === undefined ||
      a.sslCertificateId === b.sslCertificateId) &&
    sameNames(a.policyNames, b.policyNames)
  );
}

function describeClassicListener(listener: ClassicListener): string {
  const backend = listener.instanceProtocol
    ? ` to ${listener.instanceProtocol}${listener.instancePort === undefined ? '' : `:${listener.instancePort}`}`
    : '';
  const certificate = listener.sslCertificateId ? `, certificate ${listener.sslCertificateId}` : '';
  const policies = listener.policyNames.length > 0 ? `, policies ${listener.policyNames.join(' ')}` : '';
  return `${listener.protocol}${backend}${certificate}${policies}`;
}

/**
 * Classic listeners are joined by load balancer port: a port only one input describes is kept, and one
 * port described in two ways keeps both descriptions (each is judged) and is reported, never guessed.
 */
function mergeClassicListeners(
  loadBalancerName: string,
  earlier: readonly ClassicListener[],
  later: readonly ClassicListener[],
  conflict: (message: string) => void,
): ClassicListener[] {
  const merged = earlier.slice();
  const reported = new Set<number>();
  for (const listener of later) {
    const port = listener.loadBalancerPort;
    const onPort = merged.filter((candidate) => candidate.loadBalancerPort === port);
    const same = onPort.find((candidate) => sameClassicListener(candidate, listener));
    if (same) {
      merged[merged.indexOf(same)] = mergeFields(same, listener);
      continue;
    }
    if (onPort.length > 0 && !reported.has(port)) {
      reported.add(port);
      const descriptions = [...onPort, listener].map(describeClassicListener).join('; ');
      conflict(
        `classic load balancer ${loadBalancerName}: ListenerDescriptions: LoadBalancerPort ${port} is described more than once, differently (${descriptions}): each description is judged, as the input does not say which is current`,
      );
    }
    merged.push(listener);
  }
  return merged;
}

/** What a classic policy says, to tell two descriptions of one policy name apart. */
export function classicPolicyKey(policy: ClassicPolicy): string {
  const attributes = [...policy.attributes].sort((a, b) => a.name.localeCompare(b.name));
  return JSON.stringify([policy.policyTypeName ?? '', attributes.map((a) => [a.name, a.value])]);
}

/** Policies are joined by name; a name described in two ways is reported and neither description is used. */
function mergeClassicPolicies(
  earlier: readonly ClassicPolicy[],
  later: readonly ClassicPolicy[],
  conflict: (message: string) => void,
): ClassicPolicy[] {
  const differing = new Set<string>();
  for (const policy of later) {
    const other = earlier.find((candidate) => candidate.policyName === policy.policyName);
    if (other && classicPolicyKey(other) !== classicPolicyKey(policy)) differing.add(policy.policyName);
  }
  for (const name of differing) {
    conflict(
      `classic load balancer policy ${name} is described differently in these inputs: neither is used`,
    );
  }
  const merged = unionBy(earlier, later, (policy) => policy.policyName) ?? [];
  return merged.filter((policy) => !differing.has(policy.policyName));
}

/** The lists of two records of one resource joined, each list by what names its entries. */
function joinLists(
  earlier: Resource,
  later: Resource,
  merged: Resource,
  conflict: (message: string) => void,
): Resource {
  // dedupeResources only merges records of one resource type.
  switch (earlier.resourceType) {
    case 'AWS::EC2::VPNConnection': {
      const other = later as typeof earlier;
      return { ...(merged as typeof earlier), tunnels: mergeTunnels(earlier.tunnels, other.tunnels) };
    }
    case 'AWS::ElasticLoadBalancing::LoadBalancer': {
      const other = later as typeof earlier;
      const name = (merged as typeof earlier).loadBalancerName;
      return {
        ...(merged as typeof earlier),
        listeners: mergeClassicListeners(name, earlier.listeners, other.listeners, conflict),
        policies: mergeClassicPolicies(earlier.policies, other.policies, conflict),
      };
    }
    case 'AWS::ElasticLoadBalancingV2::Listener': {
      const other = later as typeof earlier;
      return {
        ...(merged as typeof earlier),
        certificates: unionBy(earlier.certificates, other.certificates, (c) => c.certificateArn) ?? [],
        rules: unionBy(earlier.rules, other.rules, (rule) => rule.ruleArn),
      };
    }
    case 'AWS::DirectConnect::Lag': {
      const other = later as typeof earlier;
      const connectionIds = unionBy(earlier.connectionIds, other.connectionIds, itself) ?? [];
      return { ...(merged as typeof earlier), connectionIds };
    }
    case 'AWS::ACM::Certificate': {
      const other = later as typeof earlier;
      return { ...(merged as typeof earlier), inUseBy: unionBy(earlier.inUseBy, other.inUseBy, itself) };
    }
    default:
      return merged;
  }
}

/**
 * The same resource from two inputs: the later record wins field by field, absent and empty fields
 * excepted. Lists of things that name themselves are joined entry by entry, never replaced: VPN tunnels
 * (by outside IP), classic listeners (by port) and policies, listener certificates and rules, LAG
 * members, what a certificate is in use by. Lists that are one setting (default actions, ALPN policy,
 * the MACsec keys associated now) are the later input's. Contradicting inputs are reported in `errors`.
 * dedupeResources joins only records on which the order makes no difference.
 */
export function mergeResources<T extends Resource>(earlier: T, later: T, errors: InputError[]): T {
  const fields = mergeFields(earlier, later);
  // An ARN beats a bare name (a classic load balancer described without its account).
  const resourceId = later.resourceId.startsWith('arn:') ? later.resourceId : earlier.resourceId;
  const source = joinSources(earlier.source, later.source);
  const conflict = (message: string) => errors.push({ source, message });
  return joinLists(earlier, later, { ...fields, resourceId, source }, conflict) as T;
}

/** A value with its object keys sorted and its lists as sorted multisets: two inputs may list the same entries in another order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).sort().join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(record[key])}`).join(',')}}`;
}

/**
 * The fields two records of one resource contradict each other on: those that joining them gives
 * differently in either order (where a record came from is not what it says). None: each only adds what
 * the other leaves out, and they agree.
 */
function contradictions(a: Resource, b: Resource): string[] {
  const ab = mergeResources(a, b, []) as unknown as Record<string, unknown>;
  const ba = mergeResources(b, a, []) as unknown as Record<string, unknown>;
  const fields = new Set([...Object.keys(ab), ...Object.keys(ba)]);
  fields.delete('source');
  return [...fields].filter((field) => canonical(ab[field]) !== canonical(ba[field]));
}

const shortType = (type: string) => type.replace(/^AWS::/, '');

function conflictError(earlier: Resource, later: Resource, fields: readonly string[]): InputError {
  return {
    source: joinSources(earlier.source, later.source),
    message: `${shortType(later.resourceType)} ${later.resourceId} is described differently in these inputs (${fields.join(', ')}), and they do not say which is newer (an AWS Config item's configurationItemCaptureTime would): each description is judged`,
  };
}

/**
 * The records of one resource from several inputs. The newest AWS Config state wins over older ones,
 * whatever the order of the inputs. Records that agree are joined; records that contradict each other
 * and do not say which is newer are all kept (each is judged, so a weak state is never hidden by a strong
 * one) and reported.
 */
function resolveRecords(records: readonly Resource[], errors: InputError[]): Resource[] {
  const times = records.map((record) => (record.capturedAt ? Date.parse(record.capturedAt) : Number.NaN));
  const newest = Math.max(...times.filter((time) => !Number.isNaN(time)));
  const current = records.filter((_, index) => !((times[index] as number) < newest));
  const kept: Resource[] = [];
  for (const record of current) {
    const position = kept.findIndex((candidate) => contradictions(candidate, record).length === 0);
    if (position >= 0) {
      kept[position] = mergeResources(kept[position] as Resource, record, errors);
      continue;
    }
    const [first] = kept;
    if (first) errors.push(conflictError(first, record, contradictions(first, record)));
    kept.push(record);
  }
  return kept;
}

const CLASSIC = 'AWS::ElasticLoadBalancing::LoadBalancer';

/**
 * A classic load balancer known only by name (its account was not in the input) joins the one record
 * of that name that has an ARN, in the same region when the region is known, when the two agree.
 * `records` is changed in place: the joined record takes the place of the one with the ARN, and its own
 * place is emptied.
 */
function joinClassicsByName(records: (Resource | undefined)[], errors: InputError[]): void {
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
    const other = records[target] as Resource;
    // Compared as the same resource: the ARN the name-only record lacks is not a contradiction.
    const fields = contradictions({ ...resource, resourceId: other.resourceId }, other);
    if (fields.length > 0) {
      errors.push(conflictError(resource, other, fields));
      continue;
    }
    records[position] = undefined;
    records[target] = mergeResources(resource, other, errors);
  }
}

/**
 * One record per resource, in order of first appearance, unless inputs contradict each other without
 * saying which is newer: then each description is kept (and judged), and the contradiction goes to
 * `errors`. Never decided by which input comes last.
 */
export function dedupeResources(resources: readonly Resource[], errors: InputError[]): Resource[] {
  // The records of each resource, by type and id (no key string is built per resource).
  const positions = new Map<string, Map<string, number>>();
  const groups: Resource[][] = [];
  for (const resource of resources) {
    let ids = positions.get(resource.resourceType);
    if (!ids) {
      ids = new Map();
      positions.set(resource.resourceType, ids);
    }
    const position = ids.get(resource.resourceId);
    if (position === undefined) {
      ids.set(resource.resourceId, groups.length);
      groups.push([resource]);
    } else {
      (groups[position] as Resource[]).push(resource);
    }
  }
  const records: (Resource | undefined)[] = groups.flatMap((group) =>
    group.length === 1 ? group : resolveRecords(group, errors),
  );
  joinClassicsByName(records, errors);
  return records.filter((record): record is Resource => record !== undefined);
}
