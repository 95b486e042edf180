/**
 * Shared wiring for the response tests: real SDK clients (static fake credentials, eu-west-1) for
 * aws-sdk-client-mock to intercept, a fake clock whose sleep advances time, and plans made by the real
 * rules through the engine, as the product makes them.
 */
import { ACMClient } from '@aws-sdk/client-acm';
import { DirectConnectClient } from '@aws-sdk/client-direct-connect';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { RDSClient } from '@aws-sdk/client-rds';
import { S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { PLAINTEXT_RULES_NOT_READ } from '../../../shared/families/elbv2/actions.js';
import type { Evaluation, ResponsePlan } from '../../../shared/model/evaluation.js';
import type { ResourceRef } from '../../../shared/model/ref.js';
import type { Resource } from '../../../shared/model/resource.js';
import type { PolicyInput } from '../../../shared/policy/schema.js';
import type { CommandSender } from '../../../shared/response/calls.js';
import type { ExecutorDeps } from '../../../shared/response/executor.js';
import type { PlannedAction, RemediationPlan } from '../../../shared/response/types.js';
import type { AnyRule } from '../../../shared/rules/rule.js';
import { evaluateAndPlan } from '../../../shared/usecase/evaluate.js';
import { ruleContext } from '../../helpers/rule-context.js';

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };
const REGION = 'eu-west-1';

/** The write clients by family id, as the wiring gives them (familyClients). */
function remediationClients(): ExecutorDeps['clientFor'] {
  const config = { region: REGION, credentials: CREDENTIALS };
  const clients: Record<string, CommandSender> = {
    elbv2: new ElasticLoadBalancingV2Client(config),
    elb: new ElasticLoadBalancingClient(config),
    vpn: new EC2Client(config),
    vpc: new EC2Client(config),
    directconnect: new DirectConnectClient(config),
    acm: new ACMClient(config),
    s3: new S3Client(config),
    rds: new RDSClient(config),
  };
  return async (service) => {
    const client = clients[service];
    if (!client) throw new Error(`no ${service} client`);
    return client;
  };
}

/** One mock per client class; every test file resets them in afterEach. */
export function mockRemediationClients() {
  const mocks = {
    elbv2: mockClient(ElasticLoadBalancingV2Client),
    elb: mockClient(ElasticLoadBalancingClient),
    ec2: mockClient(EC2Client),
    directconnect: mockClient(DirectConnectClient),
    acm: mockClient(ACMClient),
    s3: mockClient(S3Client),
    rds: mockClient(RDSClient),
  };
  return {
    ...mocks,
    all: Object.values(mocks),
    reset: () => {
      for (const mock of Object.values(mocks)) mock.reset();
    },
  };
}

export function refOf(resource: Resource): ResourceRef {
  return {
    resourceType: resource.resourceType,
    resourceId: resource.resourceId,
    accountId: resource.accountId ?? '123456789012',
    region: resource.region ?? REGION,
    ...(resource.name ? { name: resource.name } : {}),
  };
}

/**
 * Runs the real rule through the engine with the policy, the rule opted in to remediation: mode `remediate` and
 * dry run off unless the policy says otherwise (every rule defaults to `notify`).
 */
export function evaluateWith(
  rule: AnyRule,
  resource: Resource,
  policy: PolicyInput = {},
  options: { ownAction?: boolean; now?: Date } = {},
): Evaluation {
  const id = rule.metadata.id;
  const rules = { ...policy.rules, [id]: { mode: 'remediate' as const, ...policy.rules?.[id] } };
  const [evaluation] = evaluateAndPlan(
    resource,
    [rule],
    ruleContext({ dryRun: false, ...policy, rules }, options.now),
    options.ownAction === undefined ? {} : { ownAction: options.ownAction },
  );
  if (!evaluation) throw new Error(`${rule.metadata.id} did not evaluate ${resource.resourceId}`);
  return evaluation;
}

export function planOf(evaluation: Evaluation): ResponsePlan {
  if (!evaluation.response)
    throw new Error(`no response planned for ${evaluation.ruleId}: ${evaluation.status}`);
  return evaluation.response;
}

/** The plan the real rule makes for the resource, ready for the executor. */
export function plannedAction(rule: AnyRule, resource: Resource, policy: PolicyInput = {}): PlannedAction {
  const plan = planOf(evaluateWith(rule, resource, policy));
  return { ruleId: rule.metadata.id, ref: refOf(resource), plan };
}

/** Successive states of the resource, one per read; the last one repeats. */
export function reads(...states: (Resource | undefined)[]): {
  readResource: ExecutorDeps['readResource'];
  count: () => number;
} {
  let index = 0;
  return {
    readResource: async () => {
      const state = states[Math.min(index, states.length - 1)];
      index++;
      return state === undefined ? undefined : structuredClone(state);
    },
    count: () => index,
  };
}

export const START = new Date('2026-11-22T10:00:00.000Z');

/** Executor dependencies with a fake clock: sleeping advances it, so waits cost no real time. */
export function executorDeps(
  rule: AnyRule,
  readResource: ExecutorDeps['readResource'],
  overrides: Partial<ExecutorDeps> & { policy?: PolicyInput } = {},
): ExecutorDeps & { slept: number[] } {
  let clock = START.getTime();
  const slept: number[] = [];
  const { policy, ...rest } = overrides;
  return {
    clientFor: remediationClients(),
    readResource,
    evaluate: (resource) => evaluateWith(rule, resource, policy),
    sleep: async (ms) => {
      slept.push(ms);
      clock += ms;
    },
    now: () => new Date(clock),
    settleTimeoutMs: 15 * 60_000,
    slept,
    ...rest,
  };
}

/**
 * The plan of a plaintext remediator for a listener whose rules were not read: one ModifyListener of the
 * default action only (`action` in the API's shape), with the note that says so.
 */
export function defaultActionOnlyPlan(listenerArn: string, action: object, target: string): RemediationPlan {
  return {
    kind: 'calls',
    calls: [
      {
        service: 'elbv2',
        command: 'ModifyListener',
        input: { ListenerArn: listenerArn, DefaultActions: [action] },
      },
    ],
    target,
    note: PLAINTEXT_RULES_NOT_READ,
  };
}
