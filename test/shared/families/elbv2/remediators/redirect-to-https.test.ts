import { ModifyListenerCommand, ModifyRuleCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterEach, describe, expect, it } from 'vitest';
import type { Elbv2Listener } from '../../../../../shared/families/elbv2/model.js';
import { redirectToHttps } from '../../../../../shared/families/elbv2/remediators/redirect-to-https.js';
import { elbv2ListenerPlaintext as rule } from '../../../../../shared/families/elbv2/rules/elbv2-listener-plaintext.js';
import { executePlan } from '../../../../../shared/response/executor.js';
import {
  albHttpListener,
  albHttpsListener,
  fixedResponseAction,
  forwardAction,
  listenerRule,
  redirectAction,
} from '../../../../helpers/elb-fixtures.js';
import { ruleContext } from '../../../../helpers/rule-context.js';
import {
  defaultActionOnlyPlan,
  evaluateWith,
  executorDeps,
  mockRemediationClients,
  plannedAction,
  planOf,
  reads,
  refOf,
} from '../../../response/support.js';

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

describe('redirect-to-https plan', () => {
  const planDirectly = (listener: Elbv2Listener) =>
    redirectToHttps.plan({
      resource: listener,
      evaluation: evaluateWith(rule, listener),
      policy: ruleContext().policy,
    });

  it.each<[string, NonNullable<Elbv2Listener['siblingListeners']>, string]>([
    [
      'the HTTPS listener, not an HTTP one listed first',
      [
        { ...HTTPS_SIBLING, protocol: 'HTTP', port: 8080 },
        { ...HTTPS_SIBLING, port: 8443 },
      ],
      '8443',
    ],
    [
      '443 when one HTTPS listener is on 443, even if another is listed first',
      [
        { ...HTTPS_SIBLING, port: 8443 },
        { ...HTTPS_SIBLING, port: 443 },
      ],
      '443',
    ],
    [
      'the first HTTPS listener whose port is known',
      [
        { listenerArn: HTTPS_SIBLING.listenerArn, protocol: 'HTTPS' },
        { ...HTTPS_SIBLING, port: 8443 },
      ],
      '8443',
    ],
    [
      '443 when no HTTPS listener shows its port',
      [{ listenerArn: HTTPS_SIBLING.listenerArn, protocol: 'HTTPS' }],
      '443',
    ],
    [
      'the HTTPS listener, past a sibling whose protocol is not shown',
      [{ listenerArn: 'arn:other', port: 9000 }, HTTPS_SIBLING],
      '443',
    ],
  ])('sends users to %s', (_case, siblingListeners, port) => {
    // Prepare
    const listener = listenerWithHttps({ siblingListeners, rules: [] });

    // Act
    const plan = planOf(evaluateWith(rule, listener));

    // Assess
    expect(plan.target).toBe(`HTTPS:${port}`);
    expect(plan.calls).toEqual([
      {
        service: 'elbv2',
        command: 'ModifyListener',
        input: {
          ListenerArn: listener.listenerArn,
          DefaultActions: [
            { ...EXPECTED_REDIRECT, RedirectConfig: { ...EXPECTED_REDIRECT.RedirectConfig, Port: port } },
          ],
        },
      },
    ]);
  });

  it('says why it will not redirect when the verdict has no details at all', () => {
    // Prepare
    const listener = listenerWithHttps();
    const { details: _details, ...verdict } = evaluateWith(rule, listener);

    // Act
    const unsafe = redirectToHttps.safety(listener, verdict);

    // Assess
    expect(unsafe).toBe(
      'no redirect: the input does not show whether the load balancer has an HTTPS listener to send users to',
    );
  });

  it('plans the default action only, and says so, when the rules were not read', () => {
    // Prepare
    const listener = listenerWithHttps({ rules: undefined });

    // Act
    const plan = planDirectly(listener);

    // Assess
    expect(plan).toEqual(defaultActionOnlyPlan(listener.listenerArn, EXPECTED_REDIRECT, 'HTTPS:443'));
  });

  it('adds no note when the rules were read', () => {
    // Act
    const plan = planDirectly(listenerWithHttps());

    // Assess
    expect(plan.kind).toBe('calls');
    expect(plan).not.toHaveProperty('note');
  });

  it('refuses when every action already redirects to HTTPS', () => {
    // Prepare
    const listener = listenerWithHttps({
      defaultActions: [redirectAction()],
      rules: [listenerRule('10', [redirectAction()])],
    });

    // Act
    const plan = planDirectly(listener);

    // Assess
    expect(plan).toEqual({ kind: 'refused', note: 'every action already redirects to HTTPS' });
  });
});
