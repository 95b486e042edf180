export {
  ALL_KEY_TYPES,
  type DescribeReason,
  describeReason,
  LIST_CERTIFICATES_PAGE_SIZE,
} from '../../families/acm/live.js';
export { CLASSIC_PAGE_SIZE } from '../../families/elb/live.js';
export { ELBV2_PAGE_SIZE } from '../../families/elbv2/live.js';
export { CONFIG_QUERY_PAGE_SIZE, CONFIG_TYPES, selectExpression } from './config-select.js';
export {
  type AcmReadPlan,
  FULL_READ_PLAN,
  MANAGED_RENEWAL_DAYS,
  type ReadPlan,
  readPlanFor,
} from './plan.js';
export { type Clock, DEFAULT_CONCURRENCY, type RateLimit, TokenBucket } from './pool.js';
export {
  emptyReadResult,
  FAMILIES,
  type Family,
  type InventorySource,
  mergeReadResults,
  type ReadResult,
} from './port.js';
export {
  DOCUMENTED_RATE_LIMITS,
  isThrottling,
  type RateLimits,
  type Service,
  type ServiceRates,
} from './rates.js';
export {
  type AwsInventorySource,
  type AwsInventorySourceOptions,
  createAwsInventorySource,
  type InventoryMode,
} from './source.js';
