import { ModifyListenerCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterEach, describe, expect, it } from 'vitest';
import type { Elbv2Listener } from '../../../../shared/model/resource.js';
import { executePlan } from '../../../../shared/response/executor.js';
import { setSslPolicy } from '../../../../shared/response/remediators/set-ssl-policy.js';
import { elbv2ListenerTlsPolicy } from '../../../../shared/rules/elbv2/elbv2-listener-tls-policy.js';
import { elbv2ListenerWeakCiphers } from '../../../../shared/rules/elbv2/elbv2-listener-weak-ciphers.js';
import { albHttpsListener, nlbListener } from '../../../helpers/elb-fixtures.js';
import { ruleContext } from '../../../helpers/rule-context.js';
import { evaluateWith, executorDeps, mockRemediationClients, plannedAction, reads } from '../support.js';

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
      sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
    });

    // Act
    const record = await executePlan(action, executorDeps(elbv2ListenerTlsPolicy, readResource));

    // Assess
    expect(mocks.elbv2).toReceiveCommandExactlyOnceWith(ModifyListenerCommand, {
      ListenerArn: listener.listenerArn,
      SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
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
    ['a non-FIPS policy', 'ELBSecurityPolicy-2016-08', 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06'],
    [
      'a FIPS policy',
      'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04',
      'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04',
    ],
    ['no policy shown', undefined, 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06'],
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

  it('refuses when the listener already uses the target policy', () => {
    // Prepare
    const listener = albHttpsListener({ sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06' });

    // Act
    const plan = planDirectly(listener);

    // Assess
    expect(plan).toEqual({
      kind: 'refused',
      note: 'the listener already uses ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
    });
  });
});
