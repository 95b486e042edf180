import { FAMILIES } from '../../families/index.js';
import type { Policy } from '../../policy/schema.js';
import { ruleMode } from '../../rules/engine.js';
import type { AnyRule } from '../../rules/rule.js';

/** What a sweep reads beyond the listings, per family id (each family's part: Family.live.plan). */
export type ReadPlan = Readonly<Record<string, unknown>>;

/** Everything every rule can use: the plan when no policy is given. */
export const FULL_READ_PLAN: ReadPlan = Object.fromEntries(
  FAMILIES.flatMap((family) => (family.live.plan ? [[family.id, family.live.plan.full]] : [])),
);

/** The read plan for a policy: a field is read only when a rule that is not `off` judges by it. */
export function readPlanFor(policy: Policy, rules: readonly AnyRule[]): ReadPlan {
  const on = new Set(
    rules.filter((rule) => ruleMode(rule, { policy }) !== 'off').map((rule) => rule.metadata.id),
  );
  const isOn = (ruleId: string) => on.has(ruleId);
  return Object.fromEntries(
    FAMILIES.flatMap((family) => (family.live.plan ? [[family.id, family.live.plan.for(policy, isOn)]] : [])),
  );
}
