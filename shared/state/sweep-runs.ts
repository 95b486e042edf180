/**
 * The fanned-out sweep's fan-in (issue #17): one record per sweep run in the state table, where every family-region
 * (a chain of pages) adds its KPI counts when it finishes, so the worker that finishes the last one can publish
 * the sweep's KPIs and its one Slack digest. Each addition names its chain (or page) in a set in the same
 * UpdateItem, under a condition, so an item SQS hands over twice counts once.
 */
import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { TABLE_KEYS } from './table.js';

const { partitionKey, sortKey, ttlAttribute } = TABLE_KEYS;

/**
 * Every run under one partition, oldest first by plan time: the planner reads the latest with one Query.
 * @internal infra/iam.yml names it in the worker's dynamodb:LeadingKeys condition; the IAM test compares them.
 */
export const SWEEP_RUN_PARTITION = 'SWEEP_RUN';

/** A run outlives any sweep schedule; the next planner only ever looks at the previous one. */
const RUN_RETENTION_SECONDS = 14 * 24 * 3600;

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
}

export interface SweepRuns {
  /** The latest run planned, if any. */
  latest(): Promise<SweepRunRecord | undefined>;
  start(
    run: SweepRunKey & { planned: number; regions: readonly string[]; aggregator?: string },
  ): Promise<void>;
  /**
   * Adds a finished chain's counts and counts it done, once: the run as it stands after this addition, or
   * undefined when the chain was already counted (a redelivered item) or the run is unknown (expired).
   */
  finish(run: SweepRunKey, chain: string, counts: RunCounts): Promise<SweepRunRecord | undefined>;
  /** Adds counts once per `mark` (a page's folded alerts); false when the run is unknown. */
  add(run: SweepRunKey, mark: string, counts: RunCounts): Promise<boolean>;
  get(run: SweepRunKey): Promise<SweepRunRecord | undefined>;
  /** Records the publication; false when another worker recorded it first. */
  published(run: SweepRunKey, at: string): Promise<boolean>;
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
  };
}

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
  ) {
    const names: Record<string, string> = { '#set': set };
    const values: Record<string, unknown> = { ':mark': new Set([mark]), ':markText': mark };
    const adds = ['#set :mark'];
    if (done) {
      adds.push('done :one');
      values[':one'] = 1;
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
          UpdateExpression: `ADD ${adds.join(', ')}`,
          // attribute_exists: an item of an expired (or never written) run must not create a partial record.
          ConditionExpression: `attribute_exists(${partitionKey}) AND NOT contains(#set, :markText)`,
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
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': partitionKey },
          ExpressionAttributeValues: { ':pk': SWEEP_RUN_PARTITION },
          ScanIndexForward: false,
          Limit: 1,
          ConsistentRead: true,
        }),
      );
      const item = Items?.[0];
      return item ? fromItem(item) : undefined;
    },
    async start(run) {
      await documents
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
              [ttlAttribute]: Math.floor(Date.parse(run.plannedAt) / 1000) + RUN_RETENTION_SECONDS,
            },
            // The same schedule event planned twice (a retried invocation) keeps the first record and its counts.
            ConditionExpression: `attribute_not_exists(${partitionKey})`,
          }),
        )
        .catch((error: unknown) => {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        });
    },
    finish: (run, chain, counts) => addOnce(run, 'chains', chain, counts, true),
    async add(run, mark, counts) {
      if (await addOnce(run, 'pages', mark, counts, false)) return true;
      return (await get(run)) !== undefined;
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
  };
}
