/**
 * The fanned-out sweep's fan-in: what the single-invocation sweep does at its end (publish the SEC09 KPIs, post
 * the alerts or one digest for them, then the summary), done once per run by the worker that finishes its last
 * family-region, from what every item added to the run record (shared/state/sweep-runs.ts): KPI counts, alert
 * counts and held messages. Slack's digestThreshold is so judged per sweep, not per item. A run that never
 * finishes (an item in the dead-letter queue) publishes nothing: the next planner closes it and reports it with
 * what is missing and the alerts it held.
 */
import { FAMILIES, type Family } from '../families/index.js';
import type { Evaluation } from '../model/evaluation.js';
import { type Severity, severityRank } from '../model/evaluation.js';
import type { Policy } from '../policy/schema.js';
import { computeKpis, type Kpis, share } from '../report/kpis.js';
import { buildDigestMessage, type FoldedAlerts } from '../report/slack/digest.js';
import { awsText, enforceLimits, type SlackPayload } from '../report/slack/payload.js';
import type { RunCounts, StartedRun, SweepRunKey, SweepRunRecord, SweepRuns } from '../state/sweep-runs.js';
import type { MonitorDeps } from './deps.js';
import { sweepDigest } from './sweep.js';

/** The chain (family-region, or the aggregator query) an item belongs to: its pages follow one another. */
export function chainOf(item: { region?: string; family?: string; aggregator?: string }): string {
  return item.aggregator !== undefined ? `aggregator/${item.aggregator}` : `${item.region}/${item.family}`;
}

/** What the KPIs of some evaluations add to a run: per share, compliant and total; per expiring KPI, the count. */
export function kpiCounts(evaluations: readonly Evaluation[], policy: Policy): RunCounts {
  const counts: RunCounts = {};
  for (const [key, value] of Object.entries(computeKpis(evaluations, policy))) {
    if ('count' in value) counts[`kpi.${key}.count`] = value.count;
    else {
      counts[`kpi.${key}.compliant`] = value.compliant;
      counts[`kpi.${key}.total`] = value.total;
    }
  }
  return counts;
}

/**
 * Counts of disjoint sets of resources add up: each resource is read on one page of one family-region, and the
 * KPIs count per resource.
 */
export function addCounts(a: RunCounts | undefined, b: RunCounts): RunCounts {
  const sum: RunCounts = { ...a };
  for (const [name, value] of Object.entries(b)) sum[name] = (sum[name] ?? 0) + value;
  return sum;
}

/**
 * The run's KPIs, keyed and shaped as computeKpis gives them for the whole sweep.
 * @internal Exported for its test (counts of some evaluations give back their KPIs); finishChain uses it.
 */
export function kpisOf(counts: RunCounts, policy: Policy): Kpis {
  const kpis = computeKpis([], policy);
  for (const [key, value] of Object.entries(kpis)) {
    kpis[key] =
      'count' in value
        ? { ...value, count: counts[`kpi.${key}.count`] ?? 0 }
        : share(counts[`kpi.${key}.compliant`] ?? 0, counts[`kpi.${key}.total`] ?? 0);
  }
  return kpis;
}

/** Folded alerts as run counts, and back. */
export function foldedCounts(folded: FoldedAlerts): RunCounts {
  const counts: RunCounts = {};
  for (const [reason, n] of Object.entries(folded.byReason)) counts[`alert.${reason}`] = n ?? 0;
  for (const [family, n] of Object.entries(folded.openedByFamily)) counts[`opened.${family}`] = n;
  return counts;
}

function foldedOf(counts: RunCounts): FoldedAlerts | undefined {
  const folded: FoldedAlerts = { byReason: {}, openedByFamily: {} };
  let any = false;
  for (const [name, n] of Object.entries(counts)) {
    if (name.startsWith('alert.') && n > 0) {
      folded.byReason[name.slice('alert.'.length) as keyof FoldedAlerts['byReason']] = n;
      any = true;
    } else if (name.startsWith('opened.') && n > 0) folded.openedByFamily[name.slice('opened.'.length)] = n;
  }
  return any ? folded : undefined;
}

/**
 * The counter an item planned as part of a first sweep adds with its alerts: it kept no message for them, so
 * the run posts one digest whatever its record says.
 */
export const FIRST_SWEEP_COUNT = 'firstSweep';

/** How many alerts the run's items held (each alert once per page mark). */
export function alertTotal(counts: RunCounts): number {
  let total = 0;
  for (const [name, n] of Object.entries(counts)) if (name.startsWith('alert.')) total += n;
  return total;
}

/**
 * What a run's held alerts become, decided once for the whole sweep: one digest when the run is a first sweep
 * or its items raised more than slack.digestThreshold, else each alert's own message, oldest first.
 */
async function heldAlerts(deps: MonitorDeps, runs: SweepRuns, run: SweepRunRecord) {
  const folded = foldedOf(run.counts);
  if (!folded) return { messages: [] };
  const firstSweep = run.digest === true || (run.counts[FIRST_SWEEP_COUNT] ?? 0) > 0;
  if (firstSweep || alertTotal(run.counts) > deps.policy.slack.digestThreshold)
    return { folded, messages: [] };
  // Only the messages whose counts the run holds: one held by an item the run refused (closed) went out from it.
  const counted = new Set(run.heldKeys);
  const held = await runs.held(run);
  return { messages: held.filter((alert) => counted.has(alert.key)).map((alert) => alert.payload) };
}

/**
 * How long a worker's claim to publish a run holds: the sweep-worker's timeout (serverless.yml, 900 s), after
 * which Lambda has stopped it; SQS hands an item over again only after its visibility timeout (5,400 s).
 */
const PUBLISH_LEASE_SECONDS = 900;

/** What a finished run publishes: its KPIs (for the metrics) and the digest it posted. */
export interface PublishedRun {
  run: SweepRunRecord;
  kpis: Kpis;
  digest?: SlackPayload;
}

/**
 * A chain finished (its last page, or an item that gave up): adds its counts to the run once. The worker whose
 * addition completes the run (or the redelivery of that item, when publishing failed) posts what the sweep's
 * items held (their messages, or one digest for the sweep) and its digest, and returns the KPIs to publish;
 * anyone else gets undefined.
 */
export async function finishChain(
  deps: MonitorDeps,
  runs: SweepRuns,
  run: SweepRunKey,
  chain: string,
  counts: RunCounts,
): Promise<PublishedRun | undefined> {
  let after = await runs.finish(run, chain, counts);
  // Already counted: a redelivery, which publishes only if its chain completed the run and publishing failed.
  if (!after) {
    const known = await runs.get(run);
    after = known?.lastChain === chain ? known : undefined;
  }
  if (!after || after.done < after.planned || after.publishedAt) return undefined;
  const kpis = kpisOf(after.counts, deps.policy);
  const now = deps.now();
  // One worker publishes: a duplicate of the completing item running at the same moment finds the claim.
  if (!(await runs.claim(run, now, PUBLISH_LEASE_SECONDS))) return undefined;
  let digest: SlackPayload | undefined;
  if (deps.outbox) {
    try {
      // A run the next planner closed as unfinished had its held alerts posted then: only its KPIs are new.
      const { folded, messages } = after.closedAt
        ? { folded: undefined, messages: [] }
        : await heldAlerts(deps, runs, after);
      digest = await sweepDigest(deps, kpis, after.regions, now, folded);
      // The alerts first, then the summary, as the single-invocation sweep posts them.
      await deps.outbox.enqueue([...messages, digest]);
    } catch (error) {
      await runs.release(run, now);
      throw error;
    }
  }
  // After the digest went out: a failure before this line leaves the run unpublished, and SQS hands the item over
  // again, which publishes then (a digest twice at worst, never none).
  if (!(await runs.published(run, now.toISOString()))) return undefined;
  return { run: after, kpis, ...(digest ? { digest } : {}) };
}

/** A run the next planner found unfinished: the chains that never finished. */
export interface IncompleteRun {
  sweepId: string;
  plannedAt: string;
  planned: number;
  done: number;
  missing: string[];
}

/** The chains a run planned, derived as the planner derived them (planSweep: global families in their region). */
function plannedChains(run: SweepRunRecord, families: readonly Family[]): string[] {
  if (run.aggregator !== undefined) return [chainOf({ aggregator: run.aggregator })];
  return run.regions.flatMap((region) =>
    families
      .filter((family) => !family.globalRegion || family.globalRegion === region)
      .map((family) => chainOf({ region, family: family.id })),
  );
}

function incompleteMessage(run: IncompleteRun): SlackPayload {
  const shown = run.missing.slice(0, 20).map(awsText).join(', ');
  const more = run.missing.length > 20 ? ` (+${run.missing.length - 20} more)` : '';
  const text =
    `:warning: transit-guard sweep ${awsText(run.sweepId)} (planned ${awsText(run.plannedAt)}) had not finished when the next one was planned: ` +
    `${run.done} of ${run.planned} family-regions done; missing: ${shown || 'unknown'}${more}. ` +
    'Its KPIs and digest are not published until it does; the sweep work dead-letter queue holds what failed.';
  return enforceLimits({ text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] });
}

/** The alerts an unfinished run's items held, as its fan-in would have posted them (without its KPIs). */
async function unfinishedAlerts(
  deps: MonitorDeps,
  runs: SweepRuns,
  run: SweepRunRecord,
): Promise<SlackPayload[]> {
  const { folded, messages } = await heldAlerts(deps, runs, run);
  if (!folded) return messages;
  const open = await deps.findings.listOpen();
  const minimum = severityRank(deps.policy.slack.minSeverity);
  const counts: Partial<Record<Severity, number>> = {};
  for (const finding of open) counts[finding.severity] = (counts[finding.severity] ?? 0) + 1;
  return [
    buildDigestMessage({
      counts,
      worst: open.filter((finding) => severityRank(finding.severity) >= minimum),
      sweptAt: run.plannedAt,
      regions: run.regions,
      folded,
      heading: 'transit-guard sweep (unfinished)',
    }),
  ];
}

/** What the planner gets: the run (as first recorded), whether it is new, and the previous run if unfinished. */
export interface PlannedRun extends StartedRun {
  incomplete?: IncompleteRun;
}

/** A schedule event retried after a later sweep was planned, its run never recorded: the later one covers it. */
export interface SupersededRun {
  superseded: SweepRunRecord;
}

/**
 * Before a new run: reports the previous one if it never finished (logged by the caller, posted to Slack here,
 * with the alerts its items held for it, so none is lost), then records the new one. Only the previous run is
 * looked at, and a mark says it was reported, so each is reported once. The same sweep planned again (a
 * retried schedule event) finds its own run and reuses it: no second record, no orphan.
 */
export async function startRun(
  deps: MonitorDeps,
  runs: SweepRuns,
  run: SweepRunKey & { planned: number; regions: readonly string[]; aggregator?: string; digest?: boolean },
  families: readonly Family[] = FAMILIES,
): Promise<PlannedRun | SupersededRun> {
  const previous = await runs.latest();
  // A late retry (Lambda keeps a throttled event up to 6 hours) must not close the later sweep as unfinished.
  if (previous && previous.sweepId !== run.sweepId && previous.plannedAt > run.plannedAt) {
    const own = await runs.get(run);
    return own ? { run: own, created: false } : { superseded: previous };
  }
  let incomplete: IncompleteRun | undefined;
  // Closed before it is read: no item adds an alert to it after, so what is posted here is all it holds.
  const closed =
    previous && previous.sweepId !== run.sweepId && !previous.publishedAt
      ? await runs.close(previous, deps.now().toISOString())
      : undefined;
  if (closed && !(await runs.marked(closed, 'reported'))) {
    const done = new Set(closed.chains);
    incomplete = {
      sweepId: closed.sweepId,
      plannedAt: closed.plannedAt,
      planned: closed.planned,
      done: closed.done,
      missing: plannedChains(closed, families).filter((chain) => !done.has(chain)),
    };
    // An operational warning, whatever slack.minSeverity: the KPIs of that run are missing from the dashboard.
    if (deps.outbox)
      await deps.outbox.enqueue([
        incompleteMessage(incomplete),
        ...(await unfinishedAlerts(deps, runs, closed)),
      ]);
    // After the post: a failure between posts it again on the retry (twice at worst, never none).
    await runs.mark(closed, 'reported');
  }
  const started = await runs.start(run);
  return { ...started, ...(incomplete ? { incomplete } : {}) };
}
