import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNotifySlackHandler } from '../../functions/notify-slack.js';
import { createObservability, InvalidEventError } from '../../shared/lambda/handler.js';
import { localWebhookUrlForTests } from '../../shared/report/slack/webhook-secret.js';
import { notifySlackContext, outboxEvent, outboxPayload } from '../helpers/slack-outbox.js';
import { SLACK, type SlackAnswer, type SlackServer, startSlackServer } from '../helpers/slack-server.js';

const sqsMock = mockClient(SQSClient);
const secretsManager = mockClient(SecretsManagerClient);
const DLQ = 'https://sqs.eu-west-1.amazonaws.com/111122223333/transit-guard-slack-dlq';
const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:transit-guard/slack-webhook-AbCdEf';

const context = notifySlackContext();
const payload = outboxPayload;
const sqsEvent = (...bodies: string[]) => outboxEvent(bodies);

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
  secretsManager.reset();
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

async function handlerWith(...script: SlackAnswer[]) {
  server = await startSlackServer(script);
  const webhook = localWebhookUrlForTests(server.webhookUrl);
  const observability = createObservability('notify-slack');
  const addMetric = vi.spyOn(observability.metrics, 'addMetric');
  const handler = createNotifySlackHandler({
    observability,
    webhookUrl: async () => webhook,
    sqs: new SQSClient({ region: 'eu-west-1' }),
    deadLetterQueueUrl: DLQ,
    post: { backoffBaseMs: 10 },
    minIntervalMs: 0,
  });
  return { handler, server, addMetric };
}

describe('notify-slack', () => {
  it('delivers, dead-letters a permanent refusal without failing the batch, and reports only the failing record', async () => {
    // Prepare
    const { handler, server, addMetric } = await handlerWith(
      SLACK.ok,
      SLACK.channelIsArchived,
      SLACK.rollupError,
      SLACK.rollupError,
      SLACK.rollupError,
      SLACK.rollupError,
    );
    sqsMock.on(SendMessageCommand).resolves({ MessageId: 'dlq-1' });
    const event = sqsEvent(
      JSON.stringify(payload(1)),
      JSON.stringify(payload(2)),
      JSON.stringify(payload(3)),
    );

    // Act
    const result = await handler(event, context);

    // Assess
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: event.Records[2]?.messageId }] });
    expect(server.requests.map((request) => JSON.parse(request.body).text)).toEqual([
      'HIGH: finding 1',
      'HIGH: finding 2',
      ...Array(4).fill('HIGH: finding 3'),
    ]);
    expect(sqsMock).toReceiveCommandTimes(SendMessageCommand, 1);
    expect(sqsMock).toReceiveCommandWith(SendMessageCommand, {
      QueueUrl: DLQ,
      MessageBody: JSON.stringify(payload(2)),
      MessageAttributes: expect.objectContaining({
        reason: { DataType: 'String', StringValue: 'channel_is_archived' },
        status: { DataType: 'Number', StringValue: '410' },
      }),
    });
    expect(addMetric).toHaveBeenCalledWith('SlackPermanentFailures', 'Count', 1);
  });

  it('honours Retry-After on a 429 and then delivers, failing nothing', async () => {
    // Prepare
    const { handler, server } = await handlerWith(SLACK.rateLimited(1), SLACK.ok);

    // Act
    const result = await handler(sqsEvent(JSON.stringify(payload(1))), context);

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    const [first, second] = server.requests.map((request) => request.at);
    expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(1000);
  });

  it('processes the records one at a time, in order', async () => {
    // Prepare
    const { handler, server } = await handlerWith();
    const bodies = Array.from({ length: 5 }, (_, i) => JSON.stringify(payload(i)));

    // Act
    await handler(sqsEvent(...bodies), context);

    // Assess
    expect(server.requests.map((request) => request.body)).toEqual(bodies);
  });

  it('refuses an event that is not an SQS batch and calls nothing', async () => {
    // Prepare
    const { handler, server } = await handlerWith();

    // Act
    const call = handler({ detail: {} }, context);

    // Assess
    await expect(call).rejects.toBeInstanceOf(InvalidEventError);
    expect(server.requests).toHaveLength(0);
  });
});

describe('notify-slack as deployed (configured from the environment)', () => {
  async function deployedHandler() {
    vi.stubEnv('AWS_REGION', 'eu-west-1');
    vi.stubEnv('SLACK_WEBHOOK_SECRET_ARN', SECRET_ARN);
    vi.stubEnv('SLACK_DEAD_LETTER_QUEUE_URL', DLQ);
    vi.resetModules();
    const module = await import('../../functions/notify-slack.js');
    return module.handler;
  }

  it('reads the webhook URL from the secret and posts to it', async () => {
    // Prepare
    const webhook = 'https://hooks.slack.com/services/T0TEAM0001/B0HOOK0001/s3cr3tWebhookToken';
    secretsManager
      .on(GetSecretValueCommand)
      .resolves({ SecretString: JSON.stringify({ webhookUrl: webhook }) });
    const fetchMock = vi.fn(async () => new Response('ok', { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    const handler = await deployedHandler();

    // Act
    const result = await handler(sqsEvent(JSON.stringify(payload(1))), context);

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(fetchMock).toHaveBeenCalledWith(webhook, expect.objectContaining({ method: 'POST' }));
    expect(secretsManager).toReceiveCommandWith(GetSecretValueCommand, { SecretId: SECRET_ARN });
    expect(output.join('\n')).not.toContain('s3cr3t');
  });

  it('refuses a secret that is not a Slack webhook: nothing is posted, the records stay on the queue, the value is not logged', async () => {
    // Prepare
    secretsManager
      .on(GetSecretValueCommand)
      .resolves({ SecretString: 'https://collector.evil.example/s3cr3t' });
    const fetchMock = vi.fn(async () => new Response('ok', { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    const handler = await deployedHandler();

    // Act
    const call = handler(sqsEvent(JSON.stringify(payload(1)), JSON.stringify(payload(2))), context);

    // Assess
    await expect(call).rejects.toThrow('All records failed processing');
    expect(fetchMock).not.toHaveBeenCalled();
    expect(sqsMock).not.toReceiveCommand(SendMessageCommand);
    const logged = output.join('\n');
    expect(logged).toContain('WebhookConfigError');
    expect(logged).toContain(SECRET_ARN);
    expect(logged).not.toContain('s3cr3t');
  });
});
