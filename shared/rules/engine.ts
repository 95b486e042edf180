import type { Evaluation, RuleMode } from '../model/evaluation.js';
import type { Resource } from '../model/resource.js';
import { modeFor } from '../policy/mode.js';
import type { AnyRule, RuleContext, RuleOutcome } from './rule.js';

/** The mode the policy gives a rule, or the rule's default. */
export function ruleMode(rule: AnyRule, context: Pick<RuleContext, 'policy'>): RuleMode {
  return modeFor(rule.metadata, context.policy);
}

/**
 * Told of each NON_COMPLIANT evaluation as it is made, with the rule's outcome (what remediation should set,
 * whether the configuration could be verified): how a use case plans the response without the engine knowing.
 */
export type OnNonCompliant = (
  evaluation: Evaluation,
  outcome: RuleOutcome,
  rule: AnyRule,
  resource: Resource,
) => void;

/**
 * The rules of a catalog that name a resource type, in catalog order, worked out once per catalog and type: each
 * resource then meets only the rules of its own type (a handful of the 46, fewer still as the families grow)
 * instead of asking every rule whether it applies.
 */
const rulesByType = new WeakMap<readonly AnyRule[], Map<string, readonly AnyRule[]>>();

function rulesOfType(rules: readonly AnyRule[], resourceType: string): readonly AnyRule[] {
  let byType = rulesByType.get(rules);
  if (byType === undefined) {
    byType = new Map();
    rulesByType.set(rules, byType);
  }
  let ofType = byType.get(resourceType);
  if (ofType === undefined) {
    ofType = rules.filter((rule) =>
      (rule.metadata.resourceTypes as readonly string[]).includes(resourceType),
    );
    byType.set(resourceType, ofType);
  }
  return ofType;
}

/**
 * Runs every rule that applies to the resource and is not switched off. Judges only: no response is planned
 * here (shared/usecase/evaluate.ts plans it). Pure: no I/O.
 */
export function evaluateResource(
  resource: Resource,
  rules: readonly AnyRule[],
  context: RuleContext,
  onNonCompliant?: OnNonCompliant,
): Evaluation[] {
  const evaluations: Evaluation[] = [];
  for (const rule of rulesOfType(rules, resource.resourceType)) {
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
    if (outcome.status === 'NON_COMPLIANT') onNonCompliant?.(evaluation, outcome, rule, resource);
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
  onNonCompliant?: OnNonCompliant,
): Generator<Evaluation[], void, undefined> {
  for (const resource of resources) yield evaluateResource(resource, rules, context, onNonCompliant);
}

export function evaluateAll(
  resources: readonly Resource[],
  rules: readonly AnyRule[],
  context: RuleContext,
  onNonCompliant?: OnNonCompliant,
): Evaluation[] {
  return resources.flatMap((resource) => evaluateResource(resource, rules, context, onNonCompliant));
}
