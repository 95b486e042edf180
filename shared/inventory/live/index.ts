export { ALL_KEY_TYPES } from './acm.js';
export { DEFAULT_CONCURRENCY } from './pool.js';
export {
  emptyReadResult,
  FAMILIES,
  type Family,
  type InventorySource,
  mergeReadResults,
  type ReadResult,
} from './port.js';
export {
  type AwsInventorySource,
  type AwsInventorySourceOptions,
  createAwsInventorySource,
} from './source.js';
