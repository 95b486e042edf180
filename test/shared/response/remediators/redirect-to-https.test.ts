import { ModifyListenerCommand, ModifyRuleCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterEach, describe, expect, it } from 'vitest';
import type { Elbv2Listener } from '../../../../shared/model/resource.js';
import { executePlan } from '../../../../shared/response/executor.js';
import { elbv2ListenerPlaintext as rule } from '../../../../shared/rules/elbv2/elbv2-listener-plaintext.js';
import {
  albHttpListener,
  albHttpsListener,
  fixedResponseAction,
  forwardAction,
  listenerRule,
  redirectAction,
} from '../../../helpers/elb-fixtures.js';
import {
  evaluateWith,
  executorDeps,
  mockRemediationClients,
  plannedAction,
  planOf,
  reads,
  refOf,
} from '../support.js';

const mocks = mockRemediationClients();

const HTTPS_SIBLING = {
  listenerArn: albHttpsListener().listenerArn.replace(/\w+$/, 'b7c1d2e3f4a5b6c7'),
  protocol: 'HTTPS',
  port: 443,
};

const EXPECTED_REDIRECT = {
  Type: 'redirect',
  RedirectConfig: {
    Protocol: 'HTTPS',
    Port: '443',
    Host: '#{host}',
    Path: '/#{path}',
    Query: '#{query}',
    StatusCode: 'HTTP_301',
  },
} as const;

/** ALB HTTP:80 forwarding, with an HTTPS:443 listener beside it and one forwarding rule. */
function listenerWithHttps(overrides: Partial<Elbv2Listener> = {}): Elbv2Listener {
  return albHttpListener({
    siblingListeners: [HTTPS_SIBLING],
    rules: [listenerRule('10', [forwardAction()]), listenerRule('20', [redirectAction()])],
    ...overrides,
  });
}

/** The listener as it reads after the redirect is in place. */
function redirected(listener: Elbv2Listener): Elbv2Listener {
  return {
    ...listener,
    defaultActions: [redirectAction()],
    rules: (listener.rules ?? []).map((r) => ({ ...r, actions: [redirectAction()] })),
  };
}

describe('redirect-to-https', () => {
  afterEach(() => {
    mocks.reset();
  });

  it('redirects the default action and each forwarding rule to HTTPS:443 with host, path and query kept', async () => {
    // Prepare
    const listener = listenerWithHttps();
    const action = plannedAction(rule, listener);
    mocks.elbv2.on(ModifyListenerCommand).resolves({});
    mocks.elbv2.on(ModifyRuleCommand).resolves({});
    const { readResource } = reads(listener, redirected(listener));

    // Act
    const record = await executePlan(action, executorDeps(rule, readResource));

    // Assess
    expect(mocks.elbv2).toReceiveCommandWith(ModifyListenerCommand, {
      ListenerArn: listener.listenerArn,
      DefaultActions: [EXPECTED_REDIRECT],
    });
    expect(mocks.elbv2).toReceiveCommandTimes(ModifyRuleCommand, 1);
    expect(mocks.elbv2).toReceiveCommandWith(ModifyRuleCommand, {
      RuleArn: listener.rules?.[0]?.ruleArn,
      Actions: [EXPECTED_REDIRECT],
    });
    expect(record.status).toBe('remediated');
    expect(record.before?.resourceId).toBe(listener.resourceId);
    expect(record.after).toMatchObject({ defaultActions: [redirectAction()] });
  });

  it('changes only the rule that answers when the default action already redirects', () => {
    // Prepare
    const listener = listenerWithHttps({
      defaultActions: [redirectAction()],
      rules: [listenerRule('5', [fixedResponseAction('200')])],
    });

    // Act
    const plan = planOf(evaluateWith(rule, listener));

    // Assess
    expect(plan.calls?.map((call) => call.command)).toEqual(['ModifyRule']);
  });

  it('sends users to the port of the HTTPS listener when none listens on 443', () => {
    // Prepare
    const listener = listenerWithHttps({ siblingListeners: [{ ...HTTPS_SIBLING, port: 8443 }] });

    // Act
    const plan = planOf(evaluateWith(rule, listener));

    // Assess
    expect(plan.calls?.[0]?.input).toMatchObject({
      DefaultActions: [{ RedirectConfig: expect.objectContaining({ Port: '8443' }) }],
    });
    expect(plan.target).toBe('HTTPS:8443');
  });

  it('does not redirect when the load balancer has no HTTPS listener, and notifies instead', async () => {
    // Prepare
    const listener = albHttpListener({ siblingListeners: [] });

    // Act
    const plan = planOf(evaluateWith(rule, listener));

    // Assess
    expect(plan).toMatchObject({ mode: 'remediate', status: 'notify' });
    expect(plan.note).toContain('no HTTPS listener to send users to');
    expect(plan.calls).toBeUndefined();
    const deps = executorDeps(rule, reads(listener).readResource);
    await expect(executePlan({ ruleId: rule.metadata.id, ref: refOf(listener), plan }, deps)).rejects.toThrow(
      /only planned calls are executed/,
    );
    expect(mocks.elbv2).not.toReceiveAnyCommand();
  });

  it('does not redirect when the input does not show the other listeners', () => {
    // Act
    const plan = planOf(evaluateWith(rule, albHttpListener()));

    // Assess
    expect(plan.status).toBe('notify');
    expect(plan.note).toContain('does not show whether the load balancer has an HTTPS listener');
  });

  it('refuses at execution when the HTTPS listener is gone by then', async () => {
    // Prepare
    const listener = listenerWithHttps();
    const action = plannedAction(rule, listener);
    const { readResource } = reads({ ...listener, siblingListeners: [] });

    // Act
    const record = await executePlan(action, executorDeps(rule, readResource));

    // Assess
    expect(record.status).toBe('refused');
    expect(record.error).toContain('no HTTPS listener');
    expect(mocks.elbv2).not.toReceiveAnyCommand();
  });
});
