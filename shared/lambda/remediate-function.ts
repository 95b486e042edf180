import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { z } from 'zod';
import {
  acmClient,
  directConnectClient,
  ec2Client,
  elbClient,
  elbv2Client,
  eventBridgeClient,
} from '../aws/factories.js';
import { createLiveInventorySource } from '../inventory/live/source-core.js';
import { RESOURCE_TYPES } from '../model/resource.js';
import type { FindingMessage } from '../report/findings-bus.js';
import type { ExecutorDeps } from '../response/executor.js';
import { executePlan } from '../response/executor.js';
import { makeActionIdempotent } from '../response/idempotency.js';
import type { ActionRecord } from '../response/types.js';
import { evaluateResource } from '../rules/engine.js';
import { findRule } from '../rules/index.js';
import { findingIdOf, resolveFinding } from '../state/finding-store.js';
import { createTlsCatalog } from '../tls/policies.js';
import type { ActionMessage } from '../usecase/actions.js';
import { sendAlerts } from '../usecase/alerts.js';
import { loadFunctionConfig } from './config.js';
import { createHandler, createObservability } from './handler.js';
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

const actionMessageSchema = z.looseObject({
  eventId: z.string().min(1),
  ruleId: z.string().min(1),
  ref: z.looseObject({
    resourceType: z.enum(RESOURCE_TYPES),
    resourceId: z.string().min(1),
    accountId: z.string(),
    region: z.string().min(1),
  }),
  plan: z.looseObject({ mode: z.string(), status: z.literal('planned'), calls: z.array(z.unknown()).min(1) }),
  evaluation: z.looseObject({
    ruleId: z.string(),
    resourceId: z.string(),
    status: z.literal('NON_COMPLIANT'),
  }),
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
  return parsed.data as unknown as ActionMessage;
}

const SLACK_WORTHY: ReadonlySet<ActionRecord['status']> = new Set([
  'remediated',
  'blocked',
  'failed',
  'refused',
]);

/** The audit record of an action on the findings bus, with the actor of the change that caused it. */
function actionMessage(message: ActionMessage, action: ActionRecord, now = new Date()): FindingMessage {
  return {
    kind: 'action',
    evaluation: message.evaluation,
    action,
    triggerId: message.eventId,
    ...(message.actor ? { actor: message.actor } : {}),
    observedAt: now.toISOString(),
  };
}

/** The finding a failed action raises: the evaluation it was meant to fix, with the error in its reason. */
function failedActionFinding(message: ActionMessage, action: ActionRecord, now: Date): FindingMessage {
  return {
    ...actionMessage(message, action, now),
    kind: 'finding',
    evaluation: {
      ...message.evaluation,
      reason: `${message.evaluation.reason} Remediation ${action.action} failed: ${action.error ?? 'unknown error'}`,
    },
  };
}

export interface RemediateFunctionOptions {
  runtime?: () => Runtime;
  /** Test seam for waits between tunnel polls and verification reads. */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * The only function allowed to change resources: it drains the actions queue, carries out each planned
 * action once per event (idempotency), verifies it by reading the resource again, publishes the audit
 * record, resolves the finding when the fix is verified, and tells Slack what it did.
 */
export function createRemediateFunction(options: RemediateFunctionOptions = {}) {
  const observability = createObservability('remediate');
  const { logger, metrics } = observability;
  const processor = new BatchProcessor(EventType.SQS);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let runtime: Runtime | undefined;
  let execute: ReturnType<typeof makeActionIdempotent> | undefined;

  function executorDeps(rt: Runtime, region: string, ruleId: string): ExecutorDeps {
    const rule = findRule(ruleId);
    if (!rule) throw new InvalidActionError(`unknown rule ${ruleId}`);
    const { policy } = rt.config;
    const source = rt.deps().source;
    return {
      clients: rt.clientsFor(region),
      async readResource(ref) {
        const read = await source.read([ref]);
        if (read.errors.length > 0)
          throw new Error(read.errors.map((e) => `${e.source}: ${e.message}`).join('; '));
        return read.resources[0];
      },
      evaluate(resource) {
        const tls = createTlsCatalog();
        const [evaluation] = evaluateResource(resource, [rule], { policy, now: new Date(), tls });
        if (!evaluation)
          throw new Error(`rule ${ruleId} is off or does not apply to ${resource.resourceType}`);
        return evaluation;
      },
      sleep,
      now: () => new Date(),
      tunnelUpTimeoutMs: policy.vpn.tunnelUpTimeoutMinutes * 60_000,
    };
  }

  async function handleRecord(record: SQSRecord, context: Context): Promise<void> {
    const rt = runtime as Runtime;
    const message = parseAction(record);
    logger.appendKeys({ eventId: message.eventId, resource: message.ref.resourceId, ruleId: message.ruleId });
    if (rt.config.policy.dryRun) {
      logger.warn('Dry run is on: the queued action is not carried out');
      const at = new Date().toISOString();
      await rt.publish([
        actionMessage(message, {
          status: 'skipped',
          ruleId: message.ruleId,
          resourceId: message.ref.resourceId,
          mode: message.plan.mode,
          action: message.plan.action ?? 'unknown',
          calls: [],
          note: 'dry run is on in the remediate function: the queued action was not carried out',
          startedAt: at,
          finishedAt: at,
        }),
      ]);
      return;
    }
    execute ??= makeActionIdempotent(
      (request) => executePlan(request, executorDeps(rt, request.ref.region, request.ruleId)),
      { tableName: rt.config.tableName, client: rt.dynamoDb },
    );
    const result = await execute(message, context);
    if (result.outcome === 'in-progress') throw new ActionInProgressError(result.note);
    const action = result.record;
    metrics.addMetric(`Actions_${action.status}`, MetricUnit.Count, 1);
    logger.info('Action finished', { status: action.status, outcome: result.outcome, error: action.error });
    const now = new Date();
    const audit = [actionMessage(message, action, now)];
    // A fix that failed (a call refused, a tunnel that did not come back, a verification that did not hold)
    // is a finding of its own: the resource is still non-compliant and now also has a broken remediation.
    if (action.status === 'failed') audit.push(failedActionFinding(message, action, now));
    await rt.publish(audit);
    const findingId = findingIdOf(message.ruleId, message.ref.resourceId);
    const transition =
      action.status === 'remediated'
        ? await resolveFinding(rt.findings, findingId, now, 'remediated')
        : { kind: 'changed' as const, finding: await rt.findings.get(findingId) };
    const outbox = rt.deps().outbox;
    if (outbox && SLACK_WORTHY.has(action.status) && transition.finding) {
      await sendAlerts(
        rt.findings,
        outbox,
        [transition.kind === 'resolved' ? transition : { kind: 'changed', finding: transition.finding }],
        [message.evaluation],
        {
          now,
          reminderIntervalHours: rt.config.policy.slack.reminderIntervalHours,
          actions: new Map([[findingId, action]]),
          ...(message.actor ? { actor: message.actor } : {}),
          ...(message.eventTime ? { eventTime: message.eventTime } : {}),
        },
      );
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
