import { type PolicyInput, policySchema } from '../../shared/policy/schema.js';
import type { RuleContext } from '../../shared/rules/rule.js';
import { createTlsCatalog } from '../../shared/tls/policies.js';

/** The clock every rule test runs at, unless a test pins another. */
export const TEST_NOW = new Date('2026-11-22T00:00:00.000Z');

const catalog = createTlsCatalog();

/** A rule context with the given policy (defaults when empty), the bundled TLS data and a fixed clock. */
export function ruleContext(policy: PolicyInput = {}, now: Date = TEST_NOW): RuleContext {
  return { policy: policySchema.parse(policy), now, tls: catalog };
}
