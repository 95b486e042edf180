import {
  type EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import type { Evaluation } from '../model/evaluation.js';
import type { Actor } from '../model/ref.js';
import type { Resource } from '../model/resource.js';
import type { ActionRecord } from '../response/types.js';

const FINDING_SOURCE = 'transit-guard';
const FINDING_DETAIL_TYPE = 'Transit Finding';
/** PutEvents takes at most 10 entries per request... */
const MAX_PUT_EVENTS_ENTRIES = 10;
/**
 * ...and at most 256 KB for the whole request, entry sizes summed as putEventsEntrySize counts them.
 */
const MAX_PUT_EVENTS_BYTES = 256 * 1024;
const MAX_DETAIL_CHARS = 60_000; // a finding's detail stays small; configuration snapshots go first
const TIME_BYTES = 14; // what EventBridge counts for a Time parameter, whatever its value

/**
 * One message on the findings bus: a NON_COMPLIANT evaluation, the resolution of one, the response
 * transit-guard decided on for one (kind `plan`: planned, dry run, skipped or exempt, with the resource as it
 * was read), or an action it carried out (kind `action`: calls, before/after, verified or not). `plan` and
 * `action` messages are the audit trail.
 */
export interface FindingMessage {
  kind: 'finding' | 'resolution' | 'plan' | 'action';
  evaluation: Evaluation;
  /** For kind `action`: what was done and whether reading the resource again proved it. For a `finding`
   * raised because a remediation failed: the failed action, with its error. */
  action?: ActionRecord;
  /** For kind `plan`: the resource as read when the plan was made (resources never hold secrets). */
  before?: Resource;
  /** The event that caused the inspection (CloudTrail eventID, EventBridge id, sweep id). */
  triggerId?: string;
  actor?: Actor;
  observedAt: string;
  /** Set when the configuration snapshots were left out to keep the message within limits. */
  configurationTruncated?: true;
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

/**
 * A configuration snapshot as the audit trail keeps it: without tag values, which are free text anyone with
 * tagging rights writes (people paste webhook URLs and keys into tags); the tag keys stay.
 */
function auditSnapshot(resource: Resource): Record<string, unknown> {
  const { tags, ...configuration } = resource;
  return { ...configuration, tagKeys: Object.keys(tags ?? {}) };
}

/** The message as it goes on the bus: configuration snapshots without tag values. */
function busDetail(message: FindingMessage): Record<string, unknown> {
  const detail: Record<string, unknown> = { ...message };
  if (message.before) detail.before = auditSnapshot(message.before);
  if (message.action) {
    const { before, after, ...action } = message.action;
    detail.action = {
      ...action,
      ...(before ? { before: auditSnapshot(before) } : {}),
      ...(after ? { after: auditSnapshot(after) } : {}),
    };
  }
  return detail;
}

function toEntry(original: FindingMessage, busName: string): PutEventsRequestEntry {
  const message = busDetail(original) as unknown as FindingMessage;
  let detail = JSON.stringify(message);
  if (detail.length > MAX_DETAIL_CHARS) {
    const { details: _dropped, ...evaluation } = message.evaluation;
    detail = JSON.stringify({ ...message, evaluation: { ...evaluation, detailsTruncated: true } });
  }
  if (detail.length > MAX_DETAIL_CHARS && (message.action || message.before)) {
    // The configuration snapshots are the bulk of an audit record; calls, plan and outcome stay.
    const { details: _dropped, ...evaluation } = message.evaluation;
    const { before: _snapshot, ...rest } = message;
    const truncated: Record<string, unknown> = {
      ...rest,
      evaluation: { ...evaluation, detailsTruncated: true },
      configurationTruncated: true,
    };
    if (message.action) {
      const { before: _before, after: _after, ...action } = message.action;
      truncated.action = { ...action, configurationTruncated: true };
    }
    detail = JSON.stringify(truncated);
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

// Buffer.byteLength counts UTF-8 bytes by default.
const utf8Bytes = (text: string | undefined) => (text ? Buffer.byteLength(text) : 0);

/**
 * The size of a PutEvents entry as EventBridge documents its calculation ("Calculating PutEvents event entry
 * size"): 14 bytes for Time when set, the UTF-8 bytes of Source, DetailType, Detail and each Resource.
 * EventBusName is not counted.
 * @internal Unit-tested directly: the entry size as EventBridge counts it.
 */
export function putEventsEntrySize(entry: PutEventsRequestEntry): number {
  return (
    (entry.Time ? TIME_BYTES : 0) +
    utf8Bytes(entry.Source) +
    utf8Bytes(entry.DetailType) +
    utf8Bytes(entry.Detail) +
    (entry.Resources ?? []).reduce((sum, resource) => sum + utf8Bytes(resource), 0)
  );
}

/**
 * Entries cut into PutEvents requests, in order, each of at most 10 entries and 256 KB. An entry larger than
 * a whole request goes alone in its own, so that EventBridge's refusal of it cannot take others with it.
 * @internal Unit-tested directly: the batches by count and size.
 */
export function putEventsBatches<T extends PutEventsRequestEntry>(entries: readonly T[]): T[][] {
  const batches: T[][] = [];
  let batch: T[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = putEventsEntrySize(entry);
    if (
      batch.length === MAX_PUT_EVENTS_ENTRIES ||
      (batch.length > 0 && bytes + size > MAX_PUT_EVENTS_BYTES)
    ) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(entry);
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/**
 * Publishes findings and resolutions on the findings bus with PutEvents, in requests within the documented
 * limits (10 entries, 256 KB). Entries that EventBridge refuses (partial failure) are sent again, up to
 * maxAttempts, with a growing wait.
 */
export async function publishFindings(
  client: EventBridgeClient,
  messages: readonly FindingMessage[],
  options: PublishOptions,
): Promise<PublishResult> {
  const sleep = options.sleep ?? defaultSleep;
  const maxAttempts = options.maxAttempts ?? 3;
  // Each entry keeps the message it was built from, to report a refusal by message.
  const entries = new Map(messages.map((message) => [toEntry(message, options.busName), message]));
  let pending = [...entries.keys()];
  let published = 0;
  let failed: PublishResult['failed'] = [];
  for (let attempt = 1; attempt <= maxAttempts && pending.length > 0; attempt++) {
    if (attempt > 1) await sleep(200 * 2 ** (attempt - 2));
    failed = [];
    const refused: PutEventsRequestEntry[] = [];
    for (const batch of putEventsBatches(pending)) {
      const output = await client.send(new PutEventsCommand({ Entries: batch }));
      batch.forEach((entry, index) => {
        const result = output.Entries?.[index];
        if (result?.EventId && !result.ErrorCode) {
          published++;
        } else {
          refused.push(entry);
          failed.push({
            message: entries.get(entry) as FindingMessage,
            errorCode: result?.ErrorCode ?? 'NoResult',
            ...(result?.ErrorMessage ? { errorMessage: result.ErrorMessage } : {}),
          });
        }
      });
    }
    pending = refused;
  }
  return { published, failed };
}
