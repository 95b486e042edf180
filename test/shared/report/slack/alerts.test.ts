import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Evaluation } from '../../../../shared/model/evaluation.js';
import { selectAlerts } from '../../../../shared/report/slack/alerts.js';
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
      { now: hoursLater(1), reminderIntervalHours: 24 },
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
      reminderIntervalHours: 24,
    });
    const due = selectAlerts([transition('unchanged', notifiedAt)], {
      now: hoursLater(24),
      reminderIntervalHours: 24,
    });

    // Assess
    expect(early).toEqual([]);
    expect(due.map((alert) => alert.reason)).toEqual(['reminder']);
  });

  it('alerts about an unchanged finding Slack was never told about as opened, not as a reminder', () => {
    // Act
    const alerts = selectAlerts([transition('unchanged')], { now: hoursLater(1), reminderIntervalHours: 24 });

    // Assess
    expect(alerts.map((alert) => alert.reason)).toEqual(['opened']);
  });

  it('ignores evaluations that changed no finding', () => {
    // Act
    const alerts = selectAlerts([{ kind: 'none' }], { now: t0, reminderIntervalHours: 24 });

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
      for (const alert of selectAlerts(transitions, { now, reminderIntervalHours: 24 })) {
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

  it('reminds once a day about a finding that stays open', async () => {
    // Prepare
    await dynamo.createTable('slack-reminders');
    const store = createDynamoDbFindingStore(dynamo.client, 'slack-reminders');
    const sent: string[] = [];

    // Act
    for (let hour = 0; hour <= 48; hour += 6) {
      const now = hoursLater(hour);
      const transitions = await recordEvaluations(store, [nonCompliant], now);
      for (const alert of selectAlerts(transitions, { now, reminderIntervalHours: 24 })) {
        sent.push(`${alert.reason}@${hour}`);
        await markNotified(store, alert.finding, now);
      }
    }

    // Assess
    expect(sent).toEqual(['opened@0', 'reminder@24', 'reminder@48']);
  });
});
