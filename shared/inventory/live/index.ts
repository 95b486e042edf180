export { CONFIG_QUERY_PAGE_SIZE, selectExpression } from './config-select.js';
export type { FamilyContext, FamilyLive, LiveReaders } from './family-live.js';
export {
  type Clock,
  DEFAULT_CONCURRENCY,
  DOCUMENTED_RATE_LIMITS,
  isThrottling,
  type RateLimit,
  type RateLimits,
  type ServiceRates,
  TokenBucket,
} from './limiter.js';
export { FULL_READ_PLAN, type ReadPlan, readPlanFor } from './plan.js';
export { emptyReadResult, type InventorySource, mergeReadResults, type ReadResult } from './port.js';
export {
  type AwsInventorySource,
  type AwsInventorySourceOptions,
  createAwsInventorySource,
  type InventoryMode,
} from './source.js';
