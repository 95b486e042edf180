/**
 * The live reads of ELBv2 target groups, around the listener readers (live.ts): a sweep adds one
 * DescribeTargetGroups per 400 groups of the region and, only where a plaintext group is not already forwarded to
 * by a TLS listener's default actions, the DescribeRules of the HTTPS listeners the listener sweep left unread; each group joins the documents of its load balancer,
 * since records link only within one group of documents. A read of target groups describes them by ARN, then the
 * listeners (and HTTPS listeners' rules) of their load balancers.
 */
import {
  DescribeListenersCommand,
  DescribeRulesCommand,
  DescribeTargetGroupsCommand,
  type Listener,
  type Rule,
  type TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  type ApiDocument,
  type Collected,
  emptyCollected,
  failed,
  mergeCollected,
  readOne,
} from '../../inventory/live/context.js';
import { collectPages } from '../../inventory/live/document.js';
import type { FamilyContext, LiveReaders } from '../../inventory/live/family-live.js';
import type { ResourceRef } from '../../model/ref.js';
import { listenerArnFromRuleArn } from './arn.js';
import { createClient } from './client.js';
import { ELBV2_PAGE_SIZE, type Elbv2ReadPlan, elbv2Readers } from './live.js';
import { TARGET_GROUP } from './target-group.js';

type Ctx = FamilyContext<Elbv2ReadPlan>;

const page = (token: string | undefined) => ({
  PageSize: ELBV2_PAGE_SIZE,
  ...(token ? { Marker: token } : {}),
});

function targetGroups(ctx: Ctx, arns?: readonly string[]): Promise<TargetGroup[]> {
  return collectPages(async (token) => {
    const input = arns ? { TargetGroupArns: [...arns] } : page(token);
    const output = await ctx.call('DescribeTargetGroups', arns?.[0] ?? ctx.region, () =>
      ctx.clients.get(createClient).send(new DescribeTargetGroupsCommand(input)),
    );
    return { items: output?.TargetGroups, next: arns ? undefined : output?.NextMarker };
  });
}

function rulesOf(ctx: Ctx, listenerArn: string): Promise<Rule[]> {
  return collectPages(async (token) => {
    const output = await ctx.call('DescribeRules', listenerArn, () =>
      ctx.clients
        .get(createClient)
        .send(new DescribeRulesCommand({ ListenerArn: listenerArn, ...page(token) })),
    );
    return { items: output?.Rules, next: output?.NextMarker };
  });
}

function listenersOf(ctx: Ctx, loadBalancerArn: string): Promise<Listener[]> {
  return collectPages(async (token) => {
    const output = await ctx.call('DescribeListeners', loadBalancerArn, () =>
      ctx.clients
        .get(createClient)
        .send(new DescribeListenersCommand({ LoadBalancerArn: loadBalancerArn, ...page(token) })),
    );
    return { items: output?.Listeners, next: output?.NextMarker };
  });
}

const listOf = (document: unknown, key: string): unknown[] => {
  const value = (document as Record<string, unknown> | null)?.[key];
  return Array.isArray(value) ? value : [];
};

/** The DescribeRules documents of the HTTPS listeners among `documents` that have none. */
async function httpsRules(ctx: Ctx, documents: readonly ApiDocument[]): Promise<Collected> {
  const covered = new Set(
    documents
      .flatMap((d) => listOf(d.document, 'Rules') as Rule[])
      .map((rule) => listenerArnFromRuleArn(rule.RuleArn ?? '')),
  );
  const listeners = documents
    .flatMap((d) => listOf(d.document, 'Listeners') as Listener[])
    .filter(
      (listener) =>
        listener.Protocol === 'HTTPS' && listener.ListenerArn && !covered.has(listener.ListenerArn),
    );
  const parts = await Promise.all(
    listeners.map(async (listener): Promise<Collected> => {
      try {
        const rules = await rulesOf(ctx, listener.ListenerArn ?? '');
        return {
          ...emptyCollected(),
          groups: [{ documents: [{ document: { Rules: rules }, source: 'api:DescribeRules' }] }],
        };
      } catch (error) {
        return failed(error);
      }
    }),
  );
  return mergeCollected(parts);
}

const PLAINTEXT = new Set(['HTTP', 'TCP', 'UDP', 'TCP_UDP', 'TCP_QUIC']);

/**
 * Whether the rules of the HTTPS listeners can change a verdict: a plaintext group of the load balancer that no
 * HTTPS or TLS listener's default actions already forward to (a rule might). Otherwise no DescribeRules is needed.
 */
function rulesMatter(own: readonly TargetGroup[], documents: readonly ApiDocument[]): boolean {
  const forwarded = new Set(
    documents
      .flatMap((d) => listOf(d.document, 'Listeners') as Listener[])
      .filter((listener) => listener.Protocol === 'HTTPS' || listener.Protocol === 'TLS')
      .flatMap((listener) => listener.DefaultActions ?? [])
      .flatMap((action) => [
        action.TargetGroupArn,
        ...(action.ForwardConfig?.TargetGroups ?? []).map((g) => g.TargetGroupArn),
      ]),
  );
  return own.some((group) => PLAINTEXT.has(group.Protocol ?? '') && !forwarded.has(group.TargetGroupArn));
}

const loadBalancerOf = (documents: readonly ApiDocument[]) =>
  (listOf(documents[0]?.document, 'LoadBalancers')[0] as { LoadBalancerArn?: string } | undefined)
    ?.LoadBalancerArn;

/** The listener sweep, each load balancer's documents joined by its target groups and its HTTPS listeners' rules. */
async function sweepWithTargetGroups(ctx: Ctx): Promise<Collected> {
  const [listeners, groupsRead] = await Promise.all([
    elbv2Readers.sweep(ctx),
    targetGroups(ctx).then(
      (found) => ({ found }),
      (error: unknown) => ({ error }),
    ),
  ]);
  if ('error' in groupsRead) return mergeCollected([listeners, failed(groupsRead.error)]);
  const placed = new Set<string>();
  const groups = await Promise.all(
    listeners.groups.map(async (group) => {
      const loadBalancerArn = loadBalancerOf(group.documents);
      if (!loadBalancerArn) return { group, errors: [] };
      const own = groupsRead.found.filter((tg) => tg.LoadBalancerArns?.includes(loadBalancerArn));
      for (const tg of own) placed.add(tg.TargetGroupArn ?? '');
      const rules = rulesMatter(own, group.documents)
        ? await httpsRules(ctx, group.documents)
        : emptyCollected();
      const documents = [
        ...group.documents,
        ...rules.groups.flatMap((g) => g.documents),
        ...(own.length > 0 ? [{ document: { TargetGroups: own }, source: 'api:DescribeTargetGroups' }] : []),
      ];
      return { group: { ...group, documents }, errors: rules.errors };
    }),
  );
  // Groups no swept load balancer routes to (none, or one the listener sweep could not read) stand alone.
  const rest = groupsRead.found.filter((tg) => !placed.has(tg.TargetGroupArn ?? ''));
  return {
    ...listeners,
    groups: [
      ...groups.map((g) => g.group),
      ...(rest.length > 0
        ? [{ documents: [{ document: { TargetGroups: rest }, source: 'api:DescribeTargetGroups' }] }]
        : []),
    ],
    errors: [...listeners.errors, ...groups.flatMap((g) => g.errors)],
  };
}

/** Target groups by ARN, each with the listeners (and HTTPS listeners' rules) of its load balancers. */
async function readTargetGroups(ctx: Ctx, refs: readonly ResourceRef[]): Promise<Collected> {
  const parts = await Promise.all(
    refs.map((ref) =>
      readOne(ref, async () => {
        const [group] = await targetGroups(ctx, [ref.resourceId]);
        if (!group) return { ...emptyCollected(), gone: [ref] };
        const documents: ApiDocument[] = [
          { document: { TargetGroups: [group] }, source: 'api:DescribeTargetGroups' },
        ];
        for (const loadBalancerArn of group.LoadBalancerArns ?? []) {
          documents.push({
            document: { Listeners: await listenersOf(ctx, loadBalancerArn) },
            source: 'api:DescribeListeners',
          });
        }
        const rules = await httpsRules(ctx, documents);
        if (rules.errors.length > 0) return { ...emptyCollected(), errors: rules.errors };
        return {
          ...emptyCollected(),
          groups: [
            {
              documents: [...documents, ...rules.groups.flatMap((g) => g.documents)],
              keep: (resource) => resource.resourceId === ref.resourceId,
            },
          ],
        };
      }),
    ),
  );
  return mergeCollected(parts);
}

export const elbv2WithTargetGroups: LiveReaders<Elbv2ReadPlan> = {
  ...elbv2Readers,
  sweep: sweepWithTargetGroups,
  async read(ctx, refs) {
    const groups = refs.filter((ref) => ref.resourceType === TARGET_GROUP);
    const others = refs.filter((ref) => ref.resourceType !== TARGET_GROUP);
    const parts = await Promise.all([
      others.length > 0 ? elbv2Readers.read(ctx, others) : emptyCollected(),
      groups.length > 0 ? readTargetGroups(ctx, groups) : emptyCollected(),
    ]);
    return mergeCollected(parts);
  },
};
