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
  type RegionContext,
  readOne,
} from '../../inventory/live/context.js';
import { collectPages } from '../../inventory/live/document.js';
import { classicLoadBalancerName, matchesRef } from '../../inventory/live/match.js';
import type { ResourceRef } from '../../model/ref.js';
import type { Resource } from '../../model/resource.js';

const TLS_PROTOCOLS = new Set(['HTTPS', 'SSL']);

/** The most one DescribeLoadBalancers page holds (PageSize 1-400). */
export const CLASSIC_PAGE_SIZE = 400;

/** Negotiation policies only matter for a front-end HTTPS or SSL listener. */
const hasTlsListener = (loadBalancer: LoadBalancerDescription) =>
  (loadBalancer.ListenerDescriptions ?? []).some((description) =>
    TLS_PROTOCOLS.has(description.Listener?.Protocol?.toUpperCase() ?? ''),
  );

/** The load balancer with the policies defined on it (only fetched when a listener uses TLS). */
async function withPolicies(
  ctx: RegionContext,
  loadBalancer: LoadBalancerDescription,
  keep?: (resource: Resource) => boolean,
  readPolicies = true,
): Promise<Collected> {
  const name = loadBalancer.LoadBalancerName ?? '';
  const documents: ApiDocument[] = [
    { document: { LoadBalancerDescriptions: [loadBalancer] }, source: 'api:DescribeLoadBalancers' },
  ];
  if (readPolicies && hasTlsListener(loadBalancer)) {
    const output = await ctx.call.elb('DescribeLoadBalancerPolicies', name, () =>
      ctx.clients.elb.send(new DescribeLoadBalancerPoliciesCommand({ LoadBalancerName: name })),
    );
    documents.push({
      document: { PolicyDescriptions: output.PolicyDescriptions ?? [] },
      source: 'api:DescribeLoadBalancerPolicies',
    });
  }
  return { ...emptyCollected(), groups: [{ documents, ...(keep ? { keep } : {}) }] };
}

async function readClassic(ctx: RegionContext, ref: ResourceRef): Promise<Collected> {
  const name = classicLoadBalancerName(ref);
  const output = await ctx.call.elb('DescribeLoadBalancers', name, () =>
    ctx.clients.elb.send(new DescribeLoadBalancersCommand({ LoadBalancerNames: [name] })),
  );
  const loadBalancer = output.LoadBalancerDescriptions?.[0];
  if (!loadBalancer) return goneRef(ref);
  return withPolicies(ctx, loadBalancer, (resource) => matchesRef(resource, ref));
}

export async function readClassicLoadBalancers(
  ctx: RegionContext,
  refs: readonly ResourceRef[],
): Promise<Collected> {
  return mergeCollected(await Promise.all(refs.map((ref) => readOne(ref, () => readClassic(ctx, ref)))));
}

export async function sweepClassic(ctx: RegionContext): Promise<Collected> {
  let loadBalancers: LoadBalancerDescription[];
  try {
    loadBalancers = await collectPages(async (token) => {
      const output = await ctx.call.elb('DescribeLoadBalancers', ctx.region, () =>
        ctx.clients.elb.send(
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
