import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Evaluation } from '../../../shared/model/evaluation.js';
import { createDynamoDbFindingStore } from '../../../shared/state/dynamodb-store.js';
import {
  FindingConflictError,
  type FindingStore,
  findingIdOf,
  recordEvaluations,
  resolveResource,
  resolveResourcesByPrefix,
} from '../../../shared/state/finding-store.js';
import { createMemoryFindingStore } from '../../../shared/state/memory-store.js';
import { type LocalDynamo, startDynalite } from '../../helpers/dynalite.js';

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

const stores: [string, () => Promise<FindingStore>][] = [
  ['in memory', async () => createMemoryFindingStore()],
  [
    'on DynamoDB (dynalite)',
    async () => {
      const name = `findings-${++tableCount}`;
      await dynamo.createTable(name);
      return createDynamoDbFindingStore(dynamo.client, name);
    },
  ],
];

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
    put: (record, expected) => inner.put(record, expected),
  };
  return { store, reads };
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

describe('recordEvaluations under contention', () => {
  it('gives up with FindingConflictError after 5 writes that another writer beat, and writes nothing itself', async () => {
    // Prepare: every put loses to a concurrent writer.
    const inner = createMemoryFindingStore();
    let puts = 0;
    const losing: FindingStore = {
      ...inner,
      put: async () => {
        puts++;
        return false;
      },
    };

    // Act
    const recording = recordEvaluations(losing, [evaluation()], t0);

    // Assess
    await expect(recording).rejects.toThrow(FindingConflictError);
    await expect(recording).rejects.toThrow(`finding ${findingIdOf('elbv2-listener-tls-policy', LISTENER)}`);
    expect(puts).toBe(5);
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
