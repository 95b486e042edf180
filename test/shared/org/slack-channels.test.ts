import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNotifySlackHandler } from '../../../functions/notify-slack.js';
import { createObservability } from '../../../shared/lambda/handler.js';
import { routedChannels } from '../../../shared/org/slack-channels.js';
import { localWebhookUrlForTests } from '../../../shared/report/slack/webhook-secret.js';
import { notifySlackContext, outboxEvent, outboxPayload } from '../../helpers/slack-outbox.js';
import { type SlackServer, startSlackServer } from '../../helpers/slack-server.js';

const sqs = mockClient(SQSClient);
const secrets = mockClient(SecretsManagerClient);
const DLQ = 'https://sqs.eu-west-1.amazonaws.com/999988887777/transit-guard-central-slack-dlq';
const ROUTES = JSON.stringify([
  { match: { minSeverity: 'critical' }, channel: 'tg/slack/critical' },
  { match: {}, channel: 'tg/slack/all' },
]);

/** Outbox records, each naming its channel as central-findings queues them (SQS attribute `channel`). */
function routedEvent(channels: readonly string[]) {
  const event = outboxEvent(
    channels.map((_, i) => JSON.stringify(outboxPayload(i))),
    'central-findings',
  );
  event.Records.forEach((record, i) => {
    record.messageAttributes = { channel: { stringValue: channels[i], dataType: 'String' } };
  });
  return event;
}

describe('routed Slack channels (central notify-slack)', () => {
  let critical: SlackServer;
  let all: SlackServer;

  beforeEach(async () => {
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    critical = await startSlackServer();
    all = await startSlackServer();
    sqs.on(SendMessageCommand).resolves({ MessageId: 'dlq-1' });
  });
  afterEach(async () => {
    await critical.stop();
    await all.stop();
    sqs.reset();
    secrets.reset();
    vi.restoreAllMocks();
  });

  it('posts each message to its channel’s webhook and dead-letters a channel the routes do not name', async () => {
    const webhooks: Record<string, string> = {
      'tg/slack/critical': critical.webhookUrl,
      'tg/slack/all': all.webhookUrl,
    };
    const handler = createNotifySlackHandler({
      observability: createObservability('notify-slack'),
      webhookUrl: async () => {
        throw new Error('no default channel');
      },
      channelWebhook: (channel) => {
        const url = webhooks[channel];
        return url ? async () => localWebhookUrlForTests(url) : undefined;
      },
      sqs: new SQSClient({ region: 'eu-west-1' }),
      deadLetterQueueUrl: DLQ,
      minIntervalMs: 0,
    });

    const result = await handler(
      routedEvent(['tg/slack/critical', 'tg/slack/all', 'tg/slack/other']),
      notifySlackContext(),
    );

    expect(result).toEqual({ batchItemFailures: [] });
    expect(critical.requests.map((r) => JSON.parse(r.body).text)).toEqual([outboxPayload(0).text]);
    expect(all.requests.map((r) => JSON.parse(r.body).text)).toEqual([outboxPayload(1).text]);
    expect(sqs).toReceiveCommandWith(SendMessageCommand, {
      QueueUrl: DLQ,
      MessageAttributes: expect.objectContaining({
        reason: { DataType: 'String', StringValue: 'unknown_channel' },
      }),
    });
  });

  it('serves only the channels the routes name, each from its own secret', async () => {
    secrets
      .on(GetSecretValueCommand, { SecretId: 'tg/slack/all' })
      .resolves({ SecretString: 'https://hooks.slack.com/services/T0/B0/all' });
    const channelWebhook = routedChannels(ROUTES);

    expect(channelWebhook('tg/slack/other')).toBeUndefined();
    expect(channelWebhook('arn:aws:secretsmanager:eu-west-1:999988887777:secret:anything')).toBeUndefined();
    const provider = channelWebhook('tg/slack/all');
    expect(channelWebhook('tg/slack/all')).toBe(provider);
    expect(String(await provider?.())).toBe('[redacted Slack webhook URL]');
    expect(secrets).toReceiveCommandWith(GetSecretValueCommand, { SecretId: 'tg/slack/all' });
  });
});
