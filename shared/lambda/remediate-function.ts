import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { z } from 'zod';
import { awsClientConfig } from '../aws/client-config.js';
import type { Clients } from '../aws/clients.js';
import {
  acmClient,
  directConnectClient,
  ec2Client,
  elbClient,
  elbv2Client,
  eventBridgeClient,
} from '../aws/factories.js';
import { parseArn } from '../inventory/arn.js';
import type { ReadResult } from '../inventory/live/port.js';
import { createLiveInventorySource } from '../inventory/live/source-core.js';
import type { Evaluation, ResponsePlan } from '../model/evaluation.js';
import type { ResourceRef } from '../model/ref.js';
import type { Resource } from '../model/resource.js';
import type { FindingMessage } from '../report/findings-bus.js';
import type { CommandSender } from '../response/calls.js';
import type { ExecutorDeps } from '../response/executor.js';
import { executePlan } from '../response/executor.js';
import { makeActionIdempotent } from '../response/idempotency.js';
import { planHash } from '../response/plan-hash.js';
import { modeFor } from '../response/planner.js';
import type { ActionRecord } from '../response/types.js';
import { evaluateResource } from '../rules/engine.js';
import { findRule } from '../rules/index.js';
import type { AnyRule } from '../rules/rule.js';
import { findingIdOf, resolveFinding } from '../state/finding-store.js';
import { createTlsCatalog } from '../tls/policies.js';
import { type ActionMessage, actionMessageSchema } from '../usecase/actions.js';
import { sendAlerts } from '../usecase/alerts.js';
import { createDelivery } from '../usecase/deliver.js';
import { type FunctionConfig, loadFunctionConfig } from './config.js';
import { createHandler, createObservability } from './handler.js';
import { createRemediationSwitch, type RemediationSwitch } from './remediation-switch.js';
import { createRuntime, type Runtime, type RuntimeWiring } from './wiring.js';

/**
 * The clients remediate calls (the remediators' write APIs, the reads that verify them, EventBridge for the
 * audit records) and the live inventory without AWS Config, which it never reads.
 */
export const REMEDIATE_WIRING: RuntimeWiring = {
  clientFactories: {
    elbv2: elbv2Client,
    elb: elbClient,
    ec2: ec2Client,
    directConnect: directConnectClient,
    acm: acmClient,
    eventBridge: eventBridgeClient,
  },
  inventorySource: (clientsFor, options) => createLiveInventorySource(clientsFor, options),
};

const sqsEventSchema = z.object({
  Records: z.array(z.looseObject({ messageId: z.string().min(1), body: z.string() })).min(1),
});

/** A message on the actions queue that is not an action transit-guard planned: never acted on. */
export class InvalidActionError extends Error {
  override name = 'InvalidActionError';
}

/** Another delivery of the same action is running: let SQS hand this one back later. */
export class ActionInProgressError extends Error {
  override name = 'ActionInProgressError';
}

function parseAction(record: SQSRecord): ActionMessage {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    throw new InvalidActionError(`message ${record.messageId}: body is not JSON`);
  }
  const parsed = actionMessageSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidActionError(`message ${record.messageId}: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const message = parsed.data as ActionMessage;
  if (message.findingId !== findingIdOf(message.ruleId, message.ref.resourceId)) {
    throw new InvalidActionError(
      `message ${record.messageId}: findingId: ${message.findingId} is not the finding of ${message.ruleId} on ${message.ref.resourceId}`,
    );
  }
  return message;
}

/**
 * Why a ref is not this function's to act on, or undefined: its account and region, and those inside its ARN,
 * must be the stack's account and one of its regions.
 */
function outOfScope(ref: ResourceRef, config: FunctionConfig): string | undefined {
  const arn = parseArn(ref.resourceId);
  const accounts = [ref.accountId, ...(arn ? [arn.accountId] : [])];
  const regions = [ref.region, ...(arn ? [arn.region] : [])];
  const account = accounts.find((id) => id !== config.accountId);
  if (account !== undefined) return `account ${account} is not this stack's account ${config.accountId}`;
  const region = regions.find((name) => !config.regions.includes(name));
  if (region !== undefined)
    return `region ${region} is not one of this stack's regions (${config.regions.join(', ')})`;
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
}

/**
 * The region's client of a command table's service (RemediationCall.service). The client set spells Direct
 * Connect's in camelCase; this goes when clients are created per family.
 */
function writeClient(clients: Clients, service: string): CommandSender {
  const byService: Record<string, () => CommandSender> = {
    elbv2: () => clients.elbv2,
    elb: () => clients.elb,
    ec2: () => clients.ec2,
    directconnect: () => clients.directConnect,
    acm: () => clients.acm,
  };
  const client = byService[service];
  if (!client) throw new Error(`no ${service} client is wired for remediation`);
  return client();
}

/** What the deployed policy says about a plan that is not `planned`, for the audit record. */
function notActing(plan: ResponsePlan): string {
  if (plan.status === 'dry-run')
    return 'dry run is on in the remediate function: the queued action was not carried out';
  const why = plan.note ? `: ${plan.note}` : '';
  return `the deployed policy does not act on this finding (mode ${plan.mode}, ${plan.status}${why}); nothing done`;
}

export interface RemediateFunctionOptions {
  runtime?: () => Runtime;
  /** Test seam for waits between tunnel polls and verification reads. */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * The only function allowed to change resources. It drains the actions queue, whose messages only name a
 * decision (rule, resource, finding, plan hash): for each, it reads the resource again, judges it and plans again
 * with the deployed policy, and acts only when that fresh plan is `planned` (mode remediate or block, dry run
 * off, no exemption), has the message's hash, and the emergency switch is `enabled`. It carries out only the
 * calls of its own plan, once per event (idempotency), verifies them by reading the resource again, publishes
 * the audit record, resolves the finding when the fix is verified, and tells Slack what it did.
 */
export function createRemediateFunction(options: RemediateFunctionOptions = {}) {
  const observability = createObservability('remediate');
  const { logger, metrics } = observability;
  const processor = new BatchProcessor(EventType.SQS);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let runtime: Runtime | undefined;
  let execute: ReturnType<typeof makeActionIdempotent> | undefined;
  let remediationSwitch: RemediationSwitch | undefined;

  function executorDeps(rt: Runtime, region: string, rule: AnyRule): RemediateDeps {
    const { policy } = rt.config;
    const source = rt.deps().source;
    let elbv2Policies: ReadResult['elbv2Policies'] = [];
    const judge = (resource: Resource) =>
      evaluateResource(resource, [rule], {
        policy,
        now: new Date(),
        tls: createTlsCatalog({ elbv2Policies }),
      })[0];
    return {
      clientFor: async (service) => writeClient(rt.clientsFor(region), service),
      async readResource(ref) {
        const read = await source.read([ref]);
        if (read.errors.length > 0)
          throw new Error(read.errors.map((e) => `${e.source}: ${e.message}`).join('; '));
        // Judged with the live security policies read with it, as the inspector that planned it did.
        elbv2Policies = read.elbv2Policies;
        return read.resources[0];
      },
      evaluate(resource) {
        const evaluation = judge(resource);
        if (!evaluation)
          throw new Error(`rule ${rule.metadata.id} is off or does not apply to ${resource.resourceType}`);
        return evaluation;
      },
      judge,
      sleep,
      now: () => new Date(),
      settleTimeoutMs: policy.vpn.tunnelUpTimeoutMinutes * 60_000,
    };
  }

  /** Reads and judges the resource again; a decision not to act, or the fresh evaluation with its planned plan. */
  async function decide(
    rt: Runtime,
    messageId: string,
    message: ActionMessage,
    rule: AnyRule,
    deps: RemediateDeps,
  ): Promise<Decision | { evaluation: Evaluation; plan: ResponsePlan }> {
    const { policy, region, remediationSwitchParameter } = rt.config;
    const mode = modeFor(rule.metadata, policy);
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
    remediationSwitch ??= createRemediationSwitch(
      remediationSwitchParameter,
      new SSMClient(awsClientConfig({ region })),
    );
    if ((await remediationSwitch()) === 'disabled') {
      const note = `remediation is switched off (${remediationSwitchParameter} is disabled); nothing done`;
      return { evaluation, record: record('skipped', plan, note, resource) };
    }
    return { evaluation, plan };
  }

  async function handleRecord(record: SQSRecord, context: Context): Promise<void> {
    const rt = runtime as Runtime;
    const message = parseAction(record);
    logger.appendKeys({ eventId: message.eventId, resource: message.ref.resourceId, ruleId: message.ruleId });
    const refused = outOfScope(message.ref, rt.config);
    if (refused) throw new InvalidActionError(`message ${record.messageId}: ref: ${refused}`);
    const rule = findRule(message.ruleId);
    if (!rule)
      throw new InvalidActionError(`message ${record.messageId}: ruleId: unknown rule ${message.ruleId}`);
    if (!rule.metadata.resourceTypes.includes(message.ref.resourceType)) {
      throw new InvalidActionError(
        `message ${record.messageId}: ref: rule ${message.ruleId} does not judge ${message.ref.resourceType}`,
      );
    }
    const deps = executorDeps(rt, message.ref.region, rule);
    const decision = await decide(rt, record.messageId, message, rule, deps);
    if ('record' in decision) {
      metrics.addMetric(`Actions_${decision.record.status}`, MetricUnit.Count, 1);
      logger.warn('Action not carried out', { status: decision.record.status, note: decision.record.note });
      await rt.publish([actionMessage(message, decision.evaluation, decision.record)]);
      // A redelivery after a failed publish finds the fix already made: what its finding still owes goes now.
      const owed = await rt.findings.get(findingIdOf(message.ruleId, message.ref.resourceId));
      if (owed?.pending) {
        const delivery = createDelivery(rt.deps(), { now: new Date(), triggerId: message.eventId });
        delivery.collect([{ kind: 'none', previous: owed }]);
        await delivery.send();
      }
      return;
    }
    const { evaluation, plan } = decision;
    execute ??= makeActionIdempotent(
      (request) =>
        executePlan(request, executorDeps(rt, request.ref.region, findRule(request.ruleId) as AnyRule)),
      { tableName: rt.config.tableName, client: rt.dynamoDb },
    );
    const result = await execute(
      { eventId: message.eventId, ruleId: message.ruleId, ref: message.ref, plan },
      context,
    );
    if (result.outcome === 'in-progress') throw new ActionInProgressError(result.note);
    const action = result.record;
    metrics.addMetric(`Actions_${action.status}`, MetricUnit.Count, 1);
    logger.info('Action finished', { status: action.status, outcome: result.outcome, error: action.error });
    const now = new Date();
    const audit = [actionMessage(message, evaluation, action, now)];
    // A fix that failed (a call refused, a tunnel that did not come back, a verification that did not hold)
    // is a finding of its own: the resource is still non-compliant and now also has a broken remediation.
    if (action.status === 'failed') audit.push(failedActionFinding(message, evaluation, action, now));
    await rt.publish(audit);
    const findingId = findingIdOf(message.ruleId, message.ref.resourceId);
    const reported = {
      ...(message.actor ? { actor: message.actor } : {}),
      ...(message.eventTime ? { eventTime: message.eventTime } : {}),
    };
    const actions = new Map([[findingId, action]]);
    if (action.status === 'remediated') {
      // Resolved through the outbox: a retry after a failed publish still tells the bus and Slack (the
      // stored action is not run again, and the finding is already resolved then).
      const delivery = createDelivery(rt.deps(), { now, triggerId: message.eventId, actions, ...reported });
      delivery.collect([await resolveFinding(rt.findings, findingId, now, 'remediated', delivery.outbox)]);
      await delivery.send();
      return;
    }
    const outbox = rt.deps().outbox;
    const finding = SLACK_WORTHY.has(action.status) ? await rt.findings.get(findingId) : undefined;
    if (outbox && finding) {
      await sendAlerts(rt.findings, outbox, [{ kind: 'changed', finding }], [evaluation], {
        now,
        reminderIntervalHours: rt.config.policy.slack.reminderIntervalHours,
        actions,
        ...reported,
      });
    }
  }

  return createHandler<SQSEvent, SQSBatchResponse>({
    name: 'remediate',
    observability,
    parse: (event) => sqsEventSchema.parse(event) as unknown as SQSEvent,
    handle: (event, context) => {
      runtime ??= options.runtime ? options.runtime() : createRuntime(loadFunctionConfig(), REMEDIATE_WIRING);
      const guarded = async (record: SQSRecord) => {
        try {
          await handleRecord(record, context);
        } catch (error) {
          logger.error('Action message failed; SQS will deliver it again or dead-letter it', {
            messageId: record.messageId,
            error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
          });
          throw error;
        }
      };
      return processPartialResponse(event, guarded, processor, {
        context,
        processInParallel: false,
      });
    },
  });
}
