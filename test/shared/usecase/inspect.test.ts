import { beforeEach, describe, expect, it, vi } from 'vitest';
import { routeEvent } from '../../../shared/events/route.js';
import type { Elbv2Listener } from '../../../shared/families/elbv2/model.js';
import {
  emptyReadResult,
  type InventorySource,
  type ReadResult,
} from '../../../shared/inventory/live/port.js';
import type { ResourceRef } from '../../../shared/model/ref.js';
import { policySchema } from '../../../shared/policy/schema.js';
import type { FindingMessage } from '../../../shared/report/findings-bus.js';
import { RULES } from '../../../shared/rules/index.js';
import { findingIdOf } from '../../../shared/state/finding-store.js';
import { createMemoryFindingStore } from '../../../shared/state/memory-store.js';
import type { MonitorDeps } from '../../../shared/usecase/deps.js';
import { inspectEvent } from '../../../shared/usecase/inspect.js';
import { loadEvent, withValue } from '../../fixtures/events/load.js';

const LISTENER_ARN =
  'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/shop-web/4f1c0d2e9a7b3c55/8e2d4c6a1b3f5d70';
const OWN_ROLE = 'arn:aws:iam::111122223333:role/transit-guard-remediate';

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
    tags: {},
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

/** An inventory source that answers from a script and records what it was asked. */
function scriptedSource(answer: (refs: readonly ResourceRef[]) => ReadResult) {
  const read = vi.fn(async (refs: readonly ResourceRef[]) => answer(refs));
  const source: InventorySource = { read, enumerate: async () => emptyReadResult() };
  return { source, read };
}

let published: FindingMessage[];
let findings: ReturnType<typeof createMemoryFindingStore>;

function deps(source: InventorySource, overrides: Partial<MonitorDeps> = {}): MonitorDeps {
  return {
    source,
    findings,
    publish: async (messages) => {
      published.push(...messages);
    },
    policy: policySchema.parse({}),
    rules: RULES,
    now: () => new Date('2026-11-22T12:00:00.000Z'),
    scope: { accountId: '111122223333', regions: ['eu-west-1'] },
    ownIdentity: { roleArn: OWN_ROLE },
    ...overrides,
  };
}

// A ModifyListener made by a person (the fixture's actor is transit-guard's own role).
const humanModifyListener = () =>
  withValue(loadEvent('cloudtrail-elbv2-modify-listener'), ['detail', 'userIdentity'], {
    type: 'IAMUser',
    principalId: 'AIDAEXAMPLEUSER1',
    arn: 'arn:aws:iam::111122223333:user/dana',
    accountId: '111122223333',
    userName: 'dana',
  });

beforeEach(() => {
  published = [];
  findings = createMemoryFindingStore();
});

describe('inspectEvent', () => {
  it('reads the current listener, evaluates it and publishes each NON_COMPLIANT evaluation with the actor', async () => {
    // Prepare
    const { source, read } = scriptedSource(() => ({
      ...emptyReadResult(),
      resources: [listener('ELBSecurityPolicy-2016-08')],
    }));

    // Both rules opted in to remediation, so each finding also gets its (dry-run) plan record.
    const policy = policySchema.parse({
      rules: {
        'elbv2-listener-tls-policy': { mode: 'remediate' },
        'elbv2-listener-weak-ciphers': { mode: 'remediate' },
      },
    });

    // Act
    const outcome = await inspectEvent(routeEvent(humanModifyListener()), deps(source, { policy }));

    // Assess
    expect(read).toHaveBeenCalledWith([
      {
        resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
        resourceId: LISTENER_ARN,
        accountId: '111122223333',
        region: 'eu-west-1',
      },
    ]);
    const failing = outcome.evaluations.filter((e) => e.status === 'NON_COMPLIANT').map((e) => e.ruleId);
    expect(failing.sort()).toEqual(['elbv2-listener-tls-policy', 'elbv2-listener-weak-ciphers']);
    expect(published.map((m) => [m.kind, m.evaluation.ruleId])).toEqual([
      ['finding', 'elbv2-listener-tls-policy'],
      ['finding', 'elbv2-listener-weak-ciphers'],
      ['plan', 'elbv2-listener-tls-policy'],
      ['plan', 'elbv2-listener-weak-ciphers'],
    ]);
    expect(published.every((m) => m.actor?.arn === 'arn:aws:iam::111122223333:user/dana')).toBe(true);
    expect(published.every((m) => m.triggerId === '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d')).toBe(true);
  });

  it('publishes the audit record of every planned action with the resource as read and the plan', async () => {
    // Prepare
    const { source } = scriptedSource(() => ({
      ...emptyReadResult(),
      resources: [listener('ELBSecurityPolicy-2016-08')],
    }));
    const policy = policySchema.parse({
      dryRun: false,
      rules: {
        'elbv2-listener-tls-policy': { mode: 'remediate' },
        'elbv2-listener-weak-ciphers': { mode: 'notify' },
      },
    });

    // Act
    await inspectEvent(routeEvent(humanModifyListener()), deps(source, { policy }));

    // Assess
    const plans = published.filter((m) => m.kind === 'plan');
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatchObject({
      evaluation: {
        ruleId: 'elbv2-listener-tls-policy',
        response: { mode: 'remediate', action: 'set-ssl-policy', status: 'planned' },
      },
      before: { resourceId: LISTENER_ARN, sslPolicy: 'ELBSecurityPolicy-2016-08' },
      actor: { arn: 'arn:aws:iam::111122223333:user/dana' },
    });
    expect(plans[0]?.evaluation.response?.calls).toEqual([
      expect.objectContaining({
        command: 'ModifyListener',
        input: { ListenerArn: LISTENER_ARN, SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09' },
      }),
    ]);
  });

  it('with dry run off and no rules section, only notifies: no plan calls, no action queued', async () => {
    // Prepare
    const { source } = scriptedSource(() => ({
      ...emptyReadResult(),
      resources: [listener('ELBSecurityPolicy-2016-08')],
    }));
    const enqueue = vi.fn(async () => {});
    const policy = policySchema.parse({ dryRun: false });

    // Act
    const outcome = await inspectEvent(
      routeEvent(humanModifyListener()),
      deps(source, { policy, actions: { enqueue } }),
    );

    // Assess
    const responses = outcome.evaluations.filter((e) => e.status === 'NON_COMPLIANT').map((e) => e.response);
    expect(responses).toEqual([
      { mode: 'notify', status: 'notify' },
      { mode: 'notify', status: 'notify' },
    ]);
    expect(outcome.actionsQueued).toBe(0);
    expect(enqueue).not.toHaveBeenCalled();
    expect(published.filter((m) => m.kind === 'plan')).toEqual([]);
  });

  it('publishes a resolution when a later change fixes the listener', async () => {
    // Prepare
    let policy = 'ELBSecurityPolicy-2016-08';
    const { source } = scriptedSource(() => ({ ...emptyReadResult(), resources: [listener(policy)] }));
    await inspectEvent(routeEvent(humanModifyListener()), deps(source));
    published = [];
    policy = 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06';

    // Act
    await inspectEvent(routeEvent(humanModifyListener()), deps(source));

    // Assess
    expect(published.map((m) => [m.kind, m.evaluation.ruleId, m.evaluation.status])).toEqual([
      ['resolution', 'elbv2-listener-tls-policy', 'COMPLIANT'],
      ['resolution', 'elbv2-listener-weak-ciphers', 'COMPLIANT'],
    ]);
  });

  it('resolves the open findings of a resource that no longer exists instead of failing', async () => {
    // Prepare
    const { source } = scriptedSource(() => ({
      ...emptyReadResult(),
      resources: [listener('ELBSecurityPolicy-2016-08')],
    }));
    await inspectEvent(routeEvent(humanModifyListener()), deps(source));
    published = [];
    const gone = scriptedSource((refs) => ({ ...emptyReadResult(), gone: [...refs] }));

    // Act
    const outcome = await inspectEvent(routeEvent(humanModifyListener()), deps(gone.source));

    // Assess
    expect(outcome.errors).toEqual([]);
    expect(published.map((m) => [m.kind, m.evaluation.ruleId])).toEqual([
      ['resolution', 'elbv2-listener-tls-policy'],
      ['resolution', 'elbv2-listener-weak-ciphers'],
    ]);
    expect((await findings.get(findingIdOf('elbv2-listener-tls-policy', LISTENER_ARN)))?.resolution).toBe(
      'deleted',
    );
  });

  it('resolves the findings of every listener of a deleted load balancer without reading anything', async () => {
    // Prepare: two listeners of shop-web and one of another load balancer, each with an open finding.
    const { source } = scriptedSource(() => ({
      ...emptyReadResult(),
      resources: [listener('ELBSecurityPolicy-2016-08')],
    }));
    await inspectEvent(routeEvent(humanModifyListener()), deps(source));
    const other = LISTENER_ARN.replace('shop-web/4f1c0d2e9a7b3c55', 'shop-api/0f1e2d3c4b5a6978');
    for (const resourceId of [LISTENER_ARN.replace(/[^/]+$/, '2a9c7e5d3b1f4068'), other]) {
      await findings.put(
        {
          findingId: findingIdOf('elbv2-listener-tls-policy', resourceId),
          ruleId: 'elbv2-listener-tls-policy',
          resourceId,
          resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
          state: 'open',
          severity: 'high',
          reason: 'Seeded.',
          firstSeenAt: '2026-11-22T11:00:00.000Z',
          lastSeenAt: '2026-11-22T11:00:00.000Z',
          version: 1,
        },
        0,
      );
    }
    published = [];
    const nothing = scriptedSource(() => emptyReadResult());

    // Act
    const outcome = await inspectEvent(
      routeEvent(loadEvent('cloudtrail-elbv2-delete-load-balancer')),
      deps(nothing.source),
    );

    // Assess
    expect(nothing.read).not.toHaveBeenCalled();
    expect(outcome.transitions.map((t) => [t.finding?.resourceId, t.finding?.ruleId]).sort()).toEqual(
      [
        [LISTENER_ARN, 'elbv2-listener-tls-policy'],
        [LISTENER_ARN, 'elbv2-listener-weak-ciphers'],
        [LISTENER_ARN.replace(/[^/]+$/, '2a9c7e5d3b1f4068'), 'elbv2-listener-tls-policy'],
      ].sort(),
    );
    expect(published.every((m) => m.kind === 'resolution')).toBe(true);
    expect(published).toHaveLength(3);
    expect((await findings.listOpen()).map((f) => f.resourceId)).toEqual([other]);
  });

  it('resolves by prefix only a deleted route: a gone resource of a read is resolved alone', async () => {
    // Prepare: an open finding on a listener whose ARN starts with the one read.
    const longer = `${LISTENER_ARN}0`;
    const { source } = scriptedSource(() => ({
      ...emptyReadResult(),
      resources: [{ ...listener('ELBSecurityPolicy-2016-08'), resourceId: longer, listenerArn: longer }],
    }));
    await inspectEvent(routeEvent(humanModifyListener()), deps(source));
    const gone = scriptedSource((refs) => ({ ...emptyReadResult(), gone: [...refs] }));
    const route = routeEvent(humanModifyListener());

    // Act
    const outcome = await inspectEvent({ ...route, byPrefix: true } as typeof route, deps(gone.source));

    // Assess
    expect(gone.read).toHaveBeenCalledTimes(1);
    expect(outcome.transitions).toEqual([]);
    expect(await findings.listOpen()).toHaveLength(2);
  });

  it('never resolves by prefix the listeners of a load balancer in another account', async () => {
    // Prepare
    const foreignListener = LISTENER_ARN.replace('111122223333', '999988887777');
    await findings.put(
      {
        findingId: findingIdOf('elbv2-listener-tls-policy', foreignListener),
        ruleId: 'elbv2-listener-tls-policy',
        resourceId: foreignListener,
        resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
        state: 'open',
        severity: 'high',
        reason: 'Seeded.',
        firstSeenAt: '2026-11-22T11:00:00.000Z',
        lastSeenAt: '2026-11-22T11:00:00.000Z',
        version: 1,
      },
      0,
    );
    const event = withValue(
      loadEvent('cloudtrail-elbv2-delete-load-balancer'),
      ['detail', 'requestParameters', 'loadBalancerArn'],
      'arn:aws:elasticloadbalancing:eu-west-1:999988887777:loadbalancer/app/shop-web/4f1c0d2e9a7b3c55',
    );

    // Act
    const outcome = await inspectEvent(
      routeEvent(event),
      deps(scriptedSource(() => emptyReadResult()).source),
    );

    // Assess
    expect(outcome.ignored).toBe('no resource in this account and these regions');
    expect(await findings.listOpen()).toHaveLength(1);
  });

  it('does not act on a change made by its own role (loop guard)', async () => {
    // Prepare
    const { source, read } = scriptedSource(() => emptyReadResult());

    // Act
    const outcome = await inspectEvent(
      routeEvent(loadEvent('cloudtrail-elbv2-modify-listener')),
      deps(source),
    );

    // Assess
    expect(outcome.ignored).toMatch(/loop guard/);
    expect(read).not.toHaveBeenCalled();
    expect(published).toEqual([]);
  });

  it('acts on a role with a similar name: the guard matches the exact role ARN', async () => {
    // Prepare
    const { source, read } = scriptedSource(() => emptyReadResult());

    // Act
    await inspectEvent(
      routeEvent(loadEvent('cloudtrail-elbv2-modify-listener')),
      deps(source, { ownIdentity: { roleArn: `${OWN_ROLE}-evil` } }),
    );

    // Assess
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('never reads or acts on a listener of another account', async () => {
    // Prepare
    const { source, read } = scriptedSource(() => emptyReadResult());
    const foreign = withValue(
      humanModifyListener(),
      ['detail', 'requestParameters', 'listenerArn'],
      LISTENER_ARN.replace('111122223333', '999988887777'),
    );

    // Act
    const outcome = await inspectEvent(
      routeEvent(withValue(foreign, ['detail', 'recipientAccountId'], '999988887777')),
      deps(source),
    );

    // Assess
    expect(read).not.toHaveBeenCalled();
    expect(outcome.outOfScope).toHaveLength(1);
    expect(outcome.ignored).toMatch(/no resource in this account/);
  });

  it('reports what it could not read, so the event can be retried, and publishes nothing for it', async () => {
    // Prepare
    const { source } = scriptedSource(() => ({
      ...emptyReadResult(),
      errors: [
        { source: `DescribeListeners ${LISTENER_ARN}`, message: 'ThrottlingException: Rate exceeded' },
      ],
    }));

    // Act
    const outcome = await inspectEvent(routeEvent(humanModifyListener()), deps(source));

    // Assess
    expect(outcome.errors).toEqual([
      { source: `DescribeListeners ${LISTENER_ARN}`, message: 'ThrottlingException: Rate exceeded' },
    ]);
    expect(published).toEqual([]);
  });

  it('ignores events that change nothing it judges, without reading anything', async () => {
    // Prepare
    const { source, read } = scriptedSource(() => emptyReadResult());

    // Act
    const failed = await inspectEvent(
      routeEvent(loadEvent('cloudtrail-elbv2-modify-listener-failed')),
      deps(source),
    );
    const tags = await inspectEvent(routeEvent(loadEvent('cloudtrail-elbv2-add-tags')), deps(source));

    // Assess
    expect(failed.ignored).toMatch(/failed call/);
    expect(tags.ignored).toBeDefined();
    expect(read).not.toHaveBeenCalled();
  });
});
