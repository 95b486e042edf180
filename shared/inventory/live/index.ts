export { CONFIG_QUERY_PAGE_SIZE } from './config-select.js';
export { DOCUMENTED_RATE_LIMITS, type RateLimits } from './limiter.js';
export { type ReadPlan, readPlanFor } from './plan.js';
export {
  type AwsInventorySourceOptions,
  createAwsInventorySource,
  type InventoryMode,
} from './source.js';
