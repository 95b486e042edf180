import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Evaluation } from '../../../shared/model/evaluation.js';
import type { ResourceRef } from '../../../shared/model/ref.js';
import { createDynamoDbChangeLedger } from '../../../shared/state/change-ledger.js';
import { type LocalDynamo, startDynalite } from '../../helpers/dynalite.js';

const TABLE = 'change-ledger';
const REF: ResourceRef = {
  resourceType: 'AWS::EC2::VPNConnection',
  resourceId: 'vpn-0a1b2c3d4e5f60718',
  accountId: '111122223333',
  region: 'eu-west-1',
};
const evaluation = (status: Evaluation['status']) =>
  ({ ruleId: 'vpn-tunnel-ike-version', resourceId: REF.resourceId, status }) as unknown as Evaluation;

let dynamo: LocalDynamo;
let clock: Date;
const ledger = () =>
  createDynamoDbChangeLedger(dynamo.client, TABLE, { now: () => clock, sleep: async () => {} });
const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  dynamo = await startDynalite();
  await dynamo.createTable(TABLE);
});
afterAll(async () => dynamo.stop());
beforeEach(async () => {
  await dynamo.recreateTable(TABLE);
});

describe('createDynamoDbChangeLedger (dynalite)', () => {
  it('a slower read that started earlier never replaces what a newer read stored', async () => {
    // Prepare: two reads under way, the older one (10:00:00, unclaimed) finishing last.
    clock = at('2026-12-07T10:00:10Z');
    const newer = await ledger().begin(REF, at('2026-12-07T09:59:00Z'));
    if (newer.kind !== 'inspect') throw new Error('setup: expected to inspect');

    // Act
    await ledger().finish(REF, newer, { gone: false, evaluations: [evaluation('COMPLIANT')] });
    await ledger().finish(
      REF,
      { readAt: at('2026-12-07T10:00:00Z'), claimed: false },
      { gone: false, evaluations: [evaluation('NON_COMPLIANT')] },
    );

    // Assess
    clock = at('2026-12-07T10:05:00Z');
    const decided = await ledger().begin(REF, at('2026-12-07T09:59:30Z'));
    expect(decided).toEqual({
      kind: 'covered',
      record: { readAt: '2026-12-07T10:00:10.000Z', gone: false, evaluations: [evaluation('COMPLIANT')] },
    });
  });

  it('a claim left by a function that timed out lets another trigger read once it expires (120 s)', async () => {
    // Prepare: a claim at 10:00:00 that is never finished nor released.
    clock = at('2026-12-07T10:00:00Z');
    expect((await ledger().begin(REF, at('2026-12-07T09:58:00Z'))).kind).toBe('inspect');

    // Act
    clock = at('2026-12-07T10:01:00Z');
    const during = await ledger().begin(REF, at('2026-12-07T09:58:00Z'));
    clock = at('2026-12-07T10:02:01Z');
    const after = await ledger().begin(REF, at('2026-12-07T09:58:00Z'));

    // Assess
    expect(during).toEqual({ kind: 'in-progress' });
    expect(after).toEqual({ kind: 'inspect', readAt: clock, claimed: true });
  });

  it('the Config rule, waiting on a claim that never finishes, reads itself after its polls', async () => {
    clock = at('2026-12-07T10:00:00Z');
    await ledger().begin(REF, at('2026-12-07T09:58:00Z'));

    const decided = await ledger().begin(REF, at('2026-12-07T09:58:00Z'), { waitForResult: true });

    expect(decided).toEqual({ kind: 'inspect', readAt: clock, claimed: false });
  });

  it('a released claim (the read failed) lets the next trigger claim at once', async () => {
    clock = at('2026-12-07T10:00:00Z');
    const first = await ledger().begin(REF, at('2026-12-07T09:58:00Z'));
    if (first.kind !== 'inspect') throw new Error('setup: expected to inspect');
    await ledger().release(REF, first);

    clock = at('2026-12-07T10:00:30Z');
    const next = await ledger().begin(REF, at('2026-12-07T09:58:00Z'));

    expect(next).toEqual({ kind: 'inspect', readAt: clock, claimed: true });
  });
});
