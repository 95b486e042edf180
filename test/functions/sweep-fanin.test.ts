import type { SQSBatchResponse, SQSRecord } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { createSweepFunction, type SweepPlanSummary } from '../../shared/lambda/sweep-function.js';
import { createSweepWorkerFunction } from '../../shared/lambda/sweep-worker-function.js';
import { kpiMetricName } from '../../shared/report/kpi-metrics.js';
import { kpiDefinitions } from '../../shared/report/kpis.js';
import { installAccount } from '../helpers/fake-account.js';
import {
  ACCOUNT_ID,
  lambdaContext,
  queuedMessages,
  REGION,
  SLACK_OUTBOX_URL,
  useFunctionHarness,
} from '../helpers/lambda-env.js';

const harness = useFunctionHarness('sweep', installAccount);
const { mocks, context } = harness;

const SWEEP_QUEUE_URL = `https://sqs.${REGION}.amazonaws.com/${ACCOUNT_ID}/transit-guard-sweep-work`;

const scheduled = (id: string) => ({
  version: '0',
  id,
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: ACCOUNT_ID,
  time: '2026-03-17T03:00:00Z',
  region: REGION,
  resources: [`arn:aws:events:${REGION}:${ACCOUNT_ID}:rule/transit-guard-dev-sweep`],
  detail: {},
});

/** Every value written for each Kpi_ metric in the EMF documents of `text`, by KPI key. */
function kpiValues(text: string): Record<string, number[]> {
  const documents = text
    .split('\n')
    .filter((line) => line.startsWith('{') && line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  const values: Record<string, number[]> = {};
  for (const { kpi } of kpiDefinitions()) {
    const name = kpiMetricName(kpi.key);
    const found = documents.flatMap((document) => (name in document ? [document[name]].flat() : []));
    if (found.length > 0) values[kpi.key] = found.map(Number);
  }
  return values;
}

const record = (messageId: string, body: unknown) =>
  ({
    messageId,
    body: JSON.stringify(body),
    attributes: { ApproximateReceiveCount: '1' },
  }) as unknown as SQSRecord;

/**
 * Runs the work queue dry: every item queued so far (and each next page) goes to its own worker invocation, all
 * of a round at once, as Lambda would run them concurrently. `drop` leaves an item out (it dead-lettered).
 */
async function drainQueue(drop: (item: { family?: string }) => boolean = () => false) {
  const worker = createSweepWorkerFunction();
  let handled = 0;
  for (let round = 0; round < 20; round++) {
    const items = queuedMessages(mocks, SWEEP_QUEUE_URL).slice(handled) as { family?: string }[];
    if (items.length === 0) return;
    handled += items.length;
    const responses = await Promise.all(
      items
        .filter((item) => !drop(item))
        .map(
          (item, index) =>
            worker(
              { Records: [record(`m-${round}-${index}`, item)] },
              lambdaContext('sweep-worker'),
            ) as Promise<SQSBatchResponse>,
        ),
    );
    for (const response of responses) expect(response.batchItemFailures).toEqual([]);
  }
  throw new Error('the work queue did not run dry in 20 rounds');
}

describe('the fanned-out sweep fan-in (sweep planner + sweep-worker, state on dynalite)', () => {
  afterEach(() => {
    delete process.env.TG_SWEEP_QUEUE_URL;
    delete process.env.TG_KPI_METRICS;
  });

  it('publishes each KPI once with the values the single-invocation sweep publishes, and posts one digest', async () => {
    // Prepare: what the single-invocation sweep makes of the fake account, on an empty table (a first sweep).
    await createSweepFunction()(scheduled('single-sweep'), context);
    const single = kpiValues(harness.output.text());
    const singleSlack = queuedMessages(mocks, SLACK_OUTBOX_URL).length;
    await harness.env.resetTable();
    const offset = harness.output.text().length;
    process.env.TG_SWEEP_QUEUE_URL = SWEEP_QUEUE_URL;

    // Act
    const planned = (await createSweepFunction()(scheduled('fanned-sweep'), context)) as SweepPlanSummary;
    await drainQueue();

    // Assess
    expect(planned.items).toBeGreaterThan(1);
    expect(Object.keys(single).length).toBeGreaterThan(3);
    const fanned = kpiValues(harness.output.text().slice(offset));
    // Each once (one worker published), the same values.
    expect(fanned).toEqual(single);
    const slack = queuedMessages(mocks, SLACK_OUTBOX_URL).slice(singleSlack) as { text: string }[];
    expect(singleSlack).toBe(1);
    expect(slack).toHaveLength(1);
    expect(slack[0]?.text).toMatch(/^transit-guard sweep: \d+ open finding/);
    // The first sweep's alerts are in it rather than posted one by one or as a digest per item.
    expect(JSON.stringify(slack[0])).toContain('In this digest instead of one message each');
  });

  it('publishes no KPI metric without the dashboard (TG_KPI_METRICS false), and still posts the digest', async () => {
    // Prepare
    process.env.TG_SWEEP_QUEUE_URL = SWEEP_QUEUE_URL;
    process.env.TG_KPI_METRICS = 'false';

    // Act
    await createSweepFunction()(scheduled('sweep-quiet'), context);
    await drainQueue();

    // Assess
    expect(kpiValues(harness.output.text())).toEqual({});
    expect(queuedMessages(mocks, SLACK_OUTBOX_URL)).toEqual([
      expect.objectContaining({ text: expect.stringMatching(/^transit-guard sweep: /) }),
    ]);
  });

  it('has the next planner report a run that never finished, and publishes no KPI for it', async () => {
    // Prepare: one family-region's item dead-letters (never handled).
    process.env.TG_SWEEP_QUEUE_URL = SWEEP_QUEUE_URL;
    await createSweepFunction()(scheduled('sweep-1'), context);
    await drainQueue((item) => item.family === 'acm');
    const slackBefore = queuedMessages(mocks, SLACK_OUTBOX_URL).length;

    // Act
    const next = (await createSweepFunction()(scheduled('sweep-2'), context)) as SweepPlanSummary;

    // Assess
    expect(kpiValues(harness.output.text())).toEqual({});
    expect(next.incomplete).toMatchObject({ sweepId: 'sweep-1', missing: [`${REGION}/acm`] });
    expect(next.incomplete?.done).toBe((next.incomplete?.planned ?? 0) - 1);
    const errors = harness.output.logs().filter((log) => log.level === 'ERROR');
    expect(errors).toContainEqual(
      expect.objectContaining({ sweepId: 'sweep-1', missing: [`${REGION}/acm`] }),
    );
    const slack = queuedMessages(mocks, SLACK_OUTBOX_URL).slice(slackBefore) as { text: string }[];
    expect(slack.map((message) => message.text)).toEqual([
      expect.stringMatching(
        /sweep sweep-1 \(planned [^)]*\) had not finished when the next one was planned: \d+ of \d+ family-regions done; missing: eu-west-1\/acm/,
      ),
      // What its finished items raised (a first sweep: one digest) is not lost with it.
      expect.stringMatching(/^transit-guard sweep \(unfinished\): \d+ open finding/),
    ]);
    expect(JSON.stringify(slack[1])).toContain('In this digest instead of one message each');
  });
});
