import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSRecord } from 'aws-lambda';
import { z } from 'zod';
import { parseSqsBody } from '../events/sqs.js';
import { type PostOptions, postToSlack, worstCaseDeliveryMs } from '../report/slack/deliver.js';
import { type SlackPayload, scrubSecrets } from '../report/slack/payload.js';
import type { WebhookUrl, WebhookUrlProvider } from '../report/slack/webhook-secret.js';

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Slack still failing after the retries: the record fails and SQS delivers it again (then the DLQ).
 * @internal An error production throws; tests check for it with instanceof / toThrow.
 */
export class SlackDeliveryError extends Error {
  override name = 'SlackDeliveryError';
}

/** Not started: the invocation has less time left than one record may take. SQS delivers it again. */
class SlackTimeBudgetError extends Error {
  override name = 'SlackTimeBudgetError';
}

export interface NotifyOptions {
  webhookUrl: WebhookUrlProvider;
  /**
   * The webhook of a message that names its channel (SQS attribute `channel`, the central stack's Slack
   * routes); undefined for a channel that is not configured, which dead-letters the message.
   */
  channelWebhook?: (channel: string) => WebhookUrlProvider | undefined;
  /** Where permanently refused messages go, with the reason, so they do not block the queue (absent: not set). */
  deadLetter?: DeadLetter;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  metrics: Pick<Metrics, 'addMetric'>;
  post?: PostOptions;
  /** Slack allows about one message a second per webhook. Default 1000 ms between requests. */
  minIntervalMs?: number;
  /**
   * Kept back from the Lambda time left for the dead-letter send and the batch response: a record starts
   * only with its worst-case delivery time plus this left. Default 3000 ms.
   */
  reserveMs?: number;
  now?: () => number;
}

/** A queued Slack message: an object with a text, kept as it was queued (it is posted as is). */
const slackPayloadSchema = z.custom<SlackPayload>((value) => {
  const payload = value as Partial<SlackPayload> | null;
  return (
    typeof payload === 'object' &&
    payload !== null &&
    typeof payload.text === 'string' &&
    payload.text.length > 0
  );
});

/** Sends a message Slack refused for good to the dead-letter queue, with why (shared/lambda/sqs.ts). */
export type DeadLetter = (
  record: Pick<SQSRecord, 'messageId' | 'body'>,
  why: { reason: string; status: number; attempts: number },
) => Promise<void>;

/**
 * The notify use case: the SQS record handler of notify-slack (for Powertools' BatchProcessor): delivers one outbox message to
 * Slack at most once a second. A permanent refusal sends the message with its reason to the dead-letter
 * queue and counts SlackPermanentFailures, and the record counts as handled; a delivery still failing after
 * the retries throws, so only that record is reported in batchItemFailures.
 *
 * Given the Lambda context, it never outlives the invocation (which would have SQS deliver the records
 * already posted again): a record starts only when its worst-case time fits in the time left, every later
 * record of the invocation then fails unstarted (SlackRecordsDeferred), and retry waits are bounded too.
 */
export function createNotify(
  options: NotifyOptions,
): (record: SQSRecord, context?: Context) => Promise<void> {
  const { logger, metrics } = options;
  const sleep = options.post?.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const minIntervalMs = options.minIntervalMs ?? 1000;
  const reserveMs = options.reserveMs ?? 3000;
  const worstCaseMs = worstCaseDeliveryMs(options.post);
  let notBefore = 0;
  const post: PostOptions = {
    ...options.post,
    onRateLimited: (seconds) => {
      notBefore = Math.max(notBefore, now() + seconds * 1000);
      options.post?.onRateLimited?.(seconds);
    },
  };

  async function deadLetter(record: SQSRecord, status: number, reason: string, attempts: number) {
    if (!options.deadLetter) {
      throw new SlackDeliveryError(
        `Slack refused the message (${reason}) and no dead-letter queue URL is set`,
      );
    }
    await options.deadLetter(record, { reason, status, attempts });
    metrics.addMetric('SlackPermanentFailures', MetricUnit.Count, 1);
    logger.error('Slack refused the message; sent to the dead-letter queue', {
      messageId: record.messageId,
      status,
      reason,
      attempts,
    });
  }

  /** Throws SlackTimeBudgetError when the record must not start; else returns its time left, if known. */
  function timeBudget(record: SQSRecord, context: Context | undefined): (() => number) | undefined {
    if (!context) return undefined;
    const timeLeftMs = () => context.getRemainingTimeInMillis() - reserveMs;
    const neededMs = Math.max(0, notBefore - now()) + worstCaseMs;
    const leftMs = timeLeftMs();
    // Time left only shrinks (and the wait with it), so once a record is refused every later one is too.
    if (leftMs >= neededMs) return timeLeftMs;
    metrics.addMetric('SlackRecordsDeferred', MetricUnit.Count, 1);
    logger.warn('Not enough time left to deliver the message; SQS will deliver it again', {
      messageId: record.messageId,
      timeLeftMs: leftMs,
      neededMs,
    });
    throw new SlackTimeBudgetError(
      `not started: ${leftMs} ms left, one message may need ${neededMs} ms (reserve ${reserveMs} ms kept)`,
    );
  }

  return async (record, context) => {
    const timeLeftMs = timeBudget(record, context);
    const parsed = parseSqsBody(record, slackPayloadSchema);
    if (!parsed.success) {
      await deadLetter(record, 0, 'invalid_message', 0);
      return;
    }
    const payload = parsed.data;
    const channel = record.messageAttributes?.channel?.stringValue;
    const provider = channel === undefined ? options.webhookUrl : options.channelWebhook?.(channel);
    if (!provider) {
      await deadLetter(record, 0, 'unknown_channel', 0);
      return;
    }
    let webhook: WebhookUrl;
    try {
      webhook = await provider();
    } catch (caught) {
      // WebhookConfigError never carries the value, but another provider error might quote it: scrub it.
      const error = caught instanceof Error ? caught : new Error(String(caught));
      error.message = scrubSecrets(error.message);
      error.stack = scrubSecrets(String(error.stack));
      metrics.addMetric('SlackConfigErrors', MetricUnit.Count, 1);
      logger.error('Slack webhook URL unavailable; SQS will deliver the message again', {
        messageId: record.messageId,
        errorName: error.name,
        reason: error.message,
      });
      throw error;
    }
    const wait = notBefore - now();
    if (wait > 0) await sleep(wait);
    const result = await postToSlack(
      webhook,
      JSON.stringify(payload),
      timeLeftMs ? { ...post, timeLeftMs } : post,
    );
    notBefore = Math.max(notBefore, now() + minIntervalMs);
    switch (result.outcome) {
      case 'delivered':
        metrics.addMetric('SlackMessagesDelivered', MetricUnit.Count, 1);
        logger.info('Slack message delivered', { messageId: record.messageId, attempts: result.attempts });
        return;
      case 'permanent':
        await deadLetter(record, result.status, result.reason, result.attempts);
        return;
      case 'retryable':
        metrics.addMetric('SlackTransientFailures', MetricUnit.Count, 1);
        logger.warn('Slack delivery failed; SQS will deliver the message again', {
          messageId: record.messageId,
          status: result.status,
          reason: result.reason,
          attempts: result.attempts,
        });
        throw new SlackDeliveryError(
          `Slack delivery failed after ${result.attempts} attempt(s): ${result.reason}${result.status ? ` (HTTP ${result.status})` : ''}`,
        );
    }
  };
}
