import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AcmCertificate } from '../../../shared/families/acm/model.js';
import { FAMILIES } from '../../../shared/families/index.js';
import {
  emptyReadResult,
  type InventorySource,
  type SweepPage,
} from '../../../shared/inventory/live/port.js';
import { policySchema } from '../../../shared/policy/schema.js';
import { computeKpis } from '../../../shared/report/kpis.js';
import type { SlackPayload } from '../../../shared/report/slack/payload.js';
import { RULES } from '../../../shared/rules/index.js';
import { createDynamoDbFindingStore } from '../../../shared/state/dynamodb-store.js';
import { createDynamoDbSweepRuns, type SweepRuns } from '../../../shared/state/sweep-runs.js';
import type { MonitorDeps } from '../../../shared/usecase/deps.js';
import {
  alertTotal,
  finishChain,
  kpiCounts,
  kpisOf,
  type PlannedRun,
  type SupersededRun,
  startRun,
} from '../../../shared/usecase/sweep-run.js';
import { runSweepItem, type SweepItem } from '../../../shared/usecase/sweep-work.js';
import { certificateIn } from '../../helpers/acm-fixtures.js';
import { type LocalDynamo, startDynalite } from '../../helpers/dynalite.js';

const ACCOUNT_ID = '111122223333';
const REGION = 'eu-west-1';
const T0 = new Date('2026-11-22T12:00:00.000Z');
const policy = policySchema.parse({});

let local: LocalDynamo;
let tables = 0;
beforeAll(async () => {
  local = await startDynalite();
});
afterAll(async () => {
  await local.stop();
});

async function freshState(source?: InventorySource, digestThreshold?: number) {
  const name = `sweep-runs-${++tables}`;
  await local.createTable(name);
  const runs = createDynamoDbSweepRuns(local.client, name);
  const slack: SlackPayload[] = [];
  const deps: MonitorDeps = {
    source: source ?? { read: async () => emptyReadResult(), enumerate: async () => emptyReadResult() },
    findings: createDynamoDbFindingStore(local.client, name),
    publish: async () => {},
    policy: digestThreshold ? policySchema.parse({ slack: { digestThreshold } }) : policy,
    rules: RULES,
    now: () => T0,
    scope: { accountId: ACCOUNT_ID, regions: [REGION] },
    outbox: { enqueue: async (payloads) => void slack.push(...payloads) },
  };
  return { runs, deps, slack };
}

const RUN = { sweepId: 'sweep-1', plannedAt: T0.toISOString() };
/** A run the planner started (not superseded by a later one). */
async function started(result: Promise<PlannedRun | SupersededRun>): Promise<PlannedRun> {
  const run = await result;
  if ('superseded' in run) throw new Error(`superseded by ${run.superseded.sweepId}`);
  return run;
}
const start = (runs: SweepRuns, deps: MonitorDeps, planned: number) =>
  started(startRun(deps, runs, { ...RUN, planned, regions: [REGION] }));

const cert = (id: string, overrides: Partial<AcmCertificate> = {}) =>
  certificateIn({ accountId: ACCOUNT_ID, region: REGION }, id, overrides);
/** Within the expiry window of T0: one on each page of the paged test. */
const SOON = '2026-12-01T00:00:00.000Z';
const WEAK = [
  cert('weak-1', { keyAlgorithm: 'RSA_1024', notAfter: SOON }),
  cert('weak-2', { keyAlgorithm: 'RSA_1024' }),
];
const FINE = [cert('fine-1'), cert('fine-2', { notAfter: SOON }), cert('fine-3')];

describe('sweep run records (the fan-in) on DynamoDB (dynalite)', () => {
  it('publishes exactly once when two workers finish the last two family-regions at the same time', async () => {
    // Prepare
    const { runs, deps, slack } = await freshState();
    await start(runs, deps, 2);
    const counts = { 'kpi.certificatesExpiring.count': 1 };

    // Act
    const results = await Promise.all([
      finishChain(deps, runs, RUN, `${REGION}/acm`, counts),
      finishChain(deps, runs, RUN, `${REGION}/vpn`, counts),
    ]);

    // Assess
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(slack).toHaveLength(1);
    expect((await runs.get(RUN))?.publishedAt).toBe(T0.toISOString());
    expect(results.find(Boolean)?.kpis.certificatesExpiring).toMatchObject({ count: 2 });
  });

  it('counts a redelivered item once: neither its counts nor its done count twice, and nothing publishes again', async () => {
    // Prepare
    const { runs, deps, slack } = await freshState();
    await start(runs, deps, 2);
    const counts = { 'kpi.certificatesExpiring.count': 3 };

    // Act
    const first = await finishChain(deps, runs, RUN, `${REGION}/acm`, counts);
    const redelivered = await finishChain(deps, runs, RUN, `${REGION}/acm`, counts);
    const halfway = await runs.get(RUN);
    const last = await finishChain(deps, runs, RUN, `${REGION}/vpn`, {});
    const lateRedelivery = await finishChain(deps, runs, RUN, `${REGION}/vpn`, {});

    // Assess
    expect([first, redelivered]).toEqual([undefined, undefined]);
    expect(halfway).toMatchObject({ done: 1, counts: { 'kpi.certificatesExpiring.count': 3 } });
    expect(last?.kpis.certificatesExpiring).toMatchObject({ count: 3 });
    expect(lateRedelivery).toBeUndefined();
    expect(slack).toHaveLength(1);
  });

  it('publishes on the redelivery of the last item when its first delivery could not post the digest', async () => {
    // Prepare
    const { runs, deps, slack } = await freshState();
    await start(runs, deps, 1);
    const failing = { ...deps, outbox: { enqueue: async () => Promise.reject(new Error('SQS is down')) } };

    // Act
    const failed = finishChain(failing, runs, RUN, `${REGION}/acm`, {});
    await expect(failed).rejects.toThrow('SQS is down');
    const retried = await finishChain(deps, runs, RUN, `${REGION}/acm`, {});

    // Assess
    expect(retried).toBeDefined();
    expect(slack).toHaveLength(1);
  });

  it('adds nothing to a run it does not know (expired): no partial record is created', async () => {
    // Prepare
    const { runs, deps } = await freshState();

    // Act
    const result = await finishChain(deps, runs, RUN, `${REGION}/acm`, { 'kpi.x.count': 1 });

    // Assess
    expect(result).toBeUndefined();
    expect(await runs.get(RUN)).toBeUndefined();
  });

  it('sums the pages of a family-region to the KPIs of all its resources evaluated at once', async () => {
    // Prepare: two pages of ACM, then nothing else planned.
    const pages: Record<string, SweepPage> = {
      first: { ...emptyReadResult(), resources: [...WEAK, FINE[0] as AcmCertificate], next: 'page-2' },
      'page-2': { ...emptyReadResult(), resources: FINE.slice(1) },
    };
    const source: InventorySource = {
      read: async () => emptyReadResult(),
      enumerate: async () => emptyReadResult(),
      enumeratePage: async (_region, _family, token) => pages[token ?? 'first'] ?? emptyReadResult(),
    };
    const { runs, deps } = await freshState(source);
    await start(runs, deps, 1);
    const item: SweepItem = {
      ...RUN,
      region: REGION,
      family: 'acm',
      pageNumber: 1,
      clean: true,
      digest: false,
    };

    // Act
    const one = await runSweepItem(deps, item, runs);
    const two = await runSweepItem(deps, one.next as SweepItem, runs);
    const published = await finishChain(deps, runs, RUN, `${REGION}/acm`, two.counts);

    // Assess: derived from every certificate read on one page and evaluated at once.
    const onePage = await freshState({
      ...source,
      enumeratePage: async () => ({ ...emptyReadResult(), resources: [...WEAK, ...FINE] }),
    });
    const whole = await runSweepItem(onePage.deps, { ...item, digest: false });
    const all = computeKpis(whole.evaluations, policy);
    expect(all.certificatesExpiring).toMatchObject({ count: 2 });
    expect(published?.kpis).toEqual(all);
    expect(kpisOf(kpiCounts(whole.evaluations, policy), policy)).toEqual(all);
  });

  it("folds a first sweep's alerts into the run, once per page, for the one end-of-sweep digest", async () => {
    // Prepare
    const source: InventorySource = {
      read: async () => emptyReadResult(),
      enumerate: async () => emptyReadResult(),
      enumeratePage: async () => ({ ...emptyReadResult(), resources: WEAK }),
    };
    const { runs, deps, slack } = await freshState(source);
    await start(runs, deps, 1);
    const item: SweepItem = {
      ...RUN,
      region: REGION,
      family: 'acm',
      pageNumber: 1,
      clean: true,
      digest: true,
    };

    // Act
    const outcome = await runSweepItem(deps, item, runs);
    const before = slack.length;
    await finishChain(deps, runs, RUN, `${REGION}/acm`, outcome.counts);

    // Assess: no digest per item; the run's digest counts the opened findings.
    expect(before).toBe(0);
    expect(slack).toHaveLength(1);
    const opened = outcome.transitions.filter((transition) => transition.kind === 'opened').length;
    expect(opened).toBeGreaterThan(0);
    expect(JSON.stringify(slack[0])).toContain(`${opened} new`);
  });

  it('has the next planner name the family-regions a run never finished, and report it only once', async () => {
    // Prepare
    const { runs, deps, slack } = await freshState();
    const planned = FAMILIES.filter((family) => !family.globalRegion || family.globalRegion === REGION);
    await start(runs, deps, planned.length);
    for (const family of planned.slice(1)) await finishChain(deps, runs, RUN, `${REGION}/${family.id}`, {});
    const next = { sweepId: 'sweep-2', plannedAt: '2026-11-22T18:00:00.000Z' };

    // Act
    const { incomplete: reported } = await started(
      startRun(deps, runs, { ...next, planned: 1, regions: [REGION] }),
    );
    const { incomplete: after } = await started(
      startRun(deps, runs, {
        sweepId: 'sweep-3',
        plannedAt: '2026-11-23T00:00:00.000Z',
        planned: 1,
        regions: [REGION],
      }),
    );

    // Assess
    expect(reported).toEqual({
      sweepId: 'sweep-1',
      plannedAt: RUN.plannedAt,
      planned: planned.length,
      done: planned.length - 1,
      missing: [`${REGION}/${planned[0]?.id}`],
    });
    // sweep-3's planner looks at sweep-2 (itself unfinished), not at sweep-1 again.
    expect(after).toMatchObject({ sweepId: 'sweep-2', planned: 1, done: 0 });
    expect(slack).toHaveLength(2);
    expect(slack[0]?.text).toContain('sweep sweep-1 ');
    expect(slack[0]?.text).toContain(`missing: ${REGION}/${planned[0]?.id}`);
  });
});

const OTHER = 'us-east-1';
/** Two certificates with weak keys (one also expiring) in `region`: the same alerts in every region. */
const weakIn = (region: string) => [
  certificateIn({ accountId: ACCOUNT_ID, region }, `weak-1-${region}`, {
    keyAlgorithm: 'RSA_1024',
    notAfter: SOON,
  }),
  certificateIn({ accountId: ACCOUNT_ID, region }, `weak-2-${region}`, { keyAlgorithm: 'RSA_1024' }),
];
/** An inventory answering one page of ACM per region. */
const byRegion = (pages: Record<string, AcmCertificate[]>): InventorySource => ({
  read: async () => emptyReadResult(),
  enumerate: async () => emptyReadResult(),
  enumeratePage: async (region) => ({ ...emptyReadResult(), resources: pages[region] ?? [] }),
});
/** A later sweep's item (findings were open when it was planned: no digest by default). */
const laterItem = (region: string): SweepItem => ({
  ...RUN,
  region,
  family: 'acm',
  pageNumber: 1,
  clean: true,
  digest: false,
});
const startTwoRegions = (runs: SweepRuns, deps: MonitorDeps) =>
  startRun(deps, runs, { ...RUN, planned: 2, regions: [REGION, OTHER], digest: false });

/** How many alerts one region's item raises, measured on a table of its own. */
async function alertsOfOneItem(): Promise<number> {
  const { runs, deps } = await freshState(byRegion({ [REGION]: weakIn(REGION) }));
  await startRun(deps, runs, { ...RUN, planned: 1, regions: [REGION], digest: false });
  await runSweepItem(deps, laterItem(REGION), runs);
  return alertTotal((await runs.get(RUN))?.counts ?? {});
}

describe('the fanned-out sweep tells Slack once per sweep (run records on dynalite)', () => {
  it('posts one digest for a later sweep whose items together raise more than slack.digestThreshold, though none does alone', async () => {
    // Prepare: the threshold is what one item raises, so each item alone stays at it.
    const perItem = await alertsOfOneItem();
    expect(perItem).toBeGreaterThan(0);
    const source = byRegion({ [REGION]: weakIn(REGION), [OTHER]: weakIn(OTHER) });
    const { runs, deps, slack } = await freshState(source, perItem);
    await startTwoRegions(runs, deps);

    // Act
    const one = await runSweepItem(deps, laterItem(REGION), runs);
    const two = await runSweepItem(deps, laterItem(OTHER), runs);
    const duringItems = slack.length;
    await finishChain(deps, runs, RUN, `${REGION}/acm`, one.counts);
    await finishChain(deps, runs, RUN, `${OTHER}/acm`, two.counts);

    // Assess: nothing per item; one digest standing for both items' alerts.
    expect(duringItems).toBe(0);
    expect(slack).toHaveLength(1);
    expect(slack[0]?.text).toMatch(/^transit-guard sweep: /);
    expect(JSON.stringify(slack[0])).toContain('In this digest instead of one message each');
    expect(JSON.stringify(slack[0])).toContain(`${2 * perItem} new`);
  });

  it('posts each alert of a later sweep under the threshold once, at the end, when an item is redelivered before Slack was cleared', async () => {
    // Prepare
    const perItem = await alertsOfOneItem();
    const source = byRegion({ [REGION]: weakIn(REGION), [OTHER]: weakIn(OTHER) });
    const { runs, deps, slack } = await freshState(source);
    expect(2 * perItem).toBeLessThanOrEqual(deps.policy.slack.digestThreshold);
    await startTwoRegions(runs, deps);
    // The first delivery times out right after its alerts were added to the run: Slack is still owed them.
    const timesOut: SweepRuns = {
      ...runs,
      add: async (...args) => {
        await runs.add(...args);
        throw new Error('Task timed out');
      },
    };

    // Act
    await expect(runSweepItem(deps, laterItem(REGION), timesOut)).rejects.toThrow('Task timed out');
    const one = await runSweepItem(deps, laterItem(REGION), runs);
    const two = await runSweepItem(deps, laterItem(OTHER), runs);
    const duringItems = slack.length;
    await finishChain(deps, runs, RUN, `${REGION}/acm`, one.counts);
    await finishChain(deps, runs, RUN, `${OTHER}/acm`, two.counts);

    // Assess: every alert once (the redelivery held the same ones under the same keys), then the summary.
    expect(duringItems).toBe(0);
    expect(alertTotal((await runs.get(RUN))?.counts ?? {})).toBe(2 * perItem);
    expect(slack).toHaveLength(2 * perItem + 1);
    const alerts = slack.slice(0, -1).map((payload) => JSON.stringify(payload));
    expect(new Set(alerts).size).toBe(2 * perItem);
    expect(alerts.filter((text) => text.includes(`weak-1-${REGION}`)).length).toBeGreaterThan(0);
    expect(alerts.filter((text) => text.includes(`weak-2-${OTHER}`)).length).toBeGreaterThan(0);
    expect(slack.at(-1)?.text).toMatch(/^transit-guard sweep: /);
    expect(JSON.stringify(slack.at(-1))).not.toContain('instead of one message each');
  });

  /** Two workers run their item and finish its chain at the same time; what Slack got. */
  async function concurrentSweep(threshold: (perItem: number) => number) {
    const perItem = await alertsOfOneItem();
    const source = byRegion({ [REGION]: weakIn(REGION), [OTHER]: weakIn(OTHER) });
    const { runs, deps, slack } = await freshState(source, threshold(perItem));
    await startTwoRegions(runs, deps);
    const finish = async (region: string) => {
      const outcome = await runSweepItem(deps, laterItem(region), runs);
      return finishChain(deps, runs, RUN, `${region}/acm`, outcome.counts);
    };
    const published = await Promise.all([finish(REGION), finish(OTHER)]);
    return { perItem, published, slack, texts: slack.map((payload) => JSON.stringify(payload)) };
  }

  it('tells each alert once when two workers finish the last two items at the same time (under the threshold)', async () => {
    // Act
    const { perItem, published, slack, texts } = await concurrentSweep((perItem) => 2 * perItem);

    // Assess
    expect(published.filter(Boolean)).toHaveLength(1);
    expect(slack).toHaveLength(2 * perItem + 1);
    expect(new Set(texts.slice(0, -1)).size).toBe(2 * perItem);
  });

  it('posts one digest when two workers finish the last two items at the same time (over the threshold)', async () => {
    // Act
    const { perItem, published, slack, texts } = await concurrentSweep((perItem) => perItem);

    // Assess
    expect(published.filter(Boolean)).toHaveLength(1);
    expect(slack).toHaveLength(1);
    expect(texts[0]).toContain(`${2 * perItem} new`);
  });

  it('publishes once when SQS hands the completing item to two workers at the same moment', async () => {
    // Prepare: posting takes a while, so the duplicate arrives while the first worker is publishing.
    const { runs, deps, slack } = await freshState();
    await start(runs, deps, 1);
    const slow = {
      ...deps,
      outbox: {
        enqueue: async (payloads: SlackPayload[]) => {
          await new Promise((resolve) => setTimeout(resolve, 200));
          slack.push(...payloads);
        },
      },
    };

    // Act
    const results = await Promise.all([
      finishChain(slow, runs, RUN, `${REGION}/acm`, {}),
      new Promise((resolve) => setTimeout(resolve, 50)).then(() =>
        finishChain(slow, runs, RUN, `${REGION}/acm`, {}),
      ),
    ]);

    // Assess
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(slack).toHaveLength(1);
  });

  it('lets a worker that died while publishing be replaced once its claim has run out (the sweep-worker timeout)', async () => {
    // Prepare: a worker claimed the publication and was stopped before posting (no release).
    const { runs, deps, slack } = await freshState();
    await start(runs, deps, 1);
    await runs.finish(RUN, `${REGION}/acm`, {});
    expect(await runs.claim(RUN, T0, 900)).toBe(true);

    // Act: the item handed over again within the timeout, then after it.
    const early = await finishChain(deps, runs, RUN, `${REGION}/acm`, {});
    const later = { ...deps, now: () => new Date(T0.getTime() + 901_000) };
    const replaced = await finishChain(later, runs, RUN, `${REGION}/acm`, {});

    // Assess
    expect(early).toBeUndefined();
    expect(replaced).toBeDefined();
    expect(slack).toHaveLength(1);
  });

  it('lets only the chain that completed a run publish it on redelivery, not a late duplicate of another chain', async () => {
    // Prepare: the last chain completes the run but cannot post.
    const { runs, deps, slack } = await freshState();
    await start(runs, deps, 2);
    const failing = { ...deps, outbox: { enqueue: async () => Promise.reject(new Error('SQS is down')) } };
    await finishChain(deps, runs, RUN, `${REGION}/acm`, {});
    await expect(finishChain(failing, runs, RUN, `${REGION}/vpn`, {})).rejects.toThrow('SQS is down');

    // Act
    const duplicate = await finishChain(deps, runs, RUN, `${REGION}/acm`, {});
    const redelivered = await finishChain(deps, runs, RUN, `${REGION}/vpn`, {});

    // Assess
    expect(duplicate).toBeUndefined();
    expect(redelivered).toBeDefined();
    expect(slack).toHaveLength(1);
  });

  it('reuses the run of a retried schedule event: one record, its counts kept, and the next planner looks at it', async () => {
    // Prepare
    const { runs, deps } = await freshState();
    const first = await start(runs, deps, 2);
    await finishChain(deps, runs, RUN, `${REGION}/acm`, { 'kpi.certificatesExpiring.count': 2 });

    // Act
    const retried = await start(runs, deps, 2);

    // Assess
    expect(first.created).toBe(true);
    expect(retried).toMatchObject({
      created: false,
      run: { ...RUN, planned: 2, done: 1, counts: { 'kpi.certificatesExpiring.count': 2 } },
    });
    expect(await runs.latest()).toMatchObject({ ...RUN, done: 1 });
  });

  it('does not post again the alerts of an item redelivered after the next planner reported them with its unfinished run', async () => {
    // Prepare: the item's alerts reach the run, then it times out (Slack still owed); the run stays unfinished.
    const perItem = await alertsOfOneItem();
    const source = byRegion({ [REGION]: weakIn(REGION), [OTHER]: weakIn(OTHER) });
    const { runs, deps, slack } = await freshState(source);
    await startTwoRegions(runs, deps);
    const timesOut: SweepRuns = {
      ...runs,
      add: async (...args) => {
        await runs.add(...args);
        throw new Error('Task timed out');
      },
    };
    await expect(runSweepItem(deps, laterItem(REGION), timesOut)).rejects.toThrow('Task timed out');
    const acmOnly = FAMILIES.filter((family) => family.id === 'acm');
    const next = { sweepId: 'sweep-2', plannedAt: '2026-11-22T18:00:00.000Z', planned: 2, regions: [REGION] };
    await started(startRun(deps, runs, next, acmOnly));
    const reported = slack.length;

    // Act: SQS hands the item over again.
    await runSweepItem(deps, laterItem(REGION), runs);

    // Assess: told once, by the report.
    expect(reported).toBe(1 + perItem);
    expect(slack).toHaveLength(reported);
  });

  it('plans nothing for a schedule event retried after a later sweep was planned, and leaves that sweep running', async () => {
    // Prepare: sweep-2 (planned later) is running; sweep-1's event arrives late, its run never recorded.
    const { runs, deps, slack } = await freshState();
    const later = {
      sweepId: 'sweep-2',
      plannedAt: '2026-11-22T18:00:00.000Z',
      planned: 2,
      regions: [REGION],
    };
    await started(startRun(deps, runs, later));

    // Act
    const late = await startRun(deps, runs, { ...RUN, planned: 2, regions: [REGION] });
    const stillRunning = await finishChain(deps, runs, later, `${REGION}/acm`, {});

    // Assess: nothing recorded for sweep-1, sweep-2 neither closed nor reported.
    expect(late).toMatchObject({ superseded: { sweepId: 'sweep-2' } });
    expect(await runs.get(RUN)).toBeUndefined();
    expect((await runs.get(later))?.closedAt).toBeUndefined();
    expect(stillRunning).toBeUndefined();
    expect(slack).toEqual([]);
  });

  it('reports an unfinished run once when the planner that reported it fails and is retried', async () => {
    // Prepare: sweep-1 left one of its two chains unfinished; sweep-2's first attempt fails after reporting.
    const { runs, deps, slack } = await freshState();
    await start(runs, deps, 2);
    await finishChain(deps, runs, RUN, `${REGION}/acm`, {});
    const next = { sweepId: 'sweep-2', plannedAt: '2026-11-22T18:00:00.000Z', planned: 1, regions: [REGION] };
    const failsOnce: SweepRuns = {
      ...runs,
      start: async () => Promise.reject(new Error('ProvisionedThroughputExceededException')),
    };
    await expect(startRun(deps, failsOnce, next)).rejects.toThrow('ProvisionedThroughputExceededException');

    // Act
    const retried = await started(startRun(deps, runs, next));

    // Assess
    expect(retried.incomplete).toBeUndefined();
    expect(retried.created).toBe(true);
    expect(slack.map((payload) => payload.text)).toEqual([expect.stringContaining('sweep sweep-1 ')]);
  });

  it("posts what an unfinished run's finished items held when the next planner reports it: no alert is lost", async () => {
    // Prepare: a later sweep of two regions; only the first region's item ever runs.
    const perItem = await alertsOfOneItem();
    const source = byRegion({ [REGION]: weakIn(REGION), [OTHER]: weakIn(OTHER) });
    const { runs, deps, slack } = await freshState(source);
    await startTwoRegions(runs, deps);
    const one = await runSweepItem(deps, laterItem(REGION), runs);
    await finishChain(deps, runs, RUN, `${REGION}/acm`, one.counts);
    const beforeNext = slack.length;

    // Act: the registry of this sweep is ACM alone (the planner derives the missing chains from it).
    const acmOnly = FAMILIES.filter((family) => family.id === 'acm');
    const next = await started(
      startRun(
        deps,
        runs,
        { sweepId: 'sweep-2', plannedAt: '2026-11-22T18:00:00.000Z', planned: 2, regions: [REGION, OTHER] },
        acmOnly,
      ),
    );

    // Assess: the warning names the missing region, then each held alert's own message.
    expect(beforeNext).toBe(0);
    expect(next.incomplete?.missing).toEqual([`${OTHER}/acm`]);
    expect(slack).toHaveLength(1 + perItem);
    expect(slack[0]?.text).toContain(`missing: ${OTHER}/acm`);
    expect(slack.slice(1).every((payload) => JSON.stringify(payload).includes(REGION))).toBe(true);

    // The late region runs after all: the closed run refuses its alerts, so it posts them itself; the run's
    // fan-in then posts only its KPIs' digest. Every alert once, none lost.
    const reported = slack.length;
    const two = await runSweepItem(deps, laterItem(OTHER), runs);
    const fromItem = slack.slice(reported).map((payload) => JSON.stringify(payload));
    await finishChain(deps, runs, RUN, `${OTHER}/acm`, two.counts);
    expect(fromItem).toHaveLength(perItem);
    expect(fromItem.every((text) => text.includes(OTHER))).toBe(true);
    expect(slack).toHaveLength(2 + 2 * perItem);
    expect(slack.at(-1)?.text).toMatch(/^transit-guard sweep: /);
    expect(JSON.stringify(slack.at(-1))).not.toContain('instead of one message each');
  });
});
