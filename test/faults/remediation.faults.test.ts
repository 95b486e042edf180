/**
 * A remediation write call that fails (throttled, 5xx, timed out) is reported as failed with its error
 * and is not made again by the executor: exactly one ModifyListener, nothing after it.
 */
import { ACMClient } from '@aws-sdk/client-acm';
import { DirectConnectClient } from '@aws-sdk/client-direct-connect';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import {
  ElasticLoadBalancingV2Client,
  ModifyListenerCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { elbv2ListenerTlsPolicy } from '../../shared/families/elbv2/rules/elbv2-listener-tls-policy.js';
import type { Resource } from '../../shared/model/resource.js';
import type { CommandSender } from '../../shared/response/calls.js';
import { type ExecutorDeps, executePlan } from '../../shared/response/executor.js';
import type { PlannedAction } from '../../shared/response/types.js';
import { evaluateAndPlan } from '../../shared/usecase/evaluate.js';
import { albHttpsListener } from '../helpers/elb-fixtures.js';
import { ruleContext, TEST_NOW } from '../helpers/rule-context.js';
import { type FaultKind, faultError } from './injector.js';

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };
const REGION = 'eu-west-1';
/** The other write clients: none of them may be called. */
const OTHER_CLIENTS = [ElasticLoadBalancingClient, EC2Client, DirectConnectClient, ACMClient] as const;
const others = OTHER_CLIENTS.map((client) => mockClient(client as unknown as typeof EC2Client));
const elbv2 = mockClient(ElasticLoadBalancingV2Client);

/** Dry run off and the rule opted in to remediation (every rule defaults to notify). */
const POLICY = {
  dryRun: false,
  rules: { [elbv2ListenerTlsPolicy.metadata.id]: { mode: 'remediate' as const } },
};
const evaluate = (resource: Resource) => {
  const [evaluation] = evaluateAndPlan(resource, [elbv2ListenerTlsPolicy], ruleContext(POLICY));
  if (!evaluation) throw new Error('elbv2-listener-tls-policy did not evaluate the listener');
  return evaluation;
};

/** The plan the real rule makes for a listener on a policy that allows TLS 1.0. */
function plannedAction(listener: Resource): PlannedAction {
  const plan = evaluate(listener).response;
  if (plan?.status !== 'planned') throw new Error(`expected a planned action, got ${plan?.status}`);
  return {
    ruleId: elbv2ListenerTlsPolicy.metadata.id,
    ref: {
      resourceType: listener.resourceType,
      resourceId: listener.resourceId,
      accountId: listener.accountId ?? '111122223333',
      region: REGION,
    },
    plan,
  };
}

function executorDeps(listener: Resource): ExecutorDeps & { reads: () => number } {
  let reads = 0;
  const config = { region: REGION, credentials: CREDENTIALS };
  return {
    clientFor: async (service) => {
      const clients: Record<string, CommandSender> = {
        elbv2: new ElasticLoadBalancingV2Client(config),
        elb: new ElasticLoadBalancingClient(config),
        vpn: new EC2Client(config),
        directconnect: new DirectConnectClient(config),
        acm: new ACMClient(config),
      };
      const client = clients[service];
      if (!client) throw new Error(`no ${service} client`);
      return client;
    },
    readResource: async () => {
      reads++;
      return structuredClone(listener);
    },
    evaluate,
    sleep: async () => undefined,
    now: () => TEST_NOW,
    settleTimeoutMs: 15 * 60_000,
    reads: () => reads,
  };
}

describe('executePlan when the remediation call fails', () => {
  afterEach(() => {
    for (const mock of [...others, elbv2]) mock.reset();
  });

  it.each<FaultKind>(['throttling', 'server', 'timeout'])(
    'makes ModifyListener once and records the %s failure with its error',
    async (kind) => {
      // Prepare
      const listener = albHttpsListener({ sslPolicy: 'ELBSecurityPolicy-2016-08' });
      const action = plannedAction(listener);
      const error = faultError(kind, 'elbv2', 'ModifyListener');
      elbv2.on(ModifyListenerCommand).rejects(error);
      const deps = executorDeps(listener);

      // Act
      const record = await executePlan(action, deps);

      // Assess
      expect(elbv2.commandCalls(ModifyListenerCommand)).toHaveLength(1);
      expect(elbv2.calls()).toHaveLength(1);
      for (const mock of others) expect(mock.calls()).toHaveLength(0);
      expect(record.status).toBe('failed');
      expect(record.error).toBe(`ModifyListener failed: ${error.name}: ${error.message}`);
      expect(record.calls).toEqual([
        expect.objectContaining({
          command: 'ModifyListener',
          outcome: 'failed',
          error: `${error.name}: ${error.message}`,
        }),
      ]);
      // Read once before acting; no verification reads after a failed call.
      expect(deps.reads()).toBe(1);
    },
  );
});
