import { MetricUnit } from '@aws-lambda-powertools/metrics';
import {
  type Evaluation as ConfigEvaluation,
  type ResourceType as ConfigResourceType,
  type ConfigServiceClient,
  GetResourceConfigHistoryCommand,
  PutEvaluationsCommand,
} from '@aws-sdk/client-config-service';
import { type ConfigRuleInvocation, parseConfigRuleInvocation } from '../events/config.js';
import type { InspectRoute } from '../events/result.js';
import { type ConfigurationItemSummary, invokingEventSchema } from '../events/schemas.js';
import { CONFIG_FAMILIES } from '../inventory/live/port.js';
import type { InputError } from '../inventory/types.js';
import type { Evaluation } from '../model/evaluation.js';
import type { Resource, ResourceType } from '../model/resource.js';
import { notApplicableEvaluation, toConfigEvaluation } from '../report/config-evaluations.js';
import { recordEvaluations } from '../state/finding-store.js';
import { createTlsCatalog } from '../tls/policies.js';
import { plannedActions } from '../usecase/actions.js';
import { createDelivery } from '../usecase/deliver.js';
import type { MonitorDeps } from '../usecase/deps.js';
import { evaluateAndPlanAll } from '../usecase/evaluate.js';
import { inspectEvent } from '../usecase/inspect.js';
import { loadFunctionConfig } from './config.js';
import { InventoryReadError } from './event-function.js';
import { createHandler, createObservability } from './handler.js';
import { INSPECTOR_WIRING } from './inspector-wiring.js';
import { createRuntime, type Runtime } from './wiring.js';

/** The result token AWS Config passes when a rule is tested: evaluations are checked, not recorded. */
export const TEST_MODE_TOKEN = 'TESTMODE';
const BATCH_SIZE = 100; // PutEvaluations takes at most 100 evaluations per call
const DELETED_STATUSES = new Set(['ResourceDeleted', 'ResourceDeletedNotRecorded']);
const LOGGED_RESOURCES = 50;

/** The families AWS Config records (it does not record Direct Connect), for periodic evaluations. */

const REASONS = {
  deleted: 'The resource no longer exists.',
  leftScope: 'The resource left the scope of this rule.',
};

/** AWS Config refused some evaluations twice: thrown so Config invokes the rule again. */
export class ConfigEvaluationError extends Error {
  override name = 'ConfigEvaluationError';
}

/** A custom rule invocation with the configuration item (or oversized summary) it carries. */
export interface ParsedConfigRuleInvocation {
  invocation: ConfigRuleInvocation;
  item?: ConfigurationItemSummary;
}

export interface ConfigRuleSummary {
  eventId: string;
  messageType: string;
  trigger: ConfigRuleInvocation['trigger'];
  testMode: boolean;
  /** Why the resource was not evaluated (left scope, deleted, type not monitored, ...). */
  ignored?: string;
  /** Evaluations reported to AWS Config, and how many of them were NON_COMPLIANT / NOT_APPLICABLE. */
  reported: number;
  nonCompliant: number;
  notApplicable: number;
  /** Findings resolved (fixed or deleted). */
  resolved: number;
}

/** What one invocation found, before it is reported to Config. */
interface Report {
  evaluations: ConfigEvaluation[];
  errors: InputError[];
  resolved: number;
  ignored?: string;
}

/** Validates the invocation; the item is decoded again here because the route keeps only its ref. */
export function parseConfigRuleEvent(event: unknown): ParsedConfigRuleInvocation {
  const invocation = parseConfigRuleInvocation(event);
  // Already validated by parseConfigRuleInvocation: this cannot throw.
  const decoded = invokingEventSchema.parse(JSON.parse((event as { invokingEvent: string }).invokingEvent));
  if (decoded.messageType === 'ConfigurationItemChangeNotification') {
    return { invocation, item: decoded.configurationItem };
  }
  if (decoded.messageType === 'OversizedConfigurationItemChangeNotification') {
    return { invocation, item: decoded.configurationItemSummary };
  }
  return { invocation };
}

function dateOf(value: string | Date | null | undefined): Date | undefined {
  if (value === undefined || value === null) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** How AWS Config names a resource: classic load balancers by name, the rest by the id transit-guard uses. */
function configResourceId(resource: Resource): string {
  return resource.resourceType === 'AWS::ElasticLoadBalancing::LoadBalancer'
    ? resource.loadBalancerName
    : resource.resourceId;
}

function countBy(evaluations: readonly ConfigEvaluation[], type: ConfigEvaluation['ComplianceType']): number {
  return evaluations.filter((evaluation) => evaluation.ComplianceType === type).length;
}

const keyOf = (evaluation: ConfigEvaluation) =>
  `${evaluation.ComplianceResourceType}|${evaluation.ComplianceResourceId}`;

/**
 * A custom AWS Config rule (DESIGN.md): a change notification reads the resource's current state live
 * through the inspect use case; a periodic one evaluates every resource of the rule's region. Findings are
 * recorded and published as everywhere else, and one evaluation per resource goes back to Config.
 */
export function createConfigRuleFunction(options: { runtime?: () => Runtime } = {}) {
  const observability = createObservability('config-rule');
  const { logger, metrics } = observability;
  let runtime: Runtime | undefined;

  /** The latest recorded item of an oversized notification: its capture time and status. */
  async function latestItem(config: ConfigServiceClient, resourceType: ResourceType, resourceId: string) {
    try {
      const output = await config.send(
        new GetResourceConfigHistoryCommand({
          resourceType: resourceType as ConfigResourceType,
          resourceId,
          limit: 1,
        }),
      );
      return output.configurationItems?.[0];
    } catch (error) {
      // The live read below still decides; only the capture time and status fall back to the summary.
      logger.warn('Could not read the configuration item of an oversized notification', {
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      });
      return undefined;
    }
  }

  async function evaluateChange(
    invocation: ConfigRuleInvocation,
    item: ConfigurationItemSummary,
    deps: MonitorDeps,
    config: ConfigServiceClient,
  ): Promise<Report> {
    const route = invocation.route;
    let orderingTimestamp =
      dateOf(item.configurationItemCaptureTime) ?? dateOf(invocation.notificationCreationTime) ?? deps.now();
    const notApplicable = (reason: string, resourceType: string = item.resourceType): Report => ({
      evaluations: [
        notApplicableEvaluation({ resourceType, resourceId: item.resourceId }, reason, orderingTimestamp),
      ],
      errors: [],
      resolved: 0,
      ignored: reason,
    });
    if (route.kind === 'ignore') return notApplicable(route.reason);
    const ref = route.refs[0];
    if (!ref) return notApplicable('The notification names no resource.');

    let deleted = route.deleted === true;
    if (invocation.messageType === 'OversizedConfigurationItemChangeNotification') {
      const latest = await latestItem(config, ref.resourceType, item.resourceId);
      if (latest) {
        if (!item.configurationItemCaptureTime) {
          orderingTimestamp = dateOf(latest.configurationItemCaptureTime) ?? orderingTimestamp;
        }
        if (DELETED_STATUSES.has(latest.configurationItemStatus ?? '')) deleted = true;
      }
    }
    if (invocation.eventLeftScope && !deleted) return notApplicable(REASONS.leftScope, ref.resourceType);

    const inspectRoute: InspectRoute = deleted ? { ...route, deleted: true } : route;
    const outcome = await inspectEvent(inspectRoute, deps);
    const resolved = outcome.transitions.filter((t) => t.kind === 'resolved').length;
    if (outcome.errors.length > 0) return { evaluations: [], errors: outcome.errors, resolved };
    if (outcome.ignored) return { ...notApplicable(outcome.ignored, ref.resourceType), resolved };
    if (deleted || outcome.gone.some((gone) => gone.resourceId === ref.resourceId)) {
      return { ...notApplicable(REASONS.deleted, ref.resourceType), resolved };
    }
    const key = { resourceType: ref.resourceType, resourceId: item.resourceId };
    return {
      evaluations: [toConfigEvaluation(key, outcome.evaluations, orderingTimestamp)],
      errors: [],
      resolved,
    };
  }

  /** ScheduledNotification and snapshot deliveries: every recorded resource of the rule's region. */
  async function evaluatePeriodic(invocation: ConfigRuleInvocation, deps: MonitorDeps): Promise<Report> {
    const { region, eventId } = invocation;
    const regions = deps.scope.regions ?? [];
    if (regions.length > 0 && !regions.includes(region)) {
      return { evaluations: [], errors: [], resolved: 0, ignored: `region ${region} is not monitored` };
    }
    const now = deps.now();
    const orderingTimestamp = dateOf(invocation.notificationCreationTime) ?? now;
    const read = await deps.source.enumerate(region, CONFIG_FAMILIES);
    const resources = read.resources.filter(
      (r) => !deps.scope.accountId || !r.accountId || r.accountId === deps.scope.accountId,
    );
    const tls = createTlsCatalog({ elbv2Policies: read.elbv2Policies });
    const evaluations = evaluateAndPlanAll(resources, deps.rules, { policy: deps.policy, now, tls });
    // Record, then deliver from what is recorded, as the sweep does: a failed publish leaves the outbox owed.
    const delivery = createDelivery(deps, { now, triggerId: eventId });
    delivery.plan(resources, plannedActions(evaluations, { eventId }));
    const transitions = await recordEvaluations(deps.findings, evaluations, now, delivery.outbox);
    delivery.collect(transitions, evaluations);
    await delivery.send();
    const byResource = new Map<string, Evaluation[]>();
    for (const evaluation of evaluations) {
      byResource.set(evaluation.resourceId, [...(byResource.get(evaluation.resourceId) ?? []), evaluation]);
    }
    return {
      evaluations: resources.map((resource) =>
        toConfigEvaluation(
          { resourceType: resource.resourceType, resourceId: configResourceId(resource) },
          byResource.get(resource.resourceId) ?? [],
          orderingTimestamp,
        ),
      ),
      errors: read.errors,
      resolved: transitions.filter((t) => t.kind === 'resolved').length,
    };
  }

  /** PutEvaluations, 100 a call; returns what Config refused. */
  async function put(
    config: ConfigServiceClient,
    resultToken: string,
    evaluations: readonly ConfigEvaluation[],
  ): Promise<ConfigEvaluation[]> {
    const testMode = resultToken === TEST_MODE_TOKEN;
    const refused: ConfigEvaluation[] = [];
    for (let start = 0; start < evaluations.length; start += BATCH_SIZE) {
      const output = await config.send(
        new PutEvaluationsCommand({
          ResultToken: resultToken,
          Evaluations: evaluations.slice(start, start + BATCH_SIZE),
          ...(testMode ? { TestMode: true } : {}),
        }),
      );
      refused.push(...(output.FailedEvaluations ?? []));
    }
    return refused;
  }

  /** Reports the evaluations; what Config refuses is sent once more, then the invocation fails. */
  async function report(config: ConfigServiceClient, resultToken: string, evaluations: ConfigEvaluation[]) {
    const refused = await put(config, resultToken, evaluations);
    if (refused.length === 0) return;
    logger.warn('AWS Config refused some evaluations: sending them again', {
      refused: refused.map(keyOf),
    });
    const again = new Set(refused.map(keyOf));
    const stillRefused = await put(
      config,
      resultToken,
      evaluations.filter((evaluation) => again.has(keyOf(evaluation))),
    );
    if (stillRefused.length > 0) {
      metrics.addMetric('RefusedConfigEvaluations', MetricUnit.Count, stillRefused.length);
      throw new ConfigEvaluationError(
        `AWS Config refused ${stillRefused.length} evaluations twice: ${stillRefused.map(keyOf).join(', ')}`,
      );
    }
  }

  return createHandler({
    name: 'config-rule',
    observability,
    parse: parseConfigRuleEvent,
    async handle({ invocation, item }): Promise<ConfigRuleSummary> {
      runtime ??= options.runtime ? options.runtime() : createRuntime(loadFunctionConfig(), INSPECTOR_WIRING);
      // The handler logged the result token as the id; the derived id is stable and shorter.
      logger.appendKeys({
        eventId: invocation.eventId,
        configRule: invocation.configRuleName,
        messageType: invocation.messageType,
        ...(item ? { resourceType: item.resourceType, resourceId: item.resourceId } : {}),
      });
      const deps = runtime.deps();
      const config = runtime.clientsFor(invocation.region).config;
      const found =
        invocation.trigger === 'periodic' || !item
          ? await evaluatePeriodic(invocation, deps)
          : await evaluateChange(invocation, item, deps, config);
      await report(config, invocation.resultToken, found.evaluations);

      const summary: ConfigRuleSummary = {
        eventId: invocation.eventId,
        messageType: invocation.messageType,
        trigger: invocation.trigger,
        testMode: invocation.resultToken === TEST_MODE_TOKEN,
        ...(found.ignored ? { ignored: found.ignored } : {}),
        reported: found.evaluations.length,
        nonCompliant: countBy(found.evaluations, 'NON_COMPLIANT'),
        notApplicable: countBy(found.evaluations, 'NOT_APPLICABLE'),
        resolved: found.resolved,
      };
      metrics.addMetric('ConfigEvaluations', MetricUnit.Count, summary.reported);
      metrics.addMetric('NonCompliantEvaluations', MetricUnit.Count, summary.nonCompliant);
      logger.info('Config rule evaluated', {
        ...summary,
        resources: found.evaluations.slice(0, LOGGED_RESOURCES).map(keyOf),
      });
      if (found.errors.length > 0) {
        metrics.addMetric('UnreadableResources', MetricUnit.Count, found.errors.length);
        logger.error('Some resources could not be read', { errors: found.errors });
        throw new InventoryReadError(found.errors.map((e) => `${e.source}: ${e.message}`).join('; '));
      }
      return summary;
    },
  });
}
