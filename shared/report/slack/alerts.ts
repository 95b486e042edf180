import { type Severity, severityRank } from '../../model/evaluation.js';
import { type Policy, SLACK_REMINDER_HOURS } from '../../policy/schema.js';
import type { FindingRecord, FindingTransition } from '../../state/finding-store.js';

/** Why a transition gets a Slack message. */
type AlertReason = 'opened' | 'changed' | 'reminder' | 'resolved';

export interface Alert {
  reason: AlertReason;
  finding: FindingRecord;
  transition: FindingTransition;
}

/** The policy's `slack` section: what is posted, and how often a finding still open is recalled. */
export type SlackSettings = Policy['slack'];

export interface AlertSelectionOptions {
  now: Date;
  slack: SlackSettings;
}

const HOUR_MS = 3_600_000;

/**
 * Hours between reminders of a finding of `severity`: `slack.reminders`, else the deprecated
 * `slack.reminderIntervalHours` (it still sets every severity `reminders` does not name), else the default.
 * @internal Unit-tested directly: the precedence of the two settings.
 */
export function reminderHours(slack: SlackSettings, severity: Severity): number {
  return slack.reminders[severity] ?? slack.reminderIntervalHours ?? SLACK_REMINDER_HOURS[severity];
}

/**
 * Whether Slack hears of this alert. A finding below `slack.minSeverity` is recorded but not posted: no
 * message when it opens, no reminder. A change or a resolution is posted when the finding is at or above the
 * minimum, or when Slack was already told of it (so a message about a finding always gets its resolution).
 */
export function postable(reason: AlertReason, finding: FindingRecord, slack: SlackSettings): boolean {
  if (severityRank(finding.severity) >= severityRank(slack.minSeverity)) return true;
  return (reason === 'changed' || reason === 'resolved') && finding.lastNotifiedAt !== undefined;
}

/**
 * Which transitions get a message: opened, changed and resolved findings always; a finding still open and
 * unchanged only when Slack was last told about it longer ago than its severity's reminder interval (a
 * reminder), or never (as opened: its first message was lost before it reached the outbox). Only what
 * `postable` lets through.
 */
export function selectAlerts(
  transitions: readonly FindingTransition[],
  options: AlertSelectionOptions,
): Alert[] {
  const now = options.now.getTime();
  const alerts: Alert[] = [];
  const add = (reason: AlertReason, finding: FindingRecord, transition: FindingTransition) => {
    if (postable(reason, finding, options.slack)) alerts.push({ reason, finding, transition });
  };
  for (const transition of transitions) {
    const { finding } = transition;
    if (!finding) continue;
    switch (transition.kind) {
      case 'opened':
      case 'changed':
      case 'resolved':
        add(transition.kind, finding, transition);
        break;
      case 'unchanged': {
        const last = finding.lastNotifiedAt ? Date.parse(finding.lastNotifiedAt) : Number.NaN;
        const dueBefore = now - reminderHours(options.slack, finding.severity) * HOUR_MS;
        // Never told (its first message was not enqueued): Slack hears of it as new, not as a reminder.
        if (Number.isNaN(last)) add('opened', finding, transition);
        else if (last <= dueBefore) add('reminder', finding, transition);
        break;
      }
      case 'none':
        break;
    }
  }
  return alerts;
}
