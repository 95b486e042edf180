import type { ReadResult } from '../inventory/live/port.js';
import type { Evaluation } from '../model/evaluation.js';
import type { Actor } from '../model/ref.js';
import type { Resource } from '../model/resource.js';
import { type FindingTransition, recordEvaluations } from '../state/finding-store.js';
import { createTlsCatalog } from '../tls/policies.js';
import { plannedActions } from './actions.js';
import type { Delivery } from './deliver.js';
import type { MonitorDeps } from './deps.js';
import { evaluateAndPlanAll } from './evaluate.js';

/** Who and what triggered the evaluation: the event (or sweep, or Config invocation) and its actor. */
interface TriggerContext {
  now: Date;
  eventId: string;
  actor?: Actor;
  eventTime?: string;
}

interface Recorded {
  evaluations: Evaluation[];
  transitions: FindingTransition[];
}

/**
 * The one tail of every use case that judges what it read: evaluate and plan (with the live security policies
 * read alongside), record each finding's transition with what it owes the bus, the actions queue and Slack,
 * and hand the delivery what to send. `delivery.send()` then publishes, queues and alerts.
 */
export async function evaluateAndRecord(
  deps: MonitorDeps,
  delivery: Delivery,
  read: Pick<ReadResult, 'resources' | 'tlsPolicies'>,
  context: TriggerContext,
): Promise<Recorded> {
  const { now } = context;
  const tls = createTlsCatalog({ tlsPolicies: read.tlsPolicies });
  const evaluations = evaluateAndPlanAll(read.resources, deps.rules, { policy: deps.policy, now, tls });
  const { now: _now, ...trigger } = context;
  delivery.plan(read.resources, plannedActions(evaluations, trigger));
  const transitions = await recordEvaluations(deps.findings, evaluations, now, delivery.outbox);
  delivery.collect(transitions, evaluations);
  return { evaluations, transitions };
}

/** The resources of the deployment's account (an enumeration can list shared ones of other accounts). */
export function inAccount(resources: readonly Resource[], scope: MonitorDeps['scope']): Resource[] {
  return resources.filter((r) => !scope.accountId || !r.accountId || r.accountId === scope.accountId);
}
