import type { Evaluation as ConfigEvaluation } from '@aws-sdk/client-config-service';
import type { ConfigRuleInvocation } from '../events/config.js';
import type { InspectRoute } from '../events/result.js';
import type { ConfigurationItemSummary } from '../events/schemas.js';
import { configResourceId } from '../inventory/config-constants.js';
import { CONFIG_FAMILIES } from '../inventory/live/port.js';
import type { InputError } from '../inventory/types.js';
import type { Evaluation } from '../model/evaluation.js';
import type { ResourceType } from '../model/resource.js';
import { notApplicableEvaluation, toConfigEvaluation } from '../report/config-evaluations.js';
import { createDelivery } from './deliver.js';
import type { MonitorDeps } from './deps.js';
import { inspectEvent } from './inspect.js';
import { evaluateAndRecord, inAccount } from './record.js';
import { withStoredUsers } from './sweep-users.js';

/** The result token AWS Config passes when a rule is tested: evaluations are checked, not recorded. */
export const TEST_MODE_TOKEN = 'TESTMODE';
const DELETED_STATUSES = new Set(['ResourceDeleted', 'ResourceDeletedNotRecorded']);

const REASONS = {
  deleted: 'The resource no longer exists.',
  leftScope: 'The resource left the scope of this rule.',
};

/** AWS Config refused some evaluations twice: thrown so Config invokes the rule again. */
class ConfigEvaluationError extends Error {
  override name = 'ConfigEvaluationError';
}

/** AWS Config as the custom rule uses it (shared/lambda/config-rule-function.ts wires it to the SDK). */
export interface ConfigRulePort {
  /** The latest recorded item of a resource (its capture time and status), or undefined when unreadable. */
  latestItem(
    resourceType: ResourceType,
    resourceId: string,
  ): Promise<{ configurationItemCaptureTime?: Date | string; configurationItemStatus?: string } | undefined>;
  /** PutEvaluations (in test mode for TEST_MODE_TOKEN); resolves with what Config refused. */
  putEvaluations(resultToken: string, evaluations: readonly ConfigEvaluation[]): Promise<ConfigEvaluation[]>;
  /** Config refused these evaluations once: they are sent again. */
  resending(keys: string[]): void;
  /** Config refused this many twice: the invocation fails. */
  refusedTwice(count: number): void;
}

interface ConfigRuleSummary {
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
  /** Answered from the stored evaluations of another trigger's inspection of the same change: nothing read. */
  duplicate?: true;
}

/** What one invocation found, before it is reported to Config. */
interface Report {
  evaluations: ConfigEvaluation[];
  errors: InputError[];
  resolved: number;
  ignored?: string;
  duplicate?: true;
}

function dateOf(value: string | Date | null | undefined): Date | undefined {
  if (value === undefined || value === null) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function countBy(evaluations: readonly ConfigEvaluation[], type: ConfigEvaluation['ComplianceType']): number {
  return evaluations.filter((evaluation) => evaluation.ComplianceType === type).length;
}

/** How an evaluation is named in logs and errors: `type|id`. */
export const configKeyOf = (evaluation: ConfigEvaluation) =>
  `${evaluation.ComplianceResourceType}|${evaluation.ComplianceResourceId}`;

/** A change notification: the resource's current state read live through the inspect use case. */
async function evaluateChange(
  invocation: ConfigRuleInvocation,
  item: ConfigurationItemSummary,
  deps: MonitorDeps,
  config: ConfigRulePort,
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
    const latest = await config.latestItem(ref.resourceType, item.resourceId);
    if (latest) {
      if (!item.configurationItemCaptureTime) {
        orderingTimestamp = dateOf(latest.configurationItemCaptureTime) ?? orderingTimestamp;
      }
      if (DELETED_STATUSES.has(latest.configurationItemStatus ?? '')) deleted = true;
    }
  }
  if (invocation.eventLeftScope && !deleted) return notApplicable(REASONS.leftScope, ref.resourceType);

  const inspectRoute: InspectRoute = deleted ? { ...route, deleted: true } : route;
  // Waits for a concurrent inspection of the same change, and answers Config from its stored evaluations.
  const outcome = await inspectEvent(inspectRoute, deps, { waitForResult: true });
  const resolved = outcome.transitions.filter((t) => t.kind === 'resolved').length;
  if (outcome.errors.length > 0) return { evaluations: [], errors: outcome.errors, resolved };
  if (outcome.ignored) return { ...notApplicable(outcome.ignored, ref.resourceType), resolved };
  if (deleted || outcome.gone.some((gone) => gone.resourceId === ref.resourceId)) {
    return {
      ...notApplicable(REASONS.deleted, ref.resourceType),
      resolved,
      ...(outcome.duplicate ? { duplicate: true as const } : {}),
    };
  }
  const key = { resourceType: ref.resourceType, resourceId: item.resourceId };
  return {
    ...(outcome.duplicate ? { duplicate: true as const } : {}),
    evaluations: [
      toConfigEvaluation(key, outcome.duplicate?.evaluations ?? outcome.evaluations, orderingTimestamp),
    ],
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
  const own = inAccount(read.resources, deps.scope);
  // Certificates judged with the users the sweep recorded, as the sweep and the inspections judge them.
  const resources = deps.certificateUsers ? await withStoredUsers(deps.certificateUsers, own, now) : own;
  // Record, then deliver from what is recorded, as the sweep does: a failed publish leaves the outbox owed.
  const delivery = createDelivery(deps, { now, triggerId: eventId });
  const { evaluations, transitions } = await evaluateAndRecord(
    deps,
    delivery,
    { resources, tlsPolicies: read.tlsPolicies },
    { now, eventId },
  );
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

/** Reports the evaluations; what Config refuses is sent once more, then the invocation fails. */
async function reportToConfig(config: ConfigRulePort, resultToken: string, evaluations: ConfigEvaluation[]) {
  const refused = await config.putEvaluations(resultToken, evaluations);
  if (refused.length === 0) return;
  config.resending(refused.map(configKeyOf));
  const again = new Set(refused.map(configKeyOf));
  const stillRefused = await config.putEvaluations(
    resultToken,
    evaluations.filter((evaluation) => again.has(configKeyOf(evaluation))),
  );
  if (stillRefused.length > 0) {
    config.refusedTwice(stillRefused.length);
    throw new ConfigEvaluationError(
      `AWS Config refused ${stillRefused.length} evaluations twice: ${stillRefused.map(configKeyOf).join(', ')}`,
    );
  }
}

/**
 * A custom AWS Config rule (DESIGN.md): a change notification reads the resource's current state live
 * through the inspect use case; a periodic one evaluates every resource of the rule's region. Findings are
 * recorded and published as everywhere else, and one evaluation per resource goes back to Config. Returns
 * what was reported, and what could not be read (the caller fails the invocation for it, after reporting).
 */
export async function configRule(
  invocation: ConfigRuleInvocation,
  item: ConfigurationItemSummary | undefined,
  deps: MonitorDeps,
  config: ConfigRulePort,
): Promise<{ summary: ConfigRuleSummary; evaluations: ConfigEvaluation[]; errors: InputError[] }> {
  const found =
    invocation.trigger === 'periodic' || !item
      ? await evaluatePeriodic(invocation, deps)
      : await evaluateChange(invocation, item, deps, config);
  await reportToConfig(config, invocation.resultToken, found.evaluations);
  const summary: ConfigRuleSummary = {
    eventId: invocation.eventId,
    messageType: invocation.messageType,
    trigger: invocation.trigger,
    testMode: invocation.resultToken === TEST_MODE_TOKEN,
    ...(found.ignored ? { ignored: found.ignored } : {}),
    ...(found.duplicate ? { duplicate: true } : {}),
    reported: found.evaluations.length,
    nonCompliant: countBy(found.evaluations, 'NON_COMPLIANT'),
    notApplicable: countBy(found.evaluations, 'NOT_APPLICABLE'),
    resolved: found.resolved,
  };
  return { summary, evaluations: found.evaluations, errors: found.errors };
}
