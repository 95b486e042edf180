import type { Evaluation, ResponsePlan } from '../model/evaluation.js';
import type { Resource } from '../model/resource.js';
import { modeFor } from '../policy/mode.js';
import type { Policy } from '../policy/schema.js';
import type { RuleMetadata } from '../rules/rule.js';
import {
  describeActiveExemption,
  describeExpiredExemption,
  describeIgnoredTag,
  findExemption,
} from './exemptions.js';
import { findRemediator } from './remediators/index.js';

export interface PlanResponseInput {
  evaluation: Evaluation;
  /** The resource the evaluation is about, as it was read. */
  resource: Resource;
  rule: RuleMetadata;
  policy: Policy;
  now: Date;
  /** The configuration the rule says remediation should set (RuleOutcome.remediationTarget). */
  remediationTarget?: string;
  /** The change that triggered this evaluation was made by transit-guard itself (loop guard). */
  ownAction?: boolean;
}

const DRY_RUN_NOTE = 'dry run: planned, not executed';
const LOOP_GUARD_NOTE = 'loop guard: the change was made by transit-guard itself; no further action';

/** "first; second", either alone, or undefined when neither says anything. */
const joinNotes = (first: string | undefined, second: string | undefined): string | undefined => {
  if (!first) return second || undefined;
  return second ? `${first}; ${second}` : first;
};

/**
 * Decides what to do about one evaluation. Pure: the same input gives the same plan, and nothing is
 * called. The order matters: only a NON_COMPLIANT evaluation in a mode other than `off` is acted on; an
 * exemption in force wins over every mode; `notify` never acts; the loop guard stops transit-guard from
 * answering its own changes; the remediator refuses what would cut traffic; a dry run plans the calls
 * and makes none.
 */
export function planResponse(input: PlanResponseInput): ResponsePlan {
  const { evaluation, rule, policy } = input;
  const mode = modeFor(rule, policy);
  if (evaluation.status !== 'NON_COMPLIANT') {
    return { mode, status: 'skipped', note: `nothing to do: ${evaluation.status}` };
  }
  if (mode === 'off') return { mode, status: 'skipped', note: 'the rule is off' };

  const exemption = findExemption(input.resource, rule.id, policy, input.now);
  if (exemption.active) {
    return {
      mode,
      status: 'exempt',
      note: describeActiveExemption(exemption.active),
      exemption: exemption.active,
    };
  }
  const context = joinNotes(
    exemption.expired ? describeExpiredExemption(exemption.expired) : undefined,
    describeIgnoredTag(exemption),
  );
  const withContext = (plan: ResponsePlan): ResponsePlan => {
    // Most plans have nothing to add (no exemption met): the plan as made, not a copy of it.
    if (!context && !exemption.expired) return plan;
    const note = joinNotes(plan.note, context);
    return {
      ...plan,
      ...(note ? { note } : {}),
      ...(exemption.expired ? { exemption: exemption.expired } : {}),
    };
  };

  if (mode === 'notify') return withContext({ mode, status: 'notify' });
  const action = mode === 'remediate' ? rule.remediation.remediate : rule.remediation.block;
  if (!action) {
    return withContext({ mode, status: 'notify', note: `rule has no ${mode} action; notifying only` });
  }
  if (input.ownAction) return withContext({ mode, status: 'skipped', note: LOOP_GUARD_NOTE });

  const remediator = findRemediator(action);
  if (!remediator) {
    return withContext({ mode, status: 'notify', note: `no remediator for ${action}; notifying only` });
  }
  const planned = remediator.plan({
    resource: input.resource,
    evaluation,
    policy,
    ...(input.remediationTarget === undefined ? {} : { target: input.remediationTarget }),
  });
  if (planned.kind === 'refused') {
    return withContext({ mode, status: 'notify', note: `${planned.note}; notifying only` });
  }
  const target = planned.target ?? input.remediationTarget;
  const note = joinNotes(policy.dryRun ? DRY_RUN_NOTE : undefined, planned.note);
  return withContext({
    mode,
    status: policy.dryRun ? 'dry-run' : 'planned',
    action,
    ...(target ? { target } : {}),
    calls: planned.calls,
    ...(note ? { note } : {}),
  });
}
