import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Evaluation } from '../../../shared/model/evaluation.js';
import { createDynamoDbFindingStore } from '../../../shared/state/dynamodb-store.js';
import {
  clearDelivered,
  type DeliveryChannel,
  FindingConflictError,
  type FindingRecord,
  type FindingStore,
  type FindingTransition,
  findingIdOf,
  markNotified,
  type NewDelivery,
  recordEvaluations,
  resolveFinding,
  resolveResource,
  resolveResourcesByPrefix,
} from '../../../shared/state/finding-store.js';
import { createMemoryFindingStore } from '../../../shared/state/memory-store.js';
import { findingStores, type LocalDynamo, recordingClient, startDynalite } from '../../helpers/dynalite.js';

const LISTENER =
  'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2';
const t0 = new Date('2026-11-22T10:00:00.000Z');
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

function evaluation(overrides: Partial<Evaluation> = {}): Evaluation {
  return {
    ruleId: 'elbv2-listener-tls-policy',
    status: 'NON_COMPLIANT',
    severity: 'high',
    resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
    resourceId: LISTENER,
    resourceName: 'shop',
    accountId: '111122223333',
    region: 'eu-west-1',
    reason: 'Policy ELBSecurityPolicy-2016-08 accepts TLSv1 and TLSv1.1; the minimum is TLSv1.2.',
    response: { mode: 'notify' },
    ...overrides,
  };
}

let dynamo: LocalDynamo;
let tableCount = 0;

beforeAll(async () => {
  dynamo = await startDynalite();
});

afterAll(async () => {
  await dynamo.stop();
});

const stores = findingStores(() => dynamo, 'stores');

describe.each(stores)('finding store %s', (_name, makeStore) => {
  let store: FindingStore;

  beforeEach(async () => {
    store = await makeStore();
  });

  it('opens a finding once for the same evaluation seen 10 times', async () => {
    // Act
    const kinds: string[] = [];
    for (let i = 0; i < 10; i++) {
      const [transition] = await recordEvaluations(store, [evaluation()], later(i));
      kinds.push(transition?.kind ?? 'missing');
    }

    // Assess
    expect(kinds).toEqual(['opened', ...Array(9).fill('unchanged')]);
    const stored = await store.get(findingIdOf('elbv2-listener-tls-policy', LISTENER));
    expect(stored).toMatchObject({
      state: 'open',
      firstSeenAt: t0.toISOString(),
      lastSeenAt: later(9).toISOString(),
      version: 10,
    });
  });

  it('resolves an open finding when the rule passes, once', async () => {
    // Prepare
    await recordEvaluations(store, [evaluation()], t0);

    // Act
    const [first] = await recordEvaluations(
      store,
      [evaluation({ status: 'COMPLIANT', reason: 'fixed' })],
      later(5),
    );
    const [second] = await recordEvaluations(
      store,
      [evaluation({ status: 'COMPLIANT', reason: 'fixed' })],
      later(6),
    );

    // Assess
    expect(first?.kind).toBe('resolved');
    expect(first?.finding).toMatchObject({
      state: 'resolved',
      resolution: 'fixed',
      resolvedAt: later(5).toISOString(),
    });
    expect(second?.kind).toBe('none');
  });

  it('counts a higher severity or a new response as a change', async () => {
    // Prepare
    await recordEvaluations(store, [evaluation()], t0);

    // Act
    const [severity] = await recordEvaluations(store, [evaluation({ severity: 'critical' })], later(1));
    const [response] = await recordEvaluations(
      store,
      [evaluation({ severity: 'critical', response: { mode: 'remediate', action: 'set-ssl-policy' } })],
      later(2),
    );

    // Assess
    expect(severity?.kind).toBe('changed');
    expect(response?.kind).toBe('changed');
    expect(response?.finding?.firstSeenAt).toBe(t0.toISOString());
  });

  it('reopens a resolved finding as a new one', async () => {
    // Prepare
    await recordEvaluations(store, [evaluation()], t0);
    await recordEvaluations(store, [evaluation({ status: 'COMPLIANT' })], later(1));

    // Act
    const [again] = await recordEvaluations(store, [evaluation()], later(2));

    // Assess
    expect(again?.kind).toBe('opened');
    expect(again?.finding?.firstSeenAt).toBe(later(2).toISOString());
  });

  it('resolves every open finding of a deleted resource and leaves other resources alone', async () => {
    // Prepare
    const other =
      'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/api/1111111111111111/2222222222222222';
    await recordEvaluations(
      store,
      [
        evaluation(),
        evaluation({ ruleId: 'elbv2-listener-weak-ciphers' }),
        evaluation({ resourceId: other }),
      ],
      t0,
    );

    // Act
    const transitions = await resolveResource(store, LISTENER, later(1));

    // Assess
    expect(transitions.map((t) => [t.kind, t.finding?.ruleId, t.finding?.resolution])).toEqual(
      expect.arrayContaining([
        ['resolved', 'elbv2-listener-tls-policy', 'deleted'],
        ['resolved', 'elbv2-listener-weak-ciphers', 'deleted'],
      ]),
    );
    expect(transitions).toHaveLength(2);
    expect((await store.listOpen()).map((f) => f.resourceId)).toEqual([other]);
  });

  it('resolves the open findings of every resource under a prefix, and of no other resource', async () => {
    // Prepare: two listeners of one load balancer, one of a load balancer whose id starts the same.
    const prefix = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/shop/50dc6c495c0c9188/';
    const second = `${prefix}0a0b0c0d0e0f1011`;
    const lookalike =
      'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/shop/50dc6c495c0c91889/0a0b0c0d0e0f1011';
    await recordEvaluations(
      store,
      [
        evaluation(),
        evaluation({ ruleId: 'elbv2-listener-weak-ciphers' }),
        evaluation({ resourceId: second }),
        evaluation({ resourceId: lookalike }),
      ],
      t0,
    );

    // Act
    const transitions = await resolveResourcesByPrefix(store, prefix, later(1));

    // Assess
    expect(
      transitions
        .map((t) => [t.kind, t.finding?.resourceId, t.finding?.ruleId, t.finding?.resolution])
        .sort(),
    ).toEqual(
      [
        ['resolved', LISTENER, 'elbv2-listener-tls-policy', 'deleted'],
        ['resolved', LISTENER, 'elbv2-listener-weak-ciphers', 'deleted'],
        ['resolved', second, 'elbv2-listener-tls-policy', 'deleted'],
      ].sort(),
    );
    expect(transitions[0]?.finding?.resolvedAt).toBe(later(1).toISOString());
    expect((await store.listOpen()).map((f) => f.resourceId)).toEqual([lookalike]);
  });

  it('resolves under a prefix with the resolution it is given, and leaves resolved findings alone', async () => {
    // Prepare
    await recordEvaluations(store, [evaluation()], t0);
    await resolveResource(store, LISTENER, later(1));
    await recordEvaluations(store, [evaluation({ ruleId: 'elbv2-listener-weak-ciphers' })], later(2));

    // Act
    const transitions = await resolveResourcesByPrefix(store, LISTENER.slice(0, 60), later(3), 'remediated');

    // Assess
    expect(transitions.map((t) => [t.finding?.ruleId, t.finding?.resolution])).toEqual([
      ['elbv2-listener-weak-ciphers', 'remediated'],
    ]);
  });

  it('refuses an empty prefix, which would resolve every open finding', async () => {
    // Prepare
    await recordEvaluations(store, [evaluation()], t0);

    // Act
    const act = resolveResourcesByPrefix(store, '', later(1));

    // Assess
    await expect(act).rejects.toThrow('resolveResourcesByPrefix: the prefix must not be empty');
    expect(await store.listOpen()).toHaveLength(1);
  });

  it('lists the open findings of one region and resource type only, and a resolved finding leaves the list', async () => {
    // Prepare: two open listener findings here, one resolved; a listener in another region; a target group here.
    const inUs = LISTENER.replace('eu-west-1', 'us-east-1');
    const group = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/shop/50dc6c495c0c9188';
    await recordEvaluations(
      store,
      [
        evaluation(),
        evaluation({ ruleId: 'elbv2-listener-weak-ciphers' }),
        evaluation({ ruleId: 'elbv2-listener-no-redirect' }),
        evaluation({ resourceId: inUs, region: 'us-east-1' }),
        evaluation({ resourceId: group, resourceType: 'AWS::ElasticLoadBalancingV2::TargetGroup' }),
      ],
      t0,
    );
    await recordEvaluations(
      store,
      [evaluation({ ruleId: 'elbv2-listener-weak-ciphers', status: 'COMPLIANT', reason: 'fixed' })],
      later(1),
    );

    // Act
    const here = await store.listOpenAt('eu-west-1', 'AWS::ElasticLoadBalancingV2::Listener');
    const there = await store.listOpenAt('us-east-1', 'AWS::ElasticLoadBalancingV2::Listener');
    const elsewhere = await store.listOpenAt('ap-south-1', 'AWS::ElasticLoadBalancingV2::Listener');

    // Assess
    expect(here.map((f) => f.findingId)).toEqual([
      findingIdOf('elbv2-listener-no-redirect', LISTENER),
      findingIdOf('elbv2-listener-tls-policy', LISTENER),
    ]);
    expect(here.every((f) => f.state === 'open')).toBe(true);
    expect(there.map((f) => f.resourceId)).toEqual([inUs]);
    expect(elsewhere).toEqual([]);
  });

  it('lists open findings worst first, up to the limit', async () => {
    // Prepare
    await recordEvaluations(
      store,
      [
        evaluation({ resourceId: 'vpn-1', resourceType: 'AWS::EC2::VPNConnection', severity: 'medium' }),
        evaluation({ resourceId: 'vpn-2', resourceType: 'AWS::EC2::VPNConnection', severity: 'critical' }),
        evaluation({ resourceId: 'vpn-3', resourceType: 'AWS::EC2::VPNConnection', severity: 'low' }),
        evaluation({ resourceId: 'vpn-4', resourceType: 'AWS::EC2::VPNConnection', severity: 'high' }),
      ],
      t0,
    );

    // Act
    const worst = await store.listOpen(2);

    // Assess
    expect(worst.map((f) => f.resourceId)).toEqual(['vpn-2', 'vpn-4']);
  });

  it('refuses a write made from a stale version, so concurrent writers cannot overwrite each other', async () => {
    // Prepare
    const [opened] = await recordEvaluations(store, [evaluation()], t0);
    if (!opened?.finding) throw new Error('setup');

    // Act
    const stale = await store.put({ ...opened.finding, reason: 'stale', version: 5 }, 0);
    const current = await store.put({ ...opened.finding, reason: 'current', version: 2 }, 1);

    // Assess
    expect(stale).toBe(false);
    expect(current).toBe(true);
    expect((await store.get(opened.finding.findingId))?.reason).toBe('current');
  });

  it('opens exactly one finding when 5 invocations record the same evaluation concurrently', async () => {
    // Act
    const results = await Promise.all(
      Array.from({ length: 5 }, () => recordEvaluations(store, [evaluation()], t0)),
    );

    // Assess
    const kinds = results.flat().map((t) => t.kind);
    expect(kinds.filter((k) => k === 'opened')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'unchanged')).toHaveLength(4);
  });

  describe('outbox', () => {
    const ID = findingIdOf('elbv2-listener-tls-policy', LISTENER);
    const ALL: DeliveryChannel[] = ['bus', 'actions', 'slack'];
    /** What each transition owes: a message per channel naming the transition. */
    const outbox = (transition: FindingTransition): NewDelivery | undefined =>
      transition.kind === 'unchanged' || transition.kind === 'none'
        ? undefined
        : {
            channels: ALL,
            bus: [{ kind: transition.kind, reason: transition.finding?.reason }],
            actions: [{ action: transition.kind }],
            slack: { alert: transition.kind },
          };

    it('records what a transition owes each channel in the same write, and lists the finding as pending', async () => {
      // Act
      const [opened] = await recordEvaluations(store, [evaluation()], t0, outbox);
      const [unchanged] = await recordEvaluations(store, [evaluation()], later(1), outbox);

      // Assess
      const expected = {
        id: 1,
        transition: 'opened',
        at: t0.toISOString(),
        channels: ['bus', 'actions', 'slack'],
        bus: [{ kind: 'opened', reason: evaluation().reason }],
        actions: [{ action: 'opened' }],
        slack: { alert: 'opened' },
      };
      expect(opened?.finding?.pending).toEqual([expected]);
      // An unchanged evaluation owes nothing new and keeps what is still owed.
      expect(unchanged?.finding?.pending).toEqual([expected]);
      expect((await store.get(ID))?.pending).toEqual([expected]);
      expect((await store.listPending()).map((f) => [f.findingId, f.version])).toEqual([[ID, 2]]);
    });

    it('keeps what earlier transitions still owe when a new one is recorded, oldest first', async () => {
      // Prepare
      await recordEvaluations(store, [evaluation()], t0, outbox);

      // Act
      await recordEvaluations(
        store,
        [evaluation({ status: 'COMPLIANT', reason: 'fixed' })],
        later(1),
        outbox,
      );
      await recordEvaluations(store, [evaluation({ severity: 'critical' })], later(2), outbox);
      await recordEvaluations(store, [evaluation({ severity: 'low' })], later(3), outbox);

      // Assess
      const stored = await store.get(ID);
      expect(stored?.pending?.map((d) => [d.id, d.transition, d.at])).toEqual([
        [1, 'opened', t0.toISOString()],
        [2, 'resolved', later(1).toISOString()],
        [3, 'opened', later(2).toISOString()],
        [4, 'changed', later(3).toISOString()],
      ]);
      expect(stored?.pendingDropped).toBeUndefined();
    });

    it('keeps at most 10 undelivered transitions, dropping the oldest and counting them', async () => {
      // Act: 12 transitions (open, resolve, open, ...) that nothing delivers.
      for (let i = 0; i < 12; i++) {
        const status = i % 2 === 0 ? 'NON_COMPLIANT' : 'COMPLIANT';
        await recordEvaluations(store, [evaluation({ status })], later(i), outbox);
      }

      // Assess
      const stored = await store.get(ID);
      expect(stored?.pending?.map((d) => d.id)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      expect(stored?.pendingDropped).toBe(2);
    });

    it('drops the oldest deliveries when the undelivered messages grow past 256 KB, but never the newest', async () => {
      // Prepare: each transition owes 100 KB on the bus.
      const big = (transition: FindingTransition): NewDelivery | undefined =>
        transition.kind === 'unchanged'
          ? undefined
          : { channels: ['bus'], bus: [{ padding: `${transition.kind}${'p'.repeat(100_000)}` }] };

      // Act
      await recordEvaluations(store, [evaluation()], t0, big);
      await recordEvaluations(store, [evaluation({ severity: 'critical' })], later(1), big);
      const twoFit = (await store.get(ID))?.pending?.map((d) => d.id);
      await recordEvaluations(store, [evaluation({ severity: 'low' })], later(2), big);

      // Assess
      expect(twoFit).toEqual([1, 2]);
      const stored = await store.get(ID);
      expect(stored?.pending?.map((d) => d.id)).toEqual([2, 3]);
      expect(stored?.pendingDropped).toBe(1);
    });

    it('clears a channel once it is delivered, and the finding leaves the pending list when nothing is owed', async () => {
      // Prepare
      const [opened] = await recordEvaluations(store, [evaluation()], t0, outbox);
      if (!opened?.finding) throw new Error('setup');

      // Act
      const afterBus = await clearDelivered(store, opened.finding, ['bus'], later(1));
      const afterAll = await clearDelivered(store, afterBus as never, ['actions', 'slack'], later(2));

      // Assess
      expect(afterBus?.pending?.map((d) => d.channels)).toEqual([['actions', 'slack']]);
      expect(afterBus?.lastNotifiedAt).toBeUndefined();
      expect(afterAll?.pending).toBeUndefined();
      // Slack was told when its delivery was cleared.
      expect(afterAll?.lastNotifiedAt).toBe(later(2).toISOString());
      expect(await store.get(ID)).toEqual(afterAll);
      expect(await store.listPending()).toEqual([]);
    });

    it('clears only the deliveries it sent when another transition was recorded meanwhile', async () => {
      // Prepare: an invocation reads the opened finding and delivers it; another records a change first.
      const [opened] = await recordEvaluations(store, [evaluation()], t0, outbox);
      if (!opened?.finding) throw new Error('setup');
      await recordEvaluations(store, [evaluation({ severity: 'critical' })], later(1), outbox);

      // Act
      const cleared = await clearDelivered(store, opened.finding, ['bus', 'actions', 'slack'], later(2));

      // Assess
      expect(cleared?.pending?.map((d) => [d.id, d.transition, d.channels])).toEqual([
        [2, 'changed', ['bus', 'actions', 'slack']],
      ]);
      expect(cleared?.version).toBe(3);
      expect((await store.get(ID))?.pending).toHaveLength(1);
    });

    it('does not write when the deliveries it sent were already cleared by someone else', async () => {
      // Prepare
      const [opened] = await recordEvaluations(store, [evaluation()], t0, outbox);
      if (!opened?.finding) throw new Error('setup');
      await clearDelivered(store, opened.finding, ['bus', 'actions', 'slack'], later(1));

      // Act
      const again = await clearDelivered(store, opened.finding, ['bus', 'actions', 'slack'], later(2));

      // Assess
      expect(again?.version).toBe(2);
      expect(again?.lastNotifiedAt).toBe(later(1).toISOString());
    });

    it('records the resolution of a deleted resource as owed, and lists the resolved finding on a retry', async () => {
      // Prepare
      await recordEvaluations(store, [evaluation()], t0, outbox);

      // Act
      const [resolved] = await resolveResource(store, LISTENER, later(1), 'deleted', outbox);
      const retry = await resolveResource(store, LISTENER, later(2), 'deleted', outbox);

      // Assess
      expect(resolved?.finding?.pending?.map((d) => [d.id, d.transition])).toEqual([
        [1, 'opened'],
        [2, 'resolved'],
      ]);
      // The retry resolves nothing, but hands back the finding whose deliveries are still owed.
      expect(retry.map((t) => [t.kind, t.previous?.version, t.finding])).toEqual([['none', 2, undefined]]);
    });

    it('records the resolution of a remediated finding as owed', async () => {
      // Prepare
      await recordEvaluations(store, [evaluation()], t0);

      // Act
      const resolved = await resolveFinding(store, ID, later(1), 'remediated', outbox);

      // Assess
      expect(resolved.finding?.pending?.map((d) => [d.id, d.transition, d.at])).toEqual([
        [2, 'resolved', later(1).toISOString()],
      ]);
      expect((await store.get(ID))?.pending).toHaveLength(1);
    });

    it('lists pending findings oldest delivery first, up to the limit', async () => {
      // Prepare
      await recordEvaluations(store, [evaluation({ resourceId: 'vpn-2' })], later(2), outbox);
      await recordEvaluations(store, [evaluation({ resourceId: 'vpn-1' })], later(3), outbox);
      await recordEvaluations(store, [evaluation({ resourceId: 'vpn-3' })], later(1), outbox);

      // Act
      const all = await store.listPending();
      const two = await store.listPending(2);

      // Assess
      expect(all.map((f) => f.resourceId)).toEqual(['vpn-3', 'vpn-2', 'vpn-1']);
      expect(two.map((f) => f.resourceId)).toEqual(['vpn-3', 'vpn-2']);
    });
  });
});

/** A store that counts its reads, around the in-memory one. */
function countingStore(inner: FindingStore) {
  const reads = { get: 0, listByResource: 0 };
  const store: FindingStore = {
    get: (id) => {
      reads.get++;
      return inner.get(id);
    },
    listByResource: (resourceId) => {
      reads.listByResource++;
      return inner.listByResource(resourceId);
    },
    listOpen: (limit) => inner.listOpen(limit),
    listOpenAt: (region, type) => inner.listOpenAt(region, type),
    listPending: (limit) => inner.listPending(limit),
    put: (record, expected) => inner.put(record, expected),
  };
  return { store, reads };
}

/** A store whose every put loses to a concurrent writer; `puts()` counts the attempts. */
function losingStore(inner: FindingStore): { store: FindingStore; puts: () => number } {
  let puts = 0;
  const put = async () => {
    puts++;
    return false;
  };
  return { store: { ...inner, put }, puts: () => puts };
}

describe('recordEvaluations reads', () => {
  const rules = [
    'elbv2-listener-tls-policy',
    'elbv2-listener-weak-ciphers',
    'elbv2-listener-plaintext',
  ] as const;
  const other =
    'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/api/1111111111111111/2222222222222222';

  it("each resource's findings once, for all its rules, and sees what it wrote", async () => {
    // Prepare
    const { store, reads } = countingStore(createMemoryFindingStore());
    await recordEvaluations(store, [evaluation({ ruleId: rules[0] })], t0);
    reads.listByResource = 0;

    // Act
    const transitions = await recordEvaluations(
      store,
      [
        ...rules.map((ruleId) => evaluation({ ruleId })),
        ...rules.map((ruleId) => evaluation({ ruleId, resourceId: other })),
        // The same finding twice in one batch: the second sees the first's write.
        evaluation({ ruleId: rules[1], resourceId: other, severity: 'critical' }),
      ],
      later(1),
    );

    // Assess
    expect(reads).toEqual({ get: 0, listByResource: 2 });
    expect(transitions.map((t) => [t.kind, t.finding?.version])).toEqual([
      ['unchanged', 2],
      ['opened', 1],
      ['opened', 1],
      ['opened', 1],
      ['opened', 1],
      ['opened', 1],
      ['changed', 2],
    ]);
  });

  it('reads a finding again when another writer changed it since the resource was read', async () => {
    // Prepare: another invocation writes the first rule's finding between the listing and the write.
    const inner = createMemoryFindingStore();
    const { store, reads } = countingStore(inner);
    const racing: FindingStore = {
      ...store,
      listByResource: async (resourceId) => {
        const listed = await store.listByResource(resourceId);
        await recordEvaluations(inner, [evaluation({ ruleId: rules[0], reason: 'theirs' })], t0);
        return listed;
      },
    };

    // Act
    const transitions = await recordEvaluations(
      racing,
      [evaluation({ ruleId: rules[0] }), evaluation({ ruleId: rules[1] })],
      later(1),
    );

    // Assess: one conflict, one fresh read of that finding, nothing lost.
    expect(reads).toEqual({ get: 1, listByResource: 1 });
    expect(transitions.map((t) => [t.kind, t.previous?.reason, t.finding?.version])).toEqual([
      ['unchanged', 'theirs', 2],
      ['opened', undefined, 1],
    ]);
    expect((await inner.get(findingIdOf(rules[0], LISTENER)))?.firstSeenAt).toBe(t0.toISOString());
  });
});

describe('resolveResource under contention', () => {
  const ID = findingIdOf('elbv2-listener-tls-policy', LISTENER);

  it('retries a resolution another writer beat against the fresh record, rather than dropping it', async () => {
    // Prepare: the finding changes between the listing and the write (a concurrent re-observation).
    const inner = createMemoryFindingStore();
    await recordEvaluations(inner, [evaluation()], t0);
    let puts = 0;
    const racing: FindingStore = {
      ...inner,
      put: async (record, expectedVersion) => {
        puts++;
        if (puts === 1) await recordEvaluations(inner, [evaluation({ severity: 'critical' })], later(1));
        return inner.put(record, expectedVersion);
      },
    };

    // Act
    const transitions = await resolveResource(racing, LISTENER, later(2));

    // Assess: resolved on the second write, from the record the other writer left.
    expect(puts).toBe(2);
    expect(transitions.map((t) => [t.kind, t.finding?.version, t.finding?.severity])).toEqual([
      ['resolved', 3, 'critical'],
    ]);
    expect(await inner.get(ID)).toMatchObject({ state: 'resolved', resolution: 'deleted', version: 3 });
  });

  it('gives up with FindingConflictError after 5 lost writes, never silently', async () => {
    // Prepare
    const inner = createMemoryFindingStore();
    await recordEvaluations(inner, [evaluation()], t0);
    const losing = losingStore(inner);

    // Act
    const resolving = resolveResource(losing.store, LISTENER, later(1));

    // Assess
    await expect(resolving).rejects.toMatchObject({
      name: 'FindingConflictError',
      message: `finding ${ID}: too many concurrent updates`,
    });
    expect(losing.puts()).toBe(5);
    expect(await inner.get(ID)).toMatchObject({ state: 'open', version: 1 });
  });
});

describe('recordEvaluations under contention', () => {
  it('gives up with FindingConflictError after 5 writes that another writer beat, and writes nothing itself', async () => {
    // Prepare: every put loses to a concurrent writer.
    const inner = createMemoryFindingStore();
    const losing = losingStore(inner);

    // Act
    const recording = recordEvaluations(losing.store, [evaluation()], t0);

    // Assess
    await expect(recording).rejects.toThrow(FindingConflictError);
    await expect(recording).rejects.toThrow(`finding ${findingIdOf('elbv2-listener-tls-policy', LISTENER)}`);
    expect(losing.puts()).toBe(5);
    expect(inner.all()).toEqual([]);
  });
});

describe('finding items on DynamoDB (dynalite)', () => {
  it('puts open findings in the open-findings index, worst first, and gives resolved ones a 90-day TTL', async () => {
    // Prepare
    const name = `findings-${++tableCount}`;
    await dynamo.createTable(name);
    const store = createDynamoDbFindingStore(dynamo.client, name);
    const [opened] = await recordEvaluations(store, [evaluation()], t0);
    await recordEvaluations(store, [evaluation({ ruleId: 'elbv2-listener-weak-ciphers' })], t0);
    const [resolved] = await recordEvaluations(
      store,
      [evaluation({ ruleId: 'elbv2-listener-weak-ciphers', status: 'COMPLIANT', reason: 'fixed' })],
      later(1),
    );
    const key = (ruleId: string) => ({
      pk: { S: `RESOURCE#${LISTENER}` },
      sk: { S: `FINDING#${ruleId}` },
    });

    // Act
    const open = await dynamo.client.send(
      new GetItemCommand({ TableName: name, Key: key('elbv2-listener-tls-policy') }),
    );
    const closed = await dynamo.client.send(
      new GetItemCommand({ TableName: name, Key: key('elbv2-listener-weak-ciphers') }),
    );

    // Assess: high is rank 3 of 5, so the open sort key starts with 5 - 3.
    expect(opened?.kind).toBe('opened');
    expect(resolved?.kind).toBe('resolved');
    expect(open.Item?.openPk).toEqual({ S: 'OPEN' });
    expect(open.Item?.openSk).toEqual({ S: `2#${findingIdOf('elbv2-listener-tls-policy', LISTENER)}` });
    expect(open.Item?.expiration).toBeUndefined();
    expect(closed.Item?.openPk).toBeUndefined();
    expect(closed.Item?.expiration).toEqual({
      N: String(Math.floor(later(1).getTime() / 1000) + 90 * 24 * 3600),
    });
    expect(closed.Item?.state).toEqual({ S: 'resolved' });
  });
});

describe('open-by-place items on DynamoDB (dynalite)', () => {
  it('gives findings written before the index their place once per table, and then lists only the place', async () => {
    // Prepare: an open finding as the code before the open-by-place index wrote it (no placePk/placeSk).
    const name = `findings-${++tableCount}`;
    await dynamo.createTable(name);
    const legacyId = findingIdOf('elbv2-listener-tls-policy', LISTENER);
    await dynamo.client.send(
      new PutItemCommand({
        TableName: name,
        Item: {
          pk: { S: `RESOURCE#${LISTENER}` },
          sk: { S: 'FINDING#elbv2-listener-tls-policy' },
          findingId: { S: legacyId },
          ruleId: { S: 'elbv2-listener-tls-policy' },
          resourceId: { S: LISTENER },
          resourceType: { S: 'AWS::ElasticLoadBalancingV2::Listener' },
          region: { S: 'eu-west-1' },
          state: { S: 'open' },
          severity: { S: 'high' },
          reason: { S: 'weak policy' },
          firstSeenAt: { S: t0.toISOString() },
          lastSeenAt: { S: t0.toISOString() },
          version: { N: '3' },
          openPk: { S: 'OPEN' },
          openSk: { S: `2#${legacyId}` },
        },
      }),
    );
    const first = recordingClient(dynamo);
    const second = recordingClient(dynamo);

    // Act
    const listed = await createDynamoDbFindingStore(first.client, name).listOpenAt(
      'eu-west-1',
      'AWS::ElasticLoadBalancingV2::Listener',
    );
    const again = await createDynamoDbFindingStore(second.client, name).listOpenAt(
      'eu-west-1',
      'AWS::ElasticLoadBalancingV2::Listener',
    );
    const stored = await dynamo.client.send(
      new GetItemCommand({
        TableName: name,
        Key: { pk: { S: `RESOURCE#${LISTENER}` }, sk: { S: 'FINDING#elbv2-listener-tls-policy' } },
      }),
    );

    // Assess: the record is unchanged (same version), it only gained its place; the second store did not list
    // every open finding again (a GetItem of the marker, then the one Query of the place).
    expect(listed.map((f) => [f.findingId, f.version])).toEqual([[legacyId, 3]]);
    expect(again).toEqual(listed);
    expect(stored.Item?.placePk).toEqual({ S: 'OPEN#eu-west-1#AWS::ElasticLoadBalancingV2::Listener' });
    expect(stored.Item?.version).toEqual({ N: '3' });
    expect(first.calls.map((c) => c.operation)).toEqual([
      'GetItemCommand',
      'QueryCommand',
      'PutItemCommand',
      'PutItemCommand',
      'QueryCommand',
    ]);
    expect(second.calls.map((c) => c.operation)).toEqual(['GetItemCommand', 'QueryCommand']);
    second.client.destroy();
    first.client.destroy();
  });

  it('takes a finding out of its place when it is resolved, and keeps findings without a region out', async () => {
    // Prepare
    const name = `findings-${++tableCount}`;
    await dynamo.createTable(name);
    const store = createDynamoDbFindingStore(dynamo.client, name);
    const { region: _none, ...regionless } = evaluation({ ruleId: 'elbv2-listener-weak-ciphers' });
    await recordEvaluations(store, [evaluation(), regionless], t0);
    await recordEvaluations(store, [evaluation({ status: 'COMPLIANT', reason: 'fixed' })], later(1));
    const key = (ruleId: string) => ({ pk: { S: `RESOURCE#${LISTENER}` }, sk: { S: `FINDING#${ruleId}` } });

    // Act
    const resolved = await dynamo.client.send(
      new GetItemCommand({ TableName: name, Key: key('elbv2-listener-tls-policy') }),
    );
    const noRegion = await dynamo.client.send(
      new GetItemCommand({ TableName: name, Key: key('elbv2-listener-weak-ciphers') }),
    );

    // Assess
    expect(resolved.Item?.state).toEqual({ S: 'resolved' });
    expect(resolved.Item?.placePk).toBeUndefined();
    expect(resolved.Item?.placeSk).toBeUndefined();
    expect(noRegion.Item?.openPk).toEqual({ S: 'OPEN' });
    expect(noRegion.Item?.placePk).toBeUndefined();
    expect(await store.listOpenAt('eu-west-1', 'AWS::ElasticLoadBalancingV2::Listener')).toEqual([]);
  });
});

describe('pending items on DynamoDB (dynalite)', () => {
  it('puts a finding with undelivered transitions in the pending-deliveries index, oldest first, and takes it out once delivered', async () => {
    // Prepare
    const name = `findings-${++tableCount}`;
    await dynamo.createTable(name);
    const store = createDynamoDbFindingStore(dynamo.client, name);
    const key = { pk: { S: `RESOURCE#${LISTENER}` }, sk: { S: 'FINDING#elbv2-listener-tls-policy' } };
    const [opened] = await recordEvaluations(store, [evaluation()], t0, () => ({
      channels: ['bus'],
      bus: [{ kind: 'finding' }],
    }));
    if (!opened?.finding) throw new Error('setup');

    // Act
    const pending = await dynamo.client.send(new GetItemCommand({ TableName: name, Key: key }));
    await clearDelivered(store, opened.finding, ['bus'], later(1));
    const delivered = await dynamo.client.send(new GetItemCommand({ TableName: name, Key: key }));

    // Assess
    expect(pending.Item?.pendingPk).toEqual({ S: 'PENDING' });
    expect(pending.Item?.pendingSk).toEqual({
      S: `${t0.toISOString()}#${findingIdOf('elbv2-listener-tls-policy', LISTENER)}`,
    });
    expect(delivered.Item?.pendingPk).toBeUndefined();
    expect(delivered.Item?.pendingSk).toBeUndefined();
    expect(delivered.Item?.pending).toBeUndefined();
    expect(delivered.Item?.openPk).toEqual({ S: 'OPEN' });
  });
});

describe('finding records', () => {
  const ID = findingIdOf('elbv2-listener-tls-policy', LISTENER);

  it('records the response as mode:action:target without empty parts, and the account', async () => {
    // Prepare
    const store = createMemoryFindingStore();

    // Act
    const [notify] = await recordEvaluations(store, [evaluation()], t0);
    const [remediate] = await recordEvaluations(
      store,
      [evaluation({ response: { mode: 'remediate', action: 'redirect-to-https' } as never })],
      later(1),
    );

    // Assess
    expect(notify?.finding?.response).toBe('notify');
    expect(notify?.finding?.accountId).toBe('111122223333');
    expect(remediate?.finding?.response).toBe('remediate:redirect-to-https');
  });

  it('records the name and region, keeps lastNotifiedAt across an update, and ignores a pass with no finding', async () => {
    // Prepare
    const store = createMemoryFindingStore();
    const [none] = await recordEvaluations(store, [evaluation({ status: 'COMPLIANT' })], t0);
    const [opened] = await recordEvaluations(store, [evaluation()], t0);
    await store.put(
      { ...(opened?.finding as FindingRecord), lastNotifiedAt: t0.toISOString(), version: 2 },
      1,
    );

    // Act
    const [unchanged] = await recordEvaluations(store, [evaluation()], later(1));

    // Assess
    expect(none).toEqual({ kind: 'none' });
    expect(opened?.finding).toMatchObject({ resourceName: 'shop', region: 'eu-west-1' });
    expect(unchanged?.finding?.lastNotifiedAt).toBe(t0.toISOString());
  });

  it('records no delivery for an outbox that owes no channel', async () => {
    // Prepare
    const store = createMemoryFindingStore();

    // Act
    const [opened] = await recordEvaluations(store, [evaluation()], t0, () => ({ channels: [] }));

    // Assess
    expect(opened?.finding?.pending).toBeUndefined();
    expect((await store.get(ID))?.pending).toBeUndefined();
  });

  it('keeps a single delivery larger than the pending bound rather than dropping it', async () => {
    // Prepare
    const store = createMemoryFindingStore();

    // Act
    const [opened] = await recordEvaluations(store, [evaluation()], t0, () => ({
      channels: ['slack'],
      slack: 'x'.repeat(300_000),
    }));

    // Assess
    expect(opened?.finding?.pending).toHaveLength(1);
    expect(opened?.finding?.pendingDropped).toBeUndefined();
  });

  it('keeps deliveries of exactly 256 KB of JSON and drops the oldest one byte later, counting it', async () => {
    // Prepare: two deliveries sized so their JSON is exactly 262,144 bytes ('é' is two bytes).
    const run = async (extra: number) => {
      const store = createMemoryFindingStore();
      const base = JSON.stringify([
        { channels: ['slack'], slack: '', id: 1, transition: 'opened', at: t0.toISOString() },
        { channels: ['slack'], slack: 'é', id: 2, transition: 'changed', at: later(1).toISOString() },
      ]);
      const fill = 262_144 - Buffer.byteLength(base) + extra;
      await recordEvaluations(store, [evaluation()], t0, () => ({
        channels: ['slack'],
        slack: 'y'.repeat(fill),
      }));
      const [changed] = await recordEvaluations(
        store,
        [evaluation({ severity: 'critical' })],
        later(1),
        () => ({ channels: ['slack'], slack: 'é' }),
      );
      return changed?.finding;
    };

    // Act
    const exact = await run(0);
    const over = await run(1);

    // Assess
    expect(exact?.pending?.map((d) => d.id)).toEqual([1, 2]);
    expect(exact?.pendingDropped).toBeUndefined();
    expect(over?.pending?.map((d) => d.id)).toEqual([2]);
    expect(over?.pendingDropped).toBe(1);
  });

  it('reads a finding again after a passing evaluation of it in the same batch only when a write lost', async () => {
    // Prepare: a resolved finding, then a passing and a failing evaluation of it in one batch.
    const { store, reads } = countingStore(createMemoryFindingStore());
    await recordEvaluations(store, [evaluation()], t0);
    await recordEvaluations(store, [evaluation({ status: 'COMPLIANT' })], later(1));
    reads.get = 0;

    // Act
    const transitions = await recordEvaluations(
      store,
      [evaluation({ status: 'COMPLIANT' }), evaluation()],
      later(2),
    );

    // Assess: the second sees the resolved record from the listing; no conflict, no read.
    expect(transitions.map((t) => [t.kind, t.finding?.version])).toEqual([
      ['none', undefined],
      ['opened', 3],
    ]);
    expect(reads.get).toBe(0);
  });

  it('resolves a finding as resolved with its resolution, and returns none for a missing or resolved one', async () => {
    // Prepare
    const store = createMemoryFindingStore();
    await recordEvaluations(store, [evaluation()], t0);

    // Act
    const resolved = await resolveFinding(store, ID, later(1), 'remediated');
    const again = await resolveFinding(store, ID, later(2), 'remediated');
    const missing = await resolveFinding(store, 'nope|nothing', later(2), 'remediated');

    // Assess
    expect(resolved.finding).toMatchObject({ state: 'resolved', resolution: 'remediated', version: 2 });
    expect(again).toEqual({ kind: 'none', previous: resolved.finding });
    expect(missing).toEqual({ kind: 'none' });
  });

  it('gives up resolving after 5 lost writes with FindingConflictError naming the finding', async () => {
    // Prepare
    const inner = createMemoryFindingStore();
    await recordEvaluations(inner, [evaluation()], t0);
    const losing = losingStore(inner);

    // Act
    const resolving = resolveFinding(losing.store, ID, later(1), 'fixed');

    // Assess
    await expect(resolving).rejects.toMatchObject({
      name: 'FindingConflictError',
      message: `finding ${ID}: too many concurrent updates`,
    });
    expect(losing.puts()).toBe(5);
  });
});

describe('clearDelivered', () => {
  const ID = findingIdOf('elbv2-listener-tls-policy', LISTENER);
  const record = (overrides: Partial<FindingRecord> = {}): FindingRecord => ({
    findingId: ID,
    ruleId: 'elbv2-listener-tls-policy',
    resourceId: LISTENER,
    resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
    state: 'open',
    severity: 'high',
    reason: 'weak',
    firstSeenAt: t0.toISOString(),
    lastSeenAt: t0.toISOString(),
    version: 1,
    pending: [
      { id: 1, transition: 'opened', at: t0.toISOString(), channels: ['bus'] },
      { id: 2, transition: 'changed', at: t0.toISOString(), channels: ['bus', 'slack'] },
    ],
    ...overrides,
  });
  const stored = async (r: FindingRecord) => {
    const store = createMemoryFindingStore();
    await store.put(r, 0);
    return store;
  };

  it('sets lastNotifiedAt when any cleared delivery owed Slack', async () => {
    // Prepare
    const sent = record();
    const store = await stored(sent);

    // Act
    const cleared = await clearDelivered(store, sent, ['bus', 'slack'], later(1));

    // Assess
    expect(cleared?.pending).toBeUndefined();
    expect(cleared?.lastNotifiedAt).toBe(later(1).toISOString());
  });

  it('moves an older lastNotifiedAt forward and never a newer one back', async () => {
    // Prepare
    const older = record({ lastNotifiedAt: t0.toISOString() });
    const newer = record({ lastNotifiedAt: later(5).toISOString() });

    // Act
    const forward = await clearDelivered(await stored(older), older, ['slack'], later(1));
    const kept = await clearDelivered(await stored(newer), newer, ['slack'], later(1));

    // Assess
    expect(forward?.lastNotifiedAt).toBe(later(1).toISOString());
    expect(kept?.lastNotifiedAt).toBe(later(5).toISOString());
    expect(kept?.pending?.map((d) => [d.id, d.channels])).toEqual([
      [1, ['bus']],
      [2, ['bus']],
    ]);
  });

  it('returns a record owing nothing as it is, without writing', async () => {
    // Prepare
    const { pending: _p, ...bare } = record();
    const store = await stored(bare);

    // Act
    const cleared = await clearDelivered(store, bare, ['bus'], later(1));

    // Assess
    expect(cleared).toEqual(bare);
    expect((await store.get(ID))?.version).toBe(1);
  });

  it('returns the record without writing when none of its deliveries owes the channels that took them', async () => {
    // Prepare
    const sent = record();
    const store = await stored(sent);

    // Act
    const cleared = await clearDelivered(store, sent, ['actions'], later(1));

    // Assess
    expect(cleared).toEqual(sent);
    expect((await store.get(ID))?.version).toBe(1);
  });

  it('returns undefined when the finding is gone after a lost write', async () => {
    // Prepare
    const sent = record();
    const inner = createMemoryFindingStore();
    const gone: FindingStore = { ...inner, put: async () => false, get: async () => undefined };

    // Act
    const cleared = await clearDelivered(gone, sent, ['bus'], later(1));

    // Assess
    expect(cleared).toBeUndefined();
  });

  it('gives up after 5 lost writes with FindingConflictError naming the finding', async () => {
    // Prepare
    const sent = record();
    const losing = losingStore({ ...createMemoryFindingStore(), get: async () => sent });

    // Act
    const clearing = clearDelivered(losing.store, sent, ['bus'], later(1));

    // Assess
    await expect(clearing).rejects.toMatchObject({
      name: 'FindingConflictError',
      message: `finding ${ID}: too many concurrent updates`,
    });
    expect(losing.puts()).toBe(5);
  });
});

describe('markNotified', () => {
  const hoursLater = (hours: number) => later(hours * 60);
  const record: FindingRecord = {
    findingId: findingIdOf('elbv2-listener-tls-policy', LISTENER),
    ruleId: 'elbv2-listener-tls-policy',
    resourceId: LISTENER,
    resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
    state: 'open',
    severity: 'high',
    reason: evaluation().reason,
    response: 'notify',
    firstSeenAt: t0.toISOString(),
    lastSeenAt: t0.toISOString(),
    version: 3,
  };

  it('writes lastNotifiedAt with the next version', async () => {
    // Prepare
    const store = createMemoryFindingStore([record]);

    // Act
    const marked = await markNotified(store, record, hoursLater(1));

    // Assess
    const stored = await store.get(record.findingId);
    expect(stored).toMatchObject({ lastNotifiedAt: hoursLater(1).toISOString(), version: 4 });
    expect(marked).toEqual(stored);
  });

  it('applies the mark to the fresh record when another writer got there first', async () => {
    // Prepare
    const store = createMemoryFindingStore([
      { ...record, version: 5, lastSeenAt: hoursLater(2).toISOString() },
    ]);

    // Act
    await markNotified(store, record, hoursLater(3));

    // Assess
    expect(await store.get(record.findingId)).toMatchObject({
      version: 6,
      lastSeenAt: hoursLater(2).toISOString(),
      lastNotifiedAt: hoursLater(3).toISOString(),
    });
  });

  it('never moves lastNotifiedAt backwards', async () => {
    // Prepare
    const newer = { ...record, lastNotifiedAt: hoursLater(5).toISOString() };
    const store = createMemoryFindingStore([newer]);

    // Act
    await markNotified(store, newer, hoursLater(4));

    // Assess
    expect(await store.get(record.findingId)).toEqual(newer);
  });

  it('gives up after 5 lost writes with FindingConflictError naming the finding', async () => {
    // Prepare
    const inner = createMemoryFindingStore([record]);
    const losing = losingStore(inner);

    // Act
    const marking = markNotified(losing.store, record, hoursLater(1));

    // Assess
    await expect(marking).rejects.toMatchObject({
      name: 'FindingConflictError',
      message: `finding ${record.findingId}: too many concurrent updates`,
    });
    expect(losing.puts()).toBe(5);
  });
});
