import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Evaluation } from '../../../shared/model/evaluation.js';
import { policySchema } from '../../../shared/policy/schema.js';
import { reminderHours } from '../../../shared/report/slack/alerts.js';
import type { SlackPayload } from '../../../shared/report/slack/payload.js';
import { createDynamoDbFindingStore } from '../../../shared/state/dynamodb-store.js';
import {
  type FindingStore,
  findingIdOf,
  recordEvaluations,
  resolveResource,
} from '../../../shared/state/finding-store.js';
import { type SlackOutbox, sendAlerts } from '../../../shared/usecase/alerts.js';
import { type LocalDynamo, startDynalite } from '../../helpers/dynalite.js';

const VPN = 'vpn-0123456789abcdef0';
const FINDING_ID = findingIdOf('vpn-tunnel-ike-version', VPN);
const SLACK = policySchema.parse({}).slack;
/** The default reminder interval of the findings here (high). */
const REMINDER_HOURS = reminderHours(SLACK, 'high');
const t0 = new Date('2026-11-22T10:00:00.000Z');
const hoursLater = (hours: number) => new Date(t0.getTime() + hours * 3_600_000);

const nonCompliant: Evaluation = {
  ruleId: 'vpn-tunnel-ike-version',
  status: 'NON_COMPLIANT',
  severity: 'high',
  resourceType: 'AWS::EC2::VPNConnection',
  resourceId: VPN,
  resourceName: 'branch-office',
  accountId: '111122223333',
  region: 'eu-west-1',
  reason: 'Tunnel 203.0.113.17 permits ikev1.',
  response: { mode: 'notify' },
};
const compliant: Evaluation = { ...nonCompliant, status: 'COMPLIANT', reason: 'Tunnels permit ikev2 only.' };

/** The outbox port, recording every message and what the store held for the finding when it was enqueued. */
function recordingOutbox(store: FindingStore) {
  const messages: SlackPayload[] = [];
  const notifiedAtEnqueue: (string | undefined)[] = [];
  let failNext = false;
  const outbox: SlackOutbox = {
    async enqueue(payloads) {
      if (failNext) {
        failNext = false;
        throw new Error('SQS unavailable');
      }
      notifiedAtEnqueue.push((await store.get(FINDING_ID))?.lastNotifiedAt);
      messages.push(...payloads);
    },
  };
  return {
    outbox,
    messages,
    notifiedAtEnqueue,
    failNextEnqueue: () => {
      failNext = true;
    },
  };
}

/** What kind of alert a message is, read from what Slack would show. */
function kindOf(message: SlackPayload): string {
  if (message.text.startsWith('Resolved:')) return 'resolved';
  if (message.text.startsWith('Reminder:')) return 'reminder';
  if (JSON.stringify(message.blocks).includes('*Updated*')) return 'changed';
  return 'opened';
}

describe('sendAlerts with the DynamoDB finding store (dynalite)', () => {
  let dynamo: LocalDynamo;
  let store: FindingStore;
  let recorder: ReturnType<typeof recordingOutbox>;
  let table = 0;

  /** One invocation that sees the resource: record the evaluation, then alert (enqueue, mark notified). */
  async function observe(evaluation: Evaluation, now: Date): Promise<number> {
    const transitions = await recordEvaluations(store, [evaluation], now);
    return sendAlerts(store, recorder.outbox, transitions, [evaluation], {
      now,
      slack: SLACK,
    });
  }

  const kinds = () => recorder.messages.map(kindOf);

  beforeAll(async () => {
    dynamo = await startDynalite();
  });

  afterAll(async () => {
    await dynamo.stop();
  });

  beforeEach(async () => {
    const name = `alerts-${++table}`;
    await dynamo.createTable(name);
    store = createDynamoDbFindingStore(dynamo.client, name);
    recorder = recordingOutbox(store);
  });

  it('enqueues one message for a finding seen 10 times, and exactly one more when it is resolved', async () => {
    // Act
    for (let hour = 0; hour < 10; hour++) await observe(nonCompliant, hoursLater(hour));
    await observe(compliant, hoursLater(10));
    await observe(compliant, hoursLater(11));

    // Assess
    expect(kinds()).toEqual(['opened', 'resolved']);
    expect(recorder.messages[0]?.text).toContain('HIGH');
    expect(recorder.messages[1]?.text).toContain('branch-office');
    expect(await store.get(FINDING_ID)).toMatchObject({
      state: 'resolved',
      resolution: 'fixed',
      lastNotifiedAt: hoursLater(10).toISOString(),
    });
  });

  it('enqueues a resolved message once when the resource is deleted', async () => {
    // Prepare
    await observe(nonCompliant, hoursLater(0));

    // Act
    for (const hour of [1, 2]) {
      const now = hoursLater(hour);
      const transitions = await resolveResource(store, VPN, now, 'deleted');
      await sendAlerts(store, recorder.outbox, transitions, [], {
        now,
        slack: SLACK,
      });
    }

    // Assess
    expect(kinds()).toEqual(['opened', 'resolved']);
    expect(recorder.messages[1]?.text).toMatch(/deleted\.$/);
  });

  it('enqueues again when the finding changes state, and not for the sightings after the change', async () => {
    // Prepare
    await observe(nonCompliant, hoursLater(0));
    await observe(nonCompliant, hoursLater(1));

    // Act
    await observe({ ...nonCompliant, severity: 'critical' }, hoursLater(2));
    await observe({ ...nonCompliant, severity: 'critical' }, hoursLater(3));
    await observe({ ...nonCompliant, severity: 'critical', response: { mode: 'block' } }, hoursLater(4));
    await observe({ ...nonCompliant, severity: 'critical', response: { mode: 'block' } }, hoursLater(5));

    // Assess
    expect(kinds()).toEqual(['opened', 'changed', 'changed']);
    expect(recorder.messages[1]?.text).toMatch(/^CRITICAL:/);
  });

  it('enqueues a reminder once the policy reminder interval has passed since the last message', async () => {
    // Prepare
    await observe(nonCompliant, hoursLater(0));

    // Act
    const early = await observe(nonCompliant, hoursLater(REMINDER_HOURS - 0.1));
    const due = await observe(nonCompliant, hoursLater(REMINDER_HOURS));
    const afterReminder = await observe(nonCompliant, hoursLater(REMINDER_HOURS + 1));
    const secondDue = await observe(nonCompliant, hoursLater(2 * REMINDER_HOURS));

    // Assess
    expect([early, due, afterReminder, secondDue]).toEqual([0, 1, 0, 1]);
    expect(kinds()).toEqual(['opened', 'reminder', 'reminder']);
    expect((await store.get(FINDING_ID))?.lastNotifiedAt).toBe(hoursLater(2 * REMINDER_HOURS).toISOString());
  });

  it('enqueues before it marks the finding notified, so a failed enqueue alerts again as opened', async () => {
    // Prepare
    recorder.failNextEnqueue();
    await expect(observe(nonCompliant, hoursLater(0))).rejects.toThrow('SQS unavailable');

    // Act
    await observe(nonCompliant, hoursLater(0.5));
    await observe(nonCompliant, hoursLater(1));

    // Assess
    expect(kinds()).toEqual(['opened']);
    expect(recorder.notifiedAtEnqueue).toEqual([undefined]);
    expect((await store.get(FINDING_ID))?.lastNotifiedAt).toBe(hoursLater(0.5).toISOString());
  });
});
