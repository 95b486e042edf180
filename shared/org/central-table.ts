import {
  ConditionalCheckFailedException,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Evaluation, Severity } from '../model/evaluation.js';
import type { ResourceType } from '../model/resource.js';
import type { FindingMessage } from '../report/findings-bus.js';
import { findingIdOf, type Resolution } from '../state/finding-store.js';
import { resolutionOfReason } from '../usecase/messages.js';

/**
 * The organization's current findings, one item per (account, region, finding): pk `<account>#<region>`, sk the
 * finding id (`<ruleId>|<resourceId>`, the members' own). The central template declares the same keys.
 */
const PK = 'pk';
const SK = 'sk';

/** @internal The table as the tests create it (dynalite) and org-stack declares it in the central template. */
export function centralTableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: PK, AttributeType: 'S' },
      { AttributeName: SK, AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: PK, KeyType: 'HASH' },
      { AttributeName: SK, KeyType: 'RANGE' },
    ],
  };
}

/** How long a channel's hourly Slack tally is kept (TTL attribute `expiration`): two days. */
const SLACK_TALLY_SECONDS = 2 * 24 * 3600;

export type CentralChannel = 'slack' | 'securityHub' | 'securityLake';

/** What a member event did to the central record. */
export type CentralTransition = 'opened' | 'changed' | 'unchanged' | 'resolved' | 'none';

export interface CentralKey {
  accountId: string;
  region: string;
  findingId: string;
}

export interface CentralFinding extends CentralKey {
  ruleId: string;
  resourceType: ResourceType;
  resourceId: string;
  resourceName?: string;
  severity: Severity;
  state: 'open' | 'resolved';
  reason: string;
  /** The evaluation of the last event, as the member sent it: what Slack and Security Hub are told. */
  evaluation: Evaluation;
  firstSeenAt: string;
  /**
   * The member's observedAt of the last event applied: the record's sequence. An event observed at or before
   * it (a duplicate, or one EventBridge delivered late) changes nothing, so a late finding cannot reopen a
   * finding a later event resolved.
   */
  observedAt: string;
  /** The EventBridge id of that event. */
  eventId: string;
  /** The region the member put the event in: where its bus is, for remediation requests. */
  busRegion: string;
  resolvedAt?: string;
  resolution?: Resolution;
  /** Channels the last transitions still owe (written with the transition; cleared once delivered). */
  owes?: CentralChannel[];
  /** The transition Slack is owed a message about. */
  slackTransition?: 'opened' | 'resolved';
  /** The member's last plan or action on it (audit trail; changes no state). */
  response?: { kind: 'plan' | 'action'; status: string; at: string };
}

/** A finding or resolution message, with what the envelope says about where it came from. */
export interface CentralEvent {
  eventId: string;
  /** The member account that put the event (the envelope's `account`). */
  account: string;
  /** The region it was put in (the envelope's `region`). */
  region: string;
  message: FindingMessage;
}

export interface RecordOutcome {
  transition: CentralTransition;
  /** The record as written; for a stale event, the record as it stands (undefined if none). */
  record?: CentralFinding;
  /** The event was observed at or before the stored one: nothing written. */
  stale: boolean;
}

const keyOf = ({ accountId, region, findingId }: CentralKey) => ({
  [PK]: `${accountId}#${region}`,
  [SK]: findingId,
});

/** The key of the finding a message is about: its evaluation's account and region, else the envelope's. */
function centralKeyOf(event: CentralEvent): CentralKey {
  const { evaluation } = event.message;
  return {
    accountId: evaluation.accountId ?? event.account,
    region: evaluation.region ?? event.region,
    findingId: findingIdOf(evaluation.ruleId, evaluation.resourceId),
  };
}

/** The next record and its transition, from the stored one (if any) and a finding or resolution message. */
function next(
  previous: CentralFinding | undefined,
  event: CentralEvent,
  owesFor: (transition: CentralTransition) => CentralChannel[],
): { record: CentralFinding; transition: CentralTransition } {
  const { message } = event;
  const { evaluation } = message;
  const key = centralKeyOf(event);
  const wasOpen = previous?.state === 'open';
  const open = message.kind === 'finding';
  let transition: CentralTransition;
  if (open) {
    if (!wasOpen) transition = 'opened';
    else if (previous.severity !== evaluation.severity || previous.reason !== evaluation.reason)
      transition = 'changed';
    else transition = 'unchanged';
  } else {
    transition = wasOpen ? 'resolved' : 'none';
  }
  // What this transition owes, plus what an earlier one still owes (a failed delivery is not lost).
  const owes = [...new Set([...(previous?.owes ?? []), ...owesFor(transition)])];
  const slackTransition =
    transition === 'opened' || transition === 'resolved'
      ? transition
      : owes.includes('slack')
        ? previous?.slackTransition
        : undefined;
  const record: CentralFinding = {
    ...key,
    ruleId: evaluation.ruleId,
    resourceType: evaluation.resourceType,
    resourceId: evaluation.resourceId,
    ...(evaluation.resourceName ? { resourceName: evaluation.resourceName } : {}),
    severity: evaluation.severity,
    state: open ? 'open' : 'resolved',
    reason: evaluation.reason,
    evaluation,
    firstSeenAt: open && !wasOpen ? message.observedAt : (previous?.firstSeenAt ?? message.observedAt),
    observedAt: message.observedAt,
    eventId: event.eventId,
    busRegion: event.region,
    ...(open
      ? {}
      : {
          resolvedAt: wasOpen ? message.observedAt : (previous?.resolvedAt ?? message.observedAt),
          // The member's resolution message says how in its reason (shared/usecase/messages.ts).
          resolution:
            evaluation.status === 'NOT_APPLICABLE'
              ? 'deleted'
              : (resolutionOfReason(evaluation.reason) ?? 'fixed'),
        }),
    ...(owes.length > 0 ? { owes } : {}),
    ...(owes.includes('slack') && slackTransition ? { slackTransition } : {}),
    ...(previous?.response ? { response: previous.response } : {}),
  };
  return { record, transition };
}

/** The central table on DynamoDB; every write is conditional on the record's sequence (observedAt). */
export function createCentralTable(client: DynamoDBClient, tableName: string) {
  const documents = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  async function get(key: CentralKey): Promise<CentralFinding | undefined> {
    const { Item } = await documents.send(
      new GetCommand({ TableName: tableName, Key: keyOf(key), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const { [PK]: _pk, [SK]: _sk, ...record } = Item;
    return record as CentralFinding;
  }

  return {
    get,
    /**
     * Applies a finding or resolution message: writes the next record (with the channels its transition owes)
     * unless the stored one was observed at or after it. Another writer between the read and the write makes
     * the write fail its condition; it is then tried again from the record as it now stands.
     */
    async record(
      event: CentralEvent,
      owesFor: (transition: CentralTransition) => CentralChannel[],
    ): Promise<RecordOutcome> {
      const key = centralKeyOf(event);
      for (let attempt = 1; ; attempt++) {
        const previous = await get(key);
        if (previous && previous.observedAt >= event.message.observedAt)
          return { transition: 'none', record: previous, stale: true };
        const { record, transition } = next(previous, event, owesFor);
        try {
          await documents.send(
            new PutCommand({
              TableName: tableName,
              Item: { ...keyOf(key), ...record },
              ConditionExpression: 'attribute_not_exists(#pk) OR #at < :at',
              ExpressionAttributeNames: { '#pk': PK, '#at': 'observedAt' },
              ExpressionAttributeValues: { ':at': record.observedAt },
            }),
          );
          return { transition, record, stale: false };
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException) || attempt >= 5) throw error;
        }
      }
    },
    /**
     * The channels delivered for the record observed at `observedAt` are no longer owed. A newer event written
     * since owns its own debts: the condition leaves it alone.
     */
    async delivered(record: CentralFinding, channels: readonly CentralChannel[]): Promise<void> {
      const owes = (record.owes ?? []).filter((channel) => !channels.includes(channel));
      try {
        await documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keyOf(record),
            ...(owes.length > 0
              ? { UpdateExpression: 'SET #owes = :owes' }
              : { UpdateExpression: 'REMOVE #owes' }),
            ConditionExpression: '#at = :at',
            ExpressionAttributeNames: { '#owes': 'owes', '#at': 'observedAt' },
            ...(owes.length > 0
              ? { ExpressionAttributeValues: { ':owes': owes, ':at': record.observedAt } }
              : { ExpressionAttributeValues: { ':at': record.observedAt } }),
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },
    /**
     * Adds `count` Slack messages to the channel's tally of the hour `at` falls in (one item per channel and
     * hour, `slack#<channel>` / `<YYYY-MM-DDTHH>`, expiring after two days) and returns the tally before them.
     */
    async countSlack(channel: string, count: number, at: string): Promise<number> {
      const hour = at.slice(0, 13);
      const { Attributes } = await documents.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { [PK]: `slack#${channel}`, [SK]: hour },
          UpdateExpression: 'ADD #count :count SET #expiration = :expiration',
          ExpressionAttributeNames: { '#count': 'count', '#expiration': 'expiration' },
          ExpressionAttributeValues: {
            ':count': count,
            ':expiration': Math.floor(Date.parse(`${hour}:00:00Z`) / 1000) + SLACK_TALLY_SECONDS,
          },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return Number(Attributes?.count ?? count) - count;
    },
    /** A plan or action record: noted on the finding it is about, if the central table has it. */
    async noteResponse(event: CentralEvent): Promise<boolean> {
      const { message } = event;
      const status = message.action?.status ?? message.evaluation.response?.status ?? 'unknown';
      try {
        await documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keyOf(centralKeyOf(event)),
            UpdateExpression: 'SET #response = :response',
            ConditionExpression:
              'attribute_exists(#pk) AND (attribute_not_exists(#response) OR #response.#at < :at)',
            ExpressionAttributeNames: { '#pk': PK, '#response': 'response', '#at': 'at' },
            ExpressionAttributeValues: {
              ':response': { kind: message.kind, status, at: message.observedAt },
              ':at': message.observedAt,
            },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
  };
}

export type CentralTable = ReturnType<typeof createCentralTable>;
