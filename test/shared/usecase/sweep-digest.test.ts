import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler } from '../../../functions/sweep.js';
import type { AcmCertificate } from '../../../shared/families/acm/model.js';
import { emptyReadResult, type InventorySource } from '../../../shared/inventory/live/port.js';
import { SEVERITIES, type Severity } from '../../../shared/model/evaluation.js';
import { policySchema } from '../../../shared/policy/schema.js';
import type { SlackPayload } from '../../../shared/report/slack/payload.js';
import { RULES } from '../../../shared/rules/index.js';
import { createDynamoDbFindingStore } from '../../../shared/state/dynamodb-store.js';
import type { SlackOutbox } from '../../../shared/usecase/alerts.js';
import type { MonitorDeps } from '../../../shared/usecase/deps.js';
import { sweep } from '../../../shared/usecase/sweep.js';
import { certificateIn } from '../../helpers/acm-fixtures.js';
import { type LocalDynamo, startDynalite } from '../../helpers/dynalite.js';
import { installAccount } from '../../helpers/fake-account.js';
import {
  ACCOUNT_ID,
  publishedEntries,
  queuedMessages,
  REGION,
  SLACK_OUTBOX_URL,
  scheduledEvent,
  useFunctionHarness,
} from '../../helpers/lambda-env.js';

const DAY_MS = 86_400_000;
const NOW = new Date('2026-11-22T12:00:00.000Z');
const DIGEST_PREFIX = 'transit-guard sweep:';
const isDigest = (message: SlackPayload) => message.text.startsWith(DIGEST_PREFIX);

const certificate = (id: string, overrides: Partial<AcmCertificate> = {}) =>
  certificateIn({ accountId: ACCOUNT_ID, region: REGION }, id, overrides);

const weak = (id: string) => certificate(id, { keyAlgorithm: 'RSA_1024' });
/** Two critical findings: acm-certificate-expiry and acm-certificate-status. */
const expiredInUse = certificate('expired-in-use', {
  status: 'EXPIRED',
  notAfter: '2026-11-01T00:00:00.000Z',
  inUseBy: [`arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT_ID}:loadbalancer/app/shop/50dc6c495c0c9188`],
});
/** One medium finding: acm-certificate-expiry, 9 days left. */
const expiring = certificate('expiring', { notAfter: '2026-12-01T00:00:00.000Z' });

/** The outbox port, keeping each enqueue call apart so their order shows. */
function recordingOutbox() {
  const calls: SlackPayload[][] = [];
  const outbox: SlackOutbox = {
    async enqueue(payloads) {
      calls.push(structuredClone(payloads));
    },
  };
  return { outbox, calls, messages: () => calls.flat() };
}

/** The worst-findings lines of a digest, as `SEVERITY name`. */
function worstListed(digest: SlackPayload): string[] {
  const section = JSON.stringify(digest.blocks).match(/\*Worst open findings\*((?:[^"\\]|\\.)*)/)?.[1] ?? '';
  return [...section.matchAll(/\*([A-Z]+)\* <[^|]+\|([^>]+)>/g)].map(
    ([, severity, name]) => `${severity} ${name}`,
  );
}

/** The count of each severity in the digest's fields. */
function countsShown(digest: SlackPayload): Record<string, number> {
  const fields = JSON.stringify(digest.blocks).matchAll(/\*([A-Z]+)\*\\n(\d+)/g);
  return Object.fromEntries([...fields].map(([, severity, count]) => [severity, Number(count)]));
}

describe('sweep digest', () => {
  let dynamo: LocalDynamo;
  let table = 0;

  beforeAll(async () => {
    dynamo = await startDynalite();
  });

  afterAll(async () => {
    await dynamo.stop();
  });

  async function depsWith(outbox: SlackOutbox) {
    const name = `sweep-digest-${++table}`;
    await dynamo.createTable(name);
    const findings = createDynamoDbFindingStore(dynamo.client, name);
    return (resources: AcmCertificate[], now: Date): MonitorDeps => {
      const source: InventorySource = {
        read: async () => emptyReadResult(),
        enumerate: async () => ({ ...emptyReadResult(), resources }),
      };
      return {
        source,
        findings,
        publish: async () => {},
        policy: policySchema.parse({}),
        rules: RULES,
        now: () => now,
        scope: { accountId: ACCOUNT_ID },
        outbox,
      };
    };
  }

  it('puts the alerts on the outbox and then exactly one digest, with counts by severity and the worst five', async () => {
    // Prepare
    const recorder = recordingOutbox();
    const deps = await depsWith(recorder.outbox);
    await sweep(deps([weak('z-old')], new Date(NOW.getTime() - 30 * DAY_MS)), {
      sweepId: 'sweep-0',
      regions: [REGION],
    });
    recorder.calls.length = 0;
    const newWeak = ['a1', 'a2', 'a3', 'a4', 'a5'];

    // Act
    await sweep(deps([weak('z-old'), ...newWeak.map(weak), expiredInUse, expiring], NOW), {
      sweepId: 'sweep-1',
      regions: [REGION],
    });

    // Assess
    const messages = recorder.messages();
    expect(messages.filter(isDigest)).toHaveLength(1);
    expect(recorder.calls.at(-1)).toEqual([messages.at(-1)]);
    const digest = messages.at(-1) as SlackPayload;
    expect(isDigest(digest)).toBe(true);
    // 8 findings opened, and a reminder for z-old (last told 30 days ago), before the digest.
    expect(messages.slice(0, -1).map((message) => message.text.split(':')[0])).toEqual([
      'Reminder',
      ...Array(5).fill('HIGH'),
      'CRITICAL',
      'CRITICAL',
      'MEDIUM',
    ]);
    expect(digest.text).toBe(`${DIGEST_PREFIX} 9 open finding(s) (2 critical, 6 high, 1 medium).`);
    expect(countsShown(digest)).toEqual({ CRITICAL: 2, HIGH: 6, MEDIUM: 1, LOW: 0, INFO: 0 });
    // Worst first, and the longest open first among equals: z-old has been open for 30 days.
    expect(worstListed(digest)).toEqual([
      'CRITICAL expired-in-use',
      'CRITICAL expired-in-use',
      'HIGH z-old',
      'HIGH a1',
      'HIGH a2',
    ]);
    expect(JSON.stringify(digest.blocks)).toContain('…and 4 more open finding(s)');
  });

  it('puts one digest and no alert when nothing changed since the last sweep', async () => {
    // Prepare
    const recorder = recordingOutbox();
    const deps = await depsWith(recorder.outbox);
    await sweep(deps([weak('a1')], NOW), { sweepId: 'sweep-0', regions: [REGION] });
    recorder.calls.length = 0;

    // Act
    await sweep(deps([weak('a1')], new Date(NOW.getTime() + 3_600_000)), {
      sweepId: 'sweep-1',
      regions: [REGION],
    });

    // Assess
    expect(recorder.calls).toEqual([
      [expect.objectContaining({ text: `${DIGEST_PREFIX} 1 open finding(s) (1 high).` })],
    ]);
  });
});

describe('sweep function digest (the scheduled handler, outbox on SQS)', () => {
  const harness = useFunctionHarness('sweep', installAccount);

  it('sends one digest to the Slack outbox queue on the first sweep, standing for every alert, counting the open findings', async () => {
    // Prepare
    const event = scheduledEvent();

    // Act
    await handler(event, harness.context);

    // Assess
    const queued = queuedMessages(harness.mocks, SLACK_OUTBOX_URL) as SlackPayload[];
    const findings = publishedEntries(harness.mocks).filter((entry) => entry.detail.kind === 'finding');
    expect(queued).toHaveLength(1);
    expect(isDigest(queued[0] as SlackPayload)).toBe(true);
    const posted = findings.filter(
      (entry) => (entry.detail.evaluation as { severity?: Severity }).severity !== 'info',
    );
    expect(posted.length).toBeGreaterThan(5);
    expect(JSON.stringify(queued[0]?.blocks)).toContain(
      `*In this digest instead of one message each*: ${posted.length} new`,
    );
    const bySeverity = Object.fromEntries(
      [...SEVERITIES].map((severity) => [
        severity.toUpperCase(),
        findings.filter((entry) => (entry.detail.evaluation as { severity?: Severity }).severity === severity)
          .length,
      ]),
    );
    expect(countsShown(queued.at(-1) as SlackPayload)).toEqual(bySeverity);
    expect(worstListed(queued.at(-1) as SlackPayload)).toHaveLength(5);
  });
});
