import type { Evaluation, ResponsePlan, RuleMode } from '../model/evaluation.js';
import type { Resource } from '../model/resource.js';
import type { AnyRule, RuleContext, RuleOutcome } from './rule.js';

/** The mode the policy gives a rule, or the rule's default. */
export function ruleMode(rule: AnyRule, context: Pick<RuleContext, 'policy'>): RuleMode {
  return context.policy.rules[rule.metadata.id]?.mode ?? rule.metadata.defaultMode;
}

function responseFor(rule: AnyRule, mode: RuleMode, outcome: RuleOutcome, dryRun: boolean): ResponsePlan {
  const action =
    mode === 'remediate'
      ? rule.metadata.remediation.remediate
      : mode === 'block'
        ? rule.metadata.remediation.block
        : undefined;
  if ((mode === 'remediate' || mode === 'block') && !action) {
    return { mode, note: `rule has no ${mode} action; notifying only` };
  }
  return {
    mode,
    ...(action ? { action } : {}),
    ...(action && outcome.remediationTarget ? { target: outcome.remediationTarget } : {}),
    ...(action && dryRun ? { note: 'dry run: planned, not executed' } : {}),
  };
}

/** Runs every rule that applies to the resource and is not switched off. Pure: no I/O. */
export function evaluateResource(
  resource: Resource,
  rules: readonly AnyRule[],
  context: RuleContext,
): Evaluation[] {
  const evaluations: Evaluation[] = [];
  for (const rule of rules) {
    if (!rule.appliesTo(resource)) continue;
    const mode = ruleMode(rule, context);
    if (mode === 'off') continue;
    const outcome = rule.evaluate(resource, context);
    const evaluation: Evaluation = {
      ruleId: rule.metadata.id,
      status: outcome.status,
      severity: outcome.severity ?? rule.metadata.severity,
      resourceType: resource.resourceType,
      resourceId: resource.resourceId,
      ...(resource.name ? { resourceName: resource.name } : {}),
      ...(resource.accountId ? { accountId: resource.accountId } : {}),
      ...(resource.region ? { region: resource.region } : {}),
      reason: outcome.reason,
      ...(outcome.details ? { details: outcome.details } : {}),
    };
    if (outcome.status === 'NON_COMPLIANT') {
      evaluation.response = responseFor(rule, mode, outcome, context.policy.dryRun);
    }
    evaluations.push(evaluation);
  }
  return evaluations;
}

export function evaluateAll(
  resources: readonly Resource[],
  rules: readonly AnyRule[],
  context: RuleContext,
): Evaluation[] {
  return resources.flatMap((resource) => evaluateResource(resource, rules, context));
}
