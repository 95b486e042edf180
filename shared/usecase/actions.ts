import { z } from 'zod';
import type { Evaluation } from '../model/evaluation.js';
import type { Actor, ResourceRef } from '../model/ref.js';
import { RESOURCE_TYPES } from '../model/resource.js';
import { planHash } from '../response/plan-hash.js';
import { findingIdOf } from '../state/finding-store.js';

/**
 * What an inspector hands the remediate function: only what identifies its decision (the event, the rule, the
 * resource, the finding and the hash of the plan), and who and when for the report. Never the plan or its
 * calls: the remediate function reads the resource again, plans again with the deployed policy and acts only
 * on its own plan, and only when that plan has this hash.
 */
export interface ActionMessage {
  eventId: string;
  ruleId: string;
  ref: ResourceRef;
  findingId: string;
  /** planHash of the plan the inspector made (shared/response/plan-hash.ts). */
  planHash: string;
  actor?: Actor;
  eventTime?: string;
}

const text = z.string().min(1);

/** An action message as the remediate function accepts it; members it does not know are dropped, never used. */
export const actionMessageSchema = z.object({
  eventId: text,
  ruleId: text,
  ref: z.object({
    resourceType: z.enum(RESOURCE_TYPES),
    resourceId: text,
    accountId: text,
    region: text,
    name: text.optional(),
  }),
  findingId: text,
  planHash: z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 hex digest'),
  actor: z
    .object({
      type: z.string().optional(),
      arn: z.string().optional(),
      principalId: z.string().optional(),
      accountId: z.string().optional(),
      roleArn: z.string().optional(),
      sessionName: z.string().optional(),
      invokedBy: z.string().optional(),
    })
    .optional(),
  eventTime: text.optional(),
});

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
      findingId: findingIdOf(evaluation.ruleId, evaluation.resourceId),
      planHash: planHash(evaluation.response as NonNullable<Evaluation['response']>),
      ...(context.actor ? { actor: context.actor } : {}),
      ...(context.eventTime ? { eventTime: context.eventTime } : {}),
    }));
}
