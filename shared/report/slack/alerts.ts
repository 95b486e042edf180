import { extend } from '../../model/extend.js';
import {
  FindingConflictError,
  type FindingRecord,
  type FindingStore,
  type FindingTransition,
} from '../../state/finding-store.js';

/** Why a transition gets a Slack message. */
export type AlertReason = 'opened' | 'changed' | 'reminder' | 'resolved';

export interface Alert {
  reason: AlertReason;
  finding: FindingRecord;
  transition: FindingTransition;
}

export interface AlertSelectionOptions {
  now: Date;
  /** The policy's slack.reminderIntervalHours. */
  reminderIntervalHours: number;
}

const HOUR_MS = 3_600_000;
const MAX_MARK_ATTEMPTS = 5;

/**
 * Which transitions get a message: opened, changed and resolved findings always; a finding still open and
 * unchanged only when Slack was last told about it longer ago than the reminder interval (a reminder), or
 * never (as opened: its first message was lost before it reached the outbox).
 */
export function selectAlerts(
  transitions: readonly FindingTransition[],
  options: AlertSelectionOptions,
): Alert[] {
  const dueBefore = options.now.getTime() - options.reminderIntervalHours * HOUR_MS;
  const alerts: Alert[] = [];
  for (const transition of transitions) {
    const { finding } = transition;
    if (!finding) continue;
    switch (transition.kind) {
      case 'opened':
      case 'changed':
      case 'resolved':
        alerts.push({ reason: transition.kind, finding, transition });
        break;
      case 'unchanged': {
        const last = finding.lastNotifiedAt ? Date.parse(finding.lastNotifiedAt) : Number.NaN;
        // Never told (its first message was not enqueued): Slack hears of it as new, not as a reminder.
        if (Number.isNaN(last)) alerts.push({ reason: 'opened', finding, transition });
        else if (last <= dueBefore) alerts.push({ reason: 'reminder', finding, transition });
        break;
      }
      case 'none':
        break;
    }
  }
  return alerts;
}

/**
 * Records that Slack was told about a finding (call it once the message is in the outbox). The write is
 * conditional on the version; when another writer got there first, it is applied to the fresh record.
 * Returns the stored record, or undefined when the finding no longer exists.
 */
export async function markNotified(
  store: FindingStore,
  finding: FindingRecord,
  now: Date,
): Promise<FindingRecord | undefined> {
  const at = now.toISOString();
  let current: FindingRecord | undefined = finding;
  for (let attempt = 0; attempt < MAX_MARK_ATTEMPTS; attempt++) {
    if (!current) return undefined;
    // Never move lastNotifiedAt backwards (a slower invocation finishing after a newer one).
    if (current.lastNotifiedAt && current.lastNotifiedAt >= at) return current;
    const next: FindingRecord = extend(current, { lastNotifiedAt: at, version: current.version + 1 });
    if (await store.put(next, current.version)) return next;
    current = await store.get(finding.findingId);
  }
  throw new FindingConflictError(`finding ${finding.findingId}: too many concurrent updates`);
}
