import type { InventoryBuilder } from '../../inventory/builder.js';
import { type FamilyInputs, type PendingKind, pendingList } from '../../inventory/family-inputs.js';
import type { Fields } from '../../inventory/fields.js';
import { mergeFields, unionBy } from '../../inventory/merge.js';
import type { InputError } from '../../inventory/types.js';
import type { Resource } from '../../model/resource.js';
import {
  mapClassicLoadBalancer,
  mapClassicPolicy,
  readClassicLoadBalancers,
  readConfigClassicPolicies,
} from './describe.js';
import type { ClassicListener, ClassicLoadBalancer, ClassicPolicy } from './model.js';

const LOAD_BALANCER = 'AWS::ElasticLoadBalancing::LoadBalancer';

/**
 * A DescribeLoadBalancerPolicies policy; the output does not say which load balancer it came from.
 * @internal Tests type the pending links they inspect with it.
 */
export interface PendingClassicPolicy {
  policy: ClassicPolicy;
  source: string;
}

const CLASSIC_POLICIES: PendingKind<PendingClassicPolicy> = {
  key: 'classicPolicies',
  label: 'classic load balancer policies',
};

function readClassicPolicies(records: Fields[], label: string, out: InventoryBuilder): void {
  out.eachRecord('elb describe-load-balancer-policies', 'policy', records, (record) => {
    pendingList(out.pending, CLASSIC_POLICIES).push({ policy: mapClassicPolicy(record), source: label });
  });
}

/** What a classic policy says, to tell two descriptions of one policy name apart. */
function classicPolicyKey(policy: ClassicPolicy): string {
  const attributes = [...policy.attributes].sort((a, b) => a.name.localeCompare(b.name));
  return JSON.stringify([policy.policyTypeName ?? '', attributes.map((a) => [a.name, a.value])]);
}

const isClassic = (resource: Resource): resource is ClassicLoadBalancer =>
  resource.resourceType === LOAD_BALANCER;

/**
 * DescribeLoadBalancerPolicies does not say which load balancer a policy belongs to: a policy goes to
 * the load balancers whose listeners name it, unless the input describes that name in two different ways.
 */
function linkClassic(
  resources: readonly Resource[],
  pending: readonly PendingClassicPolicy[],
  errors: InputError[],
): Map<Resource, Resource> {
  const byName = new Map<string, PendingClassicPolicy[]>();
  for (const entry of pending) {
    const list = byName.get(entry.policy.policyName) ?? [];
    if (!list.some((other) => classicPolicyKey(other.policy) === classicPolicyKey(entry.policy))) {
      list.push(entry);
    }
    byName.set(entry.policy.policyName, list);
  }
  const reported = new Set<string>();
  const linked = new Map<Resource, Resource>();
  for (const loadBalancer of resources.filter(isClassic)) {
    const named = new Set(loadBalancer.listeners.flatMap((listener) => listener.policyNames));
    const own = new Set(loadBalancer.policies.map((policy) => policy.policyName));
    const added: ClassicPolicy[] = [];
    for (const name of named) {
      const candidates = byName.get(name);
      if (own.has(name) || !candidates) continue;
      const [only, ...others] = candidates;
      if (only && others.length === 0) {
        added.push(only.policy);
      } else if (only && !reported.has(name)) {
        reported.add(name);
        errors.push({
          source: candidates.map((candidate) => candidate.source).join(', '),
          message: `classic load balancer policy ${name} is described differently in these inputs, and DescribeLoadBalancerPolicies output does not say which load balancer each belongs to: neither is used`,
        });
      }
    }
    linked.set(loadBalancer, { ...loadBalancer, policies: [...loadBalancer.policies, ...added] });
  }
  return linked;
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

export const elbInputs: FamilyInputs = {
  formats: [
    {
      key: 'LoadBalancerDescriptions',
      format: 'elb describe-load-balancers',
      read: (records, _format, label, out) => readClassicLoadBalancers(records, label, out),
    },
    {
      key: 'PolicyDescriptions',
      format: 'elb describe-load-balancer-policies',
      read: (records, _format, label, out) => readClassicPolicies(records, label, out),
    },
  ],
  configItems: {
    [LOAD_BALANCER]: ({ configuration, item, resourceId, scope, supplementary, label }) => {
      const policies = readConfigClassicPolicies(supplementary);
      const named = configuration.withDefault(
        'LoadBalancerName',
        item.identifier('resourceName') ?? resourceId,
      );
      return mapClassicLoadBalancer(named, label, scope, policies);
    },
  },
  pending: [CLASSIC_POLICIES],
  link: (resources, pending, errors) =>
    linkClassic(resources, pendingList(pending, CLASSIC_POLICIES), errors),
  mergeLists: {
    [LOAD_BALANCER]: (earlier, later, merged, conflict) => {
      const [a, b] = [earlier as ClassicLoadBalancer, later as ClassicLoadBalancer] as const;
      const joined = merged as ClassicLoadBalancer;
      return {
        ...joined,
        listeners: mergeClassicListeners(joined.loadBalancerName, a.listeners, b.listeners, conflict),
        policies: mergeClassicPolicies(a.policies, b.policies, conflict),
      };
    },
  },
  // A classic load balancer described without its account is known by its name only.
  nameOf: { [LOAD_BALANCER]: (resource) => (resource as ClassicLoadBalancer).loadBalancerName },
};
