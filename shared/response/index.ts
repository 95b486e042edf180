export { sdkCall } from './calls.js';
export {
  type ExecutorDeps,
  executePlan,
  PlanNotExecutableError,
} from './executor.js';
export {
  EXEMPT_TAG,
  type ExemptionLookup,
  exemptionEnd,
  findExemption,
  parseExemptTag,
} from './exemptions.js';
export {
  type ActionIdempotencyOptions,
  type ActionRequest,
  type IdempotentActionResult,
  makeActionIdempotent,
} from './idempotency.js';
export { DRY_RUN_NOTE, LOOP_GUARD_NOTE, type PlanResponseInput, planResponse } from './planner.js';
export { findRemediator, REMEDIATION_IAM_ACTIONS, REMEDIATORS } from './remediators/index.js';
export type * from './types.js';
