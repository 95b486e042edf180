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
import { finishChain, kpiCounts, kpisOf, startRun } from '../../../shared/usecase/sweep-run.js';
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

async function freshState(source?: InventorySource) {
  const name = `sweep-runs-${++tables}`;
  await local.createTable(name);
  const runs = createDynamoDbSweepRuns(local.client, name);
  const slack: SlackPayload[] = [];
  const deps: MonitorDeps = {
    source: source ?? { read: async () => emptyReadResult(), enumerate: async () => emptyReadResult() },
    findings: createDynamoDbFindingStore(local.client, name),
    publish: async () => {},
    policy,
    rules: RULES,
    now: () => T0,
    scope: { accountId: ACCOUNT_ID, regions: [REGION] },
    outbox: { enqueue: async (payloads) => void slack.push(...payloads) },
  };
  return { runs, deps, slack };
}

const RUN = { sweepId: 'sweep-1', plannedAt: T0.toISOString() };
const start = (runs: SweepRuns, deps: MonitorDeps, planned: number) =>
  startRun(deps, runs, { ...RUN, planned, regions: [REGION] });

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
    const { incomplete: reported } = await startRun(deps, runs, { ...next, planned: 1, regions: [REGION] });
    const { incomplete: after } = await startRun(deps, runs, {
      sweepId: 'sweep-3',
      plannedAt: '2026-11-23T00:00:00.000Z',
      planned: 1,
      regions: [REGION],
    });

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
