/**
 * Record, then deliver from what is recorded: a fault at each delivery step (the findings bus, the actions
 * queue, the Slack outbox) after the findings were recorded, then a retry of the same event, the next sweep or
 * a later event delivers what was missed exactly as it would have been, on the in-memory store and on DynamoDB.
 */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { routeEvent } from '../../../shared/events/route.js';
import type { Elbv2Listener } from '../../../shared/families/elbv2/model.js';
import { emptyReadResult, type InventorySource } from '../../../shared/inventory/live/port.js';
import type { Evaluation } from '../../../shared/model/evaluation.js';
import { policySchema } from '../../../shared/policy/schema.js';
import { type FindingMessage, publishFindings } from '../../../shared/report/findings-bus.js';
import type { SlackPayload } from '../../../shared/report/slack/payload.js';
import { RULES } from '../../../shared/rules/index.js';
import {
  type FindingRecord,
  type FindingStore,
  findingIdOf,
  recordEvaluations,
  resolveFinding,
} from '../../../shared/state/finding-store.js';
import { createMemoryFindingStore } from '../../../shared/state/memory-store.js';
import { type ActionMessage, plannedActions } from '../../../shared/usecase/actions.js';
import { createDelivery, DeliveryError } from '../../../shared/usecase/deliver.js';
import type { MonitorDeps } from '../../../shared/usecase/deps.js';
import { inspectEvent } from '../../../shared/usecase/inspect.js';
import { sweep } from '../../../shared/usecase/sweep.js';
import { type EventFixture, loadEvent, withValue } from '../../fixtures/events/load.js';
import { findingStores, type LocalDynamo, startDynalite } from '../../helpers/dynalite.js';

const LISTENER_ARN =
  'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/shop-web/4f1c0d2e9a7b3c55/8e2d4c6a1b3f5d70';
const WEAK = 'ELBSecurityPolicy-2016-08';
const STRONG = 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06';
const t0 = new Date('2026-11-22T12:00:00.000Z');
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
/** The TLS-policy finding is remediated (an action), the cipher finding only notified. */
const POLICY = policySchema.parse({
  dryRun: false,
  rules: {
    'elbv2-listener-tls-policy': { mode: 'remediate' },
    'elbv2-listener-weak-ciphers': { mode: 'notify' },
  },
});

function listener(sslPolicy: string): Elbv2Listener {
  return {
    resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
    resourceId: LISTENER_ARN,
    arn: LISTENER_ARN,
    listenerArn: LISTENER_ARN,
    loadBalancerArn:
      'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/shop-web/4f1c0d2e9a7b3c55',
    loadBalancerType: 'application',
    name: 'shop-web',
    accountId: '111122223333',
    region: 'eu-west-1',
    tags: { team: 'shop' },
    source: 'test',
    protocol: 'HTTPS',
    port: 443,
    sslPolicy,
    certificates: [
      {
        certificateArn: 'arn:aws:acm:eu-west-1:111122223333:certificate/5d0e3f1a-2b4c-4d6e-8f0a-1b2c3d4e5f60',
      },
    ],
    defaultActions: [{ type: 'forward' }],
    rules: [],
  };
}

/** A ModifyListener made by a person, with its own event id. */
const modifyListener = (id = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d'): EventFixture =>
  withValue(
    withValue(loadEvent('cloudtrail-elbv2-modify-listener'), ['detail', 'userIdentity'], {
      type: 'IAMUser',
      principalId: 'AIDAEXAMPLEUSER1',
      arn: 'arn:aws:iam::111122223333:user/dana',
      accountId: '111122223333',
      userName: 'dana',
    }),
    ['id'],
    id,
  );

type Channel = 'bus' | 'actions' | 'slack';

/** The three delivery ports, recording what each took; `failNext` makes the next call of one throw. */
function channels() {
  const delivered = {
    bus: [] as FindingMessage[],
    actions: [] as ActionMessage[],
    slack: [] as SlackPayload[],
  };
  const faults = new Set<Channel>();
  const fault = (channel: Channel) => {
    if (faults.delete(channel)) throw new Error(`${channel} unavailable`);
  };
  return {
    delivered,
    failNext: (channel: Channel) => faults.add(channel),
    ports: {
      publish: async (messages: FindingMessage[]) => {
        fault('bus');
        delivered.bus.push(...structuredClone(messages));
      },
      actions: {
        enqueue: async (actions: ActionMessage[]) => {
          fault('actions');
          delivered.actions.push(...structuredClone(actions));
        },
      },
      outbox: {
        enqueue: async (payloads: SlackPayload[]) => {
          fault('slack');
          delivered.slack.push(...structuredClone(payloads));
        },
      },
    },
  };
}

type Delivered = ReturnType<typeof channels>['delivered'];

let dynamo: LocalDynamo;

beforeAll(async () => {
  dynamo = await startDynalite();
});

afterAll(async () => {
  await dynamo.stop();
});

const stores = findingStores(() => dynamo, 'deliver');

const DIGEST_PREFIX = 'transit-guard sweep:';
const isDigest = (payload: SlackPayload) => payload.text.startsWith(DIGEST_PREFIX);
const at = (when: Date) => (message: FindingMessage) => message.observedAt === when.toISOString();

describe.each(stores)('outbox delivery with the finding store %s', (_name, makeStore) => {
  let store: FindingStore;
  let sslPolicy: string;
  let gone: boolean;
  const source: InventorySource = {
    read: async (refs) =>
      gone
        ? { ...emptyReadResult(), gone: [...refs] }
        : { ...emptyReadResult(), resources: [listener(sslPolicy)] },
    enumerate: async () => ({ ...emptyReadResult(), resources: gone ? [] : [listener(sslPolicy)] }),
  };

  function deps(
    ports: ReturnType<typeof channels>['ports'],
    now: Date,
    findings = store,
    policy = POLICY,
  ): MonitorDeps {
    return {
      source,
      findings,
      ...ports,
      policy,
      rules: RULES,
      now: () => now,
      scope: { accountId: '111122223333', regions: ['eu-west-1'] },
    };
  }

  /** What one fault-free run of `event` at `now` delivers, on a store of its own. */
  async function baseline(event = modifyListener(), now = t0): Promise<Delivered> {
    const run = channels();
    await inspectEvent(routeEvent(event), deps(run.ports, now, createMemoryFindingStore()));
    return run.delivered;
  }

  beforeEach(async () => {
    store = await makeStore();
    sslPolicy = WEAK;
    gone = false;
  });

  it('delivers a finding, its plan record, its action and its alerts once when nothing fails (the control run)', async () => {
    // Act
    const expected = await baseline();

    // Assess
    expect(expected.bus.map((m) => [m.kind, m.evaluation.ruleId, m.observedAt])).toEqual([
      ['finding', 'elbv2-listener-tls-policy', t0.toISOString()],
      ['finding', 'elbv2-listener-weak-ciphers', t0.toISOString()],
      ['plan', 'elbv2-listener-tls-policy', t0.toISOString()],
    ]);
    expect(expected.actions.map((a) => [a.ruleId, a.eventId])).toEqual([
      ['elbv2-listener-tls-policy', '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d'],
    ]);
    expect(expected.slack).toHaveLength(2);
  });

  it('leaves nothing owed once every channel took its messages', async () => {
    // Prepare
    const run = channels();

    // Act
    await inspectEvent(routeEvent(modifyListener()), deps(run.ports, t0));

    // Assess
    expect(await store.listPending()).toEqual([]);
    const stored = await store.get(findingIdOf('elbv2-listener-tls-policy', LISTENER_ARN));
    expect(stored?.pending).toBeUndefined();
    expect(stored?.lastNotifiedAt).toBe(t0.toISOString());
  });

  it('keeps what a failed bus still owes on the findings, for every channel', async () => {
    // Prepare
    const run = channels();
    run.failNext('bus');

    // Act
    await expect(inspectEvent(routeEvent(modifyListener()), deps(run.ports, t0))).rejects.toThrow(
      'bus unavailable',
    );

    // Assess: nothing went out, and each finding owes its transition to all three channels.
    expect(run.delivered).toEqual({ bus: [], actions: [], slack: [] });
    const pending = await store.listPending();
    expect(pending.map((f) => [f.ruleId, f.pending?.map((d) => [d.transition, d.at, d.channels])])).toEqual(
      expect.arrayContaining([
        ['elbv2-listener-tls-policy', [['opened', t0.toISOString(), ['bus', 'actions', 'slack']]]],
        ['elbv2-listener-weak-ciphers', [['opened', t0.toISOString(), ['bus', 'slack']]]],
      ]),
    );
    expect(pending).toHaveLength(2);
  });

  describe('a retry of the same event delivers what the failed step missed, as it would have been', () => {
    it('after the bus failed: every channel gets exactly the messages of the first run', async () => {
      // Prepare
      const expected = await baseline();
      const run = channels();
      run.failNext('bus');
      await expect(inspectEvent(routeEvent(modifyListener()), deps(run.ports, t0))).rejects.toThrow();

      // Act
      await inspectEvent(routeEvent(modifyListener()), deps(run.ports, later(5)));

      // Assess
      expect(run.delivered).toEqual(expected);
      expect(await store.listPending()).toEqual([]);
    });

    it('after the actions queue failed: the action and the alerts as they were; the bus only sees the finding again', async () => {
      // Prepare
      const expected = await baseline();
      const run = channels();
      run.failNext('actions');
      await expect(inspectEvent(routeEvent(modifyListener()), deps(run.ports, t0))).rejects.toThrow(
        'actions unavailable',
      );

      // Act
      await inspectEvent(routeEvent(modifyListener()), deps(run.ports, later(5)));

      // Assess: the bus took the transition on the first run; the retry re-observes the open findings.
      expect(run.delivered.bus.filter(at(t0))).toEqual(expected.bus);
      expect(run.delivered.bus.filter(at(later(5)))).toEqual(
        expected.bus.map((m) => ({ ...m, observedAt: later(5).toISOString() })),
      );
      expect(run.delivered.actions).toEqual(expected.actions);
      // The notified finding's alert did not wait for the queue; the remediated one's waited for its action.
      expect(run.delivered.slack).toEqual([expected.slack[1], expected.slack[0]]);
      expect(expected.slack.map((p) => p.text.split(':')[0])).toEqual(['HIGH', 'MEDIUM']);
      expect(await store.listPending()).toEqual([]);
    });

    it('after the Slack outbox failed: the alerts as they were, the action queued again for the same event', async () => {
      // Prepare
      const expected = await baseline();
      const run = channels();
      run.failNext('slack');
      await expect(inspectEvent(routeEvent(modifyListener()), deps(run.ports, t0))).rejects.toThrow(
        'slack unavailable',
      );

      // Act
      await inspectEvent(routeEvent(modifyListener()), deps(run.ports, later(5)));

      // Assess: the re-observed action has the same event id (the remediate function runs it once).
      expect(run.delivered.bus.filter(at(t0))).toEqual(expected.bus);
      expect(run.delivered.actions).toEqual([...expected.actions, ...expected.actions]);
      expect(run.delivered.slack).toEqual(expected.slack);
      const stored = await store.get(findingIdOf('elbv2-listener-weak-ciphers', LISTENER_ARN));
      expect(stored?.lastNotifiedAt).toBe(later(5).toISOString());
      expect(stored?.pending).toBeUndefined();
    });

    it('after the bus refused entries (FailedEntryCount): the retry puts the same details on the bus', async () => {
      // Prepare: the bus port as the functions wire it, over PutEvents.
      const eventBridge = mockClient(EventBridgeClient);
      try {
        eventBridge
          .on(PutEventsCommand)
          .resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure' }] });
        const client = new EventBridgeClient({ region: 'eu-west-1' });
        const run = channels();
        const publish = async (messages: FindingMessage[]) => {
          const result = await publishFindings(client, messages, { busName: 'bus', sleep: async () => {} });
          if (result.failed.length > 0) throw new Error(`${result.failed.length} findings refused`);
        };
        const faulty = { ...deps(run.ports, t0), publish };
        await expect(inspectEvent(routeEvent(modifyListener()), faulty)).rejects.toThrow('findings refused');
        const refused = eventBridge.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries ?? [];
        eventBridge.reset();
        eventBridge.on(PutEventsCommand).callsFake((input) => ({
          FailedEntryCount: 0,
          Entries: input.Entries.map(() => ({ EventId: 'e' })),
        }));

        // Act
        await inspectEvent(routeEvent(modifyListener()), { ...deps(run.ports, later(5)), publish });

        // Assess
        const retried = eventBridge
          .commandCalls(PutEventsCommand)
          .flatMap((c) => c.args[0].input.Entries ?? []);
        expect(retried.map((e) => e.Detail)).toEqual(refused.map((e) => e.Detail));
        expect(retried).toHaveLength(3);
        expect(run.delivered.actions).toHaveLength(1);
        expect(run.delivered.slack).toHaveLength(2);
      } finally {
        eventBridge.restore();
      }
    });
  });

  it('the next sweep delivers what a failed bus left owed, as it would have been', async () => {
    // Prepare
    const expected = await baseline();
    const run = channels();
    run.failNext('bus');
    await expect(inspectEvent(routeEvent(modifyListener()), deps(run.ports, t0))).rejects.toThrow();

    // Act
    await sweep(deps(run.ports, later(60)), { sweepId: 'sweep-1', regions: ['eu-west-1'] });

    // Assess: the findings still owed their channels, so the sweep re-observes nothing on top.
    expect(run.delivered.bus).toEqual(expected.bus);
    expect(run.delivered.actions).toEqual(expected.actions);
    expect(run.delivered.slack.filter((p) => !isDigest(p))).toEqual(expected.slack);
    expect(run.delivered.slack.filter(isDigest)).toHaveLength(1);
    expect(await store.listPending()).toEqual([]);
  });

  it('the next sweep delivers what a failed Slack outbox left owed on a finding it did not see again', async () => {
    // Prepare
    const expected = await baseline();
    const run = channels();
    run.failNext('slack');
    await expect(inspectEvent(routeEvent(modifyListener()), deps(run.ports, t0))).rejects.toThrow();

    // Act: a sweep of another region finds the owed alerts through the pending index.
    await sweep(deps(run.ports, later(60)), { sweepId: 'sweep-1', regions: ['us-east-1'] });

    // Assess
    expect(run.delivered.slack.filter((p) => !isDigest(p))).toEqual(expected.slack);
    expect(await store.listPending()).toEqual([]);
  });

  it('a retry delivers the resolution a failed bus missed (a retry sees the finding already resolved)', async () => {
    // Prepare: opened and delivered; then the listener is fixed and the bus fails on the event that saw it.
    const fix = modifyListener('5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b');
    const first = channels();
    await inspectEvent(routeEvent(modifyListener()), deps(first.ports, t0));
    const expectedStore = createMemoryFindingStore();
    const control = channels();
    await inspectEvent(routeEvent(modifyListener()), deps(control.ports, t0, expectedStore));
    sslPolicy = STRONG;
    control.delivered.bus.length = 0;
    control.delivered.actions.length = 0;
    control.delivered.slack.length = 0;
    await inspectEvent(routeEvent(fix), deps(control.ports, later(10), expectedStore));
    const run = channels();
    run.failNext('bus');
    await expect(inspectEvent(routeEvent(fix), deps(run.ports, later(10)))).rejects.toThrow();

    // Act
    await inspectEvent(routeEvent(fix), deps(run.ports, later(15)));

    // Assess
    expect(control.delivered.bus.map((m) => [m.kind, m.evaluation.ruleId])).toEqual([
      ['resolution', 'elbv2-listener-tls-policy'],
      ['resolution', 'elbv2-listener-weak-ciphers'],
    ]);
    expect(control.delivered.slack.map((p) => p.text.split(':')[0])).toEqual(['Resolved', 'Resolved']);
    expect(run.delivered).toEqual(control.delivered);
  });

  it('a retry delivers the alert and the action of a changed finding that a failed Slack outbox missed', async () => {
    // Prepare: notified first; then the policy remediates the rule (a changed response) and Slack fails.
    const notifyOnly = policySchema.parse({
      dryRun: false,
      rules: {
        'elbv2-listener-tls-policy': { mode: 'notify' },
        'elbv2-listener-weak-ciphers': { mode: 'notify' },
      },
    });
    await inspectEvent(routeEvent(modifyListener()), deps(channels().ports, t0, store, notifyOnly));
    const change = modifyListener('5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b');
    const run = channels();
    run.failNext('slack');
    await expect(inspectEvent(routeEvent(change), deps(run.ports, later(10)))).rejects.toThrow();

    // Act
    await inspectEvent(routeEvent(change), deps(run.ports, later(15)));

    // Assess: Slack hears of the change once; its text says it was updated.
    expect(run.delivered.slack).toHaveLength(1);
    expect(JSON.stringify(run.delivered.slack[0]?.blocks)).toContain('*Updated*');
    expect(run.delivered.slack[0]?.text).toMatch(/accepts old TLS versions/);
    // The same decision twice (the missed delivery and the retry's re-observation), identified by its plan hash.
    expect(run.delivered.actions.map((a) => a.ruleId)).toEqual([
      'elbv2-listener-tls-policy',
      'elbv2-listener-tls-policy',
    ]);
    expect(run.delivered.actions[0]?.planHash).toMatch(/^[0-9a-f]{64}$/);
    expect(run.delivered.actions[1]?.planHash).toBe(run.delivered.actions[0]?.planHash);
    expect(await store.listPending()).toEqual([]);
  });

  it('a retry delivers the resolution alerts of a deleted resource that a failed Slack outbox missed', async () => {
    // Prepare
    await inspectEvent(routeEvent(modifyListener()), deps(channels().ports, t0));
    gone = true;
    const run = channels();
    run.failNext('slack');
    await expect(inspectEvent(routeEvent(modifyListener()), deps(run.ports, later(10)))).rejects.toThrow();

    // Act
    await inspectEvent(routeEvent(modifyListener()), deps(run.ports, later(15)));

    // Assess
    expect(run.delivered.bus.map((m) => [m.kind, m.evaluation.status, m.observedAt])).toEqual([
      ['resolution', 'NOT_APPLICABLE', later(10).toISOString()],
      ['resolution', 'NOT_APPLICABLE', later(10).toISOString()],
    ]);
    expect(run.delivered.slack.map((p) => p.text.split(':')[0])).toEqual(['Resolved', 'Resolved']);
    expect(await store.listPending()).toEqual([]);
  });

  it('a later event on the same resource delivers what is owed first, then its own transition', async () => {
    // Prepare
    const opened = await baseline();
    const run = channels();
    run.failNext('bus');
    await expect(inspectEvent(routeEvent(modifyListener()), deps(run.ports, t0))).rejects.toThrow();
    sslPolicy = STRONG;

    // Act
    await inspectEvent(
      routeEvent(modifyListener('5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b')),
      deps(run.ports, later(30)),
    );

    // Assess
    expect(run.delivered.bus.slice(0, 3)).toEqual(opened.bus);
    expect(run.delivered.bus.slice(3).map((m) => [m.kind, m.evaluation.ruleId, m.observedAt])).toEqual([
      ['resolution', 'elbv2-listener-tls-policy', later(30).toISOString()],
      ['resolution', 'elbv2-listener-weak-ciphers', later(30).toISOString()],
    ]);
    expect(run.delivered.actions).toEqual(opened.actions);
    expect(run.delivered.slack.slice(0, 2)).toEqual(opened.slack);
    expect(run.delivered.slack.slice(2).map((p) => p.text.split(':')[0])).toEqual(['Resolved', 'Resolved']);
  });
});

describe('createDelivery', () => {
  const ID = findingIdOf('elbv2-listener-tls-policy', LISTENER_ARN);
  const nonCompliant = {
    ruleId: 'elbv2-listener-tls-policy',
    status: 'NON_COMPLIANT' as const,
    severity: 'high' as const,
    resourceType: 'AWS::ElasticLoadBalancingV2::Listener' as const,
    resourceId: LISTENER_ARN,
    accountId: '111122223333',
    region: 'eu-west-1',
    reason: 'Policy ELBSecurityPolicy-2016-08 accepts TLSv1 and TLSv1.1; the minimum is TLSv1.2.',
    response: {
      mode: 'remediate' as const,
      action: 'set-ssl-policy',
      target: STRONG,
      status: 'planned' as const,
    },
  };

  const [ACTION] = plannedActions([nonCompliant], { eventId: 'evt-1' }) as [ActionMessage];

  function depsOf(run: ReturnType<typeof channels>, findings: FindingStore, now = t0): MonitorDeps {
    return {
      source: { read: async () => emptyReadResult(), enumerate: async () => emptyReadResult() },
      findings,
      ...run.ports,
      policy: POLICY,
      rules: RULES,
      now: () => now,
      scope: {},
    };
  }

  it('files an action under the finding id it names', async () => {
    // Prepare
    const store = createMemoryFindingStore();
    const run = channels();
    const delivery = createDelivery(depsOf(run, store), { now: t0, triggerId: 'evt-1' });
    const other = { ...ACTION, findingId: findingIdOf('elbv2-listener-weak-ciphers', LISTENER_ARN) };
    delivery.plan([], [ACTION, other]);

    // Act
    const transitions = await recordEvaluations(store, [nonCompliant], t0, delivery.outbox);
    const owed = (await store.get(ID))?.pending?.[0];
    delivery.collect(transitions, [nonCompliant]);
    const sent = await delivery.send();

    // Assess
    expect(owed?.channels).toEqual(['bus', 'actions', 'slack']);
    expect(owed?.actions).toEqual([ACTION]);
    expect(run.delivered.actions).toEqual([ACTION]);
    expect(sent).toEqual({ published: 2, actions: 1, alerts: 1, digest: false });
  });

  it('owes only the channels the deployment has (the CLI has no queue and no Slack)', async () => {
    // Prepare
    const store = createMemoryFindingStore();
    const run = channels();
    const { actions: _queue, outbox: _slack, ...busOnly } = depsOf(run, store);
    const delivery = createDelivery(busOnly, { now: t0, triggerId: 'evt-1' });
    delivery.plan([], [ACTION]);

    // Act
    const transitions = await recordEvaluations(store, [nonCompliant], t0, delivery.outbox);

    // Assess
    expect(transitions[0]?.finding?.pending?.map((d) => d.channels)).toEqual([['bus']]);
  });

  it('keeps a plan record without its configuration snapshot when it would exceed 60,000 characters', async () => {
    // Prepare
    const store = createMemoryFindingStore();
    const run = channels();
    const delivery = createDelivery(depsOf(run, store), { now: t0, triggerId: 'evt-1' });
    const small = listener(WEAK);
    const large = { ...listener(WEAK), tags: { note: 'n'.repeat(60_000) } };

    // Act
    delivery.plan([large], []);
    const [big] = await recordEvaluations(store, [nonCompliant], t0, delivery.outbox);
    const other = createDelivery(depsOf(run, createMemoryFindingStore()), { now: t0, triggerId: 'evt-1' });
    other.plan([small], []);
    const [fits] = await recordEvaluations(createMemoryFindingStore(), [nonCompliant], t0, other.outbox);

    // Assess
    const plan = (t: typeof big) =>
      ((t?.finding?.pending?.[0]?.bus ?? []) as FindingMessage[]).find((m) => m.kind === 'plan');
    expect(plan(big)?.before).toBeUndefined();
    expect(plan(big)?.configurationTruncated).toBe(true);
    expect(plan(big)?.evaluation).toEqual(nonCompliant);
    expect(plan(fits)?.before).toEqual(small);
    expect(plan(fits)?.configurationTruncated).toBeUndefined();
  });

  it('holds back only the findings whose bus messages were refused, and says how many were', async () => {
    // Prepare: the bus refuses the TLS-policy finding's messages.
    const store = createMemoryFindingStore();
    const run = channels();
    const ciphers = {
      ...nonCompliant,
      ruleId: 'elbv2-listener-weak-ciphers',
      response: { mode: 'notify' as const },
    };
    const deps = {
      ...depsOf(run, store),
      publish: async (messages: FindingMessage[]) => {
        run.delivered.bus.push(...messages.filter((m) => m.evaluation.ruleId !== nonCompliant.ruleId));
        return messages.filter((m) => m.evaluation.ruleId === nonCompliant.ruleId);
      },
    };
    const delivery = createDelivery(deps, { now: t0, triggerId: 'evt-1' });
    delivery.plan([], [ACTION]);
    delivery.collect(await recordEvaluations(store, [nonCompliant, ciphers], t0, delivery.outbox));

    // Act
    const sending = delivery.send();

    // Assess
    await expect(sending).rejects.toThrow(DeliveryError);
    await expect(sending).rejects.toThrow('the findings bus refused 2 of 3 messages');
    await expect(sending).rejects.toMatchObject({ name: 'DeliveryError' });
    expect(run.delivered.actions).toEqual([]);
    expect(run.delivered.slack.map((p) => p.text.split(':')[0])).toEqual(['HIGH']);
    expect((await store.get(ID))?.pending?.map((d) => d.channels)).toEqual([['bus', 'actions', 'slack']]);
    expect((await store.get(findingIdOf(ciphers.ruleId, LISTENER_ARN)))?.pending).toBeUndefined();
  });
});

describe('createDelivery, channel by channel', () => {
  const ID = findingIdOf('elbv2-listener-tls-policy', LISTENER_ARN);
  const tls = {
    ruleId: 'elbv2-listener-tls-policy',
    status: 'NON_COMPLIANT' as const,
    severity: 'high' as const,
    resourceType: 'AWS::ElasticLoadBalancingV2::Listener' as const,
    resourceId: LISTENER_ARN,
    accountId: '111122223333',
    region: 'eu-west-1',
    reason: 'Policy ELBSecurityPolicy-2016-08 accepts TLSv1 and TLSv1.1; the minimum is TLSv1.2.',
    response: {
      mode: 'remediate' as const,
      action: 'set-ssl-policy',
      target: STRONG,
      status: 'planned' as const,
    },
  };
  const ciphers = {
    ...tls,
    ruleId: 'elbv2-listener-weak-ciphers',
    severity: 'medium' as const,
    response: { mode: 'notify' as const },
  };
  const [ACTION] = plannedActions([tls], { eventId: 'evt-1' }) as [ActionMessage];
  const severities = (payloads: SlackPayload[]) => payloads.map((p) => p.text.split(':')[0]);

  function depsOf(run: ReturnType<typeof channels>, findings: FindingStore): MonitorDeps {
    return {
      source: { read: async () => emptyReadResult(), enumerate: async () => emptyReadResult() },
      findings,
      ...run.ports,
      policy: POLICY,
      rules: RULES,
      now: () => t0,
      scope: {},
    };
  }

  /** Records `evaluations` at `now` with an outbox whose deliveries are never sent (a crash after recording). */
  async function owing(store: FindingStore, evaluations: Evaluation[], now = t0) {
    const delivery = createDelivery(depsOf(channels(), store), { now, triggerId: 'evt-0' });
    delivery.plan([], [ACTION]);
    return recordEvaluations(store, evaluations, now, delivery.outbox);
  }

  /** A finding recorded at t0 without any delivery (never told), then seen again unchanged an hour later. */
  async function reobserved(deps: MonitorDeps, store: FindingStore) {
    await recordEvaluations(store, [tls], t0);
    const delivery = createDelivery(deps, { now: later(60), triggerId: 'evt-2' });
    delivery.plan([], [ACTION]);
    const transitions = await recordEvaluations(store, [tls], later(60), delivery.outbox);
    delivery.collect(transitions, [tls]);
    return { delivery, transitions };
  }

  it('sends a re-observation as before, bus first, and marks it notified once Slack took it', async () => {
    // Prepare
    const store = createMemoryFindingStore();
    const run = channels();
    const { delivery, transitions } = await reobserved(depsOf(run, store), store);

    // Act
    const sent = await delivery.send();

    // Assess
    expect(transitions.map((t) => t.kind)).toEqual(['unchanged']);
    expect(run.delivered.bus.map((m) => m.kind)).toEqual(['finding', 'plan']);
    expect(run.delivered.actions).toEqual([ACTION]);
    expect(severities(run.delivered.slack)).toEqual(['HIGH']);
    expect(sent).toEqual({ published: 2, actions: 1, alerts: 1, digest: false });
    expect((await store.get(ID))?.lastNotifiedAt).toBe(later(60).toISOString());
  });

  it('does not mark a re-observation notified when the Slack outbox failed', async () => {
    // Prepare
    const store = createMemoryFindingStore();
    const run = channels();
    const { delivery } = await reobserved(depsOf(run, store), store);
    run.failNext('slack');

    // Act
    const sending = delivery.send();

    // Assess
    await expect(sending).rejects.toThrow('slack unavailable');
    expect(run.delivered.actions).toEqual([ACTION]);
    expect((await store.get(ID))?.lastNotifiedAt).toBeUndefined();
  });

  it('holds back a re-observed action whose audit record the bus refused', async () => {
    // Prepare
    const store = createMemoryFindingStore();
    const run = channels();
    const deps = { ...depsOf(run, store), publish: async (messages: FindingMessage[]) => messages };
    const { delivery } = await reobserved(deps, store);

    // Act
    const sending = delivery.send();

    // Assess
    await expect(sending).rejects.toThrow('the findings bus refused 2 of 2 messages');
    expect(run.delivered.actions).toEqual([]);
  });

  it('leaves a finding owing the bus when the bus refused only its plan record', async () => {
    // Prepare
    const store = createMemoryFindingStore();
    const run = channels();
    const deps = {
      ...depsOf(run, store),
      publish: async (messages: FindingMessage[]) => messages.filter((m) => m.kind === 'plan'),
    };
    const delivery = createDelivery(deps, { now: t0, triggerId: 'evt-1' });
    delivery.plan([listener(WEAK)], [ACTION]);
    delivery.collect(await recordEvaluations(store, [tls], t0, delivery.outbox));

    // Act
    const sending = delivery.send();

    // Assess
    await expect(sending).rejects.toThrow('the findings bus refused 1 of 2 messages');
    expect((await store.get(ID))?.pending?.map((d) => d.channels)).toEqual([['bus', 'actions', 'slack']]);
  });

  it('owes no actions for a resolution, even when actions were planned for the finding', async () => {
    // Prepare
    const store = createMemoryFindingStore();
    await recordEvaluations(store, [tls], t0);
    const delivery = createDelivery(depsOf(channels(), store), { now: later(1), triggerId: 'evt-1' });
    delivery.plan([], [ACTION]);

    // Act
    const transition = await resolveFinding(store, ID, later(1), 'fixed', delivery.outbox);

    // Assess
    expect(transition.kind).toBe('resolved');
    expect(transition.finding?.pending?.map((d) => d.channels)).toEqual([['bus', 'slack']]);
    expect(transition.finding?.pending?.[0]?.actions).toBeUndefined();
  });

  it('tells Slack who made the change and when, for an owed alert and for a re-observation', async () => {
    // Prepare
    const store = createMemoryFindingStore();
    const run = channels();
    const context = {
      now: later(60),
      triggerId: 'evt-2',
      actor: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/dana' },
      eventTime: '2026-11-22T12:59:00Z',
    };
    await recordEvaluations(store, [tls], t0);
    const delivery = createDelivery(depsOf(run, store), context);
    delivery.collect(await recordEvaluations(store, [tls, ciphers], later(60), delivery.outbox), [
      tls,
      ciphers,
    ]);

    // Act
    await delivery.send();

    // Assess: the cipher finding is opened (owed), the TLS-policy one re-observed (sent as before).
    expect(severities(run.delivered.slack)).toEqual(['HIGH', 'MEDIUM']);
    for (const payload of run.delivered.slack) {
      const text = JSON.stringify(payload.blocks);
      expect(text).toContain('*Changed by*');
      expect(text).toContain('user/dana');
      expect(text).toContain('*When*');
    }
  });

  it('calls no channel when nothing is owed', async () => {
    // Prepare
    const store = createMemoryFindingStore();
    const calls: string[] = [];
    const deps = {
      ...depsOf(channels(), store),
      publish: async () => {
        calls.push('bus');
      },
    };
    const delivery = createDelivery(deps, { now: t0, triggerId: 'evt-1' });
    delivery.owe([]);

    // Act
    const sent = await delivery.send();

    // Assess
    expect(calls).toEqual([]);
    expect(sent).toEqual({ published: 0, actions: 0, alerts: 0, digest: false });
  });

  it('delivers only to the channels the deployment has, and leaves the others owed', async () => {
    // Prepare: recorded by a deployment with a queue and Slack, delivered by one with the bus only.
    const store = createMemoryFindingStore();
    const [recorded] = await owing(store, [tls]);
    const run = channels();
    const { actions: _queue, outbox: _slack, ...busOnly } = depsOf(run, store);
    const delivery = createDelivery(busOnly, { now: later(1), triggerId: 'evt-1' });
    delivery.owe([recorded?.finding as FindingRecord]);

    // Act
    const sent = await delivery.send();

    // Assess
    expect(sent).toEqual({ published: 2, actions: 0, alerts: 0, digest: false });
    expect(run.delivered.actions).toEqual([]);
    expect((await store.get(ID))?.pending?.map((d) => d.channels)).toEqual([['actions', 'slack']]);
  });

  it('tells Slack of owed findings in the order they were first seen, not the last', async () => {
    // Prepare
    const store = createMemoryFindingStore();
    const [high, medium] = await owing(store, [tls, ciphers]);
    const run = channels();
    const delivery = createDelivery(depsOf(run, store), { now: later(1), triggerId: 'evt-1' });
    delivery.owe([high?.finding, medium?.finding] as FindingRecord[]);
    delivery.owe([high?.finding] as FindingRecord[]);

    // Act
    await delivery.send();

    // Assess
    expect(severities(run.delivered.slack)).toEqual(['HIGH', 'MEDIUM']);
  });

  it.each([
    ['newer then older', [1, 0]],
    ['older then newer', [0, 1]],
  ])('delivers what the latest version of a finding owes when it is read twice (%s)', async (_, reads) => {
    // Prepare: opened at t0, changed at t0+1min, neither delivered.
    const store = createMemoryFindingStore();
    const [opened] = await owing(store, [tls]);
    const [changed] = await owing(store, [{ ...tls, severity: 'medium' as const }], later(1));
    const versions = [opened?.finding, changed?.finding] as FindingRecord[];
    const run = channels();
    const delivery = createDelivery(depsOf(run, store), { now: later(2), triggerId: 'evt-1' });

    // Act
    for (const read of reads) delivery.owe([versions[read] as FindingRecord]);
    await delivery.send();

    // Assess
    expect(changed?.kind).toBe('changed');
    expect(severities(run.delivered.slack)).toEqual(['HIGH', 'MEDIUM']);
    expect(await store.listPending()).toEqual([]);
  });

  it('delivers nothing for a finding read without anything owed', async () => {
    // Prepare
    const store = createMemoryFindingStore();
    const [recorded] = await recordEvaluations(store, [tls], t0);
    const run = channels();
    const delivery = createDelivery(depsOf(run, store), { now: later(1), triggerId: 'evt-1' });
    delivery.owe([recorded?.finding as FindingRecord]);

    // Act
    const sent = await delivery.send();

    // Assess
    expect(sent).toEqual({ published: 0, actions: 0, alerts: 0, digest: false });
  });

  it('keeps a plan record of exactly 60,000 characters with its snapshot, and cuts one character more', async () => {
    // Prepare
    const planOf = async (note: string) => {
      const delivery = createDelivery(depsOf(channels(), createMemoryFindingStore()), {
        now: t0,
        triggerId: 'evt-1',
      });
      delivery.plan([{ ...listener(WEAK), tags: { note } }], []);
      const [t] = await recordEvaluations(createMemoryFindingStore(), [tls], t0, delivery.outbox);
      return ((t?.finding?.pending?.[0]?.bus ?? []) as FindingMessage[]).find((m) => m.kind === 'plan');
    };
    const base = JSON.stringify(await planOf('')).length;

    // Act
    const fits = await planOf('n'.repeat(60_000 - base));
    const over = await planOf('n'.repeat(60_001 - base));

    // Assess
    expect(JSON.stringify(fits).length).toBe(60_000);
    expect(fits?.before).toBeDefined();
    expect(fits?.configurationTruncated).toBeUndefined();
    expect(over?.before).toBeUndefined();
    expect(over?.configurationTruncated).toBe(true);
  });

  it('keeps large messages that carry no configuration snapshot as they are', async () => {
    // Prepare: a long reason, and no resource read (the plan record has no snapshot).
    const store = createMemoryFindingStore();
    const delivery = createDelivery(depsOf(channels(), store), { now: t0, triggerId: 'evt-1' });
    const long = { ...tls, reason: 'r'.repeat(61_000) };

    // Act
    const [t] = await recordEvaluations(store, [long], t0, delivery.outbox);

    // Assess
    const bus = (t?.finding?.pending?.[0]?.bus ?? []) as FindingMessage[];
    expect(bus.map((m) => m.kind)).toEqual(['finding', 'plan']);
    expect(bus.map((m) => m.configurationTruncated)).toEqual([undefined, undefined]);
    expect(bus.map((m) => m.evaluation.reason.length)).toEqual([61_000, 61_000]);
  });
});

describe('createDelivery for the remediate function', () => {
  it('records a remediated resolution with what was executed, and delivers it from the outbox', async () => {
    // Prepare
    const store = createMemoryFindingStore();
    const ID = findingIdOf('elbv2-listener-tls-policy', LISTENER_ARN);
    await recordEvaluations(
      store,
      [
        {
          ruleId: 'elbv2-listener-tls-policy',
          status: 'NON_COMPLIANT',
          severity: 'high',
          resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
          resourceId: LISTENER_ARN,
          reason: 'Policy ELBSecurityPolicy-2016-08 accepts TLSv1 and TLSv1.1; the minimum is TLSv1.2.',
        },
      ],
      t0,
    );
    const run = channels();
    const executed = {
      status: 'remediated' as const,
      calls: [
        {
          service: 'elbv2',
          command: 'ModifyListener',
          input: { ListenerArn: LISTENER_ARN, SslPolicy: STRONG },
        },
      ],
    };
    const delivery = createDelivery(
      {
        source: { read: async () => emptyReadResult(), enumerate: async () => emptyReadResult() },
        findings: store,
        ...run.ports,
        policy: POLICY,
        rules: RULES,
        now: () => later(1),
        scope: {},
      },
      { now: later(1), triggerId: 'evt-1', actions: new Map([[ID, executed as never]]) },
    );

    // Act
    const transition = await resolveFinding(store, ID, later(1), 'remediated', delivery.outbox);
    delivery.collect([transition]);
    await delivery.send();

    // Assess
    expect(run.delivered.bus.map((m) => [m.kind, m.evaluation.reason])).toEqual([
      ['resolution', 'transit-guard remediated the configuration and verified the fix.'],
    ]);
    expect(run.delivered.slack).toHaveLength(1);
    expect(JSON.stringify(run.delivered.slack[0]?.blocks)).toContain(
      'aws elbv2 modify-listener --listener-arn',
    );
    expect(await store.listPending()).toEqual([]);
  });
});
