import { SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNotifySlackHandler } from '../../functions/notify-slack.js';
import { createObservability } from '../../shared/lambda/handler.js';
import type { SlackPayload } from '../../shared/report/slack/payload.js';
import { localWebhookUrlForTests } from '../../shared/report/slack/webhook-secret.js';
import { SLACK, type SlackAnswer, type SlackServer, startSlackServer } from '../helpers/slack-server.js';

const sqsMock = mockClient(SQSClient);
const DLQ = 'https://sqs.eu-west-1.amazonaws.com/111122223333/transit-guard-slack-dlq';
/**
 * The production retry settings: one record may take 4 × 5 s of request timeouts plus 1 + 2 + 4 s of
 * backoff, 27 s, and the handler keeps 3 s back, so a record needs 30 s left to start.
 */
const POST = { timeoutMs: 5000, maxAttempts: 4, backoffBaseMs: 1000 };

/** A Lambda context whose time left is whatever `remainingMs` says when asked. */
function contextWith(remainingMs: () => number, requestId: string): Context {
  return {
    functionName: 'transit-guard-dev-notify-slack',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:transit-guard-dev-notify-slack',
    memoryLimitInMB: '256',
    awsRequestId: requestId,
    getRemainingTimeInMillis: remainingMs,
  } as unknown as Context;
}

const payload = (n: number): SlackPayload => ({
  text: `HIGH: finding ${n}`,
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `finding ${n}` } }],
});

function sqsEvent(count: number): SQSEvent {
  return {
    Records: Array.from({ length: count }, (_, i) => ({
      messageId: `059f36b4-87a3-44ab-83d2-6619752343${String(i + 1).padStart(2, '0')}`,
      receiptHandle: `AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a${i}`,
      body: JSON.stringify(payload(i + 1)),
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: '1795341492000',
        SenderId: 'AROAEXAMPLE:transit-guard-sweep',
        ApproximateFirstReceiveTimestamp: '1795341492100',
      },
      messageAttributes: {},
      md5OfBody: 'e4e68fb7bd0e697a0ae8f1bb342846b3',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:eu-west-1:111122223333:transit-guard-slack-outbox',
      awsRegion: 'eu-west-1',
    })),
  };
}

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
    const runningOut = contextWith(() => 60_000 - 25_000 * server.requests.length, 'invocation-1');
    const ids = event.Records.map((record) => record.messageId);

    // Act
    const first = await handler(event, runningOut);
    const redelivered = {
      Records: event.Records.filter((record) => failedIds(first).includes(record.messageId)),
    };
    const second = await handler(
      redelivered,
      contextWith(() => 900_000, 'invocation-2'),
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
      contextWith(() => 29_999, 'invocation-1'),
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
      contextWith(() => 35_000, 'invocation-1'),
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
      contextWith(() => 60_000, 'invocation-1'),
    );

    // Assess
    expect(failedIds(result)).toEqual([]);
    expect(sleeps).toEqual([30_000]);
    expect(posted()).toEqual(['HIGH: finding 1', 'HIGH: finding 1']);
  });
});
