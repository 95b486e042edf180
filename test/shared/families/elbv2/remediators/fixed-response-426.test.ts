import { ModifyListenerCommand, ModifyRuleCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterEach, describe, expect, it } from 'vitest';
import type { Elbv2Listener, ListenerAction } from '../../../../../shared/families/elbv2/model.js';
import { fixedResponse426 } from '../../../../../shared/families/elbv2/remediators/fixed-response-426.js';
import { elbv2ListenerPlaintext as rule } from '../../../../../shared/families/elbv2/rules/elbv2-listener-plaintext.js';
import { executePlan } from '../../../../../shared/response/executor.js';
import {
  albHttpListener,
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
  reads,
} from '../../../response/support.js';

const mocks = mockRemediationClients();
const BLOCK = { rules: { 'elbv2-listener-plaintext': { mode: 'block' as const } } };

const EXPECTED_426 = {
  Type: 'fixed-response',
  FixedResponseConfig: {
    StatusCode: '426',
    ContentType: 'text/plain',
    MessageBody: 'Upgrade Required: this endpoint accepts HTTPS only.',
  },
} as const;

const answer426: ListenerAction = fixedResponseAction('426');

/** HTTP:80 with no HTTPS listener beside it: block mode answers 426 even so. */
function plaintextListener(): Elbv2Listener {
  return albHttpListener({
    siblingListeners: [],
    rules: [listenerRule('10', [forwardAction()]), listenerRule('20', [redirectAction()])],
  });
}

describe('fixed-response-426', () => {
  afterEach(() => {
    mocks.reset();
  });

  it('answers 426 on the default action and on each rule that forwards, leaving HTTPS redirects alone', async () => {
    // Prepare
    const listener = plaintextListener();
    const action = plannedAction(rule, listener, BLOCK);
    mocks.elbv2.on(ModifyListenerCommand).resolves({});
    mocks.elbv2.on(ModifyRuleCommand).resolves({});
    const blocked: Elbv2Listener = {
      ...listener,
      defaultActions: [answer426],
      rules: [listenerRule('10', [answer426]), listenerRule('20', [redirectAction()])],
    };
    const { readResource } = reads(listener, blocked);

    // Act
    const record = await executePlan(action, executorDeps(rule, readResource, { policy: BLOCK }));

    // Assess
    expect(action.plan).toMatchObject({ mode: 'block', status: 'planned', action: 'fixed-response-426' });
    expect(mocks.elbv2).toReceiveCommandWith(ModifyListenerCommand, {
      ListenerArn: listener.listenerArn,
      DefaultActions: [EXPECTED_426],
    });
    expect(mocks.elbv2).toReceiveCommandTimes(ModifyRuleCommand, 1);
    expect(mocks.elbv2).toReceiveCommandWith(ModifyRuleCommand, {
      RuleArn: listener.rules?.[0]?.ruleArn,
      Actions: [EXPECTED_426],
    });
    expect(record.status).toBe('blocked');
  });

  it('reports a failed verification when a rule still forwards after the calls', async () => {
    // Prepare
    const listener = plaintextListener();
    const action = plannedAction(rule, listener, BLOCK);
    mocks.elbv2.on(ModifyListenerCommand).resolves({});
    mocks.elbv2.on(ModifyRuleCommand).resolves({});
    const halfBlocked: Elbv2Listener = { ...listener, defaultActions: [answer426] };
    const { readResource } = reads(listener, halfBlocked);

    // Act
    const record = await executePlan(action, executorDeps(rule, readResource, { policy: BLOCK }));

    // Assess
    expect(record.status).toBe('failed');
    expect(record.error).toBe('verification failed: still serving plaintext: rule priority 10');
  });

  it('reports a failed verification when the listener cannot be read again', async () => {
    // Prepare
    const listener = plaintextListener();
    const action = plannedAction(rule, listener, BLOCK);
    mocks.elbv2.on(ModifyListenerCommand).resolves({});
    mocks.elbv2.on(ModifyRuleCommand).resolves({});
    const { readResource } = reads(listener, undefined);

    // Act
    const record = await executePlan(action, executorDeps(rule, readResource, { policy: BLOCK }));

    // Assess
    expect(record.status).toBe('failed');
    expect(record.error).toBe('verification failed: the listener could not be read again');
  });

  it('names every action that still serves plaintext when verification fails', async () => {
    // Prepare
    const listener = plaintextListener();
    const action = plannedAction(rule, listener, BLOCK);
    mocks.elbv2.on(ModifyListenerCommand).resolves({});
    mocks.elbv2.on(ModifyRuleCommand).resolves({});
    const { readResource } = reads(listener);

    // Act
    const record = await executePlan(action, executorDeps(rule, readResource, { policy: BLOCK }));

    // Assess
    expect(record.error).toBe(
      'verification failed: still serving plaintext: the default action, rule priority 10',
    );
  });
});

describe('fixed-response-426 plan', () => {
  const planDirectly = (listener: Elbv2Listener) =>
    fixedResponse426.plan({
      resource: listener,
      evaluation: evaluateWith(rule, listener, BLOCK),
      policy: ruleContext(BLOCK).policy,
    });

  it('answers 426 on the default action only, and says so, when the rules were not read', () => {
    // Prepare
    const listener = albHttpListener({ siblingListeners: [], rules: undefined });

    // Act
    const plan = planDirectly(listener);

    // Assess
    expect(plan).toEqual(defaultActionOnlyPlan(listener.listenerArn, EXPECTED_426, 'fixed-response 426'));
  });

  it('adds no note when the rules were read', () => {
    // Act
    const plan = planDirectly(plaintextListener());

    // Assess
    expect(plan).toMatchObject({ kind: 'calls', target: 'fixed-response 426' });
    expect(plan).not.toHaveProperty('note');
  });

  it('refuses when every action already answers 426 or redirects to HTTPS', () => {
    // Prepare
    const listener = albHttpListener({
      defaultActions: [answer426],
      rules: [listenerRule('10', [redirectAction()]), listenerRule('20', [answer426])],
    });

    // Act
    const plan = planDirectly(listener);

    // Assess
    expect(plan).toEqual({ kind: 'refused', note: 'every action already answers 426 or redirects' });
  });
});
