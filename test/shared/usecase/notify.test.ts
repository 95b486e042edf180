import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createObservability } from '../../../shared/lambda/handler.js';
import { sqsDeadLetter } from '../../../shared/lambda/notify-wiring.js';
import type { SlackPayload } from '../../../shared/report/slack/payload.js';
import { localWebhookUrlForTests, WebhookConfigError } from '../../../shared/report/slack/webhook-secret.js';
import { createNotify, type NotifyOptions, SlackDeliveryError } from '../../../shared/usecase/notify.js';
import { type CapturedOutput, captureOutput } from '../../helpers/lambda-env.js';
import { SLACK, type SlackAnswer, type SlackServer, startSlackServer } from '../../helpers/slack-server.js';

const sqsMock = mockClient(SQSClient);
const sqs = new SQSClient({ region: 'eu-west-1' });
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

describe('createNotify', () => {
  let output: CapturedOutput;

  beforeEach(() => {
    output = captureOutput();
  });

  function handlerFor(webhookUrl: string, overrides: Partial<NotifyOptions> = {}) {
    const { logger, metrics } = createObservability('notify-slack');
    const addMetric = vi.spyOn(metrics, 'addMetric');
    const handle = createNotify({
      webhookUrl: async () => localWebhookUrlForTests(webhookUrl),
      deadLetter: sqsDeadLetter(sqs, DLQ),
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
    const logged = output.text();
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
    const logged = output.text();
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
    const logged = output.text();
    expect(logged).toContain('Slack refused the message');
    expect(logged).toContain('Slack delivery failed');
    expect(logged).not.toContain(secretPart);
    expect(String((error as Error).stack)).not.toContain(secretPart);
  });
});
