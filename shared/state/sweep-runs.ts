/**
 * The fanned-out sweep's fan-in (issue #17): one record per sweep run in the state table, where every family-region
 * (a chain of pages) adds its KPI counts when it finishes, so the worker that finishes the last one can publish
 * the sweep's KPIs and its one Slack digest. Each addition names its chain (or page) in a set in the same
 * UpdateItem, under a condition, so an item SQS hands over twice counts once. The run is keyed by the schedule
 * event (its time and id), so a retried event finds its run; held alert messages and planner marks are items of
 * their own in the same partition.
 */
import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { SlackPayload } from '../report/slack/payload.js';
import { TABLE_KEYS } from './table.js';

const { partitionKey, sortKey, ttlAttribute } = TABLE_KEYS;

/**
 * Every run under one partition, oldest first by plan time: the planner reads the latest with one Query.
 * @internal infra/iam.yml names it in the worker's dynamodb:LeadingKeys condition; the IAM test compares them.
 */
export const SWEEP_RUN_PARTITION = 'SWEEP_RUN';

/** A run outlives any sweep schedule; the next planner only ever looks at the previous one. */
const RUN_RETENTION_SECONDS = 14 * 24 * 3600;

/**
 * Sort keys of what belongs to a run besides its record (held alerts, marks) begin with this: it sorts before the
 * digits every run key begins with (its plan time), so `latest` never takes one for a run.
 */
const ATTACHED = '#';

/** Numbers a finished chain adds to its run, by counter name (`kpi.<key>.<compliant|total|count>`). */
export type RunCounts = Record<string, number>;

export interface SweepRunKey {
  sweepId: string;
  plannedAt: string;
}

export interface SweepRunRecord extends SweepRunKey {
  /** Chains (family-regions, or the aggregator query) planned. */
  planned: number;
  /** Chains finished; the run is complete when done equals planned. */
  done: number;
  /** The chains finished (`<region>/<family>` or `aggregator/<name>`). */
  chains: string[];
  /** The regions swept (the digest names them; the next planner derives the planned chains from them). */
  regions: string[];
  aggregator?: string;
  counts: RunCounts;
  /** When the KPIs and the digest went out. */
  publishedAt?: string;
  /**
   * When the next planner closed it as unfinished and posted what it held: later alerts of its items are not
   * added to it (they go out from their item), and its fan-in posts only its KPIs' digest.
   */
  closedAt?: string;
  /** The keys of the held alerts whose counts are in the run: only their messages are posted from it. */
  heldKeys: string[];
  /** Nothing was open when it was planned (a first sweep): its alerts go out as one digest, however few. */
  digest?: boolean;
  /**
   * The chain whose addition came last: once the run is complete, the one that completed it. Only that chain's
   * redelivery may publish a run left unpublished, not a late duplicate of another chain.
   */
  lastChain?: string;
}

/** A run planned: the record, and whether this call created it (false: the same sweep was planned before). */
export interface StartedRun {
  run: SweepRunRecord;
  created: boolean;
}

/** One alert a sweep item held for its run's fan-in, with the Slack message it would have posted. */
export interface HeldAlert {
  /** `<findingId>#<reason>`: the same alert held again (a redelivered item) replaces itself. */
  key: string;
  /** The transition's time: the fan-in posts them in this order. */
  at: string;
  payload: SlackPayload;
}

/** Marks a planner leaves on a run: `queued` (every first item is on the queue), `reported` (told unfinished). */
type RunMark = 'queued' | 'reported';

export interface SweepRuns {
  /** The latest run planned, if any. */
  latest(): Promise<SweepRunRecord | undefined>;
  /**
   * Records a run, once per sweep (the schedule event's id and time make its key): planned again (a retried
   * event), it gives back the run recorded the first time, with its counts.
   */
  start(
    run: SweepRunKey & { planned: number; regions: readonly string[]; aggregator?: string; digest?: boolean },
  ): Promise<StartedRun>;
  /**
   * Adds a finished chain's counts and counts it done, once: the run as it stands after this addition, or
   * undefined when the chain was already counted (a redelivered item) or the run is unknown (expired).
   */
  finish(run: SweepRunKey, chain: string, counts: RunCounts): Promise<SweepRunRecord | undefined>;
  /**
   * Adds counts (a page's folded alerts) and the keys of the messages held for them, once per `mark`; false
   * when the run is unknown or closed (then nothing was added: the caller tells Slack itself).
   */
  add(run: SweepRunKey, mark: string, counts: RunCounts, heldKeys?: readonly string[]): Promise<boolean>;
  get(run: SweepRunKey): Promise<SweepRunRecord | undefined>;
  /** Records the publication; false when another worker recorded it first. */
  published(run: SweepRunKey, at: string): Promise<boolean>;
  /**
   * Claims the publication of an unpublished run for one worker: false when another claimed it less than
   * `leaseSeconds` before `at` (a worker that died while publishing frees it when its time is up).
   */
  claim(run: SweepRunKey, at: Date, leaseSeconds: number): Promise<boolean>;
  /** Gives up the claim made at `at` (publishing failed: the redelivery claims it again). */
  release(run: SweepRunKey, at: Date): Promise<void>;
  /**
   * Closes an unpublished run to alerts (the first time sets closedAt, again keeps it): the run after, or
   * undefined when it was published meanwhile or is unknown.
   */
  close(run: SweepRunKey, at: string): Promise<SweepRunRecord | undefined>;
  /** Keeps alerts' messages for the fan-in; the same key again replaces its message (one per alert). */
  hold(run: SweepRunKey, alerts: readonly HeldAlert[]): Promise<void>;
  /** The messages held for the run, in transition-time order. */
  held(run: SweepRunKey): Promise<HeldAlert[]>;
  mark(run: SweepRunKey, mark: RunMark): Promise<void>;
  marked(run: SweepRunKey, mark: RunMark): Promise<boolean>;
}

const COUNT_PREFIX = 'n.';

const keyOf = (run: SweepRunKey) => ({
  [partitionKey]: SWEEP_RUN_PARTITION,
  [sortKey]: `${run.plannedAt}#${run.sweepId}`,
});

function fromItem(item: Record<string, unknown>): SweepRunRecord {
  const counts: RunCounts = {};
  for (const [name, value] of Object.entries(item))
    if (name.startsWith(COUNT_PREFIX)) counts[name.slice(COUNT_PREFIX.length)] = Number(value);
  return {
    sweepId: String(item.sweepId),
    plannedAt: String(item.plannedAt),
    planned: Number(item.planned),
    done: Number(item.done ?? 0),
    chains: [...((item.chains as Set<string> | undefined) ?? [])],
    regions: (item.regions as string[] | undefined) ?? [],
    ...(typeof item.aggregator === 'string' ? { aggregator: item.aggregator } : {}),
    counts,
    ...(typeof item.publishedAt === 'string' ? { publishedAt: item.publishedAt } : {}),
    ...(typeof item.digest === 'boolean' ? { digest: item.digest } : {}),
    ...(typeof item.lastChain === 'string' ? { lastChain: item.lastChain } : {}),
    ...(typeof item.closedAt === 'string' ? { closedAt: item.closedAt } : {}),
    heldKeys: [...((item.heldKeys as Set<string> | undefined) ?? [])],
  };
}

const heldPrefix = (run: SweepRunKey) => `${ATTACHED}held#${run.sweepId}#`;
const markKey = (run: SweepRunKey, mark: RunMark) => ({
  [partitionKey]: SWEEP_RUN_PARTITION,
  [sortKey]: `${ATTACHED}${mark}#${run.plannedAt}#${run.sweepId}`,
});
const expiry = (run: SweepRunKey) => Math.floor(Date.parse(run.plannedAt) / 1000) + RUN_RETENTION_SECONDS;

export function createDynamoDbSweepRuns(client: DynamoDBClient, tableName: string): SweepRuns {
  const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const get = async (run: SweepRunKey) => {
    const { Item } = await documents.send(
      new GetCommand({ TableName: tableName, Key: keyOf(run), ConsistentRead: true }),
    );
    return Item ? fromItem(Item) : undefined;
  };

  /** ADD the counts and the mark to `set`, unless the mark is in it already; the item after, or undefined. */
  async function addOnce(
    run: SweepRunKey,
    set: 'chains' | 'pages',
    mark: string,
    counts: RunCounts,
    done: boolean,
    heldKeys: readonly string[] = [],
  ) {
    const names: Record<string, string> = { '#set': set };
    const values: Record<string, unknown> = { ':mark': new Set([mark]), ':markText': mark };
    const adds = ['#set :mark'];
    if (heldKeys.length > 0) {
      adds.push('heldKeys :heldKeys');
      values[':heldKeys'] = new Set(heldKeys);
    }
    // A finished chain always counts (the run's KPIs); alerts only while the run is open to them.
    const open = set === 'pages' ? ' AND attribute_not_exists(closedAt)' : '';
    if (done) {
      adds.push('done :one');
      values[':one'] = 1;
      names['#last'] = 'lastChain';
    }
    Object.entries(counts).forEach(([name, value], index) => {
      names[`#c${index}`] = `${COUNT_PREFIX}${name}`;
      values[`:c${index}`] = value;
      adds.push(`#c${index} :c${index}`);
    });
    try {
      const { Attributes } = await documents.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keyOf(run),
          UpdateExpression: `${done ? 'SET #last = :markText ' : ''}ADD ${adds.join(', ')}`,
          // attribute_exists: an item of an expired (or never written) run must not create a partial record.
          ConditionExpression: `attribute_exists(${partitionKey}) AND NOT contains(#set, :markText)${open}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? fromItem(Attributes) : undefined;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  return {
    async latest() {
      const { Items } = await documents.send(
        new QueryCommand({
          TableName: tableName,
          // Run keys begin with their plan time (a digit); what is attached to runs sorts before them.
          KeyConditionExpression: '#pk = :pk AND #sk > :attached',
          ExpressionAttributeNames: { '#pk': partitionKey, '#sk': sortKey },
          ExpressionAttributeValues: { ':pk': SWEEP_RUN_PARTITION, ':attached': `${ATTACHED}\uffff` },
          ScanIndexForward: false,
          Limit: 1,
          ConsistentRead: true,
        }),
      );
      const item = Items?.[0];
      return item ? fromItem(item) : undefined;
    },
    async start(run) {
      const created = await documents
        .send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...keyOf(run),
              sweepId: run.sweepId,
              plannedAt: run.plannedAt,
              planned: run.planned,
              done: 0,
              regions: [...run.regions],
              ...(run.aggregator ? { aggregator: run.aggregator } : {}),
              ...(run.digest !== undefined ? { digest: run.digest } : {}),
              [ttlAttribute]: expiry(run),
            },
            // The same schedule event planned twice (a retried invocation) keeps the first record and its counts.
            ConditionExpression: `attribute_not_exists(${partitionKey})`,
          }),
        )
        .then(
          () => true,
          (error: unknown) => {
            if (!(error instanceof ConditionalCheckFailedException)) throw error;
            return false;
          },
        );
      const recorded = await get(run);
      if (!recorded) throw new Error(`sweep run ${run.sweepId} (${run.plannedAt}): recorded, then not found`);
      return { run: recorded, created };
    },
    finish: (run, chain, counts) => addOnce(run, 'chains', chain, counts, true),
    async add(run, mark, counts, heldKeys) {
      if (await addOnce(run, 'pages', mark, counts, false, heldKeys)) return true;
      // Refused: counted already (a redelivery: true, even once closed, as the run told them), or the run is
      // unknown or closed (false).
      const { Item } = await documents.send(
        new GetCommand({
          TableName: tableName,
          Key: keyOf(run),
          ProjectionExpression: '#pk, pages, closedAt',
          ExpressionAttributeNames: { '#pk': partitionKey },
          ConsistentRead: true,
        }),
      );
      if (!Item) return false;
      if ((Item.pages as Set<string> | undefined)?.has(mark)) return true;
      return Item.closedAt === undefined;
    },
    get,
    async published(run, at) {
      try {
        await documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keyOf(run),
            UpdateExpression: 'SET publishedAt = :at',
            ConditionExpression: 'attribute_exists(#pk) AND attribute_not_exists(publishedAt)',
            ExpressionAttributeNames: { '#pk': partitionKey },
            ExpressionAttributeValues: { ':at': at },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
    async claim(run, at, leaseSeconds) {
      try {
        await documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keyOf(run),
            UpdateExpression: 'SET publishingAt = :at',
            ConditionExpression:
              'attribute_exists(#pk) AND attribute_not_exists(publishedAt) AND (attribute_not_exists(publishingAt) OR publishingAt < :stale)',
            ExpressionAttributeNames: { '#pk': partitionKey },
            ExpressionAttributeValues: {
              ':at': at.toISOString(),
              ':stale': new Date(at.getTime() - leaseSeconds * 1000).toISOString(),
            },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
    async release(run, at) {
      await documents
        .send(
          new UpdateCommand({
            TableName: tableName,
            Key: keyOf(run),
            UpdateExpression: 'REMOVE publishingAt',
            ConditionExpression: 'publishingAt = :at',
            ExpressionAttributeValues: { ':at': at.toISOString() },
          }),
        )
        .catch((error: unknown) => {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        });
    },
    async close(run, at) {
      // if_not_exists keeps the first closing time; SET and ADD may share one update expression:
      // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html
      try {
        const { Attributes } = await documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keyOf(run),
            UpdateExpression: 'SET closedAt = if_not_exists(closedAt, :at)',
            ConditionExpression: 'attribute_exists(#pk) AND attribute_not_exists(publishedAt)',
            ExpressionAttributeNames: { '#pk': partitionKey },
            ExpressionAttributeValues: { ':at': at },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return Attributes ? fromItem(Attributes) : undefined;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return undefined;
        throw error;
      }
    },
    async hold(run, alerts) {
      // One PutItem each (at most slack.digestThreshold per page): the worker may write no other batch here.
      for (const alert of alerts) {
        await documents.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              [partitionKey]: SWEEP_RUN_PARTITION,
              [sortKey]: `${heldPrefix(run)}${alert.key}`,
              at: alert.at,
              payload: JSON.stringify(alert.payload),
              [ttlAttribute]: expiry(run),
            },
          }),
        );
      }
    },
    async held(run) {
      const held: HeldAlert[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await documents.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
            ExpressionAttributeNames: { '#pk': partitionKey, '#sk': sortKey },
            ExpressionAttributeValues: { ':pk': SWEEP_RUN_PARTITION, ':prefix': heldPrefix(run) },
            ConsistentRead: true,
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
        for (const item of page.Items ?? []) {
          held.push({
            key: String(item[sortKey]).slice(heldPrefix(run).length),
            at: String(item.at),
            payload: JSON.parse(String(item.payload)) as SlackPayload,
          });
        }
        start = page.LastEvaluatedKey;
      } while (start);
      return held.sort((a, b) => a.at.localeCompare(b.at) || a.key.localeCompare(b.key));
    },
    async mark(run, mark) {
      await documents.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...markKey(run, mark), [ttlAttribute]: expiry(run) },
        }),
      );
    },
    async marked(run, mark) {
      const { Item } = await documents.send(
        new GetCommand({ TableName: tableName, Key: markKey(run, mark), ConsistentRead: true }),
      );
      return Item !== undefined;
    },
  };
}
