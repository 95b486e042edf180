import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  enqueueSlackMessages,
  postToSlack,
  SlackOutboxError,
} from '../../../../shared/report/slack/deliver.js';
import type { SlackPayload } from '../../../../shared/report/slack/payload.js';
import { localWebhookUrlForTests } from '../../../../shared/report/slack/webhook-secret.js';
import {
  SLACK,
  type SlackAnswer,
  type SlackServer,
  startSlackServer,
} from '../../../helpers/slack-server.js';

const sqsMock = mockClient(SQSClient);
const sqs = new SQSClient({ region: 'eu-west-1' });
const OUTBOX = 'https://sqs.eu-west-1.amazonaws.com/111122223333/transit-guard-slack-outbox';
const noSleep = async () => {};

const payload = (n: number): SlackPayload => ({
  text: `HIGH: finding ${n}`,
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `finding ${n}` } }],
});

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
