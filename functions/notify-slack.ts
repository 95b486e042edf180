import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { awsClientConfig } from '../shared/aws/clients.js';
import { parseSqsEvent } from '../shared/events/sqs.js';
import { createHandler, createObservability, type Observability } from '../shared/lambda/handler.js';
import { sqsDeadLetter } from '../shared/lambda/notify-wiring.js';
import { routedChannels } from '../shared/org/slack-channels.js';
import type { PostOptions } from '../shared/report/slack/deliver.js';
import { createWebhookUrlProvider, type WebhookUrlProvider } from '../shared/report/slack/webhook-secret.js';
import { createNotify, type NotifyOptions } from '../shared/usecase/notify.js';

export interface NotifySlackDependencies {
  observability: Observability;
  webhookUrl: WebhookUrlProvider;
  /** The central stack's routed channels (TG_SLACK_ROUTES): a message naming another is dead-lettered. */
  channelWebhook?: NotifyOptions['channelWebhook'];
  sqs: SQSClient;
  deadLetterQueueUrl: string;
  post?: PostOptions;
  minIntervalMs?: number;
}

/** The Slack outbox consumer: one record at a time (Slack's one-a-second limit), partial batch failures. */
export function createNotifySlackHandler(dependencies: NotifySlackDependencies) {
  const { observability } = dependencies;
  const processor = new BatchProcessor(EventType.SQS);
  const deadLetter = sqsDeadLetter(dependencies.sqs, dependencies.deadLetterQueueUrl);
  const handleRecord = createNotify({
    webhookUrl: dependencies.webhookUrl,
    ...(dependencies.channelWebhook ? { channelWebhook: dependencies.channelWebhook } : {}),
    ...(deadLetter ? { deadLetter } : {}),
    logger: observability.logger,
    metrics: observability.metrics,
    ...(dependencies.post ? { post: dependencies.post } : {}),
    ...(dependencies.minIntervalMs === undefined ? {} : { minIntervalMs: dependencies.minIntervalMs }),
  });
  return createHandler<SQSEvent, SQSBatchResponse>({
    name: 'notify-slack',
    observability,
    parse: parseSqsEvent,
    handle: (event, context) =>
      processPartialResponse(event, handleRecord, processor, { context, processInParallel: false }),
  });
}

// Configuration: the environment names where the webhook URL is kept, never the URL itself.
export const handler = createNotifySlackHandler({
  observability: createObservability('notify-slack'),
  webhookUrl: createWebhookUrlProvider({
    secretArn: process.env.SLACK_WEBHOOK_SECRET_ARN,
    parameterName: process.env.SLACK_WEBHOOK_PARAMETER_NAME,
  }),
  ...(process.env.TG_SLACK_ROUTES ? { channelWebhook: routedChannels(process.env.TG_SLACK_ROUTES) } : {}),
  // Lambda always sets AWS_REGION.
  sqs: new SQSClient(awsClientConfig({ region: process.env.AWS_REGION as string })),
  deadLetterQueueUrl: process.env.SLACK_DEAD_LETTER_QUEUE_URL ?? '',
});
