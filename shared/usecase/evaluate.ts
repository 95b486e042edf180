import type { Evaluation } from '../model/evaluation.js';
import type { Resource } from '../model/resource.js';
import { type PlanResponseInput, planResponse } from '../response/planner.js';
import { evaluateAll, evaluateByResource, evaluateResource, type OnNonCompliant } from '../rules/engine.js';
import type { AnyRule, RuleContext } from '../rules/rule.js';

/** Why no call is planned for a NON_COMPLIANT outcome whose configuration could not be verified. */
const UNVERIFIED_NOTE = 'no action on a configuration that cannot be verified; notifying only';

interface PlanOptions {
  /** The change being judged was made by transit-guard itself: plan no action (loop guard). */
  ownAction?: boolean;
}

/** Plans the response to each NON_COMPLIANT evaluation as the engine makes it (shared/response/planner.ts). */
function planner(context: RuleContext, options: PlanOptions): OnNonCompliant {
  return (evaluation, outcome, rule, resource) => {
    const input: PlanResponseInput = {
      evaluation,
      resource,
      rule: rule.metadata,
      policy: context.policy,
      now: context.now,
    };
    if (outcome.remediationTarget !== undefined) input.remediationTarget = outcome.remediationTarget;
    if (options.ownAction !== undefined) input.ownAction = options.ownAction;
    const plan = planResponse(input);
    // A remediation planned on a guess could delete or rewrite the wrong thing: unverified outcomes notify.
    evaluation.response =
      outcome.unverified && plan.calls
        ? {
            mode: plan.mode,
            status: 'notify',
            note: UNVERIFIED_NOTE,
            ...(plan.exemption ? { exemption: plan.exemption } : {}),
          }
        : plan;
  };
}

/** Judge, then plan: the rules' evaluations of the resource, each NON_COMPLIANT one with its response. */
export function evaluateAndPlan(
  resource: Resource,
  rules: readonly AnyRule[],
  context: RuleContext,
  options: PlanOptions = {},
): Evaluation[] {
  return evaluateResource(resource, rules, context, planner(context, options));
}

/** evaluateAndPlan for each resource in turn, lazily (the CLI's streamed JSON output). */
export function evaluateAndPlanByResource(
  resources: readonly Resource[],
  rules: readonly AnyRule[],
  context: RuleContext,
  options: PlanOptions = {},
): Generator<Evaluation[], void, undefined> {
  return evaluateByResource(resources, rules, context, planner(context, options));
}

export function evaluateAndPlanAll(
  resources: readonly Resource[],
  rules: readonly AnyRule[],
  context: RuleContext,
  options: PlanOptions = {},
): Evaluation[] {
  return evaluateAll(resources, rules, context, planner(context, options));
}
