import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AcmCertificate } from '../../../shared/families/acm/model.js';
import { FAMILIES } from '../../../shared/families/index.js';
import {
  emptyReadResult,
  type InventorySource,
  type SweepPage,
} from '../../../shared/inventory/live/port.js';
import { policySchema } from '../../../shared/policy/schema.js';
import type { SlackPayload } from '../../../shared/report/slack/payload.js';
import { RULES } from '../../../shared/rules/index.js';
import { createDynamoDbFindingStore } from '../../../shared/state/dynamodb-store.js';
import type { FindingStore } from '../../../shared/state/finding-store.js';
import { createMemoryFindingStore } from '../../../shared/state/memory-store.js';
import type { MonitorDeps } from '../../../shared/usecase/deps.js';
import {
  MAX_PAGES_PER_FAMILY,
  planAggregatorSweep,
  planSweep,
  runAggregatorItem,
  runSweepItem,
  type SweepItem,
  SweepItemError,
} from '../../../shared/usecase/sweep-work.js';
import { certificateIn } from '../../helpers/acm-fixtures.js';
import { type LocalDynamo, recordingClient, startDynalite } from '../../helpers/dynalite.js';

const ACCOUNT_ID = '111122223333';
const REGION = 'eu-west-1';
const T0 = new Date('2026-11-22T12:00:00.000Z');
const LATER = new Date('2026-11-23T12:00:00.000Z');

const weak = (id: string, overrides: Partial<AcmCertificate> = {}) =>
  certificateIn({ accountId: ACCOUNT_ID, region: REGION }, id, { keyAlgorithm: 'RSA_1024', ...overrides });

/** A source whose ACM pages are given, and which records what it was asked. */
function pagedSource(pages: Record<string, SweepPage>) {
  const asked: { region: string; family: string; token?: string }[] = [];
  const source: InventorySource = {
    read: async () => emptyReadResult(),
    enumerate: async () => emptyReadResult(),
    async enumeratePage(region, family, token) {
      asked.push({ region, family, ...(token ? { token } : {}) });
      return pages[token ?? 'first'] ?? emptyReadResult();
    },
  };
  return { source, asked };
}

function depsWith(source: InventorySource, now: Date, findings = createMemoryFindingStore()) {
  const slack: SlackPayload[] = [];
  const actions: unknown[] = [];
  const deps: MonitorDeps = {
    source,
    findings,
    publish: async () => {},
    policy: policySchema.parse({}),
    rules: RULES,
    now: () => now,
    scope: { accountId: ACCOUNT_ID, regions: [REGION] },
    outbox: { enqueue: async (payloads) => void slack.push(...payloads) },
    actions: { enqueue: async (queued) => void actions.push(...queued) },
  };
  return { deps, findings, slack, actions };
}

const firstItem = (overrides: Partial<SweepItem> = {}): SweepItem => ({
  sweepId: 'sweep-1',
  plannedAt: T0.toISOString(),
  region: REGION,
  family: 'acm',
  pageNumber: 1,
  clean: true,
  digest: false,
  ...overrides,
});

const page = (resources: AcmCertificate[], next?: string): SweepPage => ({
  ...emptyReadResult(),
  resources,
  ...(next ? { next } : {}),
});

describe('planSweep', () => {
  it('plans one first-page item per region and family, a global family in its own region only', () => {
    // Act
    const items = planSweep({ sweepId: 's', regions: ['eu-west-1', 'us-east-1'], now: T0, digest: true });

    // Assess
    const global = FAMILIES.filter((family) => family.globalRegion);
    const regional = FAMILIES.filter((family) => !family.globalRegion);
    expect(global.length).toBeGreaterThan(0);
    expect(items).toHaveLength(
      regional.length * 2 + global.filter((f) => f.globalRegion === 'us-east-1').length,
    );
    for (const family of regional)
      expect(items.filter((item) => item.family === family.id).map((item) => item.region)).toEqual([
        'eu-west-1',
        'us-east-1',
      ]);
    for (const family of global)
      expect(items.filter((item) => item.family === family.id).map((item) => item.region)).toEqual([
        family.globalRegion,
      ]);
    expect(items.every((item) => item.pageNumber === 1 && item.clean && item.digest && !item.page)).toBe(
      true,
    );
    expect(new Set(items.map((item) => item.plannedAt))).toEqual(new Set([T0.toISOString()]));
  });
});

describe('runSweepItem', () => {
  it('records the findings of its page as it finishes and hands back the next page with its token', async () => {
    // Prepare
    const { source, asked } = pagedSource({ first: page([weak('a')], 'token-2') });
    const { deps, findings } = depsWith(source, LATER);

    // Act
    const outcome = await runSweepItem(deps, firstItem());

    // Assess
    expect(asked).toEqual([{ region: REGION, family: 'acm' }]);
    expect(
      findings
        .all()
        .filter((f) => f.state === 'open')
        .map((f) => f.ruleId),
    ).toContain('acm-certificate-key-strength');
    expect(outcome.next).toEqual({
      ...firstItem({ page: 'token-2', pageNumber: 2 }),
      counts: outcome.counts,
    });
  });

  it('continues from the page token it carries', async () => {
    // Prepare
    const { source, asked } = pagedSource({ 'token-2': page([weak('b')]) });
    const { deps } = depsWith(source, LATER);

    // Act
    const outcome = await runSweepItem(deps, firstItem({ page: 'token-2', pageNumber: 2 }));

    // Assess
    expect(asked).toEqual([{ region: REGION, family: 'acm', token: 'token-2' }]);
    expect(outcome.resources).toBe(1);
    expect(outcome.next).toBeUndefined();
  });

  it('on the last clean page resolves findings no page of this sweep saw, and keeps those an earlier page saw', async () => {
    // Prepare: both certificates were non-compliant in an earlier sweep.
    const earlier = depsWith(pagedSource({ first: page([weak('seen-on-page-1'), weak('gone')]) }).source, T0);
    await runSweepItem(earlier.deps, firstItem({ plannedAt: new Date(T0.getTime() - 1000).toISOString() }));
    const findings = earlier.findings;
    // This sweep: page 1 (earlier item) saw "seen-on-page-1", the last page sees "c".
    const plannedAt = new Date(LATER.getTime() - 60_000).toISOString();
    await runSweepItem(
      depsWith(pagedSource({ first: page([weak('seen-on-page-1')], 'p2') }).source, LATER, findings).deps,
      firstItem({ plannedAt }),
    );

    // Act
    const outcome = await runSweepItem(
      depsWith(pagedSource({ p2: page([weak('c')]) }).source, LATER, findings).deps,
      firstItem({ plannedAt, page: 'p2', pageNumber: 2 }),
    );

    // Assess
    const resolved = outcome.transitions
      .filter((t) => t.kind === 'resolved')
      .map((t) => t.finding?.resourceId);
    expect(resolved.length).toBeGreaterThan(0);
    expect(new Set(resolved)).toEqual(new Set([weak('gone').resourceId]));
    const open = new Set(
      findings
        .all()
        .filter((f) => f.state === 'open')
        .map((f) => f.resourceId),
    );
    expect(open).toEqual(new Set([weak('seen-on-page-1').resourceId, weak('c').resourceId]));
  });

  it('resolves nothing when an earlier page of the family had errors', async () => {
    // Prepare
    const earlier = depsWith(pagedSource({ first: page([weak('gone')]) }).source, T0);
    await runSweepItem(earlier.deps, firstItem({ plannedAt: new Date(T0.getTime() - 1000).toISOString() }));

    // Act
    const outcome = await runSweepItem(
      depsWith(pagedSource({ p2: page([]) }).source, LATER, earlier.findings).deps,
      firstItem({ plannedAt: LATER.toISOString(), page: 'p2', pageNumber: 2, clean: false }),
    );

    // Assess
    expect(outcome.transitions.filter((t) => t.kind === 'resolved')).toEqual([]);
    expect(earlier.findings.all().filter((f) => f.state === 'open').length).toBeGreaterThan(0);
  });

  it('carries a page read with errors on as not clean', async () => {
    // Prepare
    const failing: SweepPage = {
      ...page([], 'p2'),
      errors: [{ source: `api:DescribeCertificate x`, message: 'ThrottlingException: Rate exceeded' }],
    };
    const { deps } = depsWith(pagedSource({ first: failing }).source, LATER);

    // Act
    const outcome = await runSweepItem(deps, firstItem());

    // Assess
    expect(outcome.errors).toHaveLength(1);
    expect(outcome.next).toMatchObject({ page: 'p2', clean: false });
  });

  it('stops a family whose page tokens never end, saying so', async () => {
    // Prepare
    const { deps } = depsWith(pagedSource({ loop: page([], 'loop') }).source, LATER);

    // Act
    const outcome = await runSweepItem(deps, firstItem({ page: 'loop', pageNumber: MAX_PAGES_PER_FAMILY }));

    // Assess
    expect(outcome.next).toBeUndefined();
    expect(outcome.errors.map((e) => e.message)).toEqual([
      `stopped after ${MAX_PAGES_PER_FAMILY} pages: the page tokens do not end`,
    ]);
  });

  it('refuses an item of a family the registry does not have', async () => {
    // Prepare
    const { deps } = depsWith(pagedSource({}).source, LATER);

    // Act / Assess
    await expect(runSweepItem(deps, firstItem({ family: 'no-such-family' }))).rejects.toThrow(SweepItemError);
  });
});

describe('runSweepItem on DynamoDB (dynalite)', () => {
  let dynamo: LocalDynamo;
  beforeAll(async () => {
    dynamo = await startDynalite();
  });
  afterAll(async () => {
    await dynamo.stop();
  });
  const on = (findings: FindingStore, source: InventorySource, now: Date): MonitorDeps => ({
    ...depsWith(source, now).deps,
    findings,
  });

  it("resolves the deleted resources of its family-region reading no other region's findings", async () => {
    // Prepare: 20 open ACM findings in us-east-1 and two in eu-west-1, from an earlier sweep of each region.
    await dynamo.createTable('sweep-place');
    const setup = createDynamoDbFindingStore(dynamo.client, 'sweep-place');
    const before = new Date(T0.getTime() - 1000).toISOString();
    const us = Array.from({ length: 20 }, (_, i) =>
      certificateIn({ accountId: ACCOUNT_ID, region: 'us-east-1' }, `us-${i}`, { keyAlgorithm: 'RSA_1024' }),
    );
    const source = pagedSource({ first: page(us) }).source;
    await runSweepItem(on(setup, source, T0), firstItem({ region: 'us-east-1', plannedAt: before }));
    const eu = pagedSource({ first: page([weak('kept'), weak('gone')]) }).source;
    await runSweepItem(on(setup, eu, T0), firstItem({ plannedAt: before }));
    // The one-off backfill of the open-by-place index (it lists every open finding once per table) is done.
    await setup.listOpenAt(REGION, 'AWS::ACM::Certificate');
    const { client, calls } = recordingClient(dynamo);
    const counted = createDynamoDbFindingStore(client, 'sweep-place');
    const plannedAt = new Date(LATER.getTime() - 60_000).toISOString();

    // Act: this sweep's one page of ACM in eu-west-1 sees "kept" only.
    const outcome = await runSweepItem(
      on(counted, pagedSource({ first: page([weak('kept')]) }).source, LATER),
      firstItem({ plannedAt }),
    );

    // Assess: "gone" resolved; the us-east-1 findings are still open and not one of them was read.
    const resolved = outcome.transitions
      .filter((t) => t.kind === 'resolved')
      .map((t) => t.finding?.resourceId);
    expect(resolved).toEqual([weak('gone').resourceId]);
    const open = await setup.listOpen();
    expect(open.filter((f) => f.region === 'us-east-1')).toHaveLength(20);
    const read = calls.flatMap((call) => call.items);
    expect(calls.some((call) => call.operation === 'QueryCommand' && call.items.length > 0)).toBe(true);
    expect(read.filter((item) => JSON.stringify(item).includes('us-east-1'))).toEqual([]);
    expect(
      read.filter((item) => JSON.stringify(item).includes(weak('gone').resourceId)).length,
    ).toBeGreaterThan(0);
    client.destroy();
  });
});

describe('runAggregatorItem', () => {
  const families = FAMILIES.filter((family) => family.id === 'acm');

  /** An ACM private certificate 5 days from expiry, eligible for renewal: acm-certificate-expiry remediates it. */
  const renewable = (accountId: string) =>
    certificateIn({ accountId, region: REGION }, 'renewable', {
      type: 'PRIVATE',
      renewalEligibility: 'ELIGIBLE',
      notAfter: new Date(LATER.getTime() + 5 * 86_400_000).toISOString(),
    });
  const remediating = policySchema.parse({
    dryRun: false,
    rules: { 'acm-certificate-expiry': { mode: 'remediate' } },
  });

  it('records the page, queues no action (remediation stays in the owning account) and continues the query', async () => {
    // Prepare: the same certificate in the deployment's own account would be remediated (the control).
    const control = depsWith(pagedSource({ first: page([renewable(ACCOUNT_ID)]) }).source, LATER);
    control.deps.policy = remediating;
    await runSweepItem(control.deps, firstItem());
    expect(control.actions.length).toBeGreaterThan(0);
    const { deps, findings, actions } = depsWith(pagedSource({}).source, LATER);
    deps.policy = remediating;
    const asked: (string | undefined)[] = [];
    const item = planAggregatorSweep({ sweepId: 'org', aggregator: 'org-agg', now: T0, digest: false });

    // Act
    const outcome = await runAggregatorItem(
      deps,
      item,
      async (token) => {
        asked.push(token);
        return page([renewable('444455556666')], 'agg-2');
      },
      families,
    );

    // Assess
    expect(asked).toEqual([undefined]);
    expect(
      findings
        .all()
        .filter((f) => f.state === 'open')
        .map((f) => f.accountId),
    ).toEqual(['444455556666']);
    expect(actions).toEqual([]);
    expect(outcome.next).toEqual({ ...item, page: 'agg-2', pageNumber: 2, counts: outcome.counts });
  });
});
