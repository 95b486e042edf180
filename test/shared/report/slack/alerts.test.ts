import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Evaluation } from '../../../../shared/model/evaluation.js';
import { policySchema } from '../../../../shared/policy/schema.js';
import { reminderHours, selectAlerts } from '../../../../shared/report/slack/alerts.js';
import { createDynamoDbFindingStore } from '../../../../shared/state/dynamodb-store.js';
import {
  type FindingRecord,
  type FindingTransition,
  findingIdOf,
  markNotified,
  recordEvaluations,
} from '../../../../shared/state/finding-store.js';
import { type LocalDynamo, startDynalite } from '../../../helpers/dynalite.js';

const VPN = 'vpn-0123456789abcdef0';
/** The deprecated single interval, 24 hours for every severity. */
const DAILY = policySchema.parse({ slack: { reminderIntervalHours: 24 } }).slack;
const DEFAULTS = policySchema.parse({}).slack;
const t0 = new Date('2026-11-22T10:00:00.000Z');
const hoursLater = (hours: number) => new Date(t0.getTime() + hours * 3_600_000);

const nonCompliant: Evaluation = {
  ruleId: 'vpn-tunnel-ike-version',
  status: 'NON_COMPLIANT',
  severity: 'high',
  resourceType: 'AWS::EC2::VPNConnection',
  resourceId: VPN,
  accountId: '111122223333',
  region: 'eu-west-1',
  reason: 'Tunnel 203.0.113.17 permits ikev1.',
  response: { mode: 'notify' },
};

const record: FindingRecord = {
  findingId: findingIdOf(nonCompliant.ruleId, VPN),
  ruleId: nonCompliant.ruleId,
  resourceId: VPN,
  resourceType: 'AWS::EC2::VPNConnection',
  state: 'open',
  severity: 'high',
  reason: nonCompliant.reason,
  response: 'notify',
  firstSeenAt: t0.toISOString(),
  lastSeenAt: t0.toISOString(),
  version: 3,
};

const transition = (kind: FindingTransition['kind'], lastNotifiedAt?: string): FindingTransition => ({
  kind,
  finding: { ...record, ...(lastNotifiedAt ? { lastNotifiedAt } : {}) },
});

describe('selectAlerts', () => {
  it('alerts on opened, changed and resolved findings every time', () => {
    // Prepare
    const recent = hoursLater(0).toISOString();

    // Act
    const alerts = selectAlerts(
      [transition('opened', recent), transition('changed', recent), transition('resolved', recent)],
      { now: hoursLater(1), slack: DAILY },
    );

    // Assess
    expect(alerts.map((alert) => alert.reason)).toEqual(['opened', 'changed', 'resolved']);
  });

  it('reminds about an unchanged finding only once the reminder interval has passed', () => {
    // Prepare
    const notifiedAt = t0.toISOString();

    // Act
    const early = selectAlerts([transition('unchanged', notifiedAt)], {
      now: hoursLater(23.9),
      slack: DAILY,
    });
    const due = selectAlerts([transition('unchanged', notifiedAt)], {
      now: hoursLater(24),
      slack: DAILY,
    });

    // Assess
    expect(early).toEqual([]);
    expect(due.map((alert) => alert.reason)).toEqual(['reminder']);
  });

  it('alerts about an unchanged finding Slack was never told about as opened, not as a reminder', () => {
    // Act
    const alerts = selectAlerts([transition('unchanged')], { now: hoursLater(1), slack: DAILY });

    // Assess
    expect(alerts.map((alert) => alert.reason)).toEqual(['opened']);
  });

  it('reminds per severity by default: critical daily, high every 2 days, medium every 3, low weekly', () => {
    // Prepare
    const notifiedAt = t0.toISOString();
    const due = (severity: FindingRecord['severity'], hours: number) =>
      selectAlerts([{ kind: 'unchanged', finding: { ...record, severity, lastNotifiedAt: notifiedAt } }], {
        now: hoursLater(hours),
        slack: DEFAULTS,
      }).map((alert) => alert.reason);

    // Act
    const timeline = (['critical', 'high', 'medium', 'low'] as const).map((severity) =>
      [24 - 0.1, 24, 48 - 0.1, 48, 72 - 0.1, 72, 168 - 0.1, 168]
        .filter((hours) => due(severity, hours).length > 0)
        .at(0),
    );

    // Assess
    expect(timeline).toEqual([24, 48, 72, 168]);
  });

  it('takes slack.reminders over the deprecated reminderIntervalHours, which still sets the severities not named', () => {
    // Prepare
    const slack = policySchema.parse({
      slack: { reminders: { critical: 6 }, reminderIntervalHours: 12 },
    }).slack;

    // Act
    const hours = (['critical', 'high', 'medium', 'low', 'info'] as const).map((s) =>
      reminderHours(slack, s),
    );

    // Assess
    expect(hours).toEqual([6, 12, 12, 12, 12]);
    expect((['critical', 'low'] as const).map((s) => reminderHours(DEFAULTS, s))).toEqual([24, 168]);
  });

  it('posts nothing for a finding below slack.minSeverity: not when it opens, never a reminder', () => {
    // Prepare
    const slack = policySchema.parse({ slack: { minSeverity: 'medium' } }).slack;
    const low = { ...record, severity: 'low' as const };

    // Act
    const alerts = selectAlerts(
      [
        { kind: 'opened', finding: low },
        { kind: 'unchanged', finding: low },
        { kind: 'unchanged', finding: { ...low, lastNotifiedAt: t0.toISOString() } },
        { kind: 'resolved', finding: { ...low, state: 'resolved' } },
        { kind: 'opened', finding: { ...record, severity: 'medium' } },
      ],
      { now: hoursLater(24 * 30), slack },
    );

    // Assess
    expect(alerts.map((alert) => `${alert.reason} ${alert.finding.severity}`)).toEqual(['opened medium']);
  });

  it('posts the change and the resolution of a finding below slack.minSeverity that Slack was told of', () => {
    // Prepare: it was high when Slack heard of it, then dropped to low.
    const slack = policySchema.parse({ slack: { minSeverity: 'medium' } }).slack;
    const told = { ...record, severity: 'low' as const, lastNotifiedAt: t0.toISOString() };

    // Act
    const alerts = selectAlerts(
      [
        { kind: 'changed', finding: told },
        { kind: 'resolved', finding: { ...told, state: 'resolved' } },
      ],
      { now: hoursLater(1), slack },
    );

    // Assess
    expect(alerts.map((alert) => alert.reason)).toEqual(['changed', 'resolved']);
  });

  it('ignores evaluations that changed no finding', () => {
    // Act
    const alerts = selectAlerts([{ kind: 'none' }], { now: t0, slack: DAILY });

    // Assess
    expect(alerts).toEqual([]);
  });
});

describe('alert dedupe on DynamoDB (dynalite)', () => {
  let dynamo: LocalDynamo;

  beforeAll(async () => {
    dynamo = await startDynalite();
  });

  afterAll(async () => {
    await dynamo.stop();
  });

  it('sends one message for the same finding seen 10 times, and one more when it is resolved', async () => {
    // Prepare
    await dynamo.createTable('slack-dedupe');
    const store = createDynamoDbFindingStore(dynamo.client, 'slack-dedupe');
    const sent: string[] = [];
    async function observe(evaluation: Evaluation, now: Date) {
      const transitions = await recordEvaluations(store, [evaluation], now);
      for (const alert of selectAlerts(transitions, { now, slack: DAILY })) {
        sent.push(alert.reason);
        await markNotified(store, alert.finding, now);
      }
    }

    // Act
    for (let i = 0; i < 10; i++) await observe(nonCompliant, hoursLater(i));
    await observe(
      { ...nonCompliant, status: 'COMPLIANT', reason: 'Tunnels permit ikev2 only.' },
      hoursLater(10),
    );
    await observe(
      { ...nonCompliant, status: 'COMPLIANT', reason: 'Tunnels permit ikev2 only.' },
      hoursLater(11),
    );

    // Assess
    expect(sent).toEqual(['opened', 'resolved']);
    expect(await store.get(record.findingId)).toMatchObject({
      state: 'resolved',
      lastNotifiedAt: hoursLater(10).toISOString(),
    });
  });

  it('reminds once a day about a finding that stays open under the deprecated reminderIntervalHours: 24', async () => {
    // Prepare
    await dynamo.createTable('slack-reminders');
    const store = createDynamoDbFindingStore(dynamo.client, 'slack-reminders');
    const sent: string[] = [];

    // Act
    for (let hour = 0; hour <= 48; hour += 6) {
      const now = hoursLater(hour);
      const transitions = await recordEvaluations(store, [nonCompliant], now);
      for (const alert of selectAlerts(transitions, { now, slack: DAILY })) {
        sent.push(`${alert.reason}@${hour}`);
        await markNotified(store, alert.finding, now);
      }
    }

    // Assess
    expect(sent).toEqual(['opened@0', 'reminder@24', 'reminder@48']);
  });
});
