import {
  type EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import type { Evaluation } from '../model/evaluation.js';
import type { Actor } from '../model/ref.js';
import type { ActionRecord } from '../response/types.js';

export const FINDING_SOURCE = 'transit-guard';
export const FINDING_DETAIL_TYPE = 'Transit Finding';
const BATCH_SIZE = 10; // PutEvents takes at most 10 entries per call
const MAX_DETAIL_CHARS = 60_000; // well under the 256 KB PutEvents request limit for a full batch

/**
 * One message on the findings bus: a NON_COMPLIANT evaluation, the resolution of one, or an action
 * transit-guard took about one (the audit trail: calls, before/after, verified or not).
 */
export interface FindingMessage {
  kind: 'finding' | 'resolution' | 'action';
  evaluation: Evaluation;
  /** For kind `action`: what was done and whether reading the resource again proved it. */
  action?: ActionRecord;
  /** The event that caused the inspection (CloudTrail eventID, EventBridge id, sweep id). */
  triggerId?: string;
  actor?: Actor;
  observedAt: string;
}

export interface PublishResult {
  published: number;
  /** Entries EventBridge still refused after the retries, with its error code. */
  failed: { message: FindingMessage; errorCode: string; errorMessage?: string }[];
}

export interface PublishOptions {
  busName: string;
  /** Attempts for entries EventBridge refuses (FailedEntryCount); SDK-level retries come on top. */
  maxAttempts?: number;
  /** Waits between attempts; tests pass a no-op. */
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function toEntry(message: FindingMessage, busName: string): PutEventsRequestEntry {
  let detail = JSON.stringify(message);
  if (detail.length > MAX_DETAIL_CHARS) {
    const { details: _dropped, ...evaluation } = message.evaluation;
    detail = JSON.stringify({ ...message, evaluation: { ...evaluation, detailsTruncated: true } });
  }
  if (detail.length > MAX_DETAIL_CHARS && message.action) {
    // The configuration snapshots are the bulk of an action record; calls and outcome stay.
    const { before: _before, after: _after, ...action } = message.action;
    const { details: _dropped, ...evaluation } = message.evaluation;
    detail = JSON.stringify({
      ...message,
      evaluation: { ...evaluation, detailsTruncated: true },
      action: { ...action, configurationTruncated: true },
    });
  }
  const resourceId = message.evaluation.resourceId;
  return {
    Source: FINDING_SOURCE,
    DetailType: FINDING_DETAIL_TYPE,
    EventBusName: busName,
    Detail: detail,
    Resources: resourceId.startsWith('arn:') ? [resourceId] : [],
    Time: new Date(message.observedAt),
  };
}

/**
 * Publishes findings and resolutions on the findings bus with PutEvents, 10 entries a call. Entries that
 * EventBridge refuses (partial failure) are sent again, up to maxAttempts, with a growing wait.
 */
export async function publishFindings(
  client: EventBridgeClient,
  messages: readonly FindingMessage[],
  options: PublishOptions,
): Promise<PublishResult> {
  const sleep = options.sleep ?? defaultSleep;
  const maxAttempts = options.maxAttempts ?? 3;
  let pending = [...messages];
  let published = 0;
  let failed: PublishResult['failed'] = [];
  for (let attempt = 1; attempt <= maxAttempts && pending.length > 0; attempt++) {
    if (attempt > 1) await sleep(200 * 2 ** (attempt - 2));
    failed = [];
    for (let start = 0; start < pending.length; start += BATCH_SIZE) {
      const batch = pending.slice(start, start + BATCH_SIZE);
      const output = await client.send(
        new PutEventsCommand({ Entries: batch.map((message) => toEntry(message, options.busName)) }),
      );
      batch.forEach((message, index) => {
        const result = output.Entries?.[index];
        if (result?.EventId && !result.ErrorCode) {
          published++;
        } else {
          failed.push({
            message,
            errorCode: result?.ErrorCode ?? 'NoResult',
            ...(result?.ErrorMessage ? { errorMessage: result.ErrorMessage } : {}),
          });
        }
      });
    }
    pending = failed.map((f) => f.message);
  }
  return { published, failed };
}
