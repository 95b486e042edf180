import { DeleteLoadBalancerListenersCommand } from '@aws-sdk/client-elastic-load-balancing';
import { afterEach, describe, expect, it } from 'vitest';
import { executePlan } from '../../../../shared/response/executor.js';
import { elbListenerPlaintext as rule } from '../../../../shared/rules/elb/elb-listener-plaintext.js';
import { classicListener, classicLoadBalancer } from '../../../helpers/elb-fixtures.js';
import { executorDeps, mockRemediationClients, plannedAction, reads } from '../support.js';

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
});
