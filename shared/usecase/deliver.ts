import type { Evaluation } from '../model/evaluation.js';
import type { Actor } from '../model/ref.js';
import type { Resource } from '../model/resource.js';
import type { FindingMessage } from '../report/findings-bus.js';
import { type Alert, markNotified, selectAlerts } from '../report/slack/alerts.js';
import { buildFindingMessage, type FindingMessageInput } from '../report/slack/message.js';
import type { SlackPayload } from '../report/slack/payload.js';
import {
  clearDelivered,
  type DeliveryChannel,
  type FindingRecord,
  type FindingTransition,
  findingIdOf,
  type NewDelivery,
  type OutboxBuilder,
} from '../state/finding-store.js';
import type { ActionMessage } from './actions.js';
import { alertInput, messageFor } from './alerts.js';
import type { MonitorDeps } from './deps.js';
import { findingMessages, planMessages } from './messages.js';

/** What the messages of one invocation carry: when, why (the trigger) and who made the change. */
export interface DeliveryContext {
  now: Date;
  triggerId: string;
  actor?: Actor;
  eventTime?: string;
}

/** Above this, a plan record keeps no configuration snapshot in the outbox (the bus would drop it too). */
const MAX_STORED_PLAN_CHARS = 60_000;

/** Bus messages in the order the bus gets them: by transition time, then findings, resolutions, plans. */
const KIND_ORDER: Record<FindingMessage['kind'], number> = { finding: 0, resolution: 1, plan: 2, action: 3 };

/** The finding an action message is for (the message is opaque: its finding id, or its rule and resource). */
function actionFindingId(action: ActionMessage): string | undefined {
  const fields = action as unknown as {
    findingId?: unknown;
    ruleId?: unknown;
    ref?: { resourceId?: unknown };
  };
  if (typeof fields.findingId === 'string') return fields.findingId;
  if (typeof fields.ruleId === 'string' && typeof fields.ref?.resourceId === 'string') {
    return findingIdOf(fields.ruleId, fields.ref.resourceId);
  }
  return undefined;
}

/** A plan record small enough to keep: without its snapshot when that is what makes it large. */
function storable(message: FindingMessage): FindingMessage {
  if (message.kind !== 'plan' || !message.before) return message;
  if (JSON.stringify(message).length <= MAX_STORED_PLAN_CHARS) return message;
  const { before: _snapshot, ...rest } = message;
  return { ...rest, configurationTruncated: true };
}

const owing = (record: FindingRecord, channel: DeliveryChannel) =>
  (record.pending ?? []).filter((delivery) => delivery.channels.includes(channel));

/**
 * Record, then deliver from what is recorded. An invocation tells the finding store what each transition
 * (opened, changed, resolved) owes the findings bus, the actions queue and Slack, in the same write that
 * records it; then it sends what its findings still owe (this transition's and any earlier one's that a failed
 * invocation left), bus first, then actions, then Slack, and clears each channel once it took them. An
 * evaluation that changes nothing (a re-observation) is sent as before, without the outbox: the next event or
 * sweep sends it again anyway, and it is left out while its finding still owes that channel.
 */
export function createDelivery(deps: MonitorDeps, context: DeliveryContext) {
  const observedAt = context.now.toISOString();
  const common = {
    observedAt,
    triggerId: context.triggerId,
    ...(context.actor ? { actor: context.actor } : {}),
  };
  const alertContext = {
    ...(context.actor ? { actor: context.actor } : {}),
    ...(context.eventTime ? { eventTime: context.eventTime } : {}),
  };
  const resources: Resource[] = [];
  const actionsByFinding = new Map<string, ActionMessage[]>();
  const owed = new Map<string, FindingRecord>();
  const direct = { bus: [] as FindingMessage[], actions: [] as ActionMessage[], alerts: [] as Alert[] };
  const evaluationsOf = new Map<Alert, Evaluation | undefined>();
  /** Findings in the order they were first seen: Slack hears of them in that order. */
  const order = new Map<string, number>();
  const see = (findingId: string) => {
    if (!order.has(findingId)) order.set(findingId, order.size);
  };

  /** The bus messages of an evaluation (a finding, its plan record) or of a resolution. */
  function busMessages(transition: FindingTransition, evaluation: Evaluation | undefined): FindingMessage[] {
    const evaluations = evaluation ? [evaluation] : [];
    return [
      ...findingMessages(evaluations, transition.kind === 'resolved' ? [transition] : [], common),
      ...planMessages(evaluations, resources, common),
    ];
  }

  const outbox: OutboxBuilder = (transition, evaluation) => {
    const finding = transition.finding as FindingRecord;
    const delivery: NewDelivery = { channels: [] };
    const bus = busMessages(transition, evaluation).map(storable);
    if (bus.length > 0) {
      delivery.channels.push('bus');
      delivery.bus = bus;
    }
    const actions = transition.kind === 'resolved' ? [] : (actionsByFinding.get(finding.findingId) ?? []);
    if (deps.actions && actions.length > 0) {
      delivery.channels.push('actions');
      delivery.actions = actions;
    }
    if (deps.outbox) {
      const alert: Alert = { reason: transition.kind as Alert['reason'], finding, transition };
      delivery.channels.push('slack');
      delivery.slack = alertInput(alert, evaluation, alertContext);
    }
    return delivery;
  };

  /** Findings that owe deliveries; the latest version read of each. */
  function owe(records: readonly FindingRecord[]): void {
    for (const record of records) {
      see(record.findingId);
      const known = owed.get(record.findingId);
      if (!known || known.version < record.version) owed.set(record.findingId, record);
    }
  }

  return {
    /** What is recorded next was planned from these resources (plan records) and with these actions. */
    plan(read: readonly Resource[], actions: readonly ActionMessage[]): void {
      resources.push(...read);
      for (const action of actions) {
        const id = actionFindingId(action);
        // An action that names no finding has no outbox: it is sent as before, never dropped.
        if (id === undefined) direct.actions.push(action);
        else actionsByFinding.set(id, [...(actionsByFinding.get(id) ?? []), action]);
      }
    },
    /** For recordEvaluations, resolveResource and resolveFinding. */
    outbox,
    /**
     * Takes what recording returned (`evaluations` in the same order as `transitions`, when recorded from
     * evaluations): the findings that owe deliveries, and the re-observations to send as before.
     */
    collect(transitions: readonly FindingTransition[], evaluations: readonly Evaluation[] = []): void {
      transitions.forEach((transition, index) => {
        const record = transition.finding ?? transition.previous;
        if (!record) return;
        see(record.findingId);
        if (record.pending) owe([record]);
        const evaluation = evaluations[index];
        if (transition.kind !== 'unchanged' || !evaluation) return;
        if (owing(record, 'bus').length === 0) direct.bus.push(...busMessages(transition, evaluation));
        if (owing(record, 'actions').length === 0) {
          direct.actions.push(...(actionsByFinding.get(record.findingId) ?? []));
        }
        if (owing(record, 'slack').length > 0) return;
        for (const alert of selectAlerts([transition], {
          now: context.now,
          reminderIntervalHours: deps.policy.slack.reminderIntervalHours,
        })) {
          direct.alerts.push(alert);
          evaluationsOf.set(alert, evaluation);
        }
      });
    },
    /** Findings that owe deliveries from earlier invocations (the sweep's pending index). */
    owe,
    /**
     * Sends what is owed and the re-observations: bus, then actions, then Slack, stopping at the first channel
     * that fails (its error is thrown once the channels that succeeded are cleared). A plan's audit record is
     * on the bus before its action is queued, and Slack hears of an action once it is queued.
     */
    async send(): Promise<{ published: number; actions: number; alerts: number }> {
      const records = [...owed.values()];
      const owes = (channel: DeliveryChannel) => records.flatMap((record) => owing(record, channel));
      const sent = { published: 0, actions: 0, alerts: 0 };
      const done: DeliveryChannel[] = [];
      let failure: unknown;
      try {
        const bus = [...owes('bus').flatMap((d) => d.bus as FindingMessage[]), ...direct.bus].sort(
          (a, b) => a.observedAt.localeCompare(b.observedAt) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind],
        );
        if (bus.length > 0) await deps.publish(bus);
        sent.published = bus.length;
        done.push('bus');
        if (deps.actions) {
          const actions = [
            ...owes('actions').flatMap((d) => d.actions as ActionMessage[]),
            ...direct.actions,
          ];
          if (actions.length > 0) await deps.actions.enqueue(actions);
          sent.actions = actions.length;
          done.push('actions');
        }
        if (deps.outbox) {
          // By transition time, then in the order the findings were seen.
          const alerts: { at: string; rank: number; build: () => SlackPayload }[] = [
            ...records.flatMap((record) =>
              owing(record, 'slack').map((d) => ({
                at: d.at,
                rank: order.get(record.findingId) ?? 0,
                build: () => buildFindingMessage(d.slack as FindingMessageInput),
              })),
            ),
            ...direct.alerts.map((alert) => ({
              at: observedAt,
              rank: order.get(alert.finding.findingId) ?? 0,
              build: () => messageFor(alert, evaluationsOf.get(alert), alertContext),
            })),
          ];
          const payloads = alerts
            .sort((a, b) => a.at.localeCompare(b.at) || a.rank - b.rank)
            .map((alert) => alert.build());
          if (payloads.length > 0) await deps.outbox.enqueue(payloads);
          sent.alerts = payloads.length;
          done.push('slack');
        }
      } catch (error) {
        failure = error;
      }
      for (const record of records) {
        if (done.some((channel) => owing(record, channel).length > 0)) {
          await clearDelivered(deps.findings, record, done, context.now);
        }
      }
      if (failure !== undefined) throw failure;
      for (const alert of direct.alerts) await markNotified(deps.findings, alert.finding, context.now);
      return sent;
    },
  };
}

export type Delivery = ReturnType<typeof createDelivery>;
