import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Evaluation } from '../../../shared/model/evaluation.js';
import {
  type CentralEvent,
  type CentralFinding,
  type CentralTable,
  createCentralTable,
} from '../../../shared/org/central-table.js';
import type { FindingMessage } from '../../../shared/report/findings-bus.js';
import { findingIdOf } from '../../../shared/state/finding-store.js';
import { freshCentralTable } from '../../helpers/central-table.js';
import { type LocalDynamo, startDynalite } from '../../helpers/dynalite.js';

const MEMBER = '111122223333';
const REGION = 'eu-west-1';
const VPN = 'vpn-0c7d8e9f0a1b2c3d4';
const RULE = 'vpn-tunnel-ike-version';
const KEY = { accountId: MEMBER, region: REGION, findingId: findingIdOf(RULE, VPN) };

const evaluation = (
  status: Evaluation['status'],
  reason: string,
  severity: Evaluation['severity'] = 'high',
): Evaluation => ({
  ruleId: RULE,
  status,
  severity,
  resourceType: 'AWS::EC2::VPNConnection',
  resourceId: VPN,
  accountId: MEMBER,
  region: REGION,
  reason,
});

/** A member event: a finding (NON_COMPLIANT) or a resolution, observed at `minute` past 10:00. */
function event(
  kind: FindingMessage['kind'],
  minute: number,
  reason = 'Tunnel 1 allows IKEv1.',
  severity?: Evaluation['severity'],
): CentralEvent {
  const status = kind === 'resolution' ? 'COMPLIANT' : 'NON_COMPLIANT';
  return {
    eventId: `${kind}-${minute}`,
    account: MEMBER,
    region: REGION,
    message: {
      kind,
      evaluation: evaluation(
        status,
        kind === 'resolution' ? 'The configuration now passes the rule.' : reason,
        severity,
      ),
      observedAt: `2026-12-07T10:${String(minute).padStart(2, '0')}:00.000Z`,
    },
  };
}

/** The record an outcome wrote (every write in these tests writes one). */
function recorded(outcome: { record?: CentralFinding }): CentralFinding {
  if (!outcome.record) throw new Error('expected a record');
  return outcome.record;
}

const both = () => ['slack', 'securityHub'] as ('slack' | 'securityHub')[];

describe('the central findings table (dynalite)', () => {
  let local: LocalDynamo;
  let table: CentralTable;
  let tables = 0;

  beforeAll(async () => {
    local = await startDynalite();
  });
  afterAll(async () => {
    await local.stop();
  });
  beforeEach(async () => {
    const name = `central-${++tables}`;
    await freshCentralTable(local.client, name);
    table = createCentralTable(local.client, name);
  });

  it('opens, keeps, changes and resolves one record per account, region and finding', async () => {
    const opened = await table.record(event('finding', 1), both);
    const again = await table.record(event('finding', 2), both);
    const changed = await table.record(event('finding', 3, 'Both tunnels allow IKEv1.', 'critical'), both);
    const resolved = await table.record(event('resolution', 4), both);

    expect([opened, again, changed, resolved].map((o) => o.transition)).toEqual([
      'opened',
      'unchanged',
      'changed',
      'resolved',
    ]);
    expect(await table.get(KEY)).toMatchObject({
      state: 'resolved',
      resolution: 'fixed',
      firstSeenAt: '2026-12-07T10:01:00.000Z',
      resolvedAt: '2026-12-07T10:04:00.000Z',
      observedAt: '2026-12-07T10:04:00.000Z',
      eventId: 'resolution-4',
      busRegion: REGION,
    });
  });

  it('a late finding does not reopen a finding a later event resolved, and a duplicate changes nothing', async () => {
    await table.record(event('finding', 1), both);
    await table.record(event('resolution', 5), both);
    const stored = await table.get(KEY);

    const late = await table.record(event('finding', 3), both);
    const duplicate = await table.record(event('resolution', 5), both);

    expect(late).toMatchObject({ stale: true, transition: 'none' });
    expect(duplicate).toMatchObject({ stale: true, transition: 'none' });
    expect(await table.get(KEY)).toEqual(stored);
  });

  it('a resolution that arrives before its finding fences the older finding out', async () => {
    const first = await table.record(event('resolution', 5), both);
    const older = await table.record(event('finding', 1), both);

    expect(first).toMatchObject({ stale: false, transition: 'none' });
    expect(older.stale).toBe(true);
    expect(await table.get(KEY)).toMatchObject({ state: 'resolved' });
  });

  it('reopens a resolved finding with a new firstSeenAt', async () => {
    await table.record(event('finding', 1), both);
    await table.record(event('resolution', 2), both);
    const reopened = await table.record(event('finding', 3), both);

    expect(reopened.transition).toBe('opened');
    expect(await table.get(KEY)).toMatchObject({ state: 'open', firstSeenAt: '2026-12-07T10:03:00.000Z' });
  });

  it('keeps what an undelivered transition owes through later events, until it is delivered', async () => {
    await table.record(event('finding', 1), (t) => (t === 'opened' ? both() : []));
    const later = await table.record(event('finding', 2), () => []);

    expect(later.record?.owes).toEqual(['slack', 'securityHub']);
    expect(later.record?.slackTransition).toBe('opened');

    await table.delivered(recorded(later), ['slack']);
    expect((await table.get(KEY))?.owes).toEqual(['securityHub']);
    await table.delivered({ ...recorded(later), owes: ['securityHub'] }, ['securityHub']);
    expect(await table.get(KEY)).not.toHaveProperty('owes');
  });

  it('does not clear what a newer event owes when an older delivery finishes', async () => {
    const first = await table.record(event('finding', 1), both);
    await table.record(event('resolution', 2), both);

    await table.delivered(recorded(first), ['slack', 'securityHub']);

    expect((await table.get(KEY))?.owes).toEqual(['slack', 'securityHub']);
  });

  it('notes plans and actions on a known finding only, latest first', async () => {
    const unknown = await table.noteResponse({
      ...event('action', 1),
      message: { ...event('action', 1).message, action: { status: 'remediated' } as never },
    });
    await table.record(event('finding', 1), () => []);
    const noted = await table.noteResponse({ ...event('plan', 2) });
    const older = await table.noteResponse({ ...event('plan', 1) });

    expect([unknown, noted, older]).toEqual([false, true, false]);
    expect((await table.get(KEY))?.response).toMatchObject({ kind: 'plan', at: '2026-12-07T10:02:00.000Z' });
  });

  it('reads how the member resolved it: fixed, remediated, deleted', async () => {
    const resolvedBy = async (reason: string, status: Evaluation['status'] = 'COMPLIANT') => {
      const resolution = event('resolution', 9);
      resolution.message.evaluation = { ...resolution.message.evaluation, status, reason };
      await table.record(event('finding', 8), both);
      await table.record(resolution, both);
      return (await table.get(KEY))?.resolution;
    };

    expect(await resolvedBy('transit-guard remediated the configuration and verified the fix.')).toBe(
      'remediated',
    );
    await freshCentralTable(local.client, `central-${tables}`);
    expect(await resolvedBy('The resource no longer exists.', 'NOT_APPLICABLE')).toBe('deleted');
    await freshCentralTable(local.client, `central-${tables}`);
    expect(await resolvedBy('The configuration now passes the rule.')).toBe('fixed');
  });

  it('ends on the latest event whatever order concurrent writers finish in', async () => {
    const writes = [event('finding', 1), event('finding', 3), event('resolution', 7), event('finding', 5)];

    await Promise.all(writes.map((write) => table.record(write, both)));

    expect(await table.get(KEY)).toMatchObject({ state: 'resolved', observedAt: '2026-12-07T10:07:00.000Z' });
  });
});
