import type { SQSRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AcmCertificate } from '../../../shared/families/acm/model.js';
import { emptyReadResult, type InventorySource } from '../../../shared/inventory/live/port.js';
import { createObservability } from '../../../shared/lambda/handler.js';
import { type PolicyInput, policySchema } from '../../../shared/policy/schema.js';
import type { SlackPayload } from '../../../shared/report/slack/payload.js';
import { localWebhookUrlForTests } from '../../../shared/report/slack/webhook-secret.js';
import { RULES } from '../../../shared/rules/index.js';
import { createDynamoDbFindingStore } from '../../../shared/state/dynamodb-store.js';
import type { FindingStore } from '../../../shared/state/finding-store.js';
import type { SlackOutbox } from '../../../shared/usecase/alerts.js';
import type { MonitorDeps } from '../../../shared/usecase/deps.js';
import { createNotify } from '../../../shared/usecase/notify.js';
import { sweep } from '../../../shared/usecase/sweep.js';
import { certificateIn } from '../../helpers/acm-fixtures.js';
import { type LocalDynamo, startDynalite } from '../../helpers/dynalite.js';
import { type SlackServer, startSlackServer } from '../../helpers/slack-server.js';

const ACCOUNT_ID = '111122223333';
const REGION = 'eu-west-1';
const HOUR_MS = 3_600_000;
const T0 = new Date('2026-11-22T12:00:00.000Z');
const hoursLater = (hours: number) => new Date(T0.getTime() + hours * HOUR_MS);
const SWEEP_SUMMARY = 'transit-guard sweep:';

const certificate = (id: string, overrides: Partial<AcmCertificate> = {}) =>
  certificateIn({ accountId: ACCOUNT_ID, region: REGION }, id, overrides);

/** One high finding: acm-certificate-key-strength. */
const weak = (id: string) => certificate(id, { keyAlgorithm: 'RSA_1024' });
/** One low finding: acm-certificate-transparency. */
const unlogged = (id: string) => certificate(id, { transparencyLoggingPreference: 'DISABLED' });
/** One medium finding: acm-certificate-expiry of a certificate in use by nothing, 30 days left at T0. */
const expiring = certificate('expiring', { notAfter: '2026-12-22T12:00:00.000Z' });
/** Two critical findings: acm-certificate-expiry and acm-certificate-status of an expired certificate in use. */
const expiredInUse = certificate('expired-in-use', {
  status: 'EXPIRED',
  notAfter: '2026-11-01T00:00:00.000Z',
  inUseBy: [`arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT_ID}:loadbalancer/app/shop/50dc6c495c0c9188`],
});
/**
 * The complaint was 891 messages on a first sweep; 150 findings (over seven times the default threshold of 20)
 * show the same on dynalite in a fraction of the time.
 */
const FIRST_SWEEP_FINDINGS = 150;
const many = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => weak(`${prefix}-${String(i).padStart(4, '0')}`));

/**
 * The deployed path in small: the sweep puts messages on the outbox, and notify-slack delivers each to the
 * local Slack webhook (one SQS record per message), so what the channel receives is what is counted.
 */
function slackOutbox(server: SlackServer): SlackOutbox {
  const { logger, metrics } = createObservability('notify-slack');
  const notify = createNotify({
    webhookUrl: async () => localWebhookUrlForTests(server.webhookUrl),
    logger,
    metrics,
    post: { sleep: async () => {} },
    minIntervalMs: 0,
  });
  let n = 0;
  return {
    async enqueue(payloads) {
      for (const payload of payloads) {
        await notify({ messageId: `m-${++n}`, body: JSON.stringify(payload) } as SQSRecord);
      }
    },
  };
}

describe('Slack that stays quiet: sweeps on DynamoDB (dynalite), delivered to a local Slack webhook', () => {
  let dynamo: LocalDynamo;
  let server: SlackServer;
  let table = 0;

  beforeAll(async () => {
    [dynamo, server] = await Promise.all([startDynalite(), startSlackServer()]);
  });

  afterAll(async () => {
    await Promise.all([dynamo.stop(), server.stop()]);
  });

  /** A fresh finding store, and a sweep of `resources` at `now` under `policy`; returns what Slack received. */
  async function account(policy: PolicyInput = {}) {
    const name = `sweep-slack-${++table}`;
    await dynamo.createTable(name);
    const findings: FindingStore = createDynamoDbFindingStore(dynamo.client, name);
    const outbox = slackOutbox(server);
    const run = async (resources: AcmCertificate[], now: Date): Promise<SlackPayload[]> => {
      const source: InventorySource = {
        read: async () => emptyReadResult(),
        enumerate: async () => ({ ...emptyReadResult(), resources }),
      };
      const deps: MonitorDeps = {
        source,
        findings,
        publish: async () => {},
        policy: policySchema.parse(policy),
        rules: RULES,
        now: () => now,
        scope: { accountId: ACCOUNT_ID },
        outbox,
      };
      const before = server.requests.length;
      await sweep(deps, { sweepId: `sweep-${now.toISOString()}`, regions: [REGION] });
      return server.requests.slice(before).map((request) => JSON.parse(request.body) as SlackPayload);
    };
    return { findings, run };
  }

  const alertsOf = (messages: SlackPayload[]) =>
    messages.filter((message) => !message.text.startsWith(SWEEP_SUMMARY));

  it('posts one digest on a first sweep of many findings, marks them all told, and the next sweep re-posts none', async () => {
    // Prepare
    const { findings, run } = await account();
    const resources = many('cert', FIRST_SWEEP_FINDINGS);

    // Act
    const first = await run(resources, T0);
    const next = await run(resources, hoursLater(1));

    // Assess
    expect(first).toHaveLength(1);
    expect(first[0]?.text).toBe(
      `${SWEEP_SUMMARY} ${FIRST_SWEEP_FINDINGS} open finding(s) (${FIRST_SWEEP_FINDINGS} high).`,
    );
    const blocks = JSON.stringify(first[0]?.blocks);
    expect(blocks).toContain(`*In this digest instead of one message each*: ${FIRST_SWEEP_FINDINGS} new`);
    expect(blocks).toContain(`New by family: acm ${FIRST_SWEEP_FINDINGS}`);
    expect(blocks).toContain(`…and ${FIRST_SWEEP_FINDINGS - 5} more open finding(s)`);
    const open = await findings.listOpen();
    expect(open).toHaveLength(FIRST_SWEEP_FINDINGS);
    expect(open.every((finding) => finding.lastNotifiedAt === T0.toISOString() && !finding.pending)).toBe(
      true,
    );
    expect(next.map((message) => message.text)).toEqual([
      `${SWEEP_SUMMARY} ${FIRST_SWEEP_FINDINGS} open finding(s) (${FIRST_SWEEP_FINDINGS} high).`,
    ]);
  }, 60_000);

  it('posts one message per finding for a later sweep that opens 2, and one digest for one that opens 21', async () => {
    // Prepare
    const { run } = await account();
    const known = many('known', 3);
    await run(known, T0);

    // Act
    const two = await run([...known, ...many('two', 2)], hoursLater(1));
    const twentyOne = await run([...known, ...many('two', 2), ...many('more', 21)], hoursLater(2));

    // Assess
    expect(two.map((message) => message.text.split(':')[0])).toEqual(['HIGH', 'HIGH', 'transit-guard sweep']);
    expect(twentyOne).toHaveLength(1);
    expect(twentyOne[0]?.text).toBe(`${SWEEP_SUMMARY} 26 open finding(s) (26 high).`);
    expect(JSON.stringify(twentyOne[0]?.blocks)).toContain('each*: 21 new');
  });

  it('posts nothing for a finding below slack.minSeverity, while the summary still counts it', async () => {
    // Prepare
    const { findings, run } = await account({ slack: { minSeverity: 'medium' } });
    await run([weak('known')], T0);

    // Act
    const posted = await run([weak('known'), unlogged('quiet')], hoursLater(1));
    const weekLater = await run([weak('known'), unlogged('quiet')], hoursLater(24 * 30));
    const fixed = await run([weak('known')], hoursLater(24 * 31));

    // Assess
    expect(posted.map((message) => message.text)).toEqual([
      `${SWEEP_SUMMARY} 2 open finding(s) (1 high, 1 low).`,
    ]);
    expect(JSON.stringify(posted)).not.toContain('quiet');
    expect(alertsOf(weekLater).map((message) => message.text.split(':')[0])).toEqual(['Reminder']);
    expect(JSON.stringify(weekLater)).not.toContain('quiet');
    expect(alertsOf(fixed)).toEqual([]);
    const quiet = (await findings.listByResource(unlogged('quiet').resourceId))[0];
    expect(quiet).toMatchObject({ state: 'resolved', severity: 'low' });
    expect(quiet?.lastNotifiedAt).toBeUndefined();
  });

  it('reminds each severity at its own interval: critical daily, high every 2 days, medium every 3, low weekly', async () => {
    // Prepare
    const { run } = await account();
    const resources = [expiredInUse, weak('high'), expiring, unlogged('low')];
    await run(resources, T0);

    // Act
    const reminded: Record<string, number[]> = {};
    for (let day = 1; day <= 7; day++) {
      for (const message of alertsOf(await run(resources, hoursLater(24 * day)))) {
        expect(message.text).toMatch(/^Reminder: /);
        const severity = message.text.split(' ')[1]?.replace(/:$/, '') ?? '';
        reminded[severity] = [...(reminded[severity] ?? []), day];
      }
    }

    // Assess
    expect(reminded).toEqual({
      CRITICAL: [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7],
      HIGH: [2, 4, 6],
      MEDIUM: [3, 6],
      LOW: [7],
    });
  });
});
