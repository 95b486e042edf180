import { SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createObservability } from '../../../../shared/lambda/handler.js';
import {
  createSlackRecordHandler,
  enqueueSlackMessages,
  postToSlack,
  SlackDeliveryError,
  SlackOutboxError,
  type SlackRecordHandlerOptions,
} from '../../../../shared/report/slack/deliver.js';
import type { SlackPayload } from '../../../../shared/report/slack/payload.js';
import {
  localWebhookUrlForTests,
  WebhookConfigError,
} from '../../../../shared/report/slack/webhook-secret.js';
import {
  SLACK,
  type SlackAnswer,
  type SlackServer,
  startSlackServer,
} from '../../../helpers/slack-server.js';

const sqsMock = mockClient(SQSClient);
const sqs = new SQSClient({ region: 'eu-west-1' });
const OUTBOX = 'https://sqs.eu-west-1.amazonaws.com/111122223333/transit-guard-slack-outbox';
const DLQ = 'https://sqs.eu-west-1.amazonaws.com/111122223333/transit-guard-slack-dlq';
const noSleep = async () => {};

const payload = (n: number): SlackPayload => ({
  text: `HIGH: finding ${n}`,
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `finding ${n}` } }],
});

const sqsRecord = (id: string, body: string): SQSRecord =>
  ({
    messageId: id,
    receiptHandle: `handle-${id}`,
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '1795341492000',
      SenderId: 'AROAEXAMPLE:transit-guard',
      ApproximateFirstReceiveTimestamp: '1795341492100',
    },
    messageAttributes: {},
    md5OfBody: 'x',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-1:111122223333:transit-guard-slack-outbox',
    awsRegion: 'eu-west-1',
  }) as SQSRecord;

let server: SlackServer | undefined;
async function slack(...script: SlackAnswer[]) {
  server = await startSlackServer(script);
  return { server, webhook: localWebhookUrlForTests(server.webhookUrl) };
}

afterEach(async () => {
  await server?.stop();
  server = undefined;
  sqsMock.reset();
});

describe('postToSlack', () => {
  it('delivers on 200 ok with one JSON POST', async () => {
    // Prepare
    const { server, webhook } = await slack(SLACK.ok);

    // Act
    const result = await postToSlack(webhook, JSON.stringify(payload(1)), { sleep: noSleep });

    // Assess
    expect(result).toEqual({ outcome: 'delivered', attempts: 1 });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: new URL(server.webhookUrl).pathname });
    expect(server.requests[0]?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual(payload(1));
  });

  it.each([
    [SLACK.invalidPayload, 400, 'invalid_payload'],
    [SLACK.actionProhibited, 403, 'action_prohibited'],
    [SLACK.noService, 404, 'no_service'],
    [SLACK.channelNotFound, 404, 'channel_not_found'],
    [SLACK.channelIsArchived, 410, 'channel_is_archived'],
  ])('gives up at once on a permanent error (%o)', async (answer, status, reason) => {
    // Prepare
    const { server, webhook } = await slack(answer, SLACK.ok);

    // Act
    const result = await postToSlack(webhook, '{}', { sleep: noSleep });

    // Assess
    expect(result).toEqual({ outcome: 'permanent', status, reason, attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it('classifies by the body: a permanent error string is permanent whatever the status', async () => {
    // Prepare
    const { webhook } = await slack({ status: 500, body: 'team_disabled' });

    // Act
    const result = await postToSlack(webhook, '{}', { sleep: noSleep });

    // Assess
    expect(result).toMatchObject({ outcome: 'permanent', reason: 'team_disabled' });
  });

  it('waits the Retry-After seconds after a 429 and then delivers', async () => {
    // Prepare
    const { server, webhook } = await slack(SLACK.rateLimited(1), SLACK.ok);
    const onRateLimited = vi.fn();

    // Act
    // A short backoff, so only Retry-After can explain a one-second gap.
    const result = await postToSlack(webhook, '{}', { onRateLimited, backoffBaseMs: 10 });

    // Assess
    expect(result).toEqual({ outcome: 'delivered', attempts: 2 });
    const [first, second] = server.requests;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(onRateLimited).toHaveBeenCalledWith(1);
  });

  it('does not wait in the function for a Retry-After longer than it allows', async () => {
    // Prepare
    const { server, webhook } = await slack(SLACK.rateLimited(120), SLACK.ok);
    const sleep = vi.fn(noSleep);

    // Act
    const result = await postToSlack(webhook, '{}', { sleep, maxRetryAfterSeconds: 30 });

    // Assess
    expect(result).toEqual({ outcome: 'retryable', status: 429, reason: 'rate_limited', attempts: 1 });
    expect(server.requests).toHaveLength(1);
    expect(sleep).not.toHaveBeenCalled();
  });

  it('retries 500 twice with a doubling backoff and then delivers', async () => {
    // Prepare
    const { server, webhook } = await slack(SLACK.rollupError, SLACK.rollupError, SLACK.ok);

    // Act
    const result = await postToSlack(webhook, '{}', { backoffBaseMs: 100 });

    // Assess
    expect(result).toEqual({ outcome: 'delivered', attempts: 3 });
    const [first, second, third] = server.requests.map((request) => request.at);
    expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(100);
    expect((third ?? 0) - (second ?? 0)).toBeGreaterThanOrEqual(200);
  });

  it('stops retrying a 5xx after maxAttempts and says it may be retried later', async () => {
    // Prepare
    const { server, webhook } = await slack(
      SLACK.rollupError,
      SLACK.rollupError,
      SLACK.rollupError,
      SLACK.ok,
    );

    // Act
    const result = await postToSlack(webhook, '{}', { sleep: noSleep, maxAttempts: 3 });

    // Assess
    expect(result).toEqual({ outcome: 'retryable', status: 500, reason: 'rollup_error', attempts: 3 });
    expect(server.requests).toHaveLength(3);
  });

  it('retries a dropped connection', async () => {
    // Prepare
    const { server, webhook } = await slack(SLACK.drop, SLACK.ok);

    // Act
    const result = await postToSlack(webhook, '{}', { sleep: noSleep });

    // Assess
    expect(result).toEqual({ outcome: 'delivered', attempts: 2 });
    expect(server.requests).toHaveLength(2);
  });

  it('times out a request Slack does not answer', async () => {
    // Prepare
    const { webhook } = await slack({ ...SLACK.ok, delayMs: 2000 });

    // Act
    const result = await postToSlack(webhook, '{}', { sleep: noSleep, maxAttempts: 1, timeoutMs: 100 });

    // Assess
    expect(result).toEqual({ outcome: 'retryable', reason: 'timeout', attempts: 1 });
  });

  it('does not follow a redirect elsewhere', async () => {
    // Prepare
    const { server, webhook } = await slack({
      status: 302,
      headers: { location: 'http://127.0.0.1:9/collect' },
    });

    // Act
    const result = await postToSlack(webhook, '{}', { sleep: noSleep });

    // Assess
    expect(result).toEqual({ outcome: 'permanent', status: 302, reason: 'http_302', attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });
});

describe('createSlackRecordHandler', () => {
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

  function handlerFor(webhookUrl: string, overrides: Partial<SlackRecordHandlerOptions> = {}) {
    const { logger, metrics } = createObservability('notify-slack');
    const addMetric = vi.spyOn(metrics, 'addMetric');
    const handle = createSlackRecordHandler({
      webhookUrl: async () => localWebhookUrlForTests(webhookUrl),
      sqs,
      deadLetterQueueUrl: DLQ,
      logger,
      metrics,
      post: { sleep: noSleep },
      minIntervalMs: 0,
      ...overrides,
    });
    return { handle, addMetric };
  }

  it('posts the queued payload and counts the delivery', async () => {
    // Prepare
    const { server } = await slack(SLACK.ok);
    const { handle, addMetric } = handlerFor(server.webhookUrl);

    // Act
    await handle(sqsRecord('m-1', JSON.stringify(payload(1))));

    // Assess
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual(payload(1));
    expect(addMetric).toHaveBeenCalledWith('SlackMessagesDelivered', 'Count', 1);
    expect(sqsMock).not.toReceiveCommand(SendMessageCommand);
  });

  it.each([
    [SLACK.invalidPayload, '400', 'invalid_payload'],
    [SLACK.noService, '404', 'no_service'],
    [SLACK.channelIsArchived, '410', 'channel_is_archived'],
  ])(
    'sends a permanently refused message to the DLQ with the reason and handles the record (%o)',
    async (answer, status, reason) => {
      // Prepare
      const { server } = await slack(answer);
      sqsMock.on(SendMessageCommand).resolves({ MessageId: 'dlq-1' });
      const { handle, addMetric } = handlerFor(server.webhookUrl);
      const body = JSON.stringify(payload(2));

      // Act
      await handle(sqsRecord('m-2', body));

      // Assess
      expect(server.requests).toHaveLength(1);
      expect(sqsMock).toReceiveCommandWith(SendMessageCommand, {
        QueueUrl: DLQ,
        MessageBody: body,
        MessageAttributes: {
          reason: { DataType: 'String', StringValue: reason },
          status: { DataType: 'Number', StringValue: status },
          attempts: { DataType: 'Number', StringValue: '1' },
          sourceMessageId: { DataType: 'String', StringValue: 'm-2' },
        },
      });
      expect(addMetric).toHaveBeenCalledWith('SlackPermanentFailures', 'Count', 1);
    },
  );

  it('fails the record, without the DLQ, when Slack keeps failing (SQS redelivers it)', async () => {
    // Prepare
    const { server } = await slack(
      SLACK.rollupError,
      SLACK.rollupError,
      SLACK.rollupError,
      SLACK.rollupError,
    );
    const { handle, addMetric } = handlerFor(server.webhookUrl);

    // Act
    const call = handle(sqsRecord('m-3', JSON.stringify(payload(3))));

    // Assess
    await expect(call).rejects.toThrow(SlackDeliveryError);
    await expect(call).rejects.toThrow('Slack delivery failed after 4 attempt(s): rollup_error (HTTP 500)');
    expect(server.requests).toHaveLength(4);
    expect(sqsMock).not.toReceiveCommand(SendMessageCommand);
    expect(addMetric).toHaveBeenCalledWith('SlackTransientFailures', 'Count', 1);
  });

  it('fails the record when the DLQ cannot take a refused message, so nothing is lost', async () => {
    // Prepare
    const { server } = await slack(SLACK.channelIsArchived);
    sqsMock.on(SendMessageCommand).rejects(new Error('AccessDenied'));
    const { handle } = handlerFor(server.webhookUrl);

    // Act
    const call = handle(sqsRecord('m-4', JSON.stringify(payload(4))));

    // Assess
    await expect(call).rejects.toThrow('AccessDenied');
  });

  it('sends a record that is not a Slack payload to the DLQ without calling Slack', async () => {
    // Prepare
    const { server } = await slack();
    sqsMock.on(SendMessageCommand).resolves({ MessageId: 'dlq-2' });
    const { handle } = handlerFor(server.webhookUrl);

    // Act
    await handle(sqsRecord('m-5', 'not json'));

    // Assess
    expect(server.requests).toHaveLength(0);
    expect(sqsMock).toReceiveCommandWith(SendMessageCommand, {
      MessageAttributes: expect.objectContaining({
        reason: { DataType: 'String', StringValue: 'invalid_message' },
      }),
    });
  });

  it('spaces requests to one per interval', async () => {
    // Prepare
    const { server } = await slack(SLACK.ok, SLACK.ok);
    const { handle } = handlerFor(server.webhookUrl, { minIntervalMs: 300, post: {} });

    // Act
    await handle(sqsRecord('m-6', JSON.stringify(payload(6))));
    await handle(sqsRecord('m-7', JSON.stringify(payload(7))));

    // Assess
    const [first, second] = server.requests.map((request) => request.at);
    expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(290);
  });

  it('holds the next message back for the Retry-After Slack asked for', async () => {
    // Prepare
    const { server } = await slack(SLACK.rateLimited(1), SLACK.ok);
    const { handle } = handlerFor(server.webhookUrl, { post: { maxRetryAfterSeconds: 0 } });

    // Act
    await expect(handle(sqsRecord('m-8', JSON.stringify(payload(8))))).rejects.toThrow('rate_limited');
    await handle(sqsRecord('m-9', JSON.stringify(payload(9))));

    // Assess
    const [first, second] = server.requests.map((request) => request.at);
    expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(990);
  });

  it('fails the record and counts it when the webhook setting is wrong', async () => {
    // Prepare
    const { handle, addMetric } = handlerFor('http://127.0.0.1:1/unused', {
      webhookUrl: async () =>
        Promise.reject(new WebhookConfigError('secret arn:x does not hold a Slack incoming-webhook URL')),
    });

    // Act
    const call = handle(sqsRecord('m-10', JSON.stringify(payload(10))));

    // Assess
    await expect(call).rejects.toBeInstanceOf(WebhookConfigError);
    expect(addMetric).toHaveBeenCalledWith('SlackConfigErrors', 'Count', 1);
  });

  it('scrubs a webhook URL that the setting provider quotes in its error, in the log and the rethrown error', async () => {
    // Prepare
    const quoted = 'hooks.slack.com%2Fservices%2FT0A%2FB0B%2FproviderCanary7';
    const { handle, addMetric } = handlerFor('http://127.0.0.1:1/unused', {
      webhookUrl: async () => Promise.reject(new Error(`GetParameterError: cannot parse ${quoted}`)),
    });

    // Act
    const error = await handle(sqsRecord('m-14', JSON.stringify(payload(14)))).catch(
      (caught: unknown) => caught as Error,
    );

    // Assess
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('GetParameterError: cannot parse [redacted webhook URL]');
    expect(String((error as Error).stack)).not.toContain('providerCanary7');
    const logged = output.join('\n');
    expect(logged).toContain('"reason":"GetParameterError: cannot parse [redacted webhook URL]"');
    expect(logged).not.toContain('providerCanary7');
    expect(addMetric).toHaveBeenCalledWith('SlackConfigErrors', 'Count', 1);
  });

  it('logs and rethrows a provider failure that is not an Error as a scrubbed Error', async () => {
    // Prepare
    const { handle } = handlerFor('http://127.0.0.1:1/unused', {
      webhookUrl: async () =>
        Promise.reject(`no value at https://hooks.slack.com/services/T0A/B0B/stringCanary8`),
    });

    // Act
    const error = await handle(sqsRecord('m-15', JSON.stringify(payload(15)))).catch(
      (caught: unknown) => caught as Error,
    );

    // Assess
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('no value at [redacted webhook URL]');
    const logged = output.join('\n');
    expect(logged).toContain('Slack webhook URL unavailable; SQS will deliver the message again');
    expect(logged).toContain('"errorName":"Error","reason":"no value at [redacted webhook URL]"');
    expect(logged).not.toContain('stringCanary8');
  });

  it('never writes the webhook URL to the logs or into an error', async () => {
    // Prepare
    const { server } = await slack(
      SLACK.ok,
      SLACK.noService,
      SLACK.drop,
      SLACK.drop,
      SLACK.rollupError,
      SLACK.rollupError,
    );
    sqsMock.on(SendMessageCommand).resolves({ MessageId: 'dlq-3' });
    const { handle } = handlerFor(server.webhookUrl);
    const secretPart = new URL(server.webhookUrl).pathname;

    // Act
    await handle(sqsRecord('m-11', JSON.stringify(payload(11))));
    await handle(sqsRecord('m-12', JSON.stringify(payload(12))));
    const error = await handle(sqsRecord('m-13', JSON.stringify(payload(13)))).catch(
      (caught: unknown) => caught,
    );

    // Assess
    expect(error).toBeInstanceOf(SlackDeliveryError);
    const logged = output.join('\n');
    expect(logged).toContain('Slack refused the message');
    expect(logged).toContain('Slack delivery failed');
    expect(logged).not.toContain(secretPart);
    expect(String((error as Error).stack)).not.toContain(secretPart);
  });
});

describe('enqueueSlackMessages', () => {
  afterEach(() => {
    sqsMock.reset();
  });

  it('sends 25 payloads as SendMessageBatch calls of 10, 10 and 5', async () => {
    // Prepare
    sqsMock.on(SendMessageBatchCommand).callsFake((input) => ({
      Successful: input.Entries.map((entry: { Id: string }) => ({
        Id: entry.Id,
        MessageId: `id-${entry.Id}`,
      })),
      Failed: [],
    }));

    // Act
    const result = await enqueueSlackMessages(
      sqs,
      OUTBOX,
      Array.from({ length: 25 }, (_, i) => payload(i)),
      { sleep: noSleep },
    );

    // Assess
    expect(result).toEqual({ enqueued: 25 });
    const sizes = sqsMock
      .commandCalls(SendMessageBatchCommand)
      .map((call) => call.args[0].input.Entries?.length);
    expect(sizes).toEqual([10, 10, 5]);
    expect(sqsMock).toReceiveCommandWith(SendMessageBatchCommand, {
      QueueUrl: OUTBOX,
      Entries: expect.arrayContaining([{ Id: '0', MessageBody: JSON.stringify(payload(0)) }]),
    });
  });

  it('sends again an entry SQS refused for its own reasons', async () => {
    // Prepare
    sqsMock
      .on(SendMessageBatchCommand)
      .resolvesOnce({
        Successful: [{ Id: '0', MessageId: 'a', MD5OfMessageBody: 'x' }],
        Failed: [{ Id: '1', Code: 'InternalError', SenderFault: false }],
      })
      .resolvesOnce({ Successful: [{ Id: '1', MessageId: 'b', MD5OfMessageBody: 'x' }], Failed: [] });

    // Act
    const result = await enqueueSlackMessages(sqs, OUTBOX, [payload(0), payload(1)], { sleep: noSleep });

    // Assess
    expect(result).toEqual({ enqueued: 2 });
    const second = sqsMock.commandCalls(SendMessageBatchCommand)[1]?.args[0].input;
    expect(second?.Entries).toEqual([{ Id: '1', MessageBody: JSON.stringify(payload(1)) }]);
  });

  it('throws rather than lose a message SQS refuses as the sender fault', async () => {
    // Prepare
    sqsMock.on(SendMessageBatchCommand).resolves({
      Successful: [],
      Failed: [{ Id: '0', Code: 'InvalidParameterValue', SenderFault: true }],
    });

    // Act
    const call = enqueueSlackMessages(sqs, OUTBOX, [payload(0)], { sleep: noSleep });

    // Assess
    await expect(call).rejects.toThrow(SlackOutboxError);
    await expect(call).rejects.toThrow('0: InvalidParameterValue');
  });

  it('gives a FIFO outbox a message group and a content-based dedupe id', async () => {
    // Prepare
    sqsMock
      .on(SendMessageBatchCommand)
      .resolves({ Successful: [{ Id: '0', MessageId: 'a', MD5OfMessageBody: 'x' }] });

    // Act
    await enqueueSlackMessages(sqs, `${OUTBOX}.fifo`, [payload(0)], { sleep: noSleep });

    // Assess
    const entry = sqsMock.commandCalls(SendMessageBatchCommand)[0]?.args[0].input.Entries?.[0];
    expect(entry).toMatchObject({
      MessageGroupId: 'slack',
      MessageDeduplicationId: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });
});
