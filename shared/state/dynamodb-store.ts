import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { SEVERITIES, severityRank } from '../model/evaluation.js';
import type { FindingRecord, FindingStore } from './finding-store.js';
import { TABLE_KEYS } from './table.js';

const RESOLVED_RETENTION_SECONDS = 90 * 24 * 3600;
const {
  partitionKey,
  sortKey,
  openIndex,
  openPartitionKey,
  openSortKey,
  pendingIndex,
  pendingPartitionKey,
  pendingSortKey,
  placeIndex,
  placePartitionKey,
  placeSortKey,
  ttlAttribute,
} = TABLE_KEYS;

/** The open findings of one region and resource type share a partition of the open-by-place index. */
const placeOf = (region: string, resourceType: string) => `OPEN#${region}#${resourceType}`;

/**
 * Present once every open finding written before the open-by-place index has been given its attributes (the
 * one-off backfill of listOpenAt): until then a finding of a deleted resource would be missing from the index.
 */
const PLACE_BACKFILL_MARKER = { [partitionKey]: 'META', [sortKey]: 'open-by-place-backfilled' };

/** The partition of a resource's findings, and the sort-key prefix of a finding in it. */
const resourcePartition = (resourceId: string) => `RESOURCE#${resourceId}`;
const FINDING_PREFIX = 'FINDING#';

const keyOf = (resourceId: string, ruleId: string) => ({
  [partitionKey]: resourcePartition(resourceId),
  [sortKey]: `${FINDING_PREFIX}${ruleId}`,
});

/**
 * The item is built as one object literal that starts with its keys. Adding the index or TTL attributes to a
 * spread copy afterwards made the items outlive scavenges on Node 20's V8 (measured on a loop of writes: 4.8 MB
 * survived each scavenge, against 54 KB built at once), which cost every event that writes a finding a slower
 * collection.
 */
function toItem(record: FindingRecord): Record<string, unknown> {
  return {
    [partitionKey]: resourcePartition(record.resourceId),
    [sortKey]: `${FINDING_PREFIX}${record.ruleId}`,
    ...record,
    ...(record.state === 'open'
      ? {
          // Sparse index of open findings, worst first: the sort key starts with the inverted severity rank.
          [openPartitionKey]: 'OPEN',
          [openSortKey]: `${SEVERITIES.length - severityRank(record.severity)}#${record.findingId}`,
          // Sparse index of open findings by region and resource type (a finding without a region has no place).
          ...(record.region
            ? {
                [placePartitionKey]: placeOf(record.region, record.resourceType),
                [placeSortKey]: record.findingId,
              }
            : {}),
        }
      : {
          [ttlAttribute]:
            Math.floor(Date.parse(record.resolvedAt ?? record.lastSeenAt) / 1000) +
            RESOLVED_RETENTION_SECONDS,
        }),
    ...(record.pending && record.pending.length > 0
      ? {
          // Sparse index of findings with undelivered transitions, oldest delivery first (the sweep sends them).
          [pendingPartitionKey]: 'PENDING',
          [pendingSortKey]: `${record.pending[0]?.at}#${record.findingId}`,
        }
      : {}),
  };
}

function fromItem(item: Record<string, unknown>): FindingRecord {
  const {
    [partitionKey]: _pk,
    [sortKey]: _sk,
    [openPartitionKey]: _opk,
    [openSortKey]: _osk,
    [pendingPartitionKey]: _ppk,
    [pendingSortKey]: _psk,
    [placePartitionKey]: _lpk,
    [placeSortKey]: _lsk,
    [ttlAttribute]: _ttl,
    ...record
  } = item;
  return record as unknown as FindingRecord;
}

/** The finding store on DynamoDB; every write is conditional on the version read before it. */
export function createDynamoDbFindingStore(client: DynamoDBClient, tableName: string): FindingStore {
  const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  /** Every item a query returns, page after page, up to the limit. */
  async function queryItems(query: QueryCommandInput, limit?: number): Promise<Record<string, unknown>[]> {
    const records: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const output = await documents.send(
        new QueryCommand({
          ...query,
          ...(limit === undefined ? {} : { Limit: limit - records.length }),
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      records.push(...(output.Items ?? []));
      startKey = output.LastEvaluatedKey;
    } while (startKey && (limit === undefined || records.length < limit));
    return records;
  }
  const queryAll = async (query: QueryCommandInput, limit?: number) =>
    (await queryItems(query, limit)).map(fromItem);
  /** The records of a sparse index's one partition, in its sort order, up to the limit. */
  const queryIndex = (indexName: string, keyAttribute: string, keyValue: string, limit: number | undefined) =>
    queryAll(
      {
        TableName: tableName,
        IndexName: indexName,
        KeyConditionExpression: '#key = :key',
        ExpressionAttributeNames: { '#key': keyAttribute },
        ExpressionAttributeValues: { ':key': keyValue },
      },
      limit,
    );
  /** Conditional on the version read (0: must not exist); false when another writer got there first. */
  async function putItem(item: Record<string, unknown>, expectedVersion: number): Promise<boolean> {
    try {
      await documents.send(
        new PutCommand({
          TableName: tableName,
          Item: item,
          ...(expectedVersion === 0
            ? {
                ConditionExpression: 'attribute_not_exists(#pk)',
                ExpressionAttributeNames: { '#pk': partitionKey },
              }
            : {
                ConditionExpression: '#version = :expected',
                ExpressionAttributeNames: { '#version': 'version' },
                ExpressionAttributeValues: { ':expected': expectedVersion },
              }),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
  let backfilled = false;
  /**
   * Once per table (a marker item), then once per store instance (a read of the marker): open findings written
   * before the open-by-place index are written again as they are, same version, so the index gets them. One
   * listing of every open finding, once. A finding another writer changed meanwhile already has them.
   */
  async function backfillPlaces(): Promise<void> {
    if (backfilled) return;
    const marker = await documents.send(
      new GetCommand({ TableName: tableName, Key: PLACE_BACKFILL_MARKER, ConsistentRead: true }),
    );
    if (!marker.Item) {
      const open = await queryItems({
        TableName: tableName,
        IndexName: openIndex,
        KeyConditionExpression: '#key = :key',
        ExpressionAttributeNames: { '#key': openPartitionKey },
        ExpressionAttributeValues: { ':key': 'OPEN' },
      });
      for (const item of open) {
        if (item[placePartitionKey] !== undefined || item.region === undefined) continue;
        const record = fromItem(item);
        await putItem(toItem(record), record.version);
      }
      await documents.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...PLACE_BACKFILL_MARKER, at: new Date().toISOString() },
        }),
      );
    }
    backfilled = true;
  }
  return {
    async get(findingId) {
      const separator = findingId.indexOf('|');
      const ruleId = findingId.slice(0, separator);
      const resourceId = findingId.slice(separator + 1);
      const output = await documents.send(
        new GetCommand({ TableName: tableName, Key: keyOf(resourceId, ruleId), ConsistentRead: true }),
      );
      return output.Item ? fromItem(output.Item) : undefined;
    },
    listByResource: (resourceId) =>
      queryAll({
        TableName: tableName,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
        ExpressionAttributeNames: { '#pk': partitionKey, '#sk': sortKey },
        ExpressionAttributeValues: { ':pk': resourcePartition(resourceId), ':prefix': FINDING_PREFIX },
        ConsistentRead: true,
      }),
    listOpen: (limit) => queryIndex(openIndex, openPartitionKey, 'OPEN', limit),
    listPending: (limit) => queryIndex(pendingIndex, pendingPartitionKey, 'PENDING', limit),
    async listOpenAt(region, resourceType) {
      await backfillPlaces();
      return queryIndex(placeIndex, placePartitionKey, placeOf(region, resourceType), undefined);
    },
    put: (record, expectedVersion) => putItem(toItem(record), expectedVersion),
  };
}
