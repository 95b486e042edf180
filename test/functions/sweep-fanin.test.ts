import { SendMessageBatchCommand, type SendMessageBatchCommandInput } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSBatchResponse, SQSRecord } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { createSweepFunction, type SweepPlanSummary } from '../../shared/lambda/sweep-function.js';
import { createSweepWorkerFunction } from '../../shared/lambda/sweep-worker-function.js';
import { kpiMetricName } from '../../shared/report/kpi-metrics.js';
import { kpiDefinitions } from '../../shared/report/kpis.js';
import { SWEEP_RUN_PARTITION } from '../../shared/state/sweep-runs.js';
import { TABLE_KEYS } from '../../shared/state/table.js';
import { installAccount } from '../helpers/fake-account.js';
import {
  ACCOUNT_ID,
  lambdaContext,
  queuedMessages,
  REGION,
  SLACK_OUTBOX_URL,
  scheduledEvent,
  useFunctionHarness,
} from '../helpers/lambda-env.js';

const harness = useFunctionHarness('sweep', installAccount);
const { mocks, context } = harness;

const SWEEP_QUEUE_URL = `https://sqs.${REGION}.amazonaws.com/${ACCOUNT_ID}/transit-guard-sweep-work`;

const scheduled = (id: string) => scheduledEvent(id);

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
async function drainQueue(
  drop: (item: { family?: string }) => boolean = () => false,
  queued: () => unknown[] = () => queuedMessages(mocks, SWEEP_QUEUE_URL),
) {
  const worker = createSweepWorkerFunction();
  let handled = 0;
  for (let round = 0; round < 20; round++) {
    const items = queued().slice(handled) as { family?: string }[];
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

/**
 * The work queue as SQS would hold it: what each SendMessageBatch took, except the batches `refuse` picks (by
 * call number), which fail as a throttled call does.
 */
function workQueue(refuse: (call: number) => boolean) {
  const accepted: unknown[] = [];
  let calls = 0;
  mocks.sqs
    .on(SendMessageBatchCommand, { QueueUrl: SWEEP_QUEUE_URL })
    .callsFake((input: SendMessageBatchCommandInput) => {
      if (refuse(++calls)) throw new Error('ThrottlingException: Rate exceeded');
      const entries = input.Entries ?? [];
      accepted.push(...entries.map((entry) => JSON.parse(entry.MessageBody ?? 'null')));
      return {
        Successful: entries.map((entry) => ({
          Id: entry.Id,
          MessageId: `m-${entry.Id}`,
          MD5OfMessageBody: '0'.repeat(32),
        })),
        Failed: [],
      };
    });
  return accepted;
}

/** The run records of a sweep in the function's state table (what is attached to runs has no sweepId). */
async function runRecordsOf(sweepId: string) {
  const { Items } = await DynamoDBDocumentClient.from(harness.env.dynamo.client).send(
    new QueryCommand({
      TableName: process.env.TG_TABLE_NAME,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey },
      ExpressionAttributeValues: { ':pk': SWEEP_RUN_PARTITION },
      ConsistentRead: true,
    }),
  );
  return (Items ?? []).filter((item) => item.sweepId === sweepId);
}

const texts = (messages: unknown[]) => (messages as { text?: string }[]).map((message) => message.text ?? '');

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

  it('reuses the run of a scheduled event retried after part of its items were queued: no orphan, one digest, nothing unfinished', async () => {
    // Prepare: the first attempt's second batch of items is refused, so the invocation fails with some queued.
    process.env.TG_SWEEP_QUEUE_URL = SWEEP_QUEUE_URL;
    const queue = workQueue((call) => call === 2);
    await expect(createSweepFunction()(scheduled('sweep-1'), context)).rejects.toThrow('ThrottlingException');
    const queuedByFirstAttempt = queue.length;

    // Act: EventBridge retries the same event; the workers drain what is queued; the next sweep is planned.
    const retried = (await createSweepFunction()(scheduled('sweep-1'), context)) as SweepPlanSummary;
    await drainQueue(undefined, () => queue);
    const afterSweep = queuedMessages(mocks, SLACK_OUTBOX_URL).length;
    const next = (await createSweepFunction()(scheduled('sweep-2'), context)) as SweepPlanSummary;

    // Assess
    expect(queuedByFirstAttempt).toBeGreaterThan(0);
    expect(queuedByFirstAttempt).toBeLessThan(retried.items);
    expect(retried).toMatchObject({ sweepId: 'sweep-1', retried: true });
    const slack = texts(queuedMessages(mocks, SLACK_OUTBOX_URL));
    // One run, published once, though some of its family-regions were read twice.
    expect(
      slack.slice(0, afterSweep).filter((text) => text.startsWith('transit-guard sweep: ')),
    ).toHaveLength(1);
    expect(kpiValues(harness.output.text()).certificatesExpiring).toHaveLength(1);
    // One record for sweep-1, finished and published: no orphan, and the next planner reports nothing.
    const records = await runRecordsOf('sweep-1');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ done: records[0]?.planned, publishedAt: expect.any(String) });
    expect(next.incomplete).toBeUndefined();
    expect(slack.slice(afterSweep).filter((text) => text.includes('had not finished'))).toEqual([]);
  });

  it('queues nothing again when a retried event finds every item of its run queued', async () => {
    // Prepare: the first attempt queued everything, then failed (its owed deliveries could not be read).
    process.env.TG_SWEEP_QUEUE_URL = SWEEP_QUEUE_URL;
    const queue = workQueue(() => false);
    const first = (await createSweepFunction()(scheduled('sweep-1'), context)) as SweepPlanSummary;
    const queuedFirst = queue.length;

    // Act
    const retried = (await createSweepFunction()(scheduled('sweep-1'), context)) as SweepPlanSummary;
    await drainQueue(undefined, () => queue);

    // Assess
    expect(first.items).toBe(queuedFirst);
    expect(retried).toMatchObject({ retried: true, items: 0 });
    expect(queue.filter((item) => (item as { pageNumber: number }).pageNumber === 1)).toHaveLength(
      queuedFirst,
    );
    expect(
      texts(queuedMessages(mocks, SLACK_OUTBOX_URL)).filter((text) =>
        text.startsWith('transit-guard sweep: '),
      ),
    ).toHaveLength(1);
  });
});
