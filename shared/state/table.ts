import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The one table transit-guard keeps state in: findings and Powertools idempotency records.
 * infra/ declares the same keys (a deployment test compares them with this definition).
 */
export const TABLE_KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  openIndex: 'open-findings',
  openPartitionKey: 'openPk',
  openSortKey: 'openSk',
  pendingIndex: 'pending-deliveries',
  pendingPartitionKey: 'pendingPk',
  pendingSortKey: 'pendingSk',
  placeIndex: 'open-by-place',
  placePartitionKey: 'placePk',
  placeSortKey: 'placeSk',
  ttlAttribute: 'expiration',
} as const;

/** Idempotency records share the table under one partition (Powertools `staticPkValue`). */
export const IDEMPOTENCY_PARTITION = 'IDEMPOTENCY';

/** @internal The table as the tests create it (dynalite) and check infra/state.yml against. */
export function tableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: TABLE_KEYS.partitionKey, AttributeType: 'S' },
      { AttributeName: TABLE_KEYS.sortKey, AttributeType: 'S' },
      { AttributeName: TABLE_KEYS.openPartitionKey, AttributeType: 'S' },
      { AttributeName: TABLE_KEYS.openSortKey, AttributeType: 'S' },
      { AttributeName: TABLE_KEYS.pendingPartitionKey, AttributeType: 'S' },
      { AttributeName: TABLE_KEYS.pendingSortKey, AttributeType: 'S' },
      { AttributeName: TABLE_KEYS.placePartitionKey, AttributeType: 'S' },
      { AttributeName: TABLE_KEYS.placeSortKey, AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: TABLE_KEYS.openIndex,
        KeySchema: [
          { AttributeName: TABLE_KEYS.openPartitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_KEYS.openSortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
      {
        // Sparse: only findings with undelivered transitions, which the sweep sends again.
        IndexName: TABLE_KEYS.pendingIndex,
        KeySchema: [
          { AttributeName: TABLE_KEYS.pendingPartitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_KEYS.pendingSortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
      {
        // Sparse: the open findings of one region and resource type, so a sweep's family-region reads only its own.
        IndexName: TABLE_KEYS.placeIndex,
        KeySchema: [
          { AttributeName: TABLE_KEYS.placePartitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_KEYS.placeSortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  };
}
