import { DeleteLoadBalancerListenersCommand } from '@aws-sdk/client-elastic-load-balancing';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteClassicListener } from '../../../../../shared/families/elb/remediators/delete-classic-listener.js';
import { elbListenerPlaintext as rule } from '../../../../../shared/families/elb/rules/elb-listener-plaintext.js';
import { executePlan } from '../../../../../shared/response/executor.js';
import { classicListener, classicLoadBalancer } from '../../../../helpers/elb-fixtures.js';
import { ruleContext } from '../../../../helpers/rule-context.js';
import {
  evaluateWith,
  executorDeps,
  mockRemediationClients,
  plannedAction,
  reads,
} from '../../../response/support.js';

const mocks = mockRemediationClients();
const BLOCK = { rules: { 'elb-listener-plaintext': { mode: 'block' as const } } };

describe('delete-classic-listener', () => {
  afterEach(() => {
    mocks.reset();
  });

  it('deletes the HTTP and TCP listeners by port and never the HTTPS one', async () => {
    // Prepare
    const https = classicListener('HTTPS', 443, ['ELBSecurityPolicy-TLS-1-2-2017-01']);
    const lb = classicLoadBalancer([classicListener('HTTP', 80), https, classicListener('TCP', 8080)]);
    const action = plannedAction(rule, lb, BLOCK);
    mocks.elb.on(DeleteLoadBalancerListenersCommand).resolves({});
    const { readResource } = reads(lb, { ...lb, listeners: [https] });

    // Act
    const record = await executePlan(action, executorDeps(rule, readResource, { policy: BLOCK }));

    // Assess
    expect(mocks.elb).toReceiveCommandExactlyOnceWith(DeleteLoadBalancerListenersCommand, {
      LoadBalancerName: 'legacy-web',
      LoadBalancerPorts: [80, 8080],
    });
    expect(record.status).toBe('blocked');
  });

  it('plans one call that deletes the plaintext ports', () => {
    // Prepare
    const lb = classicLoadBalancer([classicListener('tcp', 25), classicListener('HTTPS', 443)]);

    // Act
    const plan = deleteClassicListener.plan({
      resource: lb,
      evaluation: evaluateWith(rule, lb, BLOCK),
      policy: ruleContext(BLOCK).policy,
    });

    // Assess
    expect(plan).toEqual({
      kind: 'calls',
      calls: [
        {
          service: 'elb',
          command: 'DeleteLoadBalancerListeners',
          input: { LoadBalancerName: 'legacy-web', LoadBalancerPorts: [25] },
        },
      ],
    });
  });

  it('refuses when the load balancer has no HTTP or TCP listener left', () => {
    // Prepare
    const lb = classicLoadBalancer([classicListener('HTTPS', 443), classicListener('SSL', 8443)]);

    // Act
    const plan = deleteClassicListener.plan({
      resource: lb,
      evaluation: evaluateWith(rule, lb, BLOCK),
      policy: ruleContext(BLOCK).policy,
    });

    // Assess
    expect(plan).toEqual({
      kind: 'refused',
      note: 'the load balancer has no HTTP listener and no TCP listener off the TLS-passthrough ports (tls.tlsPassthroughPorts)',
    });
  });

  it('never deletes a TCP listener on a TLS-passthrough port', () => {
    // Prepare
    const policy = { ...BLOCK, tls: { tlsPassthroughPorts: [8443] } };
    const lb = classicLoadBalancer([
      classicListener('TCP', 8443),
      classicListener('HTTP', 80),
      classicListener('TCP', 25),
    ]);

    // Act
    const plan = deleteClassicListener.plan({
      resource: lb,
      evaluation: evaluateWith(rule, lb, policy),
      policy: ruleContext(policy).policy,
    });

    // Assess
    expect(plan).toEqual({
      kind: 'calls',
      calls: [
        {
          service: 'elb',
          command: 'DeleteLoadBalancerListeners',
          input: { LoadBalancerName: 'legacy-web', LoadBalancerPorts: [80, 25] },
        },
      ],
    });
  });

  it('refuses when the only TCP listener left is on a TLS-passthrough port', () => {
    // Prepare
    const policy = { ...BLOCK, tls: { tlsPassthroughPorts: [8443] } };
    const lb = classicLoadBalancer([classicListener('tcp', 8443), classicListener('HTTPS', 443)]);

    // Act
    const plan = deleteClassicListener.plan({
      resource: lb,
      evaluation: evaluateWith(rule, classicLoadBalancer([classicListener('TCP', 8443)]), BLOCK),
      policy: ruleContext(policy).policy,
    });

    // Assess
    expect(plan).toEqual({
      kind: 'refused',
      note: 'the load balancer has no HTTP listener and no TCP listener off the TLS-passthrough ports (tls.tlsPassthroughPorts)',
    });
  });

  it('leaves a passthrough TCP listener alone in block mode: nothing is planned, nothing deleted', () => {
    // Prepare
    const policy = { ...BLOCK, tls: { tlsPassthroughPorts: [8443] } };
    const lb = classicLoadBalancer([classicListener('TCP', 8443)]);

    // Act
    const evaluation = evaluateWith(rule, lb, policy);

    // Assess
    expect(evaluation.status).toBe('COMPLIANT');
    expect(evaluation.response).toBeUndefined();
  });
});
