import type { FindingRecord, FindingTransition } from '../../state/finding-store.js';

/** Why a transition gets a Slack message. */
type AlertReason = 'opened' | 'changed' | 'reminder' | 'resolved';

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
