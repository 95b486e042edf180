import type { Evaluation, Severity } from '../model/evaluation.js';
import type { Actor } from '../model/ref.js';
import type { Resource } from '../model/resource.js';
import type { FindingMessage } from '../report/findings-bus.js';
import { type Alert, postable, selectAlerts } from '../report/slack/alerts.js';
import { buildDigestMessage, type FoldedAlerts, foldAlerts } from '../report/slack/digest.js';
import {
  type ActionOutcome,
  buildFindingMessage,
  type FindingMessageInput,
} from '../report/slack/message.js';
import type { SlackPayload } from '../report/slack/payload.js';
import {
  clearDelivered,
  type DeliveryChannel,
  type FindingRecord,
  type FindingTransition,
  findingIdOf,
  markNotified,
  type NewDelivery,
  type OutboxBuilder,
  type PendingDelivery,
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
  /** What was executed for a finding, by finding id, for its Slack message (the remediate function). */
  actions?: ReadonlyMap<string, ActionOutcome>;
}

/** How `send` tells Slack: one message per alert, or one digest standing for all of them. */
export interface SendOptions {
  /** Post one digest whatever the number of alerts (the first sweep); else only above slack.digestThreshold. */
  digest?: boolean;
  /** Builds the digest (the sweep's, with its KPIs); default: a digest of the alerts alone. */
  summarize?: (folded: FoldedAlerts) => Promise<SlackPayload>;
  /**
   * The fanned-out sweep: keeps every alert for its run's fan-in, which posts them, or one digest when the whole
   * sweep raised more than slack.digestThreshold (./sweep-run.ts); false: there is no run to keep them (it
   * expired), so they go out now as without this option.
   */
  hold?: (alerts: readonly AlertToHold[], folded: FoldedAlerts) => Promise<boolean>;
}

/** An alert handed to SendOptions.hold: which alert, when, and its message (built only when asked for). */
export interface AlertToHold {
  findingId: string;
  reason: Alert['reason'];
  at: string;
  build: () => SlackPayload;
}

/** A digest of the alerts of a run that is not a sweep: their counts and the worst of them. */
function alertsDigest(alerts: readonly Pick<Alert, 'reason' | 'finding'>[], at: string): SlackPayload {
  const open = alerts.filter(({ reason }) => reason !== 'resolved').map(({ finding }) => finding);
  const counts: Partial<Record<Severity, number>> = {};
  for (const finding of open) counts[finding.severity] = (counts[finding.severity] ?? 0) + 1;
  return buildDigestMessage({
    counts,
    worst: open,
    sweptAt: at,
    regions: [...new Set(open.flatMap((finding) => (finding.region ? [finding.region] : [])))],
    folded: foldAlerts(alerts),
    heading: 'transit-guard',
  });
}

/** Above this, a plan record keeps no configuration snapshot in the outbox (the bus would drop it too). */
const MAX_STORED_PLAN_CHARS = 60_000;

/** Bus messages in the order the bus gets them: by transition time, then findings, resolutions, plans. */
const KIND_ORDER: Record<FindingMessage['kind'], number> = { finding: 0, resolution: 1, plan: 2, action: 3 };

/** A plan record small enough to keep: without its snapshot when that is what makes it large. */
function storable(message: FindingMessage): FindingMessage {
  if (message.kind !== 'plan' || !message.before) return message;
  if (JSON.stringify(message).length <= MAX_STORED_PLAN_CHARS) return message;
  const { before: _snapshot, ...rest } = message;
  return { ...rest, configurationTruncated: true };
}

/** Whether a finding still owes `channel` something. */
const owes = (record: FindingRecord, channel: DeliveryChannel) =>
  (record.pending ?? []).some((delivery) => delivery.channels.includes(channel));

/**
 * Some messages were refused by a channel: they stay owed, and the invocation fails so it is retried.
 * @internal An error production throws; tests check for it with instanceof / toThrow.
 */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
}

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
    ...(context.actions ? { actions: context.actions } : {}),
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
    const reason = transition.kind as Alert['reason'];
    if (deps.outbox && postable(reason, finding, deps.policy.slack)) {
      const alert: Alert = { reason, finding, transition };
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
        actionsByFinding.set(action.findingId, [...(actionsByFinding.get(action.findingId) ?? []), action]);
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
        if (!owes(record, 'bus')) direct.bus.push(...busMessages(transition, evaluation));
        if (!owes(record, 'actions')) direct.actions.push(...(actionsByFinding.get(record.findingId) ?? []));
        if (owes(record, 'slack')) return;
        for (const alert of selectAlerts([transition], { now: context.now, slack: deps.policy.slack })) {
          direct.alerts.push(alert);
          evaluationsOf.set(alert, evaluation);
        }
      });
    },
    /** Findings that owe deliveries from earlier invocations (the sweep's pending index). */
    owe,
    /**
     * Sends what is owed and the re-observations: bus, then actions, then Slack. A transition goes to the next
     * channel only once the previous one took it (a plan's audit record is on the bus before its action is
     * queued; Slack hears of an action once it is queued); other findings are not held back by it. Each
     * channel that took a transition is cleared from its outbox; then the first failure, if any, is thrown.
     * Slack gets one digest instead of one message each when `options.digest` says so or there are more than
     * slack.digestThreshold; the findings it stands for count as told all the same.
     */
    async send(
      options: SendOptions = {},
    ): Promise<{ published: number; actions: number; alerts: number; digest: boolean }> {
      const owedDeliveries = [...owed.values()].flatMap((record) =>
        (record.pending ?? []).map((delivery) => ({ record, delivery })),
      );
      const took = new Map<PendingDelivery, DeliveryChannel[]>();
      const mark = (delivery: PendingDelivery, channel: DeliveryChannel) =>
        took.set(delivery, [...(took.get(delivery) ?? []), channel]);
      /** Whether a delivery owes nothing more to `channel` (never owed it, took it now, or no such port). */
      const through = (delivery: PendingDelivery, channel: DeliveryChannel, port: unknown) =>
        !port || !delivery.channels.includes(channel) || (took.get(delivery) ?? []).includes(channel);
      const owing = (channel: DeliveryChannel, ...before: [DeliveryChannel, unknown][]) =>
        owedDeliveries.filter(
          ({ delivery }) =>
            delivery.channels.includes(channel) &&
            before.every(([previous, port]) => through(delivery, previous, port)),
        );
      const sent = { published: 0, actions: 0, alerts: 0, digest: false };
      const failures: unknown[] = [];

      const toBus = owing('bus');
      const bus = [...toBus.flatMap(({ delivery }) => delivery.bus as FindingMessage[]), ...direct.bus].sort(
        (a, b) => a.observedAt.localeCompare(b.observedAt) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind],
      );
      let refused: ReadonlySet<FindingMessage> = new Set();
      if (bus.length > 0) {
        try {
          refused = new Set((await deps.publish(bus)) ?? []);
          if (refused.size > 0) {
            failures.push(
              new DeliveryError(`the findings bus refused ${refused.size} of ${bus.length} messages`),
            );
          }
        } catch (error) {
          failures.push(error);
          refused = new Set(bus);
        }
      }
      // Counted only when nothing failed (a refusal throws), so: all of them.
      sent.published = bus.length;
      for (const { delivery } of toBus) {
        if (!(delivery.bus as FindingMessage[]).some((message) => refused.has(message)))
          mark(delivery, 'bus');
      }

      if (deps.actions) {
        const toQueue = owing('actions', ['bus', deps.publish]);
        // A re-observed action waits for its finding's audit record too (the retry re-derives both).
        const unrecorded = new Set(
          [...refused].map((message) =>
            findingIdOf(message.evaluation.ruleId, message.evaluation.resourceId),
          ),
        );
        const actions = [
          ...toQueue.flatMap(({ delivery }) => delivery.actions as ActionMessage[]),
          ...direct.actions.filter((action) => !unrecorded.has(action.findingId)),
        ];
        try {
          if (actions.length > 0) await deps.actions.enqueue(actions);
          sent.actions = actions.length;
          for (const { delivery } of toQueue) mark(delivery, 'actions');
        } catch (error) {
          failures.push(error);
        }
      }

      let toldDirect = false;
      if (deps.outbox) {
        const toSlack = owing('slack', ['bus', deps.publish], ['actions', deps.actions]);
        // By transition time, then in the order the findings were seen.
        const alerts = [
          ...toSlack.map(({ record, delivery }) => ({
            at: delivery.at,
            rank: order.get(record.findingId) ?? 0,
            reason: delivery.transition,
            finding: record,
            build: () => buildFindingMessage(delivery.slack as FindingMessageInput),
          })),
          ...direct.alerts.map((alert) => ({
            at: observedAt,
            rank: order.get(alert.finding.findingId) ?? 0,
            reason: alert.reason,
            finding: alert.finding,
            build: () => messageFor(alert, evaluationsOf.get(alert), alertContext),
          })),
        ];
        try {
          const held =
            alerts.length > 0 && options.hold
              ? await options.hold(
                  alerts.map(({ at, reason, finding, build }) => ({
                    findingId: finding.findingId,
                    reason,
                    at,
                    build,
                  })),
                  foldAlerts(alerts),
                )
              : false;
          const digest =
            !held &&
            alerts.length > 0 &&
            (options.digest === true || alerts.length > deps.policy.slack.digestThreshold);
          const payloads = held
            ? []
            : digest
              ? [
                  await (options.summarize?.(foldAlerts(alerts)) ??
                    Promise.resolve(alertsDigest(alerts, observedAt))),
                ]
              : alerts
                  .sort((a, b) => a.at.localeCompare(b.at) || a.rank - b.rank)
                  .map((alert) => alert.build());
          if (payloads.length > 0) await deps.outbox.enqueue(payloads);
          sent.alerts = payloads.length;
          sent.digest = digest;
          toldDirect = true;
          for (const { delivery } of toSlack) mark(delivery, 'slack');
        } catch (error) {
          failures.push(error);
        }
      }

      for (const record of owed.values()) {
        // One write per set of channels taken (usually one: every delivery of the finding took every channel).
        const groups = new Map<string, { channels: DeliveryChannel[]; deliveries: PendingDelivery[] }>();
        for (const delivery of record.pending ?? []) {
          const channels = took.get(delivery);
          if (!channels) continue;
          const key = channels.join();
          const group = groups.get(key) ?? { channels, deliveries: [] };
          group.deliveries.push(delivery);
          groups.set(key, group);
        }
        for (const { channels, deliveries } of groups.values()) {
          await clearDelivered(deps.findings, { ...record, pending: deliveries }, channels, context.now);
        }
      }
      if (toldDirect) {
        for (const alert of direct.alerts) await markNotified(deps.findings, alert.finding, context.now);
      }
      if (failures.length > 0) throw failures[0];
      return sent;
    },
  };
}

export type Delivery = ReturnType<typeof createDelivery>;
