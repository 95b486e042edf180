import { arnScope } from '../aws/arn.js';
import type { ReadResult } from '../inventory/live/port.js';
import type { Evaluation, ResponsePlan } from '../model/evaluation.js';
import type { ResourceRef } from '../model/ref.js';
import type { Resource } from '../model/resource.js';
import { modeFor } from '../policy/mode.js';
import type { Policy } from '../policy/schema.js';
import type { FindingMessage } from '../report/findings-bus.js';
import type { ExecutorDeps } from '../response/executor.js';
import { executePlan } from '../response/executor.js';
import type { ActionRequest, IdempotentActionResult } from '../response/idempotency.js';
import { planHash } from '../response/plan-hash.js';
import { findRemediator } from '../response/remediators/index.js';
import type { ActionRecord } from '../response/types.js';
import { findRule } from '../rules/index.js';
import type { AnyRule } from '../rules/rule.js';
import { findingIdOf, resolveFinding } from '../state/finding-store.js';
import { createTlsCatalog } from '../tls/policies.js';
import type { ActionMessage } from './actions.js';
import { sendAlerts } from './alerts.js';
import { createDelivery } from './deliver.js';
import type { MonitorDeps } from './deps.js';
import { evaluateAndPlan } from './evaluate.js';

/** A message on the actions queue that is not an action transit-guard planned: never acted on. */
export class InvalidActionError extends Error {
  override name = 'InvalidActionError';
}

/** Another delivery of the same action is running: let SQS hand this one back later. */
class ActionInProgressError extends Error {
  override name = 'ActionInProgressError';
}

/** What the remediate use case needs from the outside (shared/lambda/remediate-function.ts wires it). */
export interface RemediatePorts {
  /** The use-case ports of this invocation (a fresh inventory source each call). */
  deps(): MonitorDeps;
  /** Puts audit records on the findings bus; throws when the bus refused any, so the message is retried. */
  publish(messages: FindingMessage[]): Promise<unknown>;
  /** The write clients of a region. */
  /** The write client of a family (by id) in a region. */
  clientFor(region: string): ExecutorDeps['clientFor'];
  /** The stack's account and regions: nothing elsewhere is acted on. */
  scope: { accountId: string; regions: readonly string[] };
  /** The emergency switch (read only when there is something to do) and its name, for the audit record. */
  remediationSwitch(): Promise<'enabled' | 'disabled'>;
  remediationSwitchName?: string;
  /** Carries out `run` at most once per (event, rule, resource) (shared/response/idempotency.ts). */
  once(
    request: ActionRequest,
    run: (request: ActionRequest) => Promise<ActionRecord>,
  ): Promise<IdempotentActionResult>;
  sleep(ms: number): Promise<void>;
  /** Told what was decided about a message before it is published (metrics and logs). */
  decided(record: ActionRecord, outcome: IdempotentActionResult['outcome'] | 'not-acted'): void;
}

/** A message whose finding id is not the finding of its rule on its resource was not planned by transit-guard. */
export function checkAction(messageId: string, message: ActionMessage): ActionMessage {
  if (message.findingId !== findingIdOf(message.ruleId, message.ref.resourceId)) {
    throw new InvalidActionError(
      `message ${messageId}: findingId: ${message.findingId} is not the finding of ${message.ruleId} on ${message.ref.resourceId}`,
    );
  }
  return message;
}

/**
 * Why a ref is not this function's to act on, or undefined: its account and region, and those inside its ARN,
 * must be the stack's account and one of its regions. An ARN part left empty names none (an S3 bucket's ARN has
 * neither account nor region, a CloudFront distribution's no region): the ref's own account and region decide.
 * @internal Unit-tested directly: which refs of every family's ARN shape are in scope.
 */
export function outOfScope(ref: ResourceRef, scope: RemediatePorts['scope']): string | undefined {
  const arn = arnScope(ref.resourceId);
  const accounts = [ref.accountId, ...(arn.accountId ? [arn.accountId] : [])];
  const regions = [ref.region, ...(arn.region ? [arn.region] : [])];
  const account = accounts.find((id) => id !== scope.accountId);
  if (account !== undefined) return `account ${account} is not this stack's account ${scope.accountId}`;
  const region = regions.find((name) => !scope.regions.includes(name));
  if (region !== undefined)
    return `region ${region} is not one of this stack's regions (${scope.regions.join(', ')})`;
  return undefined;
}

const SLACK_WORTHY: ReadonlySet<ActionRecord['status']> = new Set([
  'remediated',
  'blocked',
  'failed',
  'refused',
]);

/** The audit record of an action on the findings bus, with the actor of the change that caused it. */
function actionMessage(
  message: ActionMessage,
  evaluation: Evaluation,
  action: ActionRecord,
  now = new Date(),
): FindingMessage {
  return {
    kind: 'action',
    evaluation,
    action,
    triggerId: message.eventId,
    ...(message.actor ? { actor: message.actor } : {}),
    observedAt: now.toISOString(),
  };
}

/** The finding a failed action raises: the evaluation it was meant to fix, with the error in its reason. */
function failedActionFinding(
  message: ActionMessage,
  evaluation: Evaluation,
  action: ActionRecord,
  now: Date,
): FindingMessage {
  return {
    ...actionMessage(message, evaluation, action, now),
    kind: 'finding',
    evaluation: {
      ...evaluation,
      reason: `${evaluation.reason} Remediation ${action.action} failed: ${action.error ?? 'unknown error'}`,
    },
  };
}

/** The evaluation an audit record carries when the rule could not judge the resource (gone, or the rule is off). */
function unjudged(message: ActionMessage, rule: AnyRule, reason: string): Evaluation {
  const { ref } = message;
  return {
    ruleId: rule.metadata.id,
    status: 'NOT_APPLICABLE',
    severity: rule.metadata.severity,
    resourceType: ref.resourceType,
    resourceId: ref.resourceId,
    ...(ref.name ? { resourceName: ref.name } : {}),
    accountId: ref.accountId,
    region: ref.region,
    reason,
  };
}

/** What the remediate function decided, when it is not to act: the audit record says why. */
interface Decision {
  evaluation: Evaluation;
  record: ActionRecord;
}

/** The executor's reads and checks for one rule, and the rule's fresh evaluation (undefined when it is off). */
interface RemediateDeps extends ExecutorDeps {
  judge(resource: Resource): Evaluation | undefined;
  policy: Policy;
}

/** What the deployed policy says about a plan that is not `planned`, for the audit record. */
function notActing(plan: ResponsePlan): string {
  if (plan.status === 'dry-run')
    return 'dry run is on in the remediate function: the queued action was not carried out';
  const why = plan.note ? `: ${plan.note}` : '';
  return `the deployed policy does not act on this finding (mode ${plan.mode}, ${plan.status}${why}); nothing done`;
}

function executorDeps(ports: RemediatePorts, region: string, rule: AnyRule): RemediateDeps {
  // A fresh inventory source: the executor's verification reads must not come from an earlier read's cache.
  const { policy, source } = ports.deps();
  let tlsPolicies: ReadResult['tlsPolicies'] = [];
  const judge = (resource: Resource) =>
    evaluateAndPlan(resource, [rule], {
      policy,
      now: new Date(),
      tls: createTlsCatalog({ tlsPolicies }),
    })[0];
  return {
    clientFor: ports.clientFor(region),
    async readResource(ref) {
      const read = await source.read([ref]);
      if (read.errors.length > 0)
        throw new Error(read.errors.map((e) => `${e.source}: ${e.message}`).join('; '));
      // Judged with the live security policies read with it, as the inspector that planned it did.
      tlsPolicies = read.tlsPolicies;
      return read.resources[0];
    },
    evaluate(resource) {
      const evaluation = judge(resource);
      if (!evaluation)
        throw new Error(`rule ${rule.metadata.id} is off or does not apply to ${resource.resourceType}`);
      return evaluation;
    },
    judge,
    policy,
    sleep: ports.sleep,
    now: () => new Date(),
    settleTimeoutMs: settleTimeoutMs(rule, policy),
  };
}

/**
 * How long the executor waits for a call of the rule's actions to settle: what the policy gives the rule's
 * remediators that settle (Settling.timeoutMs), the longest if both do; 0 when none settles (nothing waits).
 */
function settleTimeoutMs(rule: AnyRule, policy: Policy): number {
  const { remediate, block } = rule.metadata.remediation;
  const timeouts = [remediate, block].map((id) =>
    id ? findRemediator(id)?.settle?.timeoutMs(policy) : undefined,
  );
  return Math.max(0, ...timeouts.map((timeout) => timeout ?? 0));
}

/** Reads and judges the resource again; a decision not to act, or the fresh evaluation with its planned plan. */
async function decide(
  ports: RemediatePorts,
  messageId: string,
  message: ActionMessage,
  rule: AnyRule,
  deps: RemediateDeps,
): Promise<Decision | { evaluation: Evaluation; plan: ResponsePlan }> {
  const mode = modeFor(rule.metadata, deps.policy);
  const at = new Date().toISOString();
  const record = (
    status: ActionRecord['status'],
    plan: ResponsePlan | undefined,
    note: string,
    before?: Resource,
  ): ActionRecord => ({
    status,
    ruleId: message.ruleId,
    resourceId: message.ref.resourceId,
    mode: plan?.mode ?? mode,
    action: plan?.action ?? 'none',
    calls: [],
    ...(before ? { before } : {}),
    note,
    startedAt: at,
    finishedAt: new Date().toISOString(),
  });
  const resource = await deps.readResource(message.ref);
  if (!resource) {
    const note = 'the resource no longer exists; nothing done';
    const evaluation = unjudged(message, rule, 'The resource no longer exists.');
    return { evaluation, record: record('unchanged', undefined, note) };
  }
  // A classic load balancer is read by the ref's name: a name that is not the ARN's is another resource.
  if (resource.resourceId !== message.ref.resourceId) {
    throw new InvalidActionError(
      `message ${messageId}: ref: ${message.ref.resourceId} reads as ${resource.resourceId}; not acting on it`,
    );
  }
  const evaluation = deps.judge(resource);
  if (!evaluation) {
    const note = `rule ${rule.metadata.id} is off in the deployed policy; nothing done`;
    return {
      evaluation: unjudged(message, rule, note),
      record: record('skipped', undefined, note, resource),
    };
  }
  const plan = evaluation.response;
  if (evaluation.status !== 'NON_COMPLIANT' || !plan) {
    const note = `already ${evaluation.status} when read again; nothing done`;
    return { evaluation, record: record('unchanged', plan, note, resource) };
  }
  if (plan.status !== 'planned')
    return { evaluation, record: record('skipped', plan, notActing(plan), resource) };
  const fresh = planHash(plan);
  if (fresh !== message.planHash) {
    const note = `stale: the queued plan ${message.planHash} is not the plan made now (${fresh}); nothing done`;
    return { evaluation, record: record('skipped', plan, note, resource) };
  }
  // Read last, only when there is something to do: an unreadable switch fails the message (fail closed).
  if ((await ports.remediationSwitch()) === 'disabled') {
    const note = `remediation is switched off (${ports.remediationSwitchName} is disabled); nothing done`;
    return { evaluation, record: record('skipped', plan, note, resource) };
  }
  return { evaluation, plan };
}

/**
 * The remediate use case, for one message of the actions queue, which only names a decision (rule, resource,
 * finding, plan hash): it reads the resource again, judges it and plans again with the deployed policy, and
 * acts only when that fresh plan is `planned` (mode remediate or block, dry run off, no exemption), has the
 * message's hash, and the emergency switch is `enabled`. It carries out only the calls of its own plan, once per
 * event (idempotency), publishes the audit record, resolves the finding when the fix is verified, and tells
 * Slack what it did.
 */
export async function remediate(
  ports: RemediatePorts,
  messageId: string,
  message: ActionMessage,
): Promise<void> {
  const refused = outOfScope(message.ref, ports.scope);
  if (refused) throw new InvalidActionError(`message ${messageId}: ref: ${refused}`);
  const rule = findRule(message.ruleId);
  if (!rule) throw new InvalidActionError(`message ${messageId}: ruleId: unknown rule ${message.ruleId}`);
  if (!rule.metadata.resourceTypes.includes(message.ref.resourceType)) {
    throw new InvalidActionError(
      `message ${messageId}: ref: rule ${message.ruleId} does not judge ${message.ref.resourceType}`,
    );
  }
  const deps = executorDeps(ports, message.ref.region, rule);
  const decision = await decide(ports, messageId, message, rule, deps);
  const findingId = findingIdOf(message.ruleId, message.ref.resourceId);
  if ('record' in decision) {
    ports.decided(decision.record, 'not-acted');
    await ports.publish([actionMessage(message, decision.evaluation, decision.record)]);
    // A redelivery after a failed publish finds the fix already made: what its finding still owes goes now.
    const monitor = ports.deps();
    const owed = await monitor.findings.get(findingId);
    if (owed?.pending) {
      const delivery = createDelivery(monitor, { now: new Date(), triggerId: message.eventId });
      delivery.collect([{ kind: 'none', previous: owed }]);
      await delivery.send();
    }
    return;
  }
  const { evaluation, plan } = decision;
  const result = await ports.once(
    { eventId: message.eventId, ruleId: message.ruleId, ref: message.ref, plan },
    (request) =>
      executePlan(request, executorDeps(ports, request.ref.region, findRule(request.ruleId) as AnyRule)),
  );
  if (result.outcome === 'in-progress') throw new ActionInProgressError(result.note);
  const action = result.record;
  ports.decided(action, result.outcome);
  const now = new Date();
  const audit = [actionMessage(message, evaluation, action, now)];
  // A fix that failed (a call refused, a tunnel that did not come back, a verification that did not hold)
  // is a finding of its own: the resource is still non-compliant and now also has a broken remediation.
  if (action.status === 'failed') audit.push(failedActionFinding(message, evaluation, action, now));
  await ports.publish(audit);
  const reported = {
    ...(message.actor ? { actor: message.actor } : {}),
    ...(message.eventTime ? { eventTime: message.eventTime } : {}),
  };
  const actions = new Map([[findingId, action]]);
  const monitor = ports.deps();
  if (action.status === 'remediated') {
    // Resolved through the outbox: a retry after a failed publish still tells the bus and Slack (the
    // stored action is not run again, and the finding is already resolved then).
    const delivery = createDelivery(monitor, { now, triggerId: message.eventId, actions, ...reported });
    delivery.collect([await resolveFinding(monitor.findings, findingId, now, 'remediated', delivery.outbox)]);
    await delivery.send();
    return;
  }
  const finding = SLACK_WORTHY.has(action.status) ? await monitor.findings.get(findingId) : undefined;
  if (monitor.outbox && finding) {
    await sendAlerts(monitor.findings, monitor.outbox, [{ kind: 'changed', finding }], [evaluation], {
      now,
      slack: monitor.policy.slack,
      actions,
      ...reported,
    });
  }
}
