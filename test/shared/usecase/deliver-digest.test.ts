import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyReadResult } from '../../../shared/inventory/live/port.js';
import { policySchema } from '../../../shared/policy/schema.js';
import type { SlackPayload } from '../../../shared/report/slack/payload.js';
import { RULES } from '../../../shared/rules/index.js';
import { createDynamoDbFindingStore } from '../../../shared/state/dynamodb-store.js';
import type { FindingStore } from '../../../shared/state/finding-store.js';
import { createDelivery } from '../../../shared/usecase/deliver.js';
import type { MonitorDeps } from '../../../shared/usecase/deps.js';
import { evaluateAndRecord } from '../../../shared/usecase/record.js';
import { certificateIn } from '../../helpers/acm-fixtures.js';
import { type LocalDynamo, startDynalite } from '../../helpers/dynalite.js';

const ACCOUNT_ID = '111122223333';
const REGION = 'eu-west-1';
const NOW = new Date('2026-11-22T12:00:00.000Z');

/** A certificate with one high finding (acm-certificate-key-strength). */
const weak = (id: string) =>
  certificateIn({ accountId: ACCOUNT_ID, region: REGION }, id, { keyAlgorithm: 'RSA_1024' });

describe('createDelivery: a run above slack.digestThreshold (an event, not a sweep)', () => {
  let dynamo: LocalDynamo;

  beforeAll(async () => {
    dynamo = await startDynalite();
  });

  afterAll(async () => {
    await dynamo.stop();
  });

  async function run(count: number, digestThreshold: number) {
    const name = `deliver-digest-${count}-${digestThreshold}`;
    await dynamo.createTable(name);
    const findings: FindingStore = createDynamoDbFindingStore(dynamo.client, name);
    const queued: SlackPayload[][] = [];
    /** What each finding still owed Slack when the outbox took the messages. */
    const owedAtEnqueue: boolean[] = [];
    const deps: MonitorDeps = {
      source: { read: async () => emptyReadResult(), enumerate: async () => emptyReadResult() },
      findings,
      publish: async () => {},
      policy: policySchema.parse({ slack: { digestThreshold } }),
      rules: RULES,
      now: () => NOW,
      scope: { accountId: ACCOUNT_ID },
      outbox: {
        async enqueue(payloads) {
          queued.push(structuredClone(payloads));
          for (const finding of await findings.listOpen()) {
            owedAtEnqueue.push((finding.pending ?? []).some((d) => d.channels.includes('slack')));
          }
        },
      },
    };
    const delivery = createDelivery(deps, { now: NOW, triggerId: 'event-1' });
    const resources = Array.from({ length: count }, (_, i) => weak(`c-${i}`));
    await evaluateAndRecord(deps, delivery, { resources, tlsPolicies: [] }, { now: NOW, eventId: 'event-1' });
    const sent = await delivery.send();
    return { sent, queued, owedAtEnqueue, open: await findings.listOpen() };
  }

  it('queues one digest of its alerts, then marks every finding told', async () => {
    // Act
    const { sent, queued, owedAtEnqueue, open } = await run(6, 5);

    // Assess
    expect(sent).toMatchObject({ alerts: 1, digest: true });
    expect(queued).toHaveLength(1);
    expect(queued[0]).toHaveLength(1);
    expect(queued[0]?.[0]?.text).toBe('transit-guard: 6 open finding(s) (6 high).');
    expect(JSON.stringify(queued[0]?.[0]?.blocks)).toContain('each*: 6 new');
    expect(JSON.stringify(queued[0]?.[0]?.blocks)).toContain('…and 1 more open finding(s)');
    expect(JSON.stringify(queued[0]?.[0]?.blocks)).toContain('As of <!date^');
    expect(JSON.stringify(queued[0]?.[0]?.blocks)).not.toContain('SEC09');
    // Queued first, while every finding still owed Slack; marked told only then.
    expect(owedAtEnqueue).toEqual(Array(6).fill(true));
    expect(open).toHaveLength(6);
    expect(open.every((finding) => finding.lastNotifiedAt === NOW.toISOString() && !finding.pending)).toBe(
      true,
    );
  });

  it('queues one message per alert at the threshold', async () => {
    // Act
    const { sent, queued } = await run(5, 5);

    // Assess
    expect(sent).toMatchObject({ alerts: 5, digest: false });
    expect(queued.flat().map((message) => message.text.split(':')[0])).toEqual(Array(5).fill('HIGH'));
  });
});
