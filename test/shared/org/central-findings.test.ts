import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CentralDeliveryError,
  CentralEventValidationError,
  type CentralPorts,
  centralFindings,
  parseMemberEvent,
} from '../../../shared/org/central-findings.js';
import {
  type CentralEvent,
  type CentralTable,
  createCentralTable,
} from '../../../shared/org/central-table.js';
import type { ExportResult } from '../../../shared/org/security-hub.js';
import type { OcsfComplianceFinding } from '../../../shared/report/ocsf.js';
import { findingIdOf } from '../../../shared/state/finding-store.js';
import { freshCentralTable } from '../../helpers/central-table.js';
import { type LocalDynamo, startDynalite } from '../../helpers/dynalite.js';

const MEMBER = '111122223333';
const REGION = 'eu-west-1';
const VPN = 'vpn-0c7d8e9f0a1b2c3d4';
const RULE = 'vpn-tunnel-ike-version';
const KEY = { accountId: MEMBER, region: REGION, findingId: findingIdOf(RULE, VPN) };

/** A member's findings-bus event as the central bus delivers it. */
function busEvent(kind: 'finding' | 'resolution' | 'plan', minute: number, severity = 'high') {
  return {
    version: '0',
    id: `${kind}-${minute}`,
    'detail-type': 'Transit Finding',
    source: 'transit-guard',
    account: MEMBER,
    time: `2026-12-07T10:0${minute}:00Z`,
    region: REGION,
    resources: [],
    detail: {
      kind,
      evaluation: {
        ruleId: RULE,
        status: kind === 'resolution' ? 'COMPLIANT' : 'NON_COMPLIANT',
        severity,
        resourceType: 'AWS::EC2::VPNConnection',
        resourceId: VPN,
        accountId: MEMBER,
        region: REGION,
        reason: kind === 'resolution' ? 'The configuration now passes the rule.' : 'Tunnel 1 allows IKEv1.',
      },
      observedAt: `2026-12-07T10:0${minute}:00.000Z`,
    },
  };
}

const events = (...raw: ReturnType<typeof busEvent>[]): CentralEvent[] => raw.map(parseMemberEvent);

describe('parseMemberEvent', () => {
  it('takes the member account and region from the envelope', () => {
    expect(parseMemberEvent(busEvent('finding', 1))).toMatchObject({
      eventId: 'finding-1',
      account: MEMBER,
      region: REGION,
      message: { kind: 'finding', observedAt: '2026-12-07T10:01:00.000Z' },
    });
  });

  it.each([
    ['source', { source: 'aws.ec2' }, /source/],
    ['an account', { account: 'nope' }, /account: expected a 12-digit AWS account id/],
    [
      'an observedAt',
      { detail: { ...busEvent('finding', 1).detail, observedAt: 'yesterday' } },
      /detail\.observedAt/,
    ],
    [
      'a resource type',
      {
        detail: {
          ...busEvent('finding', 1).detail,
          evaluation: { ...busEvent('finding', 1).detail.evaluation, resourceType: 'AWS::S3::Nope' },
        },
      },
      /detail\.evaluation\.resourceType/,
    ],
  ])('refuses an event with a wrong %s, naming the field', (_what, change, message) => {
    const call = () => parseMemberEvent({ ...busEvent('finding', 1), ...change });
    expect(call).toThrow(CentralEventValidationError);
    expect(call).toThrow(message);
  });
});

describe('centralFindings (dynalite table, stand-in channels)', () => {
  let local: LocalDynamo;
  let table: CentralTable;
  let tables = 0;
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const enqueue = vi.fn(async () => undefined);
  const exportFindings = vi.fn(
    async (findings: { Id: string }[]): Promise<ExportResult> => ({
      exported: findings.map((f) => f.Id),
      failed: [],
    }),
  );
  const ports = (overrides: Partial<CentralPorts> = {}): CentralPorts => ({
    table,
    slack: {
      routes: [{ match: { minSeverity: 'high' }, channel: 'security-high' }],
      ouPathOf: async () => ['ou-ab12-34cd56ef', 'r-ab12'],
      enqueue,
    },
    securityHub: { central: { accountId: '999988887777', region: REGION }, export: exportFindings },
    log,
    ...overrides,
  });

  beforeAll(async () => {
    local = await startDynalite();
  });
  afterAll(async () => {
    await local.stop();
  });
  beforeEach(async () => {
    const name = `central-use-case-${++tables}`;
    await freshCentralTable(local.client, name);
    table = createCentralTable(local.client, name);
    vi.clearAllMocks();
  });

  it('tells Slack of opened and resolved findings only, and Security Hub of every change of state', async () => {
    const summary = await centralFindings(
      ports(),
      events(
        busEvent('finding', 1),
        busEvent('finding', 2),
        busEvent('finding', 3, 'critical'),
        busEvent('resolution', 4),
      ),
    );

    expect(summary).toEqual({
      transitions: { opened: 1, unchanged: 1, changed: 1, resolved: 1 },
      slack: 1,
      securityHub: 1,
      securityLake: 0,
    });
    // One invocation, one record: its last state is what both channels are told.
    expect(enqueue).toHaveBeenCalledWith([
      {
        channel: 'security-high',
        payload: expect.objectContaining({ text: expect.stringContaining('Resolved') }),
      },
    ]);
    expect(exportFindings.mock.calls[0]?.[0]).toEqual([expect.objectContaining({ RecordState: 'ARCHIVED' })]);
    expect(await table.get(KEY)).not.toHaveProperty('owes');
  });

  it('keeps what Security Hub refused owed, fails, and delivers it when the event comes again', async () => {
    exportFindings.mockResolvedValueOnce({
      exported: [],
      failed: [{ id: 'x', errorCode: 'InternalFailure' }],
    } as ExportResult);

    await expect(centralFindings(ports(), events(busEvent('finding', 1)))).rejects.toThrow(
      CentralDeliveryError,
    );
    expect(await table.get(KEY)).toMatchObject({ owes: ['securityHub'] });
    expect(enqueue).toHaveBeenCalledTimes(1);

    // EventBridge delivers the same event again: the record changes nothing but still owes Security Hub.
    const retried = await centralFindings(ports(), events(busEvent('finding', 1)));

    expect(retried).toMatchObject({ transitions: { stale: 1 }, securityHub: 1, slack: 0 });
    expect(exportFindings).toHaveBeenCalledTimes(2);
    expect(enqueue).toHaveBeenCalledTimes(1);
    expect(await table.get(KEY)).not.toHaveProperty('owes');
  });

  it('keeps Slack owed when the outbox refuses, without holding Security Hub back', async () => {
    enqueue.mockRejectedValueOnce(new Error('SQS refused 1 message(s)'));

    await expect(centralFindings(ports(), events(busEvent('finding', 1)))).rejects.toThrow(
      /Slack: SQS refused/,
    );

    expect(exportFindings).toHaveBeenCalledTimes(1);
    expect(await table.get(KEY)).toMatchObject({ owes: ['slack'] });
  });

  it('sends nothing to Slack for a finding no route matches, and says so in the log', async () => {
    await centralFindings(ports(), events(busEvent('finding', 1, 'medium')));

    expect(enqueue).not.toHaveBeenCalled();
    expect(log.info).toHaveBeenCalledWith(
      'No Slack route matches the finding: not sent to Slack',
      expect.objectContaining({ accountId: MEMBER, severity: 'medium' }),
    );
    expect(await table.get(KEY)).not.toHaveProperty('owes');
  });

  it('owes nothing to a channel that is off', async () => {
    const { slack: _slack, securityHub: _hub, ...bare } = ports();

    expect(await centralFindings(bare, events(busEvent('finding', 1)))).toMatchObject({
      slack: 0,
      securityHub: 0,
    });
    expect(await table.get(KEY)).toMatchObject({ state: 'open' });
    expect(await table.get(KEY)).not.toHaveProperty('owes');
  });

  it('writes each finding change to Security Lake as OCSF, all of an invocation in one write', async () => {
    const write = vi.fn(async (_events: OcsfComplianceFinding[]) => undefined);
    const other = { ...busEvent('finding', 2), id: 'other-finding' };
    other.detail = {
      ...other.detail,
      evaluation: { ...other.detail.evaluation, resourceId: 'vpn-0aaaaaaaaaaaaaaaa' },
    };

    const opened = await centralFindings(
      ports({ securityLake: { write } }),
      events(busEvent('finding', 1), other),
    );
    const resolved = await centralFindings(
      ports({ securityLake: { write } }),
      events(busEvent('resolution', 3)),
    );

    expect(opened.securityLake).toBe(2);
    expect(resolved.securityLake).toBe(1);
    expect(write).toHaveBeenCalledTimes(2);
    expect(write.mock.calls[0]?.[0]).toEqual([
      expect.objectContaining({
        class_uid: 2003,
        finding_info: expect.objectContaining({ uid: KEY.findingId }),
        compliance: expect.objectContaining({ status: 'Fail' }),
        cloud: expect.objectContaining({ region: REGION, account: expect.objectContaining({ uid: MEMBER }) }),
        time: Date.parse('2026-12-07T10:01:00.000Z'),
      }),
      expect.objectContaining({
        finding_info: expect.objectContaining({ uid: findingIdOf(RULE, 'vpn-0aaaaaaaaaaaaaaaa') }),
      }),
    ]);
    expect(write.mock.calls[1]?.[0]).toEqual([
      expect.objectContaining({
        status: 'Resolved',
        compliance: expect.objectContaining({ status: 'Pass' }),
      }),
    ]);
    expect(await table.get(KEY)).not.toHaveProperty('owes');
  });

  it('keeps a refused Security Lake write owed, fails, and writes it when the event comes again', async () => {
    const write = vi.fn(async (_events: OcsfComplianceFinding[]) => undefined);
    write.mockRejectedValueOnce(new Error('AccessDenied'));

    await expect(
      centralFindings(ports({ securityLake: { write } }), events(busEvent('finding', 1))),
    ).rejects.toThrow(/Security Lake: AccessDenied/);
    expect(await table.get(KEY)).toMatchObject({ owes: ['securityLake'] });

    const retried = await centralFindings(ports({ securityLake: { write } }), events(busEvent('finding', 1)));

    expect(retried).toMatchObject({ transitions: { stale: 1 }, securityLake: 1, securityHub: 0 });
    expect(write).toHaveBeenCalledTimes(2);
    expect(write.mock.calls[1]?.[0]).toEqual([expect.objectContaining({ status: 'New' })]);
    expect(await table.get(KEY)).not.toHaveProperty('owes');
  });

  describe('quiet Slack per route (minSeverity, digestThreshold)', () => {
    /** An opened finding on the i-th VPN connection, observed at minute `minute` of 10:00. */
    const opened = (i: number, minute = 1, severity = 'high') => {
      const event = busEvent('finding', minute, severity);
      event.id = `finding-${i}-${minute}`;
      event.detail = {
        ...event.detail,
        evaluation: { ...event.detail.evaluation, resourceId: `vpn-${String(i).padStart(17, '0')}` },
      };
      return event;
    };
    const at = (minute: number) => () => `2026-12-07T10:${String(minute).padStart(2, '0')}:30.000Z`;
    const slackWith = (route: Record<string, unknown>) => ({
      routes: [{ match: {}, channel: 'all', ...route }],
      ouPathOf: async () => [],
      enqueue,
    });
    const posted = () =>
      enqueue.mock.calls.flatMap((call) => (call as unknown as [{ payload: { text: string } }[]])[0]);

    it('records but does not post a finding below its route minSeverity (no fall-through)', async () => {
      await centralFindings(
        ports({ slack: slackWith({ minSeverity: 'critical' }), now: at(1) }),
        events(opened(1, 1, 'high')),
      );

      expect(enqueue).not.toHaveBeenCalled();
      expect(log.info).toHaveBeenCalledWith(
        'Below the route minSeverity: recorded, not sent to Slack',
        expect.objectContaining({ severity: 'high', minSeverity: 'critical' }),
      );
      expect(
        await table.get({ ...KEY, findingId: findingIdOf(RULE, `vpn-${'1'.padStart(17, '0')}`) }),
      ).not.toHaveProperty('owes');
    });

    it('posts the policy’s default floor: an info finding is not posted by a route that names none', async () => {
      await centralFindings(ports({ slack: slackWith({}), now: at(1) }), events(opened(1, 1, 'info')));

      expect(enqueue).not.toHaveBeenCalled();
    });

    it('posts one digest, not one message each, when an invocation holds more than the threshold', async () => {
      const summary = await centralFindings(
        ports({ slack: slackWith({ digestThreshold: 3 }), now: at(1) }),
        events(...[1, 2, 3, 4, 5].map((i) => opened(i))),
      );

      expect(summary.slack).toBe(1);
      expect(posted()).toEqual([
        {
          channel: 'all',
          payload: expect.objectContaining({ text: expect.stringContaining('5 open finding(s)') }),
        },
      ]);
      for (const i of [1, 2, 3, 4, 5])
        expect(
          await table.get({ ...KEY, findingId: findingIdOf(RULE, `vpn-${String(i).padStart(17, '0')}`) }),
        ).not.toHaveProperty('owes');
    });

    it('holds a channel to its threshold per hour across invocations: then one digest, then silence until the next hour', async () => {
      const run = (i: number, minute: number) =>
        centralFindings(
          ports({ slack: slackWith({ digestThreshold: 2 }), now: at(minute) }),
          events(opened(i, minute)),
        );

      const sent = [];
      for (const i of [1, 2, 3, 4, 5]) sent.push((await run(i, i)).slack);
      const nextHour = await centralFindings(
        ports({ slack: slackWith({ digestThreshold: 2 }), now: () => '2026-12-07T11:00:05.000Z' }),
        events(opened(6, 6)),
      );

      // Two single messages, the digest for the third (saying when single messages resume), nothing more.
      expect(sent).toEqual([1, 1, 1, 0, 0]);
      expect(posted()[2]?.payload.text).toContain(
        'transit-guard organization digest · single messages resume 11:00 UTC',
      );
      expect(nextHour.slack).toBe(1);
    });

    it('turns an organization’s first sweep (hundreds of findings, default settings) into one digest', async () => {
      const summary = await centralFindings(
        ports({ slack: slackWith({}), now: at(1) }),
        events(...Array.from({ length: 200 }, (_, i) => opened(i))),
      );

      expect(summary.slack).toBe(1);
      expect(posted()).toHaveLength(1);
      expect(posted()[0]?.payload.text).toContain('200 open finding(s) (200 high)');
    });
  });

  it('notes a plan on its finding without telling anyone', async () => {
    const summary = await centralFindings(ports(), events(busEvent('finding', 1), busEvent('plan', 2)));

    expect(summary.transitions).toEqual({ opened: 1, response: 1 });
    expect((await table.get(KEY))?.response).toMatchObject({ kind: 'plan' });
    expect(exportFindings).toHaveBeenCalledTimes(1);
  });
});
