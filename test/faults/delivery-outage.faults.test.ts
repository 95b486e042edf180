/**
 * Fault injection on delivery: a sweep of 300 certificates whose findings go to a findings bus that refuses
 * 30% of PutEvents entries (seeded, per entry and attempt, through the real publishFindings and its retries),
 * and a Slack outbox that fails 30% of its enqueues. Sweeps run again until one completes: every transition
 * of the first sweep reaches the bus (at least once) and Slack (exactly once), and nothing stays owed.
 */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import type { AcmCertificate } from '../../shared/families/acm/model.js';
import { emptyReadResult, type InventorySource } from '../../shared/inventory/live/port.js';
import { policySchema } from '../../shared/policy/schema.js';
import { type FindingMessage, publishFindings } from '../../shared/report/findings-bus.js';
import type { SlackPayload } from '../../shared/report/slack/payload.js';
import { RULES } from '../../shared/rules/index.js';
import { createMemoryFindingStore } from '../../shared/state/memory-store.js';
import type { MonitorDeps } from '../../shared/usecase/deps.js';
import { sweep } from '../../shared/usecase/sweep.js';
import { ACCOUNT_ID, certificateArn, REGION } from './account.js';
import { createInjector, faultSeed } from './injector.js';

const eventBridge = mockClient(EventBridgeClient);
const CERTIFICATES = 300;
const FAULT_RATE = 0.3;
const t0 = new Date('2026-11-22T06:00:00.000Z');
const DIGEST_PREFIX = 'transit-guard sweep:';

function certificate(index: number): AcmCertificate {
  const arn = certificateArn(index);
  return {
    resourceType: 'AWS::ACM::Certificate',
    resourceId: arn,
    certificateArn: arn,
    accountId: ACCOUNT_ID,
    region: REGION,
    tags: {},
    source: 'test',
    type: 'AMAZON_ISSUED',
    status: 'ISSUED',
    // One in three is weak: 100 findings.
    keyAlgorithm: index % 3 === 0 ? 'RSA_1024' : 'EC_prime256v1',
    signatureAlgorithm: 'SHA256WITHECDSA',
    notAfter: '2027-10-01T00:00:00.000Z',
    inUseBy: [],
  };
}

describe('sweeps of 300 certificates while the bus refuses 30% of entries and the Slack outbox fails 30% of calls', () => {
  afterEach(() => {
    eventBridge.reset();
  });

  it('delivers every transition of the first sweep to the bus and to Slack, and leaves nothing owed', async () => {
    // Prepare
    const injector = createInjector({ seed: faultSeed(), rate: FAULT_RATE });
    const onBus: FindingMessage[] = [];
    eventBridge.on(PutEventsCommand).callsFake((input) => {
      const entries = input.Entries as { Detail: string }[];
      const results = entries.map((entry) =>
        injector.decide('events:PutEvents', entry.Detail)
          ? { ErrorCode: 'InternalFailure', ErrorMessage: 'try later' }
          : { EventId: `id-${onBus.push(JSON.parse(entry.Detail) as FindingMessage)}` },
      );
      return { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results };
    });
    const client = new EventBridgeClient({ region: REGION });
    const onSlack: SlackPayload[] = [];
    let slackCalls = 0;
    const findings = createMemoryFindingStore();
    const source: InventorySource = {
      read: async () => emptyReadResult(),
      enumerate: async () => ({
        ...emptyReadResult(),
        resources: Array.from({ length: CERTIFICATES }, (_, i) => certificate(i)),
      }),
    };
    const deps = (now: Date): MonitorDeps => ({
      source,
      findings,
      // The bus port says which messages EventBridge still refused after publishFindings' own retries.
      publish: async (messages) => {
        const result = await publishFindings(client, messages, { busName: 'bus', sleep: async () => {} });
        return result.failed.map((failed) => failed.message);
      },
      outbox: {
        enqueue: async (payloads) => {
          if (injector.decide('sqs:SendMessageBatch', ++slackCalls)) throw new Error('SQS unavailable');
          onSlack.push(...payloads);
        },
      },
      policy: policySchema.parse({}),
      rules: RULES,
      now: () => now,
      scope: { accountId: ACCOUNT_ID, regions: [REGION] },
    });

    // Act: hourly sweeps until nothing is owed (a sweep also fails when a re-observed finding is refused).
    const failures: string[] = [];
    let sweeps = 0;
    do {
      try {
        await sweep(deps(new Date(t0.getTime() + sweeps * 3_600_000)), {
          sweepId: `sweep-${sweeps}`,
          regions: [REGION],
        });
      } catch (error) {
        failures.push(`${(error as Error).name}: ${(error as Error).message}`);
      }
      sweeps++;
    } while (sweeps < 20 && (await findings.listPending()).length > 0);

    // Assess
    const weak = Array.from({ length: CERTIFICATES }, (_, i) => i)
      .filter((i) => i % 3 === 0)
      .map(certificateArn);
    // Faults happened, on both channels, and the sweeps that met them failed loudly; a few sweeps cleared all.
    expect(new Set(injector.faults().map((a) => a.operation))).toEqual(
      new Set(['events:PutEvents', 'sqs:SendMessageBatch']),
    );
    expect(failures.length).toBeGreaterThan(0);
    expect(
      failures.every((f) => /^(DeliveryError: the findings bus refused|Error: SQS unavailable)/.test(f)),
    ).toBe(true);
    expect(sweeps).toBeLessThan(20);
    // Every finding the first sweep opened is on the bus as that sweep saw it, at least once.
    const firstSweep = onBus.filter((m) => m.kind === 'finding' && m.triggerId === 'sweep-0');
    expect(new Set(firstSweep.map((m) => m.evaluation.resourceId))).toEqual(new Set(weak));
    expect(firstSweep.every((m) => m.observedAt === t0.toISOString())).toBe(true);
    // Slack heard of each opened finding exactly once (enqueues either fail whole or succeed): in a message of
    // its own, or counted as new in a digest (the first sweep's, or any run above slack.digestThreshold).
    const alerts = onSlack.filter((p) => !p.text.startsWith(DIGEST_PREFIX));
    const inDigests = onSlack
      .map((p) =>
        Number(JSON.stringify(p.blocks).match(/instead of one message each\*: (\d+) new/)?.[1] ?? 0),
      )
      .reduce((a, b) => a + b, 0);
    expect(inDigests).toBeGreaterThan(0);
    expect(alerts.length + inDigests).toBe(weak.length);
    expect(new Set(alerts.map((p) => p.text)).size).toBe(alerts.length);
    expect(await findings.listPending()).toEqual([]);
  });
});
