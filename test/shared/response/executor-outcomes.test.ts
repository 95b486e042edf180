/**
 * What the executor records when things do not go to plan: a call that throws (and the one harmless
 * error), a resource that cannot be read again, the pauses between verification reads, a tunnel that does
 * not come back in time, and plans it must not carry out at all.
 */

import { ModifyVpnTunnelOptionsCommand } from '@aws-sdk/client-ec2';
import {
  CreateLoadBalancerPolicyCommand,
  DuplicatePolicyNameException,
  SetLoadBalancerPoliciesOfListenerCommand,
  TooManyPoliciesException,
} from '@aws-sdk/client-elastic-load-balancing';
import { ListenerNotFoundException, ModifyListenerCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClassicLoadBalancer } from '../../../shared/families/elb/model.js';
import { elbListenerTlsPolicy } from '../../../shared/families/elb/rules/elb-listener-tls-policy.js';
import type { Elbv2Listener } from '../../../shared/families/elbv2/model.js';
import { elbv2ListenerTlsPolicy } from '../../../shared/families/elbv2/rules/elbv2-listener-tls-policy.js';
import { vpnTunnelWeakCrypto } from '../../../shared/families/vpn/rules/vpn-tunnel-weak-crypto.js';
import type { RemediationCall } from '../../../shared/model/evaluation.js';
import { executePlan, PlanNotExecutableError } from '../../../shared/response/executor.js';
import type { PlannedAction } from '../../../shared/response/types.js';
import {
  albHttpsListener,
  classicListener,
  classicLoadBalancer,
  negotiationPolicy,
  STRONG_CLASSIC_CIPHERS,
} from '../../helpers/elb-fixtures.js';
import {
  awsDefaultTunnelOptions,
  TUNNEL_A_IP,
  TUNNEL_B_IP,
  vpnConnection,
  vpnTunnel,
} from '../../helpers/vpn-fixtures.js';
import { executorDeps, mockRemediationClients, plannedAction, reads, START } from './support.js';

const mocks = mockRemediationClients();
const AT_START = START.toISOString();

/** An ALB HTTPS listener on a policy that allows TLS 1.0: set-ssl-policy, one ModifyListener call. */
const weakListener = (): Elbv2Listener => albHttpsListener({ sslPolicy: 'ELBSecurityPolicy-2016-08' });
const fixedListener = (): Elbv2Listener =>
  albHttpsListener({ sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06' });

/** The set-ssl-policy plan the real rule makes, and its one call. */
function sslPolicyAction(): { action: PlannedAction; call: RemediationCall } {
  const action = plannedAction(elbv2ListenerTlsPolicy, weakListener());
  const [call] = action.plan.calls ?? [];
  if (!call) throw new Error('set-ssl-policy planned no call');
  return { action, call };
}

/** A classic HTTPS listener on ELBSecurityPolicy-2016-08: CreateLoadBalancerPolicy, then SetLoadBalancerPoliciesOfListener. */
function legacyLoadBalancer(): ClassicLoadBalancer {
  return classicLoadBalancer([classicListener('HTTPS', 443, ['ELBSecurityPolicy-2016-08'])]);
}

/** The load balancer once the planned policy exists and is set on the listener. */
function hardened(lb: ClassicLoadBalancer, policyName: string): ClassicLoadBalancer {
  return {
    ...lb,
    listeners: lb.listeners.map((listener) => ({ ...listener, policyNames: [policyName] })),
    policies: [
      ...lb.policies,
      negotiationPolicy(policyName, { protocols: ['TLSv1.2'], ciphers: STRONG_CLASSIC_CIPHERS }),
    ],
  };
}

describe('executePlan outcomes', () => {
  afterEach(() => {
    mocks.reset();
  });

  describe('a call that throws', () => {
    it('records the call as failed with the SDK error and fails the action with "<command> failed: <error>"', async () => {
      // Prepare
      const { action, call } = sslPolicyAction();
      mocks.elbv2
        .on(ModifyListenerCommand)
        .rejects(
          new ListenerNotFoundException({ message: 'One or more listeners not found', $metadata: {} }),
        );
      const { readResource, count } = reads(weakListener(), fixedListener());

      // Act
      const record = await executePlan(action, executorDeps(elbv2ListenerTlsPolicy, readResource));

      // Assess
      expect(record.status).toBe('failed');
      expect(record.error).toBe(
        'ModifyListener failed: ListenerNotFoundException: One or more listeners not found',
      );
      expect(record.calls).toEqual([
        {
          ...call,
          outcome: 'failed',
          error: 'ListenerNotFoundException: One or more listeners not found',
          at: AT_START,
        },
      ]);
      expect(record.before).toMatchObject({ sslPolicy: 'ELBSecurityPolicy-2016-08' });
      expect(record).not.toHaveProperty('after');
      expect(count()).toBe(1);
      expect(mocks.elbv2).toReceiveCommandTimes(ModifyListenerCommand, 1);
    });

    it('records a thrown value that is not an Error by its text and still counts the call as failed', async () => {
      // Prepare
      const { action, call } = sslPolicyAction();
      mocks.elbv2.on(ModifyListenerCommand).callsFake(() => Promise.reject('Rate exceeded'));
      const { readResource } = reads(weakListener(), fixedListener());

      // Act
      const record = await executePlan(action, executorDeps(elbv2ListenerTlsPolicy, readResource));

      // Assess
      expect(record.status).toBe('failed');
      expect(record.error).toBe('ModifyListener failed: Rate exceeded');
      expect(record.calls).toEqual([{ ...call, outcome: 'failed', error: 'Rate exceeded', at: AT_START }]);
    });

    it('fails a call the executor has no SDK command for, without sending anything', async () => {
      // Prepare
      const { action } = sslPolicyAction();
      const unknown = {
        service: 'elbv2' as const,
        command: 'DeleteLoadBalancer',
        input: {
          LoadBalancerArn: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/1',
        },
      };
      const tampered: PlannedAction = { ...action, plan: { ...action.plan, calls: [unknown] } };
      const { readResource, count } = reads(weakListener(), fixedListener());

      // Act
      const record = await executePlan(tampered, executorDeps(elbv2ListenerTlsPolicy, readResource));

      // Assess
      expect(record.status).toBe('failed');
      expect(record.error).toBe(
        'DeleteLoadBalancer failed: Error: elbv2:DeleteLoadBalancer is not a remediation call',
      );
      expect(record.calls).toEqual([
        {
          ...unknown,
          outcome: 'failed',
          error: 'Error: elbv2:DeleteLoadBalancer is not a remediation call',
          at: AT_START,
        },
      ]);
      for (const mock of mocks.all) expect(mock).not.toReceiveAnyCommand();
      expect(count()).toBe(1);
    });
  });

  describe('the harmless duplicate-policy error', () => {
    it('counts CreateLoadBalancerPolicy as ok when the policy exists, keeps the error on the call, and goes on', async () => {
      // Prepare
      const lb = legacyLoadBalancer();
      const action = plannedAction(elbListenerTlsPolicy, lb);
      const [create, set] = action.plan.calls ?? [];
      mocks.elb
        .on(CreateLoadBalancerPolicyCommand)
        .rejects(new DuplicatePolicyNameException({ message: 'exists', $metadata: {} }));
      mocks.elb.on(SetLoadBalancerPoliciesOfListenerCommand).resolves({});
      const { readResource } = reads(lb, hardened(lb, String(action.plan.target)));

      // Act
      const record = await executePlan(action, executorDeps(elbListenerTlsPolicy, readResource));

      // Assess
      expect(create?.command).toBe('CreateLoadBalancerPolicy');
      expect(record.status).toBe('remediated');
      expect(record.calls).toEqual([
        { ...create, outcome: 'ok', error: 'DuplicatePolicyNameException: exists', at: AT_START },
        { ...set, outcome: 'ok', at: AT_START },
      ]);
      expect(record).not.toHaveProperty('error');
    });

    it('fails on any other CreateLoadBalancerPolicy error and never sets a policy on the listener', async () => {
      // Prepare
      const lb = legacyLoadBalancer();
      const action = plannedAction(elbListenerTlsPolicy, lb);
      mocks.elb
        .on(CreateLoadBalancerPolicyCommand)
        .rejects(new TooManyPoliciesException({ message: 'quota reached', $metadata: {} }));
      mocks.elb.on(SetLoadBalancerPoliciesOfListenerCommand).resolves({});
      const { readResource } = reads(lb, hardened(lb, String(action.plan.target)));

      // Act
      const record = await executePlan(action, executorDeps(elbListenerTlsPolicy, readResource));

      // Assess
      expect(record.status).toBe('failed');
      expect(record.error).toBe('CreateLoadBalancerPolicy failed: TooManyPoliciesException: quota reached');
      expect(record.calls.map((call) => call.outcome)).toEqual(['failed']);
      expect(mocks.elb).not.toReceiveCommand(SetLoadBalancerPoliciesOfListenerCommand);
    });

    it('does not trust a rejection that only carries the duplicate name without being an Error', async () => {
      // Prepare
      const lb = legacyLoadBalancer();
      const action = plannedAction(elbListenerTlsPolicy, lb);
      mocks.elb
        .on(CreateLoadBalancerPolicyCommand)
        .callsFake(() => Promise.reject({ name: 'DuplicatePolicyNameException', message: 'exists' }));
      mocks.elb.on(SetLoadBalancerPoliciesOfListenerCommand).resolves({});
      const { readResource } = reads(lb, hardened(lb, String(action.plan.target)));

      // Act
      const record = await executePlan(action, executorDeps(elbListenerTlsPolicy, readResource));

      // Assess
      expect(record.status).toBe('failed');
      expect(record.calls.map((call) => call.outcome)).toEqual(['failed']);
      expect(mocks.elb).not.toReceiveCommand(SetLoadBalancerPoliciesOfListenerCommand);
    });
  });

  describe('verification', () => {
    it('fails with "the resource could not be read again" when the resource is gone after the call', async () => {
      // Prepare
      const { action } = sslPolicyAction();
      mocks.elbv2.on(ModifyListenerCommand).resolves({});
      const { readResource, count } = reads(weakListener(), undefined);
      const deps = executorDeps(elbv2ListenerTlsPolicy, readResource);

      // Act
      const record = await executePlan(action, deps);

      // Assess
      expect(record.status).toBe('failed');
      expect(record.error).toBe('verification failed: the resource could not be read again');
      expect(record).not.toHaveProperty('after');
      expect(record.calls.map((call) => call.outcome)).toEqual(['ok']);
      expect(count()).toBe(4);
      expect(deps.slept).toEqual([5_000, 5_000]);
    });

    it('does not sleep before the first verification read when it already shows the change', async () => {
      // Prepare
      const { action } = sslPolicyAction();
      mocks.elbv2.on(ModifyListenerCommand).resolves({});
      const { readResource, count } = reads(weakListener(), fixedListener());
      const deps = executorDeps(elbv2ListenerTlsPolicy, readResource);

      // Act
      const record = await executePlan(action, deps);

      // Assess
      expect(record.status).toBe('remediated');
      expect(record.after).toMatchObject({ sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06' });
      expect(deps.slept).toEqual([]);
      expect(count()).toBe(2);
      expect(record.finishedAt).toBe(record.startedAt);
    });

    it('sleeps the verify interval between each of the reads and fails when none shows the change', async () => {
      // Prepare
      const { action } = sslPolicyAction();
      mocks.elbv2.on(ModifyListenerCommand).resolves({});
      const { readResource, count } = reads(weakListener());
      const deps = executorDeps(elbv2ListenerTlsPolicy, readResource, { verifyIntervalMs: 2_000 });

      // Act
      const record = await executePlan(action, deps);

      // Assess
      expect(record.status).toBe('failed');
      expect(record.error).toMatch(/^verification failed: still NON_COMPLIANT: \S/);
      expect(record.after).toMatchObject({ sslPolicy: 'ELBSecurityPolicy-2016-08' });
      expect(deps.slept).toEqual([2_000, 2_000]);
      expect(count()).toBe(4);
      expect(record.finishedAt).toBe('2026-11-22T10:00:04.000Z');
    });
  });

  describe('waiting for a tunnel', () => {
    it('says "1 minute", not "1 minutes", when a one-minute wait for the tunnel runs out', async () => {
      // Prepare
      const up = vpnConnection({
        tunnels: [
          vpnTunnel({ outsideIpAddress: TUNNEL_A_IP, options: awsDefaultTunnelOptions() }),
          vpnTunnel({ outsideIpAddress: TUNNEL_B_IP, options: awsDefaultTunnelOptions() }),
        ],
      });
      const down = {
        ...up,
        tunnels: up.tunnels.map((tunnel) => ({ ...tunnel, status: 'DOWN' })),
      };
      const action = plannedAction(vpnTunnelWeakCrypto, up);
      mocks.ec2.on(ModifyVpnTunnelOptionsCommand).resolves({});
      const deps = executorDeps(vpnTunnelWeakCrypto, reads(up, down).readResource, {
        settleTimeoutMs: 60_000,
        pollIntervalMs: 30_000,
      });

      // Act
      const record = await executePlan(action, deps);

      // Assess
      expect(record.status).toBe('failed');
      expect(record.error).toBe(
        `tunnel ${TUNNEL_A_IP} did not come back UP within 1 minute; stopped before any further change`,
      );
      expect(deps.slept).toEqual([30_000, 30_000]);
      expect(mocks.ec2).toReceiveCommandTimes(ModifyVpnTunnelOptionsCommand, 1);
    });
  });

  describe('plans that are not to be executed', () => {
    it('rejects a plan without a status as "not executable", reading and calling nothing', async () => {
      // Prepare
      const { action } = sslPolicyAction();
      const { status: _status, ...plan } = action.plan;
      const { readResource, count } = reads(weakListener());

      // Act
      const run = executePlan({ ...action, plan }, executorDeps(elbv2ListenerTlsPolicy, readResource));

      // Assess
      await expect(run).rejects.toThrow(PlanNotExecutableError);
      await expect(run).rejects.toMatchObject({
        name: 'PlanNotExecutableError',
        message: `plan for elbv2-listener-tls-policy on ${action.ref.resourceId} is not executable; only planned calls are executed`,
      });
      expect(count()).toBe(0);
      for (const mock of mocks.all) expect(mock).not.toReceiveAnyCommand();
    });

    it('refuses a planned action no remediator knows, before reading the resource or making a call', async () => {
      // Prepare
      const { action } = sslPolicyAction();
      const unknown: PlannedAction = { ...action, plan: { ...action.plan, action: 'open-everything' } };
      mocks.elbv2.on(ModifyListenerCommand).resolves({});
      const { readResource, count } = reads(weakListener(), fixedListener());

      // Act
      const run = executePlan(unknown, executorDeps(elbv2ListenerTlsPolicy, readResource));

      // Assess
      await expect(run).rejects.toThrow(PlanNotExecutableError);
      await expect(run).rejects.toThrow(/^no remediator for open-everything$/);
      expect(count()).toBe(0);
      for (const mock of mocks.all) expect(mock).not.toReceiveAnyCommand();
    });
  });
});
