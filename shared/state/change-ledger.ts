import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Evaluation } from '../model/evaluation.js';
import type { ResourceRef } from '../model/ref.js';
import { TABLE_KEYS } from './table.js';

/**
 * One inspection per change (issue #17): the CloudTrail call, the Config change event and the Config rule
 * invocation of one change each trigger an inspection. "A change" is keyed by the resource and the TIME of the
 * change (CloudTrail eventTime, the Config item's configurationItemCaptureTime): a live read that STARTED at least
 * SETTLE_SECONDS after that time already saw the change, so a trigger whose change it covers is a duplicate. A
 * later change of the same resource has a later time, which no earlier read covers: it is always inspected.
 * Keying by time rather than by an id works across the three sources, which share no id (CloudTrail's eventID is
 * not on the Config item in every case, and CloudTrail has no configurationStateId).
 */
const SETTLE_SECONDS = 5;
/** How long a record lets a late trigger of the same change be skipped; the three arrive within minutes. */
const RECORD_TTL_SECONDS = 24 * 3600;
/** A claim older than this is abandoned (the function timed out): another trigger may inspect. */
const CLAIM_SECONDS = 120;
/** The Config rule waits this long for a concurrent inspection of the same change, then reads itself. */
const WAIT_POLLS = 10;
const WAIT_POLL_MS = 1000;

/** The partition of the records (idempotency-style, beside Powertools' IDEMPOTENCY partition). */
const INSPECTION_PARTITION = 'INSPECTION';

/** What the last inspection of a resource found, stored so a duplicate trigger can answer without a read. */
interface InspectionRecord {
  /** When that inspection's read started (ISO). */
  readAt: string;
  /** The resource was gone. */
  gone: boolean;
  evaluations: Evaluation[];
}

export type ChangeDecision =
  /** Nobody has inspected this change yet: read it (and `finish` with the result, or `release`). */
  | { kind: 'inspect'; readAt: Date; claimed: boolean }
  /** A read that started after this change already judged the resource: this is its result. */
  | { kind: 'covered'; record: InspectionRecord }
  /** Another trigger's read that covers this change is under way right now. */
  | { kind: 'in-progress' };

export interface ChangeLedger {
  /**
   * Decides whether a trigger about `ref` changed at `changeTime` needs a read. With `waitForResult` (the Config
   * rule, which must answer Config with an evaluation), an in-progress inspection is waited for, and read again
   * when it does not finish in time.
   */
  begin(ref: ResourceRef, changeTime: Date, options?: { waitForResult?: boolean }): Promise<ChangeDecision>;
  /** Stores what the read that `begin` allowed found (never replacing a newer read's record). */
  finish(
    ref: ResourceRef,
    decision: { readAt: Date; claimed: boolean },
    result: Omit<InspectionRecord, 'readAt'>,
  ): Promise<void>;
  /** The read failed: frees the claim so a retry or another trigger inspects. */
  release(ref: ResourceRef, decision: { readAt: Date; claimed: boolean }): Promise<void>;
}

const { partitionKey, sortKey, ttlAttribute } = TABLE_KEYS;
const recordKey = (ref: ResourceRef) => ({
  [partitionKey]: INSPECTION_PARTITION,
  [sortKey]: `READ#${ref.resourceType}#${ref.resourceId}`,
});
const claimKey = (ref: ResourceRef) => ({
  [partitionKey]: INSPECTION_PARTITION,
  [sortKey]: `CLAIM#${ref.resourceType}#${ref.resourceId}`,
});

/** Whether a read that started at `readAt` saw a change made at `changeTime`. */
function covers(readAt: Date, changeTime: Date): boolean {
  return readAt.getTime() >= changeTime.getTime() + SETTLE_SECONDS * 1000;
}

/**
 * The ledger in the state table, with GetItem and conditional PutItem only (the inspectors' existing
 * FindingState permissions). A claim item stops two concurrent triggers of the same change (the Config change
 * event and the Config rule arrive together) from both reading.
 */
export function createDynamoDbChangeLedger(
  client: DynamoDBClient,
  tableName: string,
  options: { now?: () => Date; sleep?: (ms: number) => Promise<void> } = {},
): ChangeLedger {
  const documents = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));
  const ttl = (from: Date) => Math.floor(from.getTime() / 1000) + RECORD_TTL_SECONDS;

  async function readRecord(ref: ResourceRef): Promise<InspectionRecord | undefined> {
    const { Item } = await documents.send(
      new GetCommand({ TableName: tableName, Key: recordKey(ref), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    return {
      readAt: String(Item.readAt),
      gone: Item.gone === true,
      // A JSON string: evaluations hold values DynamoDB's marshalling would refuse or reshape.
      evaluations: JSON.parse(String(Item.evaluations)) as Evaluation[],
    };
  }

  async function readClaim(ref: ResourceRef): Promise<{ claimedAt: Date; expires: Date } | undefined> {
    const { Item } = await documents.send(
      new GetCommand({ TableName: tableName, Key: claimKey(ref), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    return { claimedAt: new Date(String(Item.claimedAt)), expires: new Date(String(Item.claimExpires)) };
  }

  const coveredBy = (record: InspectionRecord | undefined, changeTime: Date) =>
    record !== undefined && covers(new Date(record.readAt), changeTime) ? record : undefined;

  async function tryClaim(ref: ResourceRef, at: Date): Promise<boolean> {
    try {
      await documents.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...claimKey(ref),
            claimedAt: at.toISOString(),
            claimExpires: new Date(at.getTime() + CLAIM_SECONDS * 1000).toISOString(),
            [ttlAttribute]: ttl(at),
          },
          ConditionExpression: 'attribute_not_exists(#pk) OR claimExpires < :now',
          ExpressionAttributeNames: { '#pk': partitionKey },
          ExpressionAttributeValues: { ':now': at.toISOString() },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async function release(ref: ResourceRef, decision: { readAt: Date; claimed: boolean }): Promise<void> {
    if (!decision.claimed) return;
    const at = decision.readAt.toISOString();
    try {
      // Only our own claim is ended (expired at once); a newer trigger's claim stays.
      await documents.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...claimKey(ref), claimedAt: at, claimExpires: at, [ttlAttribute]: ttl(decision.readAt) },
          ConditionExpression: 'claimedAt = :mine',
          ExpressionAttributeValues: { ':mine': at },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  return {
    release,
    async begin(ref, changeTime, { waitForResult = false } = {}) {
      const done = coveredBy(await readRecord(ref), changeTime);
      if (done) return { kind: 'covered', record: done };
      const readAt = now();
      if (await tryClaim(ref, readAt)) return { kind: 'inspect', readAt, claimed: true };
      const claim = await readClaim(ref);
      // The read under way started before this change (or its claim just ended): it may not see it.
      if (!claim || !covers(claim.claimedAt, changeTime)) return { kind: 'inspect', readAt, claimed: false };
      if (!waitForResult) return { kind: 'in-progress' };
      for (let poll = 0; poll < WAIT_POLLS; poll++) {
        await sleep(WAIT_POLL_MS);
        const record = coveredBy(await readRecord(ref), changeTime);
        if (record) return { kind: 'covered', record };
      }
      return { kind: 'inspect', readAt: now(), claimed: false };
    },

    async finish(ref, decision, result) {
      const readAt = decision.readAt.toISOString();
      try {
        await documents.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...recordKey(ref),
              readAt,
              gone: result.gone,
              evaluations: JSON.stringify(result.evaluations),
              [ttlAttribute]: ttl(decision.readAt),
            },
            // A slower read that started earlier must not replace what a newer read found.
            ConditionExpression: 'attribute_not_exists(#pk) OR readAt < :readAt',
            ExpressionAttributeNames: { '#pk': partitionKey },
            ExpressionAttributeValues: { ':readAt': readAt },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
      await release(ref, decision);
    },
  };
}
