import { ModifyListenerCommand, ModifyRuleCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterEach, describe, expect, it } from 'vitest';
import type { Elbv2Listener, ListenerAction } from '../../../../shared/model/resource.js';
import { executePlan } from '../../../../shared/response/executor.js';
import { elbv2ListenerPlaintext as rule } from '../../../../shared/rules/elbv2/elbv2-listener-plaintext.js';
import {
  albHttpListener,
  fixedResponseAction,
  forwardAction,
  listenerRule,
  redirectAction,
} from '../../../helpers/elb-fixtures.js';
import { executorDeps, mockRemediationClients, plannedAction, reads } from '../support.js';

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
});
