import type { DxConnection, DxLag } from '../families/directconnect/model.js';
import type { ClassicLoadBalancer, ClassicPolicy } from '../families/elb/model.js';
import type { Elbv2Listener, ListenerRule, SiblingListener } from '../families/elbv2/model.js';
import { TUNNEL_STATUS_FORMAT } from '../families/vpn/describe.js';
import type { VpnConnection } from '../families/vpn/model.js';
import type { Resource } from '../model/resource.js';
import type { ResolvedTlsPolicy } from '../tls/catalog.js';
import { emptyPending } from './builder.js';
import { classicPolicyKey, dedupeResources } from './dedupe.js';
import type {
  Elbv2LoadBalancerInfo,
  InputError,
  Inventory,
  PendingClassicPolicy,
  PendingLinks,
  PendingTunnelStatus,
} from './types.js';

function loadBalancersByArn(infos: readonly Elbv2LoadBalancerInfo[]): Map<string, Elbv2LoadBalancerInfo> {
  const byArn = new Map<string, Elbv2LoadBalancerInfo>();
  for (const info of infos) byArn.set(info.loadBalancerArn, { ...byArn.get(info.loadBalancerArn), ...info });
  return byArn;
}

const priorityOrder = (rule: ListenerRule) => {
  const priority = Number(rule.priority);
  return Number.isFinite(priority) ? priority : Number.MAX_SAFE_INTEGER;
};

/** The non-default rules of each listener DescribeRules covered; a listener it did not cover has none known. */
function rulesByListener(pending: PendingLinks): Map<string, ListenerRule[]> {
  const byListener = new Map<string, Map<string, ListenerRule>>();
  for (const listenerArn of pending.rulesCovered) {
    if (!byListener.has(listenerArn)) byListener.set(listenerArn, new Map());
  }
  for (const { listenerArn, rule } of pending.rules) {
    // The default rule repeats the listener's DefaultActions.
    if (rule.isDefault) continue;
    byListener.get(listenerArn)?.set(rule.ruleArn, rule);
  }
  return new Map(
    [...byListener].map(([arn, rules]) => [
      arn,
      [...rules.values()].sort((a, b) => priorityOrder(a) - priorityOrder(b)),
    ]),
  );
}

function linkListeners(listeners: Elbv2Listener[], pending: PendingLinks): Map<Elbv2Listener, Elbv2Listener> {
  const infos = loadBalancersByArn(pending.loadBalancers);
  const rules = rulesByListener(pending);
  // Each listener as its siblings see it, made once and shared by their lists (which nothing changes).
  const byLoadBalancer = new Map<string, SiblingListener[]>();
  for (const { listenerArn, protocol, port, loadBalancerArn } of listeners) {
    const entry = { listenerArn, protocol, port };
    const group = byLoadBalancer.get(loadBalancerArn);
    if (group) group.push(entry);
    else byLoadBalancer.set(loadBalancerArn, [entry]);
  }
  // By record, not ARN: two descriptions of one listener that contradict each other are both judged.
  const linked = new Map<Elbv2Listener, Elbv2Listener>();
  for (const listener of listeners) {
    const info = infos.get(listener.loadBalancerArn);
    // mapListener already read both from the listener ARN; DescribeLoadBalancers is the authority.
    const loadBalancerName = info?.loadBalancerName ?? listener.loadBalancerName;
    const loadBalancerType = info?.loadBalancerType ?? listener.loadBalancerType;
    const siblings: SiblingListener[] = [];
    for (const other of byLoadBalancer.get(listener.loadBalancerArn) ?? []) {
      if (other.listenerArn !== listener.listenerArn) siblings.push(other);
    }
    const known = rules.get(listener.listenerArn);
    const listenerRules = known
      ? [...new Map([...(listener.rules ?? []), ...known].map((rule) => [rule.ruleArn, rule])).values()].sort(
          (a, b) => priorityOrder(a) - priorityOrder(b),
        )
      : listener.rules;
    // mapListener's listeners already have every property set here: a spread that only replaces values
    // keeps V8's map shared, where one that adds properties would give every listener a map of its own.
    linked.set(listener, {
      ...listener,
      loadBalancerName,
      name: listener.tags.Name?.trim() || loadBalancerName,
      loadBalancerType,
      siblingListeners: siblings.length > 0 ? siblings : listener.siblingListeners,
      rules: listenerRules,
    });
  }
  return linked;
}

/**
 * DescribeLoadBalancerPolicies does not say which load balancer a policy belongs to: a policy goes to
 * the load balancers whose listeners name it, unless the input describes that name in two different ways.
 */
function linkClassic(
  loadBalancers: ClassicLoadBalancer[],
  pending: readonly PendingClassicPolicy[],
  errors: InputError[],
): Map<ClassicLoadBalancer, ClassicLoadBalancer> {
  const byName = new Map<string, PendingClassicPolicy[]>();
  for (const entry of pending) {
    const list = byName.get(entry.policy.policyName) ?? [];
    if (!list.some((other) => classicPolicyKey(other.policy) === classicPolicyKey(entry.policy))) {
      list.push(entry);
    }
    byName.set(entry.policy.policyName, list);
  }
  const reported = new Set<string>();
  const linked = new Map<ClassicLoadBalancer, ClassicLoadBalancer>();
  for (const loadBalancer of loadBalancers) {
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

/** A LAG's members: the ones it lists and the connections that name it; their port status, when known. */
function linkLags(lags: DxLag[], connections: readonly DxConnection[]): Map<DxLag, DxLag> {
  const linked = new Map<DxLag, DxLag>();
  for (const lag of lags) {
    const members = connections.filter(
      (connection) => connection.lagId === lag.lagId || lag.connectionIds.includes(connection.connectionId),
    );
    const connectionIds = [
      ...new Set([...lag.connectionIds, ...members.map((member) => member.connectionId)]),
    ];
    if (connectionIds.length === 0) {
      linked.set(lag, lag);
      continue;
    }
    const status: Record<string, string | undefined> = {};
    for (const id of connectionIds) {
      const member = members.find((candidate) => candidate.connectionId === id);
      status[id] = member?.portEncryptionStatus ?? lag.memberPortEncryptionStatus?.[id];
    }
    linked.set(lag, { ...lag, connectionIds, memberPortEncryptionStatus: status });
  }
  return linked;
}

const fieldPath = (status: PendingTunnelStatus, name: string) =>
  status.path ? `${status.path}.${name}` : name;

/**
 * Tunnel statuses (get-active-vpn-tunnel-status) joined to the tunnel of the connection they name, by
 * outside IP address. A status whose connection or tunnel is not in the input, or one tunnel described
 * in two ways, is reported and not used.
 */
function linkTunnelStatuses(
  connections: readonly VpnConnection[],
  statuses: readonly PendingTunnelStatus[],
  errors: InputError[],
): Map<VpnConnection, VpnConnection> {
  const leftOut = (status: PendingTunnelStatus, field: string, problem: string) =>
    errors.push({
      source: status.source,
      message: `${TUNNEL_STATUS_FORMAT}: ${fieldPath(status, field)}: ${problem}; the tunnel status is left out`,
    });
  // Every record of a connection: two descriptions that contradict each other are both judged.
  const byConnection = new Map<string, VpnConnection[]>();
  for (const connection of connections) {
    byConnection.set(connection.vpnConnectionId, [
      ...(byConnection.get(connection.vpnConnectionId) ?? []),
      connection,
    ]);
  }
  // The statuses of each tunnel, by connection id and outside IP address.
  const byTunnel = new Map<string, Map<string, PendingTunnelStatus[]>>();
  for (const status of statuses) {
    const records = byConnection.get(status.vpnConnectionId);
    if (!records) {
      leftOut(
        status,
        'VpnConnectionId',
        `${status.vpnConnectionId} is not in the input (describe-vpn-connections output or its AWS Config item is needed beside it)`,
      );
      continue;
    }
    const tunnelOf = (connection: VpnConnection) =>
      connection.tunnels.some((tunnel) => tunnel.outsideIpAddress === status.outsideIpAddress);
    if (!records.some(tunnelOf)) {
      leftOut(
        status,
        'VpnTunnelOutsideIpAddress',
        `${status.outsideIpAddress} is not the outside IP address of a tunnel of ${status.vpnConnectionId} in the input`,
      );
      continue;
    }
    const tunnels = byTunnel.get(status.vpnConnectionId) ?? new Map<string, PendingTunnelStatus[]>();
    byTunnel.set(status.vpnConnectionId, tunnels);
    tunnels.set(status.outsideIpAddress, [...(tunnels.get(status.outsideIpAddress) ?? []), status]);
  }
  const linked = new Map<VpnConnection, VpnConnection>();
  const reported = new Set<string>();
  const records = [...byTunnel.keys()].flatMap((id) => byConnection.get(id) ?? []);
  for (const connection of records) {
    const vpnConnectionId = connection.vpnConnectionId;
    const tunnels = byTunnel.get(vpnConnectionId) as Map<string, PendingTunnelStatus[]>;
    linked.set(connection, {
      ...connection,
      tunnels: connection.tunnels.map((tunnel) => {
        const found = tunnels.get(tunnel.outsideIpAddress);
        const [first, ...others] = found ?? [];
        if (!first) return tunnel;
        const key = JSON.stringify(first.negotiated);
        if (others.some((other) => JSON.stringify(other.negotiated) !== key)) {
          // Once per tunnel, however many descriptions of its connection the input has.
          if (reported.has(`${vpnConnectionId} ${tunnel.outsideIpAddress}`)) return tunnel;
          reported.add(`${vpnConnectionId} ${tunnel.outsideIpAddress}`);
          errors.push({
            source: [...new Set((found ?? []).map((status) => status.source))].join(', '),
            message: `${TUNNEL_STATUS_FORMAT}: ${fieldPath(first, 'ActiveVpnTunnelStatus')}: tunnel ${tunnel.outsideIpAddress} of ${vpnConnectionId} is described differently in these inputs, and the output does not say when: neither is used`,
          });
          return tunnel;
        }
        return { ...tunnel, negotiated: first.negotiated };
      }),
    });
  }
  return linked;
}

function dedupePolicies(policies: readonly ResolvedTlsPolicy[]): ResolvedTlsPolicy[] {
  const byName = new Map<string, ResolvedTlsPolicy>();
  for (const policy of policies) byName.set(policy.name, policy);
  return [...byName.values()];
}

const ofType =
  <T extends Resource['resourceType']>(type: T) =>
  (resource: Resource): resource is Extract<Resource, { resourceType: T }> =>
    resource.resourceType === type;

/**
 * Applied once all inputs are merged: one record per resource (dedupeResources: the newest AWS Config
 * state; descriptions that contradict each other without saying which is newer each kept), listeners with their load balancer's type and name, their sibling listeners and their
 * DescribeRules rules, classic load balancers with the policies their listeners name, LAGs with the
 * port encryption status of their members, VPN tunnels with what they negotiated. Consumes `pending`.
 */
export function linkInventory(inventory: Inventory): Inventory {
  const pending = inventory.pending ?? emptyPending();
  const errors = [...inventory.errors];
  const resources = dedupeResources(inventory.resources, errors);
  const listeners = linkListeners(resources.filter(ofType('AWS::ElasticLoadBalancingV2::Listener')), pending);
  const classic = linkClassic(
    resources.filter(ofType('AWS::ElasticLoadBalancing::LoadBalancer')),
    pending.classicPolicies,
    errors,
  );
  const lags = linkLags(
    resources.filter(ofType('AWS::DirectConnect::Lag')),
    resources.filter(ofType('AWS::DirectConnect::Connection')),
  );
  const vpns = linkTunnelStatuses(
    resources.filter(ofType('AWS::EC2::VPNConnection')),
    pending.tunnelStatuses,
    errors,
  );
  const linked = resources.map((resource): Resource => {
    switch (resource.resourceType) {
      case 'AWS::ElasticLoadBalancingV2::Listener':
        return listeners.get(resource) ?? resource;
      case 'AWS::ElasticLoadBalancing::LoadBalancer':
        return classic.get(resource) ?? resource;
      case 'AWS::DirectConnect::Lag':
        return lags.get(resource) ?? resource;
      case 'AWS::EC2::VPNConnection':
        return vpns.get(resource) ?? resource;
      default:
        return resource;
    }
  });
  return {
    resources: linked,
    errors,
    elbv2Policies: dedupePolicies(inventory.elbv2Policies),
    ...(inventory.skipped ? { skipped: inventory.skipped } : {}),
  };
}
