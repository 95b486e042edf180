/**
 * Slack down: the notify-slack handler drains a simulated outbox queue (SQS semantics: a record reported
 * in batchItemFailures comes back, and after maxReceiveCount receives the redrive policy moves it to the
 * dead-letter queue). Whether Slack answers 500 or refuses connections, and for however long, every
 * message ends delivered (once Slack is back) or in a dead-letter queue with its id: none is lost.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNotifySlackHandler } from '../../functions/notify-slack.js';
import { createObservability } from '../../shared/lambda/handler.js';
import type { SlackPayload } from '../../shared/report/slack/payload.js';
import { localWebhookUrlForTests } from '../../shared/report/slack/webhook-secret.js';

const sqs = mockClient(SQSClient);
const SLACK_DLQ = 'https://sqs.eu-west-1.amazonaws.com/111122223333/transit-guard-slack-dlq';
/** The outbox's redrive policy (infra): after this many receives a message goes to the dead-letter queue. */
const MAX_RECEIVE_COUNT = 5;
const BATCH_SIZE = 10;
const MESSAGES = 30;
/** postToSlack's attempts per receive (its default maxAttempts). */
const POSTS_PER_RECEIVE = 4;

const context = {
  functionName: 'transit-guard-dev-notify-slack',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:transit-guard-dev-notify-slack',
  memoryLimitInMB: '256',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  getRemainingTimeInMillis: () => 60_000,
} as unknown as Context;

type SlackState = 'up' | 'http-500' | 'refusing' | 'channel-not-found';

/**
 * Slack's incoming webhook on 127.0.0.1, switchable between up (200 ok), failing (500), refusing
 * connections (not listening at all) and refusing the channel for good (404 channel_not_found).
 */
async function startSlack() {
  let state: SlackState = 'up';
  const delivered: string[] = [];
  let requests = 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests++;
      if (state === 'http-500') {
        response.writeHead(500).end('internal_error');
      } else if (state === 'channel-not-found') {
        response.writeHead(404).end('channel_not_found');
      } else {
        delivered.push((JSON.parse(Buffer.concat(chunks).toString('utf8')) as SlackPayload).text);
        response.writeHead(200).end('ok');
      }
    });
  });
  const listen = (port = 0) =>
    new Promise<number>((resolve) =>
      server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
    );
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  const port = await listen();
  return {
    url: `http://127.0.0.1:${port}/services/T0TESTTEAM/B0TESTHOOK/outageTestWebhook`,
    delivered,
    /** Every POST that reached the server, answered or not. */
    requests: () => requests,
    async set(next: SlackState) {
      if (next === 'refusing' && state !== 'refusing') await close();
      if (next !== 'refusing' && state === 'refusing') await listen(port);
      state = next;
    },
    stop: async () => {
      if (state !== 'refusing') await close();
    },
  };
}

type Slack = Awaited<ReturnType<typeof startSlack>>;

interface QueuedMessage {
  record: SQSRecord;
  receiveCount: number;
}

/** The outbox as SQS runs it for a Lambda trigger: batches, partial failures, redrive to the DLQ. */
function outbox(bodies: readonly string[]) {
  let queue: QueuedMessage[] = bodies.map((body, index) => ({
    record: {
      messageId: `msg-${String(index).padStart(3, '0')}`,
      receiptHandle: `handle-${index}`,
      body,
      attributes: {
        ApproximateReceiveCount: '0',
        SentTimestamp: '1795341492000',
        SenderId: 'AROAEXAMPLE:transit-guard-sweep',
        ApproximateFirstReceiveTimestamp: '1795341492100',
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:eu-west-1:111122223333:transit-guard-slack-outbox',
      awsRegion: 'eu-west-1',
    },
    receiveCount: 0,
  }));
  const redriven: string[] = [];
  return {
    redriven,
    get size() {
      return queue.length;
    },
    /** One Lambda invocation: the oldest batch is received, failed records return, the rest are deleted. */
    async poll(handler: (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>): Promise<void> {
      const batch = queue.slice(0, BATCH_SIZE);
      queue = queue.slice(BATCH_SIZE);
      for (const message of batch) message.receiveCount++;
      const event: SQSEvent = {
        Records: batch.map((message) => ({
          ...message.record,
          attributes: { ...message.record.attributes, ApproximateReceiveCount: String(message.receiveCount) },
        })),
      };
      // A failed invocation (Powertools throws when every record failed) returns the whole batch.
      const response = await handler(event, context).catch(
        (): SQSBatchResponse => ({
          batchItemFailures: batch.map((message) => ({ itemIdentifier: message.record.messageId })),
        }),
      );
      const failed = new Set(response.batchItemFailures.map((failure) => failure.itemIdentifier));
      for (const message of batch) {
        if (!failed.has(message.record.messageId)) continue;
        if (message.receiveCount >= MAX_RECEIVE_COUNT) redriven.push(message.record.messageId);
        else queue.push(message);
      }
    },
  };
}

const payload = (index: number): SlackPayload => ({
  text: `HIGH: outage finding ${index}`,
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `outage finding ${index}` } }],
});

/** Where each message ended: delivered to Slack, sent to the DLQ by the handler, or redriven by SQS. */
function whereEach(slack: Slack, queue: ReturnType<typeof outbox>, bodies: readonly string[]) {
  const dlqSent = sqs
    .commandCalls(SendMessageCommand)
    .map((call) => call.args[0].input.MessageAttributes?.sourceMessageId?.StringValue);
  return bodies.map((body, index) => {
    const messageId = `msg-${String(index).padStart(3, '0')}`;
    const text = (JSON.parse(body) as SlackPayload).text;
    const places = [
      ...(slack.delivered.includes(text) ? ['delivered'] : []),
      ...(dlqSent.includes(messageId) ? ['dead-lettered by notify-slack'] : []),
      ...(queue.redriven.includes(messageId) ? ['redriven to the DLQ'] : []),
    ];
    return { messageId, places };
  });
}

describe('notify-slack while Slack is down', () => {
  let slack: Slack;

  beforeEach(async () => {
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    sqs.on(SendMessageCommand).resolves({ MessageId: 'dlq-message' });
    slack = await startSlack();
  });

  afterEach(async () => {
    await slack.stop();
    sqs.reset();
    vi.restoreAllMocks();
  });

  function handler() {
    return createNotifySlackHandler({
      observability: createObservability('notify-slack'),
      webhookUrl: async () => localWebhookUrlForTests(slack.url),
      sqs: new SQSClient({ region: 'eu-west-1', credentials: { accessKeyId: 'AKID', secretAccessKey: 'x' } }),
      deadLetterQueueUrl: SLACK_DLQ,
      post: { sleep: async () => undefined, backoffBaseMs: 1, timeoutMs: 2000 },
      minIntervalMs: 0,
    });
  }

  it.each<SlackState>(['http-500', 'refusing'])(
    'dead-letters every message, none lost, when Slack stays down (%s) for the whole run',
    async (outage) => {
      // Prepare
      const bodies = Array.from({ length: MESSAGES }, (_, index) => JSON.stringify(payload(index)));
      const queue = outbox(bodies);
      const notify = handler();
      await slack.set(outage);

      // Act
      while (queue.size > 0) await queue.poll(notify);

      // Assess
      const places = whereEach(slack, queue, bodies);
      expect(places.filter((place) => place.places.length !== 1)).toEqual([]);
      expect(queue.redriven).toHaveLength(MESSAGES);
      expect(slack.delivered).toEqual([]);
      // Bounded: each receive tries Slack a fixed number of times (none reach a refusing Slack).
      expect(slack.requests()).toBe(
        outage === 'http-500' ? MESSAGES * MAX_RECEIVE_COUNT * POSTS_PER_RECEIVE : 0,
      );
    },
  );

  it.each<SlackState>(['http-500', 'refusing'])(
    'delivers what is still queued once Slack is back after an outage (%s), dead-letters the rest, loses none',
    async (outage) => {
      // Prepare
      const bodies = Array.from({ length: MESSAGES }, (_, index) => JSON.stringify(payload(index)));
      const queue = outbox(bodies);
      const notify = handler();
      await slack.set(outage);

      // Act: 13 invocations during the outage (the first batch exhausts its receives), then Slack comes back.
      for (let poll = 0; poll < 13 && queue.size > 0; poll++) await queue.poll(notify);
      await slack.set('up');
      while (queue.size > 0) await queue.poll(notify);

      // Assess
      const places = whereEach(slack, queue, bodies);
      expect(places.filter((place) => place.places.length !== 1)).toEqual([]);
      expect(queue.redriven.length).toBeGreaterThan(0);
      expect(slack.delivered.length).toBeGreaterThan(0);
      expect(slack.delivered.length + queue.redriven.length).toBe(MESSAGES);
    },
  );

  it('sends a message Slack refuses for good to the dead-letter queue at once with its id, not retrying it', async () => {
    // Prepare
    const bodies = Array.from({ length: MESSAGES }, (_, index) => JSON.stringify(payload(index)));
    const queue = outbox(bodies);
    const notify = handler();
    await slack.set('channel-not-found');

    // Act
    while (queue.size > 0) await queue.poll(notify);

    // Assess
    const places = whereEach(slack, queue, bodies);
    expect(places.filter((place) => place.places.length !== 1)).toEqual([]);
    expect(places.every((place) => place.places[0] === 'dead-lettered by notify-slack')).toBe(true);
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(MESSAGES);
    expect(queue.redriven).toEqual([]);
  });
});
