export {
  ACKNOWLEDGED_API_CALLS,
  actorFromUserIdentity,
  ROUTED_API_CALLS,
  routeApiCall,
  routeCloudTrail,
} from './cloudtrail.js';
export {
  CONFIG_RESOURCE_TYPES,
  type ConfigRuleInvocation,
  parseConfigRuleInvocation,
  routeConfigChange,
  routeConfigItemChange,
} from './config.js';
export { EventValidationError, UnsupportedEventError } from './errors.js';
export { isOwnAction, type OwnIdentity } from './loop-guard.js';
export { routeNativeEvent, routeNativeNotification } from './native.js';
export type { IgnoreRoute, InspectRoute, RouteResult } from './result.js';
export { routeEvent } from './route.js';
export * from './schemas.js';
