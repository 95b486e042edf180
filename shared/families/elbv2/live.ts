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
  readOne,
} from '../../inventory/live/context.js';
import { collectPages } from '../../inventory/live/document.js';
import type { FamilyContext, LiveReaders } from '../../inventory/live/family-live.js';
import { matchesRef } from '../../inventory/live/match.js';
import type { ResourceRef } from '../../model/ref.js';
import { createClient } from './client.js';

/** DescribeRules of HTTP listeners (elbv2-listener-plaintext and its remediation). */
export interface Elbv2ReadPlan {
  listenerRules: boolean;
}

type Ctx = FamilyContext<Elbv2ReadPlan>;

/** What was read, and whether a listener names a security policy the bundled TLS data does not know. */
type Read = Collected & { unknownPolicy: boolean };

const TLS_PROTOCOLS = new Set(['HTTPS', 'TLS']);

/** Rules only change the verdict of plaintext HTTP listeners (a redirect to HTTPS), so only they are read. */
const needsRules = (listener: Listener) => listener.Protocol === 'HTTP';

/**
 * The most one ELBv2 Describe* page holds (PageSize 1-400).
 */
export const ELBV2_PAGE_SIZE = 400;

const marker = (token: string | undefined) => ({
  PageSize: ELBV2_PAGE_SIZE,
  ...(token ? { Marker: token } : {}),
});

function listenersOf(ctx: Ctx, loadBalancerArn: string): Promise<Listener[]> {
  return collectPages(async (token) => {
    const output = await ctx.call('DescribeListeners', loadBalancerArn, () =>
      ctx.clients
        .get(createClient)
        .send(new DescribeListenersCommand({ LoadBalancerArn: loadBalancerArn, ...marker(token) })),
    );
    return { items: output.Listeners, next: output.NextMarker };
  });
}

function rulesOf(ctx: Ctx, listenerArn: string): Promise<Rule[]> {
  return collectPages(async (token) => {
    const output = await ctx.call('DescribeRules', listenerArn, () =>
      ctx.clients
        .get(createClient)
        .send(new DescribeRulesCommand({ ListenerArn: listenerArn, ...marker(token) })),
    );
    return { items: output.Rules, next: output.NextMarker };
  });
}

/** Every ELBv2 security policy of the region (DescribeSSLPolicies, all pages). */
async function describeSslPolicies(ctx: Ctx): Promise<ApiDocument> {
  const policies = await collectPages(async (token) => {
    const output = await ctx.call('DescribeSSLPolicies', ctx.region, () =>
      ctx.clients.get(createClient).send(new DescribeSSLPoliciesCommand(marker(token))),
    );
    return { items: output.SslPolicies, next: output.NextMarker };
  });
  return { document: { SslPolicies: policies }, source: 'api:DescribeSSLPolicies' };
}

const unknownPolicy = (ctx: Ctx, protocol: string, policy: unknown) =>
  TLS_PROTOCOLS.has(protocol) && typeof policy === 'string' && ctx.tls.elbv2Policy(policy) === undefined;

function usesUnknownPolicy(ctx: Ctx, listeners: readonly Listener[]): boolean {
  return listeners.some((listener) => unknownPolicy(ctx, listener.Protocol ?? '', listener.SslPolicy));
}

/**
 * Adds the region's live security policies (DescribeSSLPolicies) when a listener names one the bundled data
 * does not know: once per region for the life of the source (predefined policies never change, new ones are
 * what the live data is for); a failure is reported and not kept.
 */
async function withPolicies(ctx: Ctx, collected: Collected, needed: boolean): Promise<Collected> {
  if (!needed) return collected;
  try {
    const document = await ctx.once('DescribeSSLPolicies', () => describeSslPolicies(ctx));
    return mergeCollected([collected, { ...emptyCollected(), groups: [{ documents: [document] }] }]);
  } catch (error) {
    return mergeCollected([collected, failed(error)]);
  }
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
  ctx: Ctx,
  ref: ResourceRef,
  loadBalancerOf: (arn: string) => Promise<{ loadBalancer?: LoadBalancer; listeners: Listener[] }>,
): Promise<Read> {
  const output = await ctx.call('DescribeListeners', ref.resourceId, () =>
    ctx.clients.get(createClient).send(new DescribeListenersCommand({ ListenerArns: [ref.resourceId] })),
  );
  const listener = output.Listeners?.[0];
  if (!listener?.LoadBalancerArn) return { ...goneRef(ref), unknownPolicy: false };
  const { loadBalancer, listeners } = await loadBalancerOf(listener.LoadBalancerArn);
  if (!loadBalancer) return { ...goneRef(ref), unknownPolicy: false };
  const rules = needsRules(listener) ? [await rulesOf(ctx, ref.resourceId)] : [];
  // The listener as just described, beside its siblings (which may have been listed a moment earlier).
  const all = [listener, ...listeners.filter((other) => other.ListenerArn !== listener.ListenerArn)];
  return {
    ...emptyCollected(),
    groups: [{ documents: loadBalancerDocuments(loadBalancer, all, rules), keep: (r) => matchesRef(r, ref) }],
    unknownPolicy: usesUnknownPolicy(ctx, [listener]),
  };
}

async function readElbv2Listeners(ctx: Ctx, refs: readonly ResourceRef[]): Promise<Collected> {
  // Listeners of one load balancer share its DescribeLoadBalancers and sibling listing.
  const byLoadBalancer = new Map<string, Promise<{ loadBalancer?: LoadBalancer; listeners: Listener[] }>>();
  const loadBalancerOf = (arn: string) => {
    let pending = byLoadBalancer.get(arn);
    if (!pending) {
      pending = (async () => {
        const output = await ctx.call('DescribeLoadBalancers', arn, () =>
          ctx.clients.get(createClient).send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [arn] })),
        );
        const loadBalancer = output.LoadBalancers?.[0];
        return { loadBalancer, listeners: loadBalancer ? await listenersOf(ctx, arn) : [] };
      })();
      byLoadBalancer.set(arn, pending);
    }
    return pending;
  };
  let unknown = false;
  const parts = await Promise.all(
    refs.map((ref) =>
      readOne(ref, async () => {
        const read = await readListener(ctx, ref, loadBalancerOf);
        unknown ||= read.unknownPolicy;
        return read;
      }),
    ),
  );
  return withPolicies(ctx, mergeCollected(parts), unknown);
}

/** One load balancer of the sweep: its listeners, and the rules of its HTTP listeners. */
async function sweepLoadBalancer(ctx: Ctx, loadBalancer: LoadBalancer): Promise<Read> {
  const arn = loadBalancer.LoadBalancerArn ?? '';
  let listeners: Listener[];
  try {
    listeners = await listenersOf(ctx, arn);
  } catch (error) {
    return { ...failed(error), unknownPolicy: false };
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
    unknownPolicy: usesUnknownPolicy(ctx, listeners),
  };
}

async function sweepElbv2(ctx: Ctx): Promise<Collected> {
  let loadBalancers: LoadBalancer[];
  try {
    loadBalancers = await collectPages(async (token) => {
      const output = await ctx.call('DescribeLoadBalancers', ctx.region, () =>
        ctx.clients.get(createClient).send(new DescribeLoadBalancersCommand(marker(token))),
      );
      return { items: output.LoadBalancers, next: output.NextMarker };
    });
  } catch (error) {
    return failed(error);
  }
  const parts = await Promise.all(loadBalancers.map((lb) => sweepLoadBalancer(ctx, lb)));
  return withPolicies(
    ctx,
    mergeCollected(parts),
    parts.some((part) => part.unknownPolicy),
  );
}

function field(object: unknown, name: string): unknown {
  if (object === null || typeof object !== 'object') return undefined;
  const record = object as Record<string, unknown>;
  return record[name] ?? record[name.charAt(0).toLowerCase() + name.slice(1)];
}

/** A listener Config item naming a security policy the bundled TLS data does not know. */
function itemUsesUnknownPolicy(ctx: Ctx, item: unknown): boolean {
  if (field(item, 'resourceType') !== 'AWS::ElasticLoadBalancingV2::Listener') return false;
  let configuration = field(item, 'configuration');
  if (typeof configuration === 'string') {
    try {
      configuration = JSON.parse(configuration);
    } catch {
      return false;
    }
  }
  const protocol = String(field(configuration, 'Protocol') ?? '').toUpperCase();
  return unknownPolicy(ctx, protocol, field(configuration, 'SslPolicy'));
}

export const elbv2Readers: LiveReaders<Elbv2ReadPlan> = {
  read: readElbv2Listeners,
  sweep: sweepElbv2,
  afterConfigItems: (ctx, items) =>
    withPolicies(
      ctx,
      emptyCollected(),
      items.some((item) => itemUsesUnknownPolicy(ctx, item)),
    ),
};
