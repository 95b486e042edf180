import {
  DescribeLoadBalancerPoliciesCommand,
  DescribeLoadBalancersCommand,
  type LoadBalancerDescription,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  type ApiDocument,
  type Collected,
  emptyCollected,
  failed,
  goneRef,
  mergeCollected,
  readEach,
} from '../../inventory/live/context.js';
import { collectPages } from '../../inventory/live/document.js';
import type { FamilyContext, LiveReaders } from '../../inventory/live/family-live.js';
import { matchesRef } from '../../inventory/live/match.js';
import type { ResourceRef } from '../../model/ref.js';
import type { Resource } from '../../model/resource.js';
import { createClient } from './client.js';
import { classicLoadBalancerName } from './names.js';

/** DescribeLoadBalancerPolicies of classic load balancers with an HTTPS or SSL listener. */
export interface ElbReadPlan {
  classicPolicies: boolean;
}

type Ctx = FamilyContext<ElbReadPlan>;

const TLS_PROTOCOLS = new Set(['HTTPS', 'SSL']);

/**
 * The most one DescribeLoadBalancers page holds (PageSize 1-400).
 * @internal The sweep benchmark (bench/sweep/expected.ts) counts the expected calls with it.
 */
export const CLASSIC_PAGE_SIZE = 400;

/** Negotiation policies only matter for a front-end HTTPS or SSL listener. */
const hasTlsListener = (loadBalancer: LoadBalancerDescription) =>
  (loadBalancer.ListenerDescriptions ?? []).some((description) =>
    TLS_PROTOCOLS.has(description.Listener?.Protocol?.toUpperCase() ?? ''),
  );

/** The load balancer with the policies defined on it (only fetched when a listener uses TLS). */
async function withPolicies(
  ctx: Ctx,
  loadBalancer: LoadBalancerDescription,
  keep?: (resource: Resource) => boolean,
  readPolicies = true,
): Promise<Collected> {
  const name = loadBalancer.LoadBalancerName ?? '';
  const documents: ApiDocument[] = [
    { document: { LoadBalancerDescriptions: [loadBalancer] }, source: 'api:DescribeLoadBalancers' },
  ];
  if (readPolicies && hasTlsListener(loadBalancer)) {
    const output = await ctx.call('DescribeLoadBalancerPolicies', name, () =>
      ctx.clients.get(createClient).send(new DescribeLoadBalancerPoliciesCommand({ LoadBalancerName: name })),
    );
    documents.push({
      document: { PolicyDescriptions: output.PolicyDescriptions ?? [] },
      source: 'api:DescribeLoadBalancerPolicies',
    });
  }
  return { ...emptyCollected(), groups: [{ documents, ...(keep ? { keep } : {}) }] };
}

async function readClassic(ctx: Ctx, ref: ResourceRef): Promise<Collected> {
  const name = classicLoadBalancerName(ref);
  const output = await ctx.call('DescribeLoadBalancers', name, () =>
    ctx.clients.get(createClient).send(new DescribeLoadBalancersCommand({ LoadBalancerNames: [name] })),
  );
  const loadBalancer = output.LoadBalancerDescriptions?.[0];
  if (!loadBalancer) return goneRef(ref);
  return withPolicies(ctx, loadBalancer, (resource) => matchesRef(resource, ref));
}

async function readClassicLoadBalancers(ctx: Ctx, refs: readonly ResourceRef[]): Promise<Collected> {
  return readEach(refs, (ref) => readClassic(ctx, ref));
}

async function sweepClassic(ctx: Ctx): Promise<Collected> {
  let loadBalancers: LoadBalancerDescription[];
  try {
    loadBalancers = await collectPages(async (token) => {
      const output = await ctx.call('DescribeLoadBalancers', ctx.region, () =>
        ctx.clients.get(createClient).send(
          new DescribeLoadBalancersCommand({
            PageSize: CLASSIC_PAGE_SIZE,
            ...(token ? { Marker: token } : {}),
          }),
        ),
      );
      return { items: output.LoadBalancerDescriptions, next: output.NextMarker };
    });
  } catch (error) {
    return failed(error);
  }
  return mergeCollected(
    await Promise.all(
      loadBalancers.map((loadBalancer) =>
        withPolicies(ctx, loadBalancer, undefined, ctx.plan.classicPolicies).catch((error) => failed(error)),
      ),
    ),
  );
}

export const elbReaders: LiveReaders<ElbReadPlan> = { read: readClassicLoadBalancers, sweep: sweepClassic };
