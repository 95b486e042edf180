import { SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNotifySlackHandler } from '../../functions/notify-slack.js';
import { createObservability } from '../../shared/lambda/handler.js';
import { localWebhookUrlForTests } from '../../shared/report/slack/webhook-secret.js';
import { notifySlackContext, outboxEvent, outboxPayload } from '../helpers/slack-outbox.js';
import { SLACK, type SlackAnswer, type SlackServer, startSlackServer } from '../helpers/slack-server.js';

const sqsMock = mockClient(SQSClient);
const DLQ = 'https://sqs.eu-west-1.amazonaws.com/111122223333/transit-guard-slack-dlq';
/**
 * The production retry settings: one record may take 4 × 5 s of request timeouts plus 1 + 2 + 4 s of
 * backoff, 27 s, and the handler keeps 3 s back, so a record needs 30 s left to start.
 */
const POST = { timeoutMs: 5000, maxAttempts: 4, backoffBaseMs: 1000 };

/** `count` outbox records, the n-th carrying finding n. */
const sqsEvent = (count: number) =>
  outboxEvent(
    Array.from({ length: count }, (_, i) => JSON.stringify(outboxPayload(i + 1))),
    'transit-guard-sweep',
  );

let server: SlackServer | undefined;
let output: string[];

beforeEach(() => {
  output = [];
  const capture = (chunk: unknown) => {
    output.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
});

afterEach(async () => {
  await server?.stop();
  server = undefined;
  sqsMock.reset();
  vi.restoreAllMocks();
});

/** The handler against the local Slack server; its waits are recorded, not slept. */
async function handlerWith(...script: SlackAnswer[]) {
  server = await startSlackServer(script);
  const webhook = localWebhookUrlForTests(server.webhookUrl);
  const observability = createObservability('notify-slack');
  const addMetric = vi.spyOn(observability.metrics, 'addMetric');
  const sleeps: number[] = [];
  const handler = createNotifySlackHandler({
    observability,
    webhookUrl: async () => webhook,
    sqs: new SQSClient({ region: 'eu-west-1' }),
    deadLetterQueueUrl: DLQ,
    post: {
      ...POST,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    },
    minIntervalMs: 0,
  });
  const posted = () => server?.requests.map((request) => JSON.parse(request.body).text as string) ?? [];
  return { handler, server, addMetric, sleeps, posted };
}

const failedIds = (result: unknown) =>
  (result as { batchItemFailures: { itemIdentifier: string }[] }).batchItemFailures.map(
    (failure) => failure.itemIdentifier,
  );

describe('notify-slack within its Lambda timeout', () => {
  it('stops starting records once the time left is below one record’s worst case, fails only the unstarted ones, and posts nothing twice when SQS redelivers them', async () => {
    // Prepare
    const { handler, server, addMetric, posted } = await handlerWith();
    const event = sqsEvent(10);
    // Each message Slack receives costs 25 s of the invocation: 60 s, 35 s, then 10 s left.
    const runningOut = notifySlackContext(() => 60_000 - 25_000 * server.requests.length, 'invocation-1');
    const ids = event.Records.map((record) => record.messageId);

    // Act
    const first = await handler(event, runningOut);
    const redelivered = {
      Records: event.Records.filter((record) => failedIds(first).includes(record.messageId)),
    };
    const second = await handler(
      redelivered,
      notifySlackContext(() => 900_000, 'invocation-2'),
    );

    // Assess
    expect(failedIds(first)).toEqual(ids.slice(2));
    expect(failedIds(second)).toEqual([]);
    expect(posted()).toEqual(Array.from({ length: 10 }, (_, i) => `HIGH: finding ${i + 1}`));
    expect(new Set(posted()).size).toBe(posted().length);
    expect(addMetric).toHaveBeenCalledWith('SlackRecordsDeferred', 'Count', 1);
    expect(addMetric.mock.calls.filter(([name]) => name === 'SlackRecordsDeferred')).toHaveLength(8);
  });

  it('starts no record, and so posts nothing, when the invocation begins with less than one record’s worst case left', async () => {
    // Prepare
    const { handler, server } = await handlerWith();

    // Act
    const call = handler(
      sqsEvent(3),
      notifySlackContext(() => 29_999, 'invocation-1'),
    );

    // Assess
    await expect(call).rejects.toThrow('All records failed processing');
    expect(server.requests).toHaveLength(0);
  });

  it('does not wait out a Retry-After that would end after the time left: that record and the next fail, the one before is delivered', async () => {
    // Prepare
    const { handler, sleeps, posted } = await handlerWith(SLACK.ok, SLACK.rateLimited(30));
    const event = sqsEvent(3);
    const ids = event.Records.map((record) => record.messageId);

    // Act
    const result = await handler(
      event,
      notifySlackContext(() => 35_000, 'invocation-1'),
    );

    // Assess
    expect(failedIds(result)).toEqual(ids.slice(1));
    expect(posted()).toEqual(['HIGH: finding 1', 'HIGH: finding 2']);
    expect(sleeps).toEqual([]);
  });

  it('waits out a Retry-After that fits in the time left, then delivers', async () => {
    // Prepare
    const { handler, posted, sleeps } = await handlerWith(SLACK.rateLimited(30));

    // Act
    const result = await handler(
      sqsEvent(1),
      notifySlackContext(() => 60_000, 'invocation-1'),
    );

    // Assess
    expect(failedIds(result)).toEqual([]);
    expect(sleeps).toEqual([30_000]);
    expect(posted()).toEqual(['HIGH: finding 1', 'HIGH: finding 1']);
  });
});
