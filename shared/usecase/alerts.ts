import type { Evaluation } from '../model/evaluation.js';
import type { Actor } from '../model/ref.js';
import { type Alert, type SlackSettings, selectAlerts } from '../report/slack/alerts.js';
import {
  type ActionOutcome,
  buildFindingMessage,
  type FindingMessageInput,
} from '../report/slack/message.js';
import type { SlackPayload } from '../report/slack/payload.js';
import {
  type FindingStore,
  type FindingTransition,
  findingIdOf,
  markNotified,
} from '../state/finding-store.js';
import { resolvedEvaluation } from './messages.js';

/** Where Slack messages go: the SQS outbox the notify-slack function drains. */
export interface SlackOutbox {
  enqueue(payloads: SlackPayload[]): Promise<void>;
}

export interface AlertContext {
  now: Date;
  /** The policy's `slack` section (minimum severity, reminder intervals). */
  slack: SlackSettings;
  actor?: Actor;
  eventTime?: string;
  /** What was executed for a finding, by finding id (the remediate function). */
  actions?: ReadonlyMap<string, ActionOutcome>;
}

/** What the Slack message of an alert is built from (kept in the finding's outbox until Slack took it). */
export function alertInput(
  alert: Alert,
  evaluation: Evaluation | undefined,
  context: Omit<AlertContext, 'now' | 'slack'>,
): FindingMessageInput {
  const finding = alert.finding;
  const action = context.actions?.get(finding.findingId);
  return {
    evaluation: alert.reason === 'resolved' || !evaluation ? resolvedEvaluation(finding) : evaluation,
    kind: alert.reason === 'reminder' ? 'unchanged' : alert.reason,
    firstSeenAt: finding.firstSeenAt,
    ...(finding.resolution ? { resolution: finding.resolution } : {}),
    ...(context.actor ? { actor: context.actor } : {}),
    ...(context.eventTime ? { eventTime: context.eventTime } : {}),
    ...(action ? { action } : {}),
  };
}

/** The Slack message of an alert. */
export function messageFor(
  alert: Alert,
  evaluation: Evaluation | undefined,
  context: Omit<AlertContext, 'now' | 'slack'>,
): SlackPayload {
  return buildFindingMessage(alertInput(alert, evaluation, context));
}

/**
 * Tells Slack what changed: one message per finding that opened, changed, was resolved, or is due a
 * reminder (as far as `slack.minSeverity` lets it). Messages go to the outbox first; only then is each finding marked notified, so a failure to
 * enqueue never loses an alert (the invocation fails and is retried).
 */
export async function sendAlerts(
  store: FindingStore,
  outbox: SlackOutbox,
  transitions: readonly FindingTransition[],
  evaluations: readonly Evaluation[],
  context: AlertContext,
): Promise<number> {
  const alerts = selectAlerts(transitions, { now: context.now, slack: context.slack });
  if (alerts.length === 0) return 0;
  const byFinding = new Map(evaluations.map((e) => [findingIdOf(e.ruleId, e.resourceId), e]));
  await outbox.enqueue(
    alerts.map((alert) => messageFor(alert, byFinding.get(alert.finding.findingId), context)),
  );
  for (const alert of alerts) await markNotified(store, alert.finding, context.now);
  return alerts.length;
}
