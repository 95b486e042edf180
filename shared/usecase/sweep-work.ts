/**
 * The sweep fanned out (issue #17): a planner turns one scheduled sweep into work items, one per region, family
 * and page, on an SQS work queue; a worker reads, evaluates and records ONE item and hands back the item of the
 * next page. Each item records its findings as it finishes, so a failed or timed-out item loses nothing another
 * item read, and is retried alone. `transit-guard scan` keeps the single-invocation sweep (./sweep.ts).
 */
import { createHash } from 'node:crypto';
import { FAMILIES, type Family } from '../families/index.js';
import { configTypesOf, type SweepPage } from '../inventory/live/port.js';
import type { InputError } from '../inventory/types.js';
import type { Evaluation } from '../model/evaluation.js';
import type { CertificateUsers } from '../state/certificate-users.js';
import { type FindingRecord, type FindingTransition, resolveResource } from '../state/finding-store.js';
import type { HeldAlert, RunCounts, SweepRuns } from '../state/sweep-runs.js';
import { type AlertToHold, createDelivery, type SendOptions } from './deliver.js';
import type { MonitorDeps } from './deps.js';
import { evaluateAndRecord, inAccount } from './record.js';
import { addCounts, alertTotal, chainOf, FIRST_SWEEP_COUNT, foldedCounts, kpiCounts } from './sweep-run.js';
import { withRecordedUsers } from './sweep-users.js';

/** One work item of a fanned-out sweep: one page of one family in one region of the deployment's account. */
export interface SweepItem {
  sweepId: string;
  /**
   * When the sweep was planned. Every finding a sweep sees is written after it (lastSeenAt), so on the last
   * page an open finding of the family and region not seen since belongs to a resource that no longer exists.
   */
  plannedAt: string;
  region: string;
  /** The family's registry id. */
  family: string;
  /** The page to read (the family's own NextToken); absent: the first page. */
  page?: string;
  /** 1 for the first page: for the logs, and to bound a family whose tokens never end. */
  pageNumber: number;
  /** Every earlier page of this family and region was read without errors; only then may the last resolve. */
  clean: boolean;
  /** Nothing was open when the sweep was planned: Slack gets the sweep's alerts as one digest (./sweep-run.ts). */
  digest: boolean;
  /** The KPI counts of the earlier pages of this family and region (./sweep-run.ts), carried page to page. */
  counts?: RunCounts;
}

/**
 * No family needs more pages than this in one region (ACM: 1,000 certificates a page, 2,500 certificates is the
 * default quota per account and region); more means a broken token loop, which stops unresolved.
 * @internal Tests probe the page limit at its boundary.
 */
export const MAX_PAGES_PER_FAMILY = 1000;

/** 2,000 pages of 100 hold the 200,000 resources bench/org models; this leaves room to spare. */
const MAX_AGGREGATOR_PAGES = 10_000;

export interface PlanOptions {
  sweepId: string;
  regions: readonly string[];
  now: Date;
  /** Nothing is open yet (the first sweep): alerts go out as digests. */
  digest: boolean;
  /** The registry (tests pass a smaller one). */
  families?: readonly Family[];
}

/**
 * The first item of every family in every region. A global family (Family.globalRegion) is read in its own
 * region only, as its readers answer nothing elsewhere; new families need no edit here.
 */
export function planSweep(options: PlanOptions): SweepItem[] {
  const families = options.families ?? FAMILIES;
  return options.regions.flatMap((region) =>
    families
      .filter((family) => !family.globalRegion || family.globalRegion === region)
      .map((family) => ({
        sweepId: options.sweepId,
        plannedAt: options.now.toISOString(),
        region,
        family: family.id,
        pageNumber: 1,
        clean: true,
        digest: options.digest,
      })),
  );
}

/** What one item did. */
export interface SweepItemOutcome {
  item: SweepItem;
  resources: number;
  evaluations: Evaluation[];
  transitions: FindingTransition[];
  /** What could not be read, with the reason: listed, never silently dropped. */
  errors: InputError[];
  /** The item of the next page (absent: this was the last page). */
  next?: SweepItem;
  /** The KPI counts of this family and region so far, this page included. */
  counts: RunCounts;
}

/** A work item that cannot be carried out as written (an unknown family, a source that cannot page). */
export class SweepItemError extends Error {
  override name = 'SweepItemError';
}

/**
 * Reads ONE page of one family in one region, evaluates and records it (findings, bus, actions, Slack as the
 * single sweep does), and on the last page of a family read without errors resolves the findings of resources
 * that no longer exist. Returns the item of the next page for the caller to queue.
 */
export async function runSweepItem(
  deps: MonitorDeps,
  item: SweepItem,
  runs?: SweepRuns,
  users?: CertificateUsers,
): Promise<SweepItemOutcome> {
  const family = FAMILIES.find((candidate) => candidate.id === item.family);
  if (!family) throw new SweepItemError(`sweep item ${item.sweepId}: no family ${item.family}`);
  if (!deps.source.enumeratePage)
    throw new SweepItemError(`sweep item ${item.sweepId}: the inventory source reads no pages`);
  const read = await deps.source.enumeratePage(item.region, item.family, item.page);
  const now = deps.now();
  const delivery = createDelivery(deps, { now, triggerId: item.sweepId });
  const resources = inAccount(read.resources, deps.scope);
  // The certificates' users are read by other items (other families and regions): ./sweep-users.ts.
  const joined = users ? await withRecordedUsers(users, resources, now) : resources;
  const { evaluations, transitions } = await evaluateAndRecord(
    deps,
    delivery,
    { resources: joined, tlsPolicies: read.tlsPolicies },
    { now, eventId: item.sweepId },
  );
  const clean = item.clean && read.errors.length === 0;
  const errors = [...read.errors];
  const counts = addCounts(item.counts, kpiCounts(evaluations, deps.policy));
  let next: SweepItem | undefined;
  if (read.next && item.pageNumber >= MAX_PAGES_PER_FAMILY) {
    errors.push({
      source: `sweep item ${item.family} ${item.region}`,
      message: `stopped after ${MAX_PAGES_PER_FAMILY} pages: the page tokens do not end`,
    });
  } else if (read.next) {
    next = { ...item, page: read.next, pageNumber: item.pageNumber + 1, clean, counts };
  } else if (clean) {
    transitions.push(...(await resolveDeleted(deps, delivery, item, family, resources)));
  }
  await delivery.send(sendOptions(deps, item, runs));
  return {
    item,
    resources: resources.length,
    evaluations,
    transitions,
    errors,
    counts,
    ...(next ? { next } : {}),
  };
}

/**
 * With a run record (the deployed stack), an item's alerts are held for the run's fan-in, which decides for the
 * whole sweep: one digest above slack.digestThreshold (or on a first sweep), else each alert's own message
 * (./sweep-run.ts). The messages are kept only while the sweep may stay under the threshold.
 */
function sendOptions(
  deps: MonitorDeps,
  item: SweepItem | AggregatorItem,
  runs: SweepRuns | undefined,
): SendOptions {
  if (!runs) return { digest: item.digest };
  return {
    digest: item.digest,
    hold: async (alerts, folded) => {
      const threshold = deps.policy.slack.digestThreshold;
      let messages: HeldAlert[] = [];
      if (!item.digest && alerts.length <= threshold) {
        const run = await runs.get(item);
        if (!run) return false;
        // Alert counts only grow: a run already over the threshold posts a digest, so no message is kept.
        if (!run.digest && alertTotal(run.counts) + alerts.length <= threshold)
          messages = alerts.map((alert) => ({
            key: `${alert.findingId}#${alert.reason}`,
            at: alert.at,
            payload: alert.build(),
          }));
      }
      // The messages before the counts and their keys: a failure between leaves a message nobody posts from the
      // run, and the redelivery holds it again; a run closed meanwhile refuses them, so the item posts them.
      await runs.hold(item, messages);
      const counts = foldedCounts(folded);
      if (item.digest) counts[FIRST_SWEEP_COUNT] = 1;
      const keys = messages.map((message) => message.key);
      return runs.add(item, pageMark(item, alerts), counts, keys);
    },
  };
}

/**
 * The mark a page's alerts are counted under: the same alerts again (the item redelivered before Slack was
 * cleared) count once; other alerts of the same page (read again after an unreadable attempt) count too.
 */
function pageMark(item: SweepItem | AggregatorItem, alerts: readonly AlertToHold[]): string {
  const ids = alerts.map((alert) => `${alert.findingId}#${alert.reason}`).sort();
  const digest = createHash('sha256').update(ids.join('\n')).digest('hex').slice(0, 16);
  return `${chainOf(item)}#${item.pageNumber}#${digest}`;
}

/**
 * The open findings of the family in the region that no page of this sweep saw (lastSeenAt before the plan,
 * and not on this page), resolved as deleted.
 */
async function resolveDeleted(
  deps: MonitorDeps,
  delivery: ReturnType<typeof createDelivery>,
  item: SweepItem,
  family: Family,
  seenHere: readonly { resourceId: string }[],
): Promise<FindingTransition[]> {
  const seen = new Set(seenHere.map((resource) => resource.resourceId));
  // Only this region's open findings of the family's types are read: listing every open finding here made a stack
  // covering R regions read families x R x its open findings per sweep (bench/README.md "cost").
  const stale: FindingRecord[] = [];
  for (const type of new Set(family.resourceTypes)) {
    const open = await deps.findings.listOpenAt(item.region, type);
    stale.push(...open.filter((f) => f.lastSeenAt < item.plannedAt && !seen.has(f.resourceId)));
  }
  const transitions: FindingTransition[] = [];
  for (const resourceId of new Set(stale.map((finding) => finding.resourceId))) {
    const resolved = await resolveResource(deps.findings, resourceId, deps.now(), 'deleted', delivery.outbox);
    delivery.collect(resolved);
    transitions.push(...resolved);
  }
  return transitions;
}

/**
 * One page of the security account's organization-wide sweep: 100 Config items of every account and region of
 * the organization aggregator.
 */
export interface AggregatorItem {
  sweepId: string;
  /** As SweepItem.plannedAt: on the last page, open findings of the aggregated types not seen since are stale. */
  plannedAt: string;
  aggregator: string;
  page?: string;
  pageNumber: number;
  clean: boolean;
  digest: boolean;
  /** As SweepItem.counts. */
  counts?: RunCounts;
}

export function planAggregatorSweep(options: {
  sweepId: string;
  aggregator: string;
  now: Date;
  digest: boolean;
}): AggregatorItem {
  return {
    sweepId: options.sweepId,
    plannedAt: options.now.toISOString(),
    aggregator: options.aggregator,
    pageNumber: 1,
    clean: true,
    digest: options.digest,
  };
}

/** What an aggregator item did; `next` continues the query. */
export interface AggregatorItemOutcome extends Omit<SweepItemOutcome, 'item' | 'next'> {
  item: AggregatorItem;
  next?: AggregatorItem;
  /**
   * Member accounts whose reader role could not be assumed (no member stack yet), with the account and the
   * role: what Config lacks stays "cannot be verified" there. Not an error of the read: no retry would help,
   * and the Config items themselves were read.
   */
  unreachable: InputError[];
}

/**
 * Reads one page of the aggregator query (`readPage`), evaluates and records it. The central sweep only
 * reports: remediation stays in the owning account, so no action is queued here whatever the policy says.
 * The last page of a query read without errors resolves the open findings of the aggregated types (every
 * account and region) that no page saw.
 */
export async function runAggregatorItem(
  deps: MonitorDeps,
  item: AggregatorItem,
  readPage: (token: string | undefined) => Promise<SweepPage & { unreachable?: InputError[] }>,
  families: readonly Family[],
  runs?: SweepRuns,
): Promise<AggregatorItemOutcome> {
  const { actions: _owningAccountOnly, ...reporting } = deps;
  const read = await readPage(item.page);
  const now = deps.now();
  const delivery = createDelivery(reporting, { now, triggerId: item.sweepId });
  const { evaluations, transitions } = await evaluateAndRecord(
    reporting,
    delivery,
    { resources: read.resources, tlsPolicies: read.tlsPolicies },
    { now, eventId: item.sweepId },
  );
  const clean = item.clean && read.errors.length === 0;
  const errors = [...read.errors];
  const counts = addCounts(item.counts, kpiCounts(evaluations, deps.policy));
  let next: AggregatorItem | undefined;
  if (read.next && item.pageNumber >= MAX_AGGREGATOR_PAGES) {
    errors.push({
      source: `api:SelectAggregateResourceConfig ${item.aggregator}`,
      message: `stopped after ${MAX_AGGREGATOR_PAGES} pages: the page tokens do not end`,
    });
  } else if (read.next) {
    next = { ...item, page: read.next, pageNumber: item.pageNumber + 1, clean, counts };
  } else if (clean) {
    // Only the types Config items name directly: a listener is not its own item, so its absence proves nothing.
    const types = new Set<string>(families.flatMap(configTypesOf));
    const seen = new Set(read.resources.map((resource) => resource.resourceId));
    const stale = (await reporting.findings.listOpen()).filter(
      (finding) =>
        types.has(finding.resourceType) &&
        finding.lastSeenAt < item.plannedAt &&
        !seen.has(finding.resourceId),
    );
    for (const resourceId of new Set(stale.map((finding) => finding.resourceId))) {
      const resolved = await resolveResource(reporting.findings, resourceId, now, 'deleted', delivery.outbox);
      delivery.collect(resolved);
      transitions.push(...resolved);
    }
  }
  await delivery.send(sendOptions(deps, item, runs));
  return {
    item,
    resources: read.resources.length,
    evaluations,
    transitions,
    errors,
    counts,
    unreachable: read.unreachable ?? [],
    ...(next ? { next } : {}),
  };
}
