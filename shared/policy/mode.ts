import type { RuleMode } from '../model/evaluation.js';
import type { RuleMetadata } from '../rules/rule.js';
import type { Policy } from './schema.js';

/** The mode the policy gives the rule, or the rule's default. */
export function modeFor(rule: Pick<RuleMetadata, 'id' | 'defaultMode'>, policy: Policy): RuleMode {
  return policy.rules[rule.id]?.mode ?? rule.defaultMode;
}
