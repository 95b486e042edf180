import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeSSLPoliciesCommand,
  type Listener,
  type LoadBalancer,
  type Rule,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  type ApiDocument,
  type Collected,
  emptyCollected,
  failed,
  goneRef,
  mergeCollected,
  type RegionContext,
  readOne,
} from '../../inventory/live/context.js';
import { collectPages } from '../../inventory/live/document.js';
import { matchesRef } from '../../inventory/live/match.js';
import type { ResourceRef } from '../../model/ref.js';

const TLS_PROTOCOLS = new Set(['HTTPS', 'TLS']);

/** Rules only change the verdict of plaintext HTTP listeners (a redirect to HTTPS), so only they are read. */
const needsRules = (listener: Listener) => listener.Protocol === 'HTTP';

/** The most one ELBv2 Describe* page holds (PageSize 1-400). */
export const ELBV2_PAGE_SIZE = 400;

const marker = (token: string | undefined) => ({
  PageSize: ELBV2_PAGE_SIZE,
  ...(token ? { Marker: token } : {}),
});

function listenersOf(ctx: RegionContext, loadBalancerArn: string): Promise<Listener[]> {
  return collectPages(async (token) => {
    const output = await ctx.call.elbv2('DescribeListeners', loadBalancerArn, () =>
      ctx.clients.elbv2.send(
        new DescribeListenersCommand({ LoadBalancerArn: loadBalancerArn, ...marker(token) }),
      ),
    );
    return { items: output.Listeners, next: output.NextMarker };
  });
}

function rulesOf(ctx: RegionContext, listenerArn: string): Promise<Rule[]> {
  return collectPages(async (token) => {
    const output = await ctx.call.elbv2('DescribeRules', listenerArn, () =>
      ctx.clients.elbv2.send(new DescribeRulesCommand({ ListenerArn: listenerArn, ...marker(token) })),
    );
    return { items: output.Rules, next: output.NextMarker };
  });
}

/** Every ELBv2 security policy of the region (DescribeSSLPolicies, all pages). */
export async function describeSslPolicies(ctx: RegionContext): Promise<ApiDocument> {
  const policies = await collectPages(async (token) => {
    const output = await ctx.call.elbv2('DescribeSSLPolicies', ctx.region, () =>
      ctx.clients.elbv2.send(new DescribeSSLPoliciesCommand(marker(token))),
    );
    return { items: output.SslPolicies, next: output.NextMarker };
  });
  return { document: { SslPolicies: policies }, source: 'api:DescribeSSLPolicies' };
}

function usesUnknownPolicy(ctx: RegionContext, listeners: readonly Listener[]): boolean {
  return listeners.some(
    (listener) =>
      TLS_PROTOCOLS.has(listener.Protocol ?? '') &&
      listener.SslPolicy !== undefined &&
      !ctx.knowsElbv2Policy(listener.SslPolicy),
  );
}

function loadBalancerDocuments(
  loadBalancer: LoadBalancer,
  listeners: readonly Listener[],
  rules: readonly (Rule[] | undefined)[],
): ApiDocument[] {
  return [
    { document: { LoadBalancers: [loadBalancer] }, source: 'api:DescribeLoadBalancers' },
    { document: { Listeners: listeners }, source: 'api:DescribeListeners' },
    ...rules
      .filter((ruleList) => ruleList !== undefined)
      .map((ruleList) => ({ document: { Rules: ruleList }, source: 'api:DescribeRules' })),
  ];
}

/** The current state of one listener, with its load balancer, its siblings and (HTTP only) its rules. */
async function readListener(
  ctx: RegionContext,
  ref: ResourceRef,
  loadBalancerOf: (arn: string) => Promise<{ loadBalancer?: LoadBalancer; listeners: Listener[] }>,
): Promise<Collected> {
  const output = await ctx.call.elbv2('DescribeListeners', ref.resourceId, () =>
    ctx.clients.elbv2.send(new DescribeListenersCommand({ ListenerArns: [ref.resourceId] })),
  );
  const listener = output.Listeners?.[0];
  if (!listener?.LoadBalancerArn) return goneRef(ref);
  const { loadBalancer, listeners } = await loadBalancerOf(listener.LoadBalancerArn);
  if (!loadBalancer) return goneRef(ref);
  const rules = needsRules(listener) ? [await rulesOf(ctx, ref.resourceId)] : [];
  // The listener as just described, beside its siblings (which may have been listed a moment earlier).
  const all = [listener, ...listeners.filter((other) => other.ListenerArn !== listener.ListenerArn)];
  return {
    ...emptyCollected(),
    groups: [{ documents: loadBalancerDocuments(loadBalancer, all, rules), keep: (r) => matchesRef(r, ref) }],
    needsElbv2Policies: usesUnknownPolicy(ctx, [listener]),
  };
}

export async function readElbv2Listeners(
  ctx: RegionContext,
  refs: readonly ResourceRef[],
): Promise<Collected> {
  // Listeners of one load balancer share its DescribeLoadBalancers and sibling listing.
  const byLoadBalancer = new Map<string, Promise<{ loadBalancer?: LoadBalancer; listeners: Listener[] }>>();
  const loadBalancerOf = (arn: string) => {
    let pending = byLoadBalancer.get(arn);
    if (!pending) {
      pending = (async () => {
        const output = await ctx.call.elbv2('DescribeLoadBalancers', arn, () =>
          ctx.clients.elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [arn] })),
        );
        const loadBalancer = output.LoadBalancers?.[0];
        return { loadBalancer, listeners: loadBalancer ? await listenersOf(ctx, arn) : [] };
      })();
      byLoadBalancer.set(arn, pending);
    }
    return pending;
  };
  return mergeCollected(
    await Promise.all(refs.map((ref) => readOne(ref, () => readListener(ctx, ref, loadBalancerOf)))),
  );
}

/** One load balancer of the sweep: its listeners, and the rules of its HTTP listeners. */
async function sweepLoadBalancer(ctx: RegionContext, loadBalancer: LoadBalancer): Promise<Collected> {
  const arn = loadBalancer.LoadBalancerArn ?? '';
  let listeners: Listener[];
  try {
    listeners = await listenersOf(ctx, arn);
  } catch (error) {
    return failed(error);
  }
  const failedListeners = new Set<string>();
  const errors: Collected['errors'] = [];
  const rules = await Promise.all(
    listeners
      .filter((listener) => ctx.plan.listenerRules && needsRules(listener))
      .map(async (listener) => {
        const listenerArn = listener.ListenerArn ?? '';
        try {
          return await rulesOf(ctx, listenerArn);
        } catch (error) {
          // Without its rules an HTTP listener cannot be judged: report it and leave it out.
          failedListeners.add(listenerArn);
          errors.push(...failed(error).errors);
          return undefined;
        }
      }),
  );
  return {
    ...emptyCollected(),
    groups: [
      {
        documents: loadBalancerDocuments(loadBalancer, listeners, rules),
        keep: (resource) => !failedListeners.has(resource.resourceId),
      },
    ],
    errors,
    needsElbv2Policies: usesUnknownPolicy(ctx, listeners),
  };
}

export async function sweepElbv2(ctx: RegionContext): Promise<Collected> {
  let loadBalancers: LoadBalancer[];
  try {
    loadBalancers = await collectPages(async (token) => {
      const output = await ctx.call.elbv2('DescribeLoadBalancers', ctx.region, () =>
        ctx.clients.elbv2.send(new DescribeLoadBalancersCommand(marker(token))),
      );
      return { items: output.LoadBalancers, next: output.NextMarker };
    });
  } catch (error) {
    return failed(error);
  }
  return mergeCollected(await Promise.all(loadBalancers.map((lb) => sweepLoadBalancer(ctx, lb))));
}
