import type { Evaluation, RemediationCall, ResponsePlan, RuleMode } from '../model/evaluation.js';
import type { ResourceRef } from '../model/ref.js';
import type { Resource, ResourceOfType, ResourceType } from '../model/resource.js';
import type { Policy } from '../policy/schema.js';

/** What a remediator plans from: the resource as read, the rule's verdict and the policy. */
interface RemediationInput<R extends Resource = Resource> {
  resource: R;
  evaluation: Evaluation;
  policy: Policy;
  /** The configuration the rule says remediation should set (RuleOutcome.remediationTarget). */
  target?: string;
}

/**
 * The calls to make, or why none may be made (the action would cut traffic, the input is incomplete, ...).
 */
export type RemediationPlan =
  | { kind: 'calls'; calls: RemediationCall[]; target?: string; note?: string }
  | { kind: 'refused'; note: string };

export type Verification = { verified: true; note?: string } | { verified: false; reason: string };

interface VerificationContext {
  /** The rule re-run on the resource read after the calls; undefined when the resource is gone. */
  evaluation: Evaluation | undefined;
  startedAt: Date;
}

/** Waiting between calls, e.g. until a changed VPN tunnel is UP again before the next one is touched. */
interface Settling<R extends Resource = Resource> {
  isSettled(after: R | undefined, call: RemediationCall): boolean;
  /** The failure when the resource does not settle in time: "tunnel 203.0.113.17 did not come back UP". */
  failure(call: RemediationCall): string;
  /** How long the policy lets a call take to settle before the plan stops, in ms (a setting of its family). */
  timeoutMs(policy: Policy): number;
}

export interface RemediatorSpec<T extends ResourceType> {
  /** The action id rules name in metadata.remediation; equals the file name. */
  id: string;
  /** Exactly the IAM actions the calls need (service prefix + operation); the deployment grants these. */
  iamActions: readonly string[];
  resourceTypes: readonly T[];
  /**
   * Why acting now would be unsafe, or undefined when it is safe. The planner checks it, and the executor
   * checks it again on a fresh read just before the first call.
   */
  safety?(resource: ResourceOfType<T>, evaluation: Evaluation): string | undefined;
  plan(input: RemediationInput<ResourceOfType<T>>): RemediationPlan;
  settle?: Settling<ResourceOfType<T>>;
  /** Replaces the default check (the rule is no longer NON_COMPLIANT on the resource read again). */
  verify?(after: ResourceOfType<T> | undefined, context: VerificationContext): Verification;
}

/** A remediator with its resource type erased behind a type check, as the catalog holds them. */
export interface Remediator {
  id: string;
  iamActions: readonly string[];
  resourceTypes: readonly ResourceType[];
  appliesTo(resource: Resource): boolean;
  safety(resource: Resource, evaluation: Evaluation): string | undefined;
  plan(input: RemediationInput): RemediationPlan;
  settle?: Settling;
  verify?(after: Resource | undefined, context: VerificationContext): Verification;
}

/** What to act on: the plan, and the resource and rule it is for (read again before and after). */
export interface PlannedAction {
  ruleId: string;
  ref: ResourceRef;
  plan: ResponsePlan;
}

export interface ExecutedCall extends RemediationCall {
  outcome: 'ok' | 'failed';
  error?: string;
  /** When the call returned (ISO 8601). */
  at: string;
}

/**
 * The audit record of one action: `remediated` / `blocked` only when reading the resource again proved
 * the change; `unchanged` when it was already compliant on the fresh read; `refused` when the fresh read
 * made the action unsafe; `failed` when a call threw, a tunnel did not come back or verification failed.
 */
export interface ActionRecord {
  /** `skipped`: the remediate function did not carry the queued action out (dry run switched on since). */
  status: 'remediated' | 'blocked' | 'failed' | 'unchanged' | 'refused' | 'skipped';
  ruleId: string;
  resourceId: string;
  mode: RuleMode;
  action: string;
  calls: ExecutedCall[];
  /** The resource as read just before the first call (resources never hold secrets such as PSKs). */
  before?: Resource;
  /** The resource as read for verification; absent when it is gone (a deleted listener). */
  after?: Resource;
  error?: string;
  note?: string;
  startedAt: string;
  finishedAt: string;
}
