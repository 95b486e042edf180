import { ModifyListenerCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterEach, describe, expect, it } from 'vitest';
import type { Elbv2Listener } from '../../../../../shared/families/elbv2/model.js';
import { setSslPolicy } from '../../../../../shared/families/elbv2/remediators/set-ssl-policy.js';
import { elbv2ListenerTlsPolicy } from '../../../../../shared/families/elbv2/rules/elbv2-listener-tls-policy.js';
import { elbv2ListenerWeakCiphers } from '../../../../../shared/families/elbv2/rules/elbv2-listener-weak-ciphers.js';
import { executePlan } from '../../../../../shared/response/executor.js';
import { albHttpsListener, gwlbListener, nlbListener } from '../../../../helpers/elb-fixtures.js';
import { ruleContext } from '../../../../helpers/rule-context.js';
import {
  evaluateWith,
  executorDeps,
  mockRemediationClients,
  plannedAction,
  planOf,
  reads,
} from '../../../response/support.js';

const mocks = mockRemediationClients();

describe('set-ssl-policy', () => {
  afterEach(() => {
    mocks.reset();
  });

  it('sets the target security policy on a listener that accepts TLS 1.0', async () => {
    // Prepare
    const listener = albHttpsListener({ sslPolicy: 'ELBSecurityPolicy-2016-08' });
    const action = plannedAction(elbv2ListenerTlsPolicy, listener);
    mocks.elbv2.on(ModifyListenerCommand).resolves({});
    const { readResource } = reads(listener, {
      ...listener,
      sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
    });

    // Act
    const record = await executePlan(action, executorDeps(elbv2ListenerTlsPolicy, readResource));

    // Assess
    expect(mocks.elbv2).toReceiveCommandExactlyOnceWith(ModifyListenerCommand, {
      ListenerArn: listener.listenerArn,
      SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
    });
    expect(record).toMatchObject({ status: 'remediated', action: 'set-ssl-policy', mode: 'remediate' });
    expect(record.calls).toEqual([expect.objectContaining({ command: 'ModifyListener', outcome: 'ok' })]);
  });

  it('sets the FIPS target on an NLB TLS listener whose FIPS policy offers CBC ciphers', () => {
    // Prepare
    const listener = nlbListener('TLS', 443, { sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04' });

    // Act
    const { plan } = plannedAction(elbv2ListenerWeakCiphers, listener);

    // Assess
    expect(plan.calls).toEqual([
      {
        service: 'elbv2',
        command: 'ModifyListener',
        input: {
          ListenerArn: listener.listenerArn,
          SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04',
        },
      },
    ]);
  });

  it('fails, with the error, when ModifyListener is refused, and does not retry', async () => {
    // Prepare
    const listener = albHttpsListener({ sslPolicy: 'ELBSecurityPolicy-2016-08' });
    const action = plannedAction(elbv2ListenerTlsPolicy, listener);
    const denied = Object.assign(
      new Error('User is not authorized to perform: elasticloadbalancing:ModifyListener'),
      {
        name: 'AccessDenied',
      },
    );
    mocks.elbv2.on(ModifyListenerCommand).rejects(denied);
    const { readResource } = reads(listener);

    // Act
    const record = await executePlan(action, executorDeps(elbv2ListenerTlsPolicy, readResource));

    // Assess
    expect(record.status).toBe('failed');
    expect(record.error).toBe(
      'ModifyListener failed: AccessDenied: User is not authorized to perform: elasticloadbalancing:ModifyListener',
    );
    expect(mocks.elbv2).toReceiveCommandTimes(ModifyListenerCommand, 1);
  });

  it('reports failed when the listener still reads NON_COMPLIANT after the call', async () => {
    // Prepare
    const listener = albHttpsListener({ sslPolicy: 'ELBSecurityPolicy-2016-08' });
    const action = plannedAction(elbv2ListenerTlsPolicy, listener);
    mocks.elbv2.on(ModifyListenerCommand).resolves({});
    const { readResource, count } = reads(listener);

    // Act
    const record = await executePlan(action, executorDeps(elbv2ListenerTlsPolicy, readResource));

    // Assess
    expect(record.status).toBe('failed');
    expect(record.error).toMatch(
      /^verification failed: still NON_COMPLIANT: Policy ELBSecurityPolicy-2016-08/,
    );
    expect(record.after?.resourceId).toBe(listener.resourceId);
    // One read before acting, three for verification; still one call.
    expect(count()).toBe(4);
    expect(mocks.elbv2).toReceiveCommandTimes(ModifyListenerCommand, 1);
  });
});

describe('set-ssl-policy plan', () => {
  const planDirectly = (listener: Elbv2Listener, target?: string) =>
    setSslPolicy.plan({
      resource: listener,
      evaluation: evaluateWith(elbv2ListenerTlsPolicy, listener),
      policy: ruleContext().policy,
      ...(target === undefined ? {} : { target }),
    });

  it.each([
    ['a non-FIPS policy', 'ELBSecurityPolicy-2016-08', 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09'],
    [
      'a FIPS policy',
      'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04',
      'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04',
    ],
    ['no policy shown', undefined, 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09'],
  ])('without a target from the rule, sets the policy target matching %s', (_case, sslPolicy, expected) => {
    // Prepare
    const listener = albHttpsListener({ sslPolicy });

    // Act
    const plan = planDirectly(listener);

    // Assess
    expect(plan).toEqual({
      kind: 'calls',
      calls: [
        {
          service: 'elbv2',
          command: 'ModifyListener',
          input: { ListenerArn: listener.listenerArn, SslPolicy: expected },
        },
      ],
      target: expected,
    });
  });

  it('sets the target the rule names over the policy default', () => {
    // Prepare
    const listener = albHttpsListener({ sslPolicy: 'ELBSecurityPolicy-2016-08' });

    // Act
    const plan = planDirectly(listener, 'ELBSecurityPolicy-TLS13-1-3-2021-06');

    // Assess
    expect(plan).toMatchObject({
      kind: 'calls',
      calls: [{ input: { SslPolicy: 'ELBSecurityPolicy-TLS13-1-3-2021-06' } }],
      target: 'ELBSecurityPolicy-TLS13-1-3-2021-06',
    });
  });

  it('refuses a FIPS target that network load balancers do not support, naming the policy and the type', () => {
    // Prepare: an RFC 9151 policy, which AWS lists for application load balancers only
    const listener = nlbListener('TLS', 443, { sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04' });

    // Act
    const plan = planDirectly(listener, 'ELBSecurityPolicy-TLS13-1-2-RFC9151-FIPS-2023-07');

    // Assess
    expect(plan).toEqual({
      kind: 'refused',
      note: 'security policy ELBSecurityPolicy-TLS13-1-2-RFC9151-FIPS-2023-07 does not support network load balancers (it supports application)',
    });
  });

  it('sets that FIPS target on an application load balancer, which supports it', () => {
    // Prepare
    const listener = albHttpsListener({ sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04' });

    // Act
    const plan = planDirectly(listener, 'ELBSecurityPolicy-TLS13-1-2-RFC9151-FIPS-2023-07');

    // Assess
    expect(plan).toMatchObject({
      kind: 'calls',
      target: 'ELBSecurityPolicy-TLS13-1-2-RFC9151-FIPS-2023-07',
    });
  });

  it('refuses a target that application load balancers do not support', () => {
    // Prepare
    const listener = albHttpsListener({ sslPolicy: 'ELBSecurityPolicy-2016-08' });

    // Act
    const plan = planDirectly(listener, 'ELBSecurityPolicy-2015-05');

    // Assess
    expect(plan).toEqual({
      kind: 'refused',
      note: 'security policy ELBSecurityPolicy-2015-05 does not support application load balancers (it supports network)',
    });
  });

  it('refuses on a Gateway Load Balancer listener, which no security policy supports', () => {
    // Prepare
    const listener = gwlbListener();

    // Act
    const plan = planDirectly(listener);

    // Assess
    expect(plan).toEqual({
      kind: 'refused',
      note: 'security policy ELBSecurityPolicy-TLS13-1-2-Res-2021-06 does not support gateway load balancers (it supports application and network)',
    });
  });

  it('refuses when the input does not say the listener’s load balancer type', () => {
    // Prepare
    const { loadBalancerType: _type, ...listener } = albHttpsListener({
      sslPolicy: 'ELBSecurityPolicy-2016-08',
    });

    // Act
    const plan = planDirectly(listener);

    // Assess
    expect(plan).toEqual({
      kind: 'refused',
      note: 'the load balancer type of the listener is not in the input: cannot tell whether it supports security policy ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
    });
  });

  it('refuses a target that is not in the security policy data: its supported types are unknown', () => {
    // Prepare
    const listener = albHttpsListener({ sslPolicy: 'ELBSecurityPolicy-2016-08' });

    // Act
    const plan = planDirectly(listener, 'ELBSecurityPolicy-TLS13-1-2-Res-2099-01');

    // Assess
    expect(plan).toEqual({
      kind: 'refused',
      note: 'security policy ELBSecurityPolicy-TLS13-1-2-Res-2099-01 is not in the bundled ELBv2 security policy data: cannot tell whether application load balancers support it',
    });
  });

  it('notifies with the reason when the policy’s FIPS target does not suit a network load balancer', () => {
    // Prepare
    const listener = nlbListener('TLS', 443, { sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04' });
    const policy = { tls: { targetFipsPolicy: 'ELBSecurityPolicy-TLS13-1-2-RFC9151-FIPS-2023-07' } };

    // Act
    const plan = planOf(evaluateWith(elbv2ListenerWeakCiphers, listener, policy));

    // Assess
    expect(plan).toEqual({
      mode: 'remediate',
      status: 'notify',
      note: 'security policy ELBSecurityPolicy-TLS13-1-2-RFC9151-FIPS-2023-07 does not support network load balancers (it supports application); notifying only',
    });
  });

  it('refuses when the listener already uses the target policy', () => {
    // Prepare
    const listener = albHttpsListener({ sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09' });

    // Act
    const plan = planDirectly(listener);

    // Assess
    expect(plan).toEqual({
      kind: 'refused',
      note: 'the listener already uses ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
    });
  });
});
