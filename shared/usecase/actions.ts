import type { Evaluation } from '../model/evaluation.js';
import type { Actor, ResourceRef } from '../model/ref.js';
import type { ActionRequest } from '../response/idempotency.js';

/** What an inspector hands the remediate function: the action, and what it needs to report on it. */
export interface ActionMessage extends ActionRequest {
  evaluation: Evaluation;
  actor?: Actor;
  eventTime?: string;
}

/** Where planned actions go: the SQS actions queue the remediate function drains. */
export interface ActionQueue {
  enqueue(actions: ActionMessage[]): Promise<void>;
}

function refOf(evaluation: Evaluation): ResourceRef {
  return {
    resourceType: evaluation.resourceType,
    resourceId: evaluation.resourceId,
    accountId: evaluation.accountId ?? '',
    region: evaluation.region ?? '',
    ...(evaluation.resourceName ? { name: evaluation.resourceName } : {}),
  };
}

/** The actions to carry out: NON_COMPLIANT evaluations whose plan is `planned` (not dry run, exempt or skipped). */
export function plannedActions(
  evaluations: readonly Evaluation[],
  context: { eventId: string; actor?: Actor; eventTime?: string },
): ActionMessage[] {
  return evaluations
    .filter((e) => e.status === 'NON_COMPLIANT' && e.response?.status === 'planned')
    .map((evaluation) => ({
      eventId: context.eventId,
      ruleId: evaluation.ruleId,
      ref: refOf(evaluation),
      plan: evaluation.response as NonNullable<Evaluation['response']>,
      evaluation,
      ...(context.actor ? { actor: context.actor } : {}),
      ...(context.eventTime ? { eventTime: context.eventTime } : {}),
    }));
}
