import type { InventoryBuilder } from '../../inventory/builder.js';
import { type FamilyInputs, type PendingKind, pendingList } from '../../inventory/family-inputs.js';
import type { Fields } from '../../inventory/fields.js';
import { unionBy } from '../../inventory/merge.js';
import type { PendingLinks } from '../../inventory/types.js';
import type { Resource } from '../../model/resource.js';
import { mapElbv2LoadBalancer, mapListener, mapRule, readListeners, readSslPolicies } from './describe.js';
import type { Elbv2Listener, ListenerRule, LoadBalancerType, SiblingListener } from './model.js';
import { linkTargetGroups, TARGET_GROUP_INPUTS } from './target-group.js';

const LISTENER = 'AWS::ElasticLoadBalancingV2::Listener';
const LOAD_BALANCER = 'AWS::ElasticLoadBalancingV2::LoadBalancer';

/** An ELBv2 load balancer: not judged itself, it tells its listeners their type and name. */
export interface Elbv2LoadBalancerInfo {
  loadBalancerArn: string;
  loadBalancerName?: string;
  loadBalancerType?: LoadBalancerType;
  /** internet-facing | internal */
  scheme?: string;
  source: string;
}

/** A DescribeRules rule with the listener its ARN names. */
export interface PendingRule {
  listenerArn: string;
  rule: ListenerRule;
}

const LOAD_BALANCERS: PendingKind<Elbv2LoadBalancerInfo> = {
  key: 'loadBalancers',
  label: 'ELBv2 load balancers',
};
const RULES: PendingKind<PendingRule> = { key: 'rules', label: 'listener rules' };
/** Listener ARNs that DescribeRules output covered (their rules are known, even when only the default). */
const RULES_COVERED: PendingKind<string> = { key: 'rulesCovered' };

function readElbv2LoadBalancers(records: Fields[], label: string, out: InventoryBuilder): void {
  out.eachRecord('elbv2 describe-load-balancers', 'load balancer', records, (record) => {
    pendingList(out.pending, LOAD_BALANCERS).push(mapElbv2LoadBalancer(record, label));
  });
}

function readRules(records: Fields[], out: InventoryBuilder): void {
  out.eachRecord('elbv2 describe-rules', 'rule', records, (record) => {
    const pending = mapRule(record);
    pendingList(out.pending, RULES).push(pending);
    pendingList(out.pending, RULES_COVERED).push(pending.listenerArn);
  });
}

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
  for (const listenerArn of pendingList(pending, RULES_COVERED)) {
    if (!byListener.has(listenerArn)) byListener.set(listenerArn, new Map());
  }
  for (const { listenerArn, rule } of pendingList(pending, RULES)) {
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

const isListener = (resource: Resource): resource is Elbv2Listener => resource.resourceType === LISTENER;

/** Listeners with their load balancer's type and name, their sibling listeners and their DescribeRules rules. */
function linkListeners(resources: readonly Resource[], pending: PendingLinks): Map<Resource, Resource> {
  const listeners = resources.filter(isListener);
  const infos = loadBalancersByArn(pendingList(pending, LOAD_BALANCERS));
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
  const linked = new Map<Resource, Resource>();
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

export const elbv2Inputs: FamilyInputs = {
  formats: [
    {
      key: 'Listeners',
      format: 'elbv2 describe-listeners',
      read: (records, _format, label, out) => readListeners(records, label, out),
    },
    {
      key: 'LoadBalancers',
      format: 'elbv2 describe-load-balancers',
      read: (records, _format, label, out) => readElbv2LoadBalancers(records, label, out),
    },
    {
      key: 'Rules',
      format: 'elbv2 describe-rules',
      read: (records, _format, _label, out) => readRules(records, out),
    },
    TARGET_GROUP_INPUTS.format,
    {
      key: 'SslPolicies',
      format: 'elbv2 describe-ssl-policies',
      holds: 'document',
      read: ([document], _format, _label, out) => readSslPolicies(document?.record, out),
    },
  ],
  configItems: {
    ...TARGET_GROUP_INPUTS.configItems,
    [LISTENER]: ({ configuration, scope, resourceId, label }) =>
      mapListener(configuration.withDefault('ListenerArn', scope.arn ?? resourceId), label),
    [LOAD_BALANCER]: ({ configuration, scope, resourceId, label }, out) => {
      pendingList(out.pending, LOAD_BALANCERS).push(
        mapElbv2LoadBalancer(configuration.withDefault('LoadBalancerArn', scope.arn ?? resourceId), label),
      );
      return undefined;
    },
  },
  pending: [LOAD_BALANCERS, RULES, RULES_COVERED],
  link: (resources, pending) => linkTargetGroups(resources, linkListeners(resources, pending), pending),
  mergeLists: {
    [LISTENER]: (earlier, later, merged) => {
      const [a, b] = [earlier as Elbv2Listener, later as Elbv2Listener] as const;
      return {
        ...(merged as Elbv2Listener),
        certificates: unionBy(a.certificates, b.certificates, (c) => c.certificateArn) ?? [],
        rules: unionBy(a.rules, b.rules, (rule) => rule.ruleArn),
      };
    },
  },
};
