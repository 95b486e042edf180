export {
  DEFAULT_POLICY_FILE,
  type LoadPolicyOptions,
  loadPolicy,
  PolicyError,
  type PolicyIssue,
  parsePolicy,
  validatePolicy,
} from './load.js';
export * from './schema.js';
