import type { Evaluation, RuleMode } from '../model/evaluation.js';
import type { Resource } from '../model/resource.js';
import { modeFor, type PlanResponseInput, planResponse } from '../response/planner.js';
import type { AnyRule, RuleContext } from './rule.js';

/** Why no call is planned for a NON_COMPLIANT outcome whose configuration could not be verified. */
export const UNVERIFIED_NOTE = 'no action on a configuration that cannot be verified; notifying only';

/** The mode the policy gives a rule, or the rule's default. */
export function ruleMode(rule: AnyRule, context: Pick<RuleContext, 'policy'>): RuleMode {
  return modeFor(rule.metadata, context.policy);
}

export interface EvaluateOptions {
  /** The change being judged was made by transit-guard itself: plan no action (loop guard). */
  ownAction?: boolean;
}

/**
 * Runs every rule that applies to the resource and is not switched off, and plans the response to each
 * NON_COMPLIANT result (shared/response). Pure: no I/O.
 */
export function evaluateResource(
  resource: Resource,
  rules: readonly AnyRule[],
  context: RuleContext,
  options: EvaluateOptions = {},
): Evaluation[] {
  const evaluations: Evaluation[] = [];
  for (const rule of rules) {
    if (!rule.appliesTo(resource)) continue;
    const mode = ruleMode(rule, context);
    if (mode === 'off') continue;
    const outcome = rule.evaluate(resource, context);
    // Members set one by one, in the contract's order, rather than spread from temporary objects: an
    // account's evaluation makes some 460,000 of these.
    const evaluation: Evaluation = {
      ruleId: rule.metadata.id,
      status: outcome.status,
      severity: outcome.severity ?? rule.metadata.severity,
      resourceType: resource.resourceType,
      resourceId: resource.resourceId,
    } as Evaluation;
    if (resource.name) evaluation.resourceName = resource.name;
    if (resource.accountId) evaluation.accountId = resource.accountId;
    if (resource.region) evaluation.region = resource.region;
    evaluation.reason = outcome.reason;
    if (outcome.details) evaluation.details = outcome.details;
    if (outcome.status === 'NON_COMPLIANT') {
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
    }
    evaluations.push(evaluation);
  }
  return evaluations;
}

/**
 * evaluateResource for each resource in turn, lazily: one resource's evaluations at a time, so that a caller
 * that writes them as they come (the CLI's JSON output) never holds them all. Concatenated, the lists are
 * evaluateAll's result.
 */
export function* evaluateByResource(
  resources: readonly Resource[],
  rules: readonly AnyRule[],
  context: RuleContext,
  options: EvaluateOptions = {},
): Generator<Evaluation[], void, undefined> {
  for (const resource of resources) yield evaluateResource(resource, rules, context, options);
}

export function evaluateAll(
  resources: readonly Resource[],
  rules: readonly AnyRule[],
  context: RuleContext,
  options: EvaluateOptions = {},
): Evaluation[] {
  return resources.flatMap((resource) => evaluateResource(resource, rules, context, options));
}
