export { createDynamoDbFindingStore } from './dynamodb-store.js';
export * from './finding-store.js';
export { createMemoryFindingStore } from './memory-store.js';
export { IDEMPOTENCY_PARTITION, TABLE_KEYS, tableDefinition } from './table.js';
