import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { ModifyListenerCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { elbv2ListenerTlsPolicy as rule } from '../../../shared/families/elbv2/rules/elbv2-listener-tls-policy.js';
import { executePlan } from '../../../shared/response/executor.js';
import { type ActionRequest, makeActionIdempotent } from '../../../shared/response/idempotency.js';
import type { ActionRecord } from '../../../shared/response/types.js';
import { IDEMPOTENCY_PARTITION } from '../../../shared/state/table.js';
import { type LocalDynamo, startDynalite } from '../../helpers/dynalite.js';
import { albHttpsListener } from '../../helpers/elb-fixtures.js';
import { executorDeps, mockRemediationClients, plannedAction } from './support.js';

const mocks = mockRemediationClients();
const EVENT_ID = '6a7e8feb-b491-4cf7-a9f1-bf3703467718';
const listener = albHttpsListener({ sslPolicy: 'ELBSecurityPolicy-2016-08' });
const fixed = { ...listener, sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06' };

let dynamo: LocalDynamo;
let tableCount = 0;

/** The listener as AWS shows it: the old policy until ModifyListener has run, the new one after. */
function liveListener() {
  let modified = false;
  mocks.elbv2.on(ModifyListenerCommand).callsFake(async () => {
    await new Promise((resolve) => setTimeout(resolve, 20));
    modified = true;
    return {};
  });
  return async () => {
    // Each read takes a moment, so concurrent deliveries overlap.
    await new Promise((resolve) => setTimeout(resolve, 10));
    return structuredClone(modified ? fixed : listener);
  };
}

async function setup(fn?: (request: ActionRequest) => Promise<ActionRecord>) {
  const tableName = `transit-guard-state-${++tableCount}`;
  await dynamo.createTable(tableName);
  const deps = executorDeps(rule, liveListener());
  const act = makeActionIdempotent(fn ?? ((request) => executePlan(request, deps)), {
    tableName,
    client: dynamo.client,
  });
  const request: ActionRequest = { eventId: EVENT_ID, ...plannedAction(rule, listener) };
  return { act, request, tableName };
}

describe('makeActionIdempotent', () => {
  beforeAll(async () => {
    dynamo = await startDynalite();
  });

  afterAll(async () => {
    await dynamo.stop();
  });

  afterEach(() => {
    mocks.reset();
  });

  it('acts exactly once when the same event is delivered 5 times concurrently', async () => {
    // Prepare
    const { act, request } = await setup();

    // Act
    const results = await Promise.all(Array.from({ length: 5 }, () => act(structuredClone(request))));

    // Assess
    expect(mocks.elbv2).toReceiveCommandTimes(ModifyListenerCommand, 1);
    const outcomes = results.map((result) => result.outcome);
    expect(outcomes.filter((outcome) => outcome === 'executed')).toHaveLength(1);
    // A duplicate either finds the first delivery still acting or, if it comes late, its stored record.
    expect(outcomes.filter((outcome) => outcome === 'in-progress' || outcome === 'replayed')).toHaveLength(4);
    expect(results.find((result) => result.outcome === 'executed')).toMatchObject({
      record: { status: 'remediated' },
    });
    for (const result of results.filter((r) => r.outcome === 'in-progress')) {
      expect(result).toMatchObject({ note: expect.stringContaining('already being handled') });
    }
  });

  it('hands a redelivery the stored record instead of acting again', async () => {
    // Prepare
    const { act, request } = await setup();
    const first = await act(request);

    // Act
    const again = await act(structuredClone(request));

    // Assess
    expect(first.outcome).toBe('executed');
    expect(again).toEqual({ outcome: 'replayed', record: 'record' in first ? first.record : undefined });
    expect(mocks.elbv2).toReceiveCommandTimes(ModifyListenerCommand, 1);
  });

  it('keys on event, rule and resource: another event for the same listener is a new action', async () => {
    // Prepare
    const { act, request } = await setup();
    await act(request);

    // Act
    const other = await act({ ...request, eventId: 'c5b2d1a0-0000-4000-8000-000000000001' });

    // Assess: the new event acts, finds the listener already fixed and changes nothing.
    expect(other).toMatchObject({ outcome: 'executed', record: { status: 'unchanged' } });
    expect(mocks.elbv2).toReceiveCommandTimes(ModifyListenerCommand, 1);
  });

  it('stores the record in the state table under the idempotency partition, expiring after a day', async () => {
    // Prepare
    const { act, request, tableName } = await setup();
    const before = Math.floor(Date.now() / 1000);

    // Act
    await act(request);

    // Assess
    const { Items } = await dynamo.client.send(new ScanCommand({ TableName: tableName }));
    expect(Items).toHaveLength(1);
    const item = Items?.[0];
    expect(item?.pk).toEqual({ S: IDEMPOTENCY_PARTITION });
    expect(item?.sk?.S).toMatch(/^transit-guard-action#[A-Za-z0-9+/=]+$/);
    expect(item?.status).toEqual({ S: 'COMPLETED' });
    const expiration = Number(item?.expiration?.N);
    expect(expiration).toBeGreaterThanOrEqual(before + 86_400);
    expect(expiration).toBeLessThan(before + 86_400 + 60);
  });

  it('does not retry a failed action on redelivery: the failure is the stored result', async () => {
    // Prepare
    const { act, request } = await setup();
    mocks.elbv2
      .on(ModifyListenerCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'Throttling' }));

    // Act
    const first = await act(request);
    const again = await act(structuredClone(request));

    // Assess
    expect(first).toMatchObject({ outcome: 'executed', record: { status: 'failed' } });
    expect(again).toMatchObject({ outcome: 'replayed', record: { status: 'failed' } });
    expect(mocks.elbv2).toReceiveCommandTimes(ModifyListenerCommand, 1);
  });

  it('keys on the event, not on the plan: a redelivery planned differently still gets the stored record', async () => {
    // Prepare
    const { act, request } = await setup();
    const first = await act(request);
    const replanned: ActionRequest = {
      ...structuredClone(request),
      plan: { ...request.plan, note: 'planned again after a policy change' },
    };

    // Act
    const again = await act(replanned);

    // Assess
    expect(again).toEqual({ outcome: 'replayed', record: 'record' in first ? first.record : undefined });
    expect(mocks.elbv2).toReceiveCommandTimes(ModifyListenerCommand, 1);
  });

  it('passes an exception on and frees the key, so a redelivery tries again', async () => {
    // Prepare
    let calls = 0;
    const { act, request } = await setup(async (req) => {
      calls++;
      if (calls === 1) throw new Error('state table unreachable');
      return {
        status: 'unchanged',
        ruleId: req.ruleId,
        resourceId: req.ref.resourceId,
        mode: req.plan.mode,
        action: req.plan.action ?? '',
        calls: [],
        startedAt: '2026-11-22T10:00:00.000Z',
        finishedAt: '2026-11-22T10:00:01.000Z',
      };
    });

    // Act
    const first = act(request);
    await expect(first).rejects.toThrow('state table unreachable');
    const again = await act(structuredClone(request));

    // Assess
    expect(calls).toBe(2);
    expect(again).toMatchObject({ outcome: 'executed', record: { status: 'unchanged' } });
  });

  it('does not act on a request without event id, rule id and resource id: nothing to key on', async () => {
    // Prepare
    let calls = 0;
    const { act } = await setup(async () => {
      calls++;
      throw new Error('should not be called');
    });

    // Act
    const result = act({} as ActionRequest);

    // Assess: Powertools refuses to record it (no idempotency key) and the action never runs.
    await expect(result).rejects.toMatchObject({ cause: { name: 'IdempotencyKeyError' } });
    expect(calls).toBe(0);
  });
});
