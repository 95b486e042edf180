import { DeleteListenerCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteListener } from '../../../../../shared/families/elbv2/remediators/delete-listener.js';
import { elbv2ListenerTcpPlaintext as rule } from '../../../../../shared/families/elbv2/rules/elbv2-listener-tcp-plaintext.js';
import { executePlan } from '../../../../../shared/response/executor.js';
import { nlbListener } from '../../../../helpers/elb-fixtures.js';
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
const BLOCK = { rules: { 'elbv2-listener-tcp-plaintext': { mode: 'block' as const } } };

describe('delete-listener', () => {
  afterEach(() => {
    mocks.reset();
  });

  it('deletes an NLB TCP listener in block mode and verifies it is gone', async () => {
    // Prepare
    const listener = nlbListener('TCP', 80);
    const action = plannedAction(rule, listener, BLOCK);
    mocks.elbv2.on(DeleteListenerCommand).resolves({});
    const { readResource } = reads(listener, undefined);

    // Act
    const record = await executePlan(action, executorDeps(rule, readResource, { policy: BLOCK }));

    // Assess
    expect(mocks.elbv2).toReceiveCommandExactlyOnceWith(DeleteListenerCommand, {
      ListenerArn: listener.listenerArn,
    });
    expect(record.status).toBe('blocked');
    expect(record.after).toBeUndefined();
  });

  it('only notifies in remediate mode: the rule has no remediate action', () => {
    // Act
    const plan = planOf(evaluateWith(rule, nlbListener('TCP', 80)));

    // Assess
    expect(plan).toEqual({
      mode: 'remediate',
      status: 'notify',
      note: 'rule has no remediate action; notifying only',
    });
  });

  it('fails verification when the listener is still there', async () => {
    // Prepare
    const listener = nlbListener('UDP', 53);
    const action = plannedAction(rule, listener, BLOCK);
    mocks.elbv2.on(DeleteListenerCommand).resolves({});
    const { readResource } = reads(listener);

    // Act
    const record = await executePlan(action, executorDeps(rule, readResource, { policy: BLOCK }));

    // Assess
    expect(record.status).toBe('failed');
    expect(record.error).toBe('verification failed: the listener still exists when read again');
  });

  it('plans exactly one DeleteListener call for the listener', () => {
    // Prepare
    const listener = nlbListener('TCP', 80);

    // Act
    const plan = deleteListener.plan({
      resource: listener,
      evaluation: evaluateWith(rule, listener, BLOCK),
      policy: ruleContext(BLOCK).policy,
    });

    // Assess
    expect(plan).toEqual({
      kind: 'calls',
      calls: [{ service: 'elbv2', command: 'DeleteListener', input: { ListenerArn: listener.listenerArn } }],
    });
  });
});
