import { createHash } from 'node:crypto';
import {
  type MessageAttributeValue,
  SendMessageBatchCommand,
  type SendMessageBatchRequestEntry,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SlackPayload } from './payload.js';
import type { WebhookUrl } from './webhook-secret.js';

// ------------------------------------------------------------------------------------------ outbox

const SQS_BATCH_ENTRIES = 10;
/** SendMessageBatch takes at most 256 KiB per call; keep room for attributes. */
const SQS_BATCH_BYTES = 250 * 1024;

/** @internal An error production throws; tests check for it with instanceof / toThrow. */
export class SlackOutboxError extends Error {
  override name = 'SlackOutboxError';
}

export interface EnqueueOptions {
  /** Attempts for entries SQS refuses without a sender fault. Default 3. */
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
  /** SQS message attributes of each payload (the central stack's Slack channel); none by default. */
  attributesOf?: (index: number) => Record<string, MessageAttributeValue> | undefined;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function batches(bodies: readonly { id: string; body: string }[]): { id: string; body: string }[][] {
  const result: { id: string; body: string }[][] = [];
  let current: { id: string; body: string }[] = [];
  let bytes = 0;
  for (const entry of bodies) {
    const size = Buffer.byteLength(entry.body);
    if (size > SQS_BATCH_BYTES)
      throw new SlackOutboxError(`message ${entry.id} is ${size} bytes, too large for SQS`);
    if (current.length === SQS_BATCH_ENTRIES || bytes + size > SQS_BATCH_BYTES) {
      result.push(current);
      current = [];
      bytes = 0;
    }
    current.push(entry);
    bytes += size;
  }
  if (current.length > 0) result.push(current);
  return result;
}

/**
 * Puts JSON messages on a queue with SendMessageBatch, 10 a call (the Slack outbox, the actions queue). Entries SQS refuses for its own
 * reasons are sent again; any entry still refused (or refused as the sender's fault) makes it throw, so the
 * caller fails and is retried rather than losing a message. A FIFO queue gets a content-based dedupe id.
 */
export async function enqueueJsonMessages(
  sqs: SQSClient,
  queueUrl: string,
  payloads: readonly unknown[],
  options: EnqueueOptions = {},
): Promise<{ enqueued: number }> {
  const sleep = options.sleep ?? defaultSleep;
  const maxAttempts = options.maxAttempts ?? 3;
  const fifo = queueUrl.endsWith('.fifo');
  let pending = payloads.map((payload, index) => ({ id: String(index), body: JSON.stringify(payload) }));
  let enqueued = 0;
  for (let attempt = 1; pending.length > 0; attempt++) {
    if (attempt > 1) await sleep(200 * 2 ** (attempt - 2));
    const retry: typeof pending = [];
    const refused: string[] = [];
    for (const batch of batches(pending)) {
      const entries: SendMessageBatchRequestEntry[] = batch.map(({ id, body }) => ({
        Id: id,
        MessageBody: body,
        ...(options.attributesOf?.(Number(id))
          ? { MessageAttributes: options.attributesOf(Number(id)) }
          : {}),
        ...(fifo ? { MessageGroupId: 'slack', MessageDeduplicationId: sha256(body) } : {}),
      }));
      const output = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
      enqueued += output.Successful?.length ?? 0;
      for (const failure of output.Failed ?? []) {
        const entry = batch.find((candidate) => candidate.id === failure.Id);
        if (!entry) continue;
        if (failure.SenderFault || attempt >= maxAttempts) refused.push(`${failure.Id}: ${failure.Code}`);
        else retry.push(entry);
      }
    }
    if (refused.length > 0) {
      throw new SlackOutboxError(`SQS refused ${refused.length} message(s): ${refused.join(', ')}`);
    }
    pending = retry;
  }
  return { enqueued };
}

/** Puts Slack payloads in the outbox the notify-slack function drains. */
export function enqueueSlackMessages(
  sqs: SQSClient,
  queueUrl: string,
  payloads: readonly SlackPayload[],
  options: EnqueueOptions = {},
): Promise<{ enqueued: number }> {
  return enqueueJsonMessages(sqs, queueUrl, payloads, options);
}

// ---------------------------------------------------------------------------------------- delivery

/** Slack's answers that will not change on a retry (slack-limits.md §2-3). */
const PERMANENT_SLACK_ERRORS: ReadonlySet<string> = new Set([
  'invalid_payload',
  'action_prohibited',
  'channel_is_archived',
  'channel_not_found',
  'user_not_found',
  'no_service',
  'no_active_hooks',
  'no_service_id',
  'no_team',
  'team_disabled',
  'invalid_token',
  'no_text',
  'posting_to_general_channel_denied',
  'too_many_attachments',
]);

export type DeliveryResult =
  | { outcome: 'delivered'; attempts: number }
  /** Slack refused the message for good: do not send it again as it is. */
  | { outcome: 'permanent'; status: number; reason: string; attempts: number }
  /** Still failing after the retries (5xx, network, timeout, a rate limit longer than we wait). */
  | { outcome: 'retryable'; status?: number; reason: string; attempts: number };

export interface PostOptions {
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** Per request. Default 5 s. */
  timeoutMs?: number;
  /** Requests in all, first included. Default 4. */
  maxAttempts?: number;
  /** First backoff after a 5xx or network error; doubles each time. Default 1 s. */
  backoffBaseMs?: number;
  /** The longest Retry-After we wait for in the function; a longer one fails the record (SQS retries later). */
  maxRetryAfterSeconds?: number;
  /** Told how long Slack asked us to hold off after a 429, so later messages wait too. */
  onRateLimited?: (seconds: number) => void;
  /**
   * How long this delivery may still take (the Lambda time left, less a reserve). A retry whose wait and
   * request do not fit is not made, and no request outlives it: the result is retryable, SQS delivers again.
   */
  timeLeftMs?: () => number;
}

const DEFAULT_TIMEOUT_MS = 5000;
const DEFAULT_MAX_ATTEMPTS = 4;
const DEFAULT_BACKOFF_BASE_MS = 1000;

/**
 * The longest one postToSlack call can take when nothing but timeouts and 5xx answers come back: every
 * request timing out and every backoff waited. Retry-After waits are not in it; they are bounded by timeLeftMs.
 */
export function worstCaseDeliveryMs(options: PostOptions = {}): number {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const backoffBaseMs = options.backoffBaseMs ?? DEFAULT_BACKOFF_BASE_MS;
  let total = maxAttempts * timeoutMs;
  for (let attempt = 1; attempt < maxAttempts; attempt++) total += backoffBaseMs * 2 ** (attempt - 1);
  return total;
}

const MAX_REASON_CHARS = 100;

/** Retry-After is a number of seconds (Slack) or an HTTP date; anything else means one second. */
function retryAfterSeconds(header: string | null): number {
  if (header === null) return 1;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? 1 : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** A short, log-safe reason for a network failure: the error code, never the message (it may hold the URL). */
function networkReason(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return 'timeout';
  const code = (error as { cause?: { code?: unknown } })?.cause?.code;
  return typeof code === 'string' && /^[A-Z0-9_]+$/.test(code) ? code : 'network_error';
}

const reasonOf = (body: string, status: number) => {
  const token = body.trim().slice(0, MAX_REASON_CHARS);
  return /^[a-z0-9_]+$/i.test(token) ? token : `http_${status}`;
};

/**
 * POSTs one payload to the webhook. 200 is delivered. 429 waits Retry-After seconds and tries again;
 * 5xx, rollup_error and network errors back off exponentially; both within maxAttempts. The documented
 * permanent errors, and any other 4xx, are returned as permanent at once. Redirects are not followed.
 */
export async function postToSlack(
  webhook: WebhookUrl,
  body: string,
  options: PostOptions = {},
): Promise<DeliveryResult> {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? defaultSleep;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const backoffBaseMs = options.backoffBaseMs ?? DEFAULT_BACKOFF_BASE_MS;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRetryAfter = options.maxRetryAfterSeconds ?? 30;
  const timeLeftMs = options.timeLeftMs ?? (() => Number.POSITIVE_INFINITY);
  let last: DeliveryResult = { outcome: 'retryable', reason: 'not_sent', attempts: 0 };
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    let waitMs = backoffBaseMs * 2 ** (attempt - 1);
    const requestTimeoutMs = Math.min(timeoutMs, Math.floor(timeLeftMs()));
    if (requestTimeoutMs <= 0) return attempt === 1 ? { ...last, reason: 'out_of_time' } : last;
    try {
      const response = await doFetch(webhook.requestUrl(), {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
      const text = await response.text();
      const reason = reasonOf(text, response.status);
      if (response.status === 200) return { outcome: 'delivered', attempts: attempt };
      if (response.status === 429) {
        const seconds = retryAfterSeconds(response.headers.get('retry-after'));
        options.onRateLimited?.(seconds);
        last = { outcome: 'retryable', status: 429, reason: 'rate_limited', attempts: attempt };
        if (seconds > maxRetryAfter) return last;
        waitMs = seconds * 1000;
      } else if (
        PERMANENT_SLACK_ERRORS.has(reason) ||
        (response.status < 500 && response.status !== 408 && reason !== 'rollup_error')
      ) {
        return { outcome: 'permanent', status: response.status, reason, attempts: attempt };
      } else {
        last = { outcome: 'retryable', status: response.status, reason, attempts: attempt };
      }
    } catch (error) {
      last = { outcome: 'retryable', reason: networkReason(error), attempts: attempt };
    }
    if (attempt === maxAttempts) break;
    // Waiting only pays if the next request still fits in the time left.
    if (waitMs + timeoutMs > timeLeftMs()) return last;
    await sleep(waitMs);
  }
  return last;
}

// ------------------------------------------------------------------------------------------ consumer
