import {
  DescribeLoadBalancersCommand as DescribeClassicLoadBalancersCommand,
  DescribeLoadBalancerPoliciesCommand,
  ElasticLoadBalancingClient,
  SetLoadBalancerPoliciesOfListenerCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  DeleteListenerCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  ElasticLoadBalancingV2Client,
  ListenerNotFoundException,
  ModifyListenerCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { Context, SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FunctionConfig } from '../../../shared/lambda/config.js';
import { createRemediateFunction } from '../../../shared/lambda/remediate-function.js';
import { REMEDIATE_WIRING } from '../../../shared/lambda/remediate-wiring.js';
import { createRuntime } from '../../../shared/lambda/wiring.js';
import { type PolicyInput, policySchema } from '../../../shared/policy/schema.js';
import { RULES } from '../../../shared/rules/index.js';
import { createDynamoDbFindingStore } from '../../../shared/state/dynamodb-store.js';
import { findingIdOf, recordEvaluations } from '../../../shared/state/finding-store.js';
import { createTlsCatalog } from '../../../shared/tls/policies.js';
import { plannedActions } from '../../../shared/usecase/actions.js';
import { evaluateAndPlanAll } from '../../../shared/usecase/evaluate.js';
import { type LocalDynamo, startDynalite } from '../../helpers/dynalite.js';
import { classicLoadBalancer, httpsListener, loadBalancer } from '../inventory/live/sdk-outputs.js';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const elb = mockClient(ElasticLoadBalancingClient);
const eventBridge = mockClient(EventBridgeClient);
const sqs = mockClient(SQSClient);
const ssm = mockClient(SSMClient);
const SWITCH = '/transit-guard/test/remediation';
const context = {
  awsRequestId: 'req-1',
  getRemainingTimeInMillis: () => 60_000,
  functionName: 'remediate',
} as unknown as Context;

const WEAK = 'ELBSecurityPolicy-2016-08';
const TARGET = 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09';
const weakListener = httpsListener('shop', 'f2f7dc8efc522ab2', WEAK);
/** Another listener on the same load balancer, which no message may have deleted. */
const OTHER_LISTENER = httpsListener('shop', '0467ef3c8400ae65').ListenerArn;
/** Dry run off, elbv2-listener-tls-policy opted in to remediation (every rule defaults to notify). */
const POLICY_INPUT = {
  dryRun: false,
  rules: {
    'elbv2-listener-tls-policy': { mode: 'remediate' },
    'elbv2-listener-weak-ciphers': { mode: 'off' },
  },
} satisfies PolicyInput;
const policy = policySchema.parse(POLICY_INPUT);

let dynamo: LocalDynamo;
let table = 0;
let config: FunctionConfig;
let sslPolicy: string;

beforeAll(async () => {
  dynamo = await startDynalite();
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
  process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
  process.env.AWS_SECRET_ACCESS_KEY = 'secret';
});

afterAll(async () => {
  delete process.env.AWS_ENDPOINT_URL_DYNAMODB;
  await dynamo.stop();
});

beforeEach(async () => {
  const tableName = `state-${++table}`;
  await dynamo.createTable(tableName);
  config = {
    region: 'eu-west-1',
    accountId: '111122223333',
    regions: ['eu-west-1'],
    findingsBus: 'transit-guard-findings',
    tableName,
    remediationRoleArn: 'arn:aws:iam::111122223333:role/transit-guard-remediate',
    slackOutboxUrl: 'https://sqs.eu-west-1.amazonaws.com/111122223333/transit-guard-slack',
    remediationSwitchParameter: SWITCH,
    policy,
  };
  ssm.on(GetParameterCommand).resolves({ Parameter: { Name: SWITCH, Type: 'String', Value: 'enabled' } });
  sslPolicy = WEAK;
  elbv2
    .on(DescribeListenersCommand)
    .callsFake(() => ({ Listeners: [{ ...weakListener, SslPolicy: sslPolicy }] }));
  elbv2.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [loadBalancer('shop')] });
  elbv2.on(ModifyListenerCommand).callsFake((input) => {
    sslPolicy = input.SslPolicy;
    return { Listeners: [] };
  });
  eventBridge.on(PutEventsCommand).callsFake((input) => ({
    FailedEntryCount: 0,
    Entries: input.Entries.map((_: unknown, i: number) => ({ EventId: `e${i}` })),
  }));
  sqs.on(SendMessageBatchCommand).callsFake((input) => ({
    Successful: input.Entries.map((e: { Id: string }) => ({
      Id: e.Id,
      MessageId: e.Id,
      MD5OfMessageBody: 'x',
    })),
    Failed: [],
  }));
});

afterEach(() => {
  elbv2.reset();
  elb.reset();
  eventBridge.reset();
  sqs.reset();
  ssm.reset();
});

/** What an inspector would have queued: the weak listener judged, its finding opened, the action planned. */
async function queuedAction(eventId: string) {
  const runtime = createRuntime(config, REMEDIATE_WIRING);
  const { resources } = await runtime.deps().source.read([
    {
      resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
      resourceId: weakListener.ListenerArn,
      accountId: '111122223333',
      region: 'eu-west-1',
    },
  ]);
  const evaluations = evaluateAndPlanAll(resources, RULES, {
    policy,
    now: new Date(),
    tls: createTlsCatalog(),
  });
  await recordEvaluations(runtime.findings, evaluations, new Date());
  const [action] = plannedActions(evaluations, { eventId });
  if (!action) throw new Error('setup: no planned action');
  elbv2.resetHistory();
  return action;
}

const ACTOR = {
  type: 'IAMUser',
  arn: 'arn:aws:iam::111122223333:user/alice',
  accountId: '111122223333',
};

/** Every message the function put on the findings bus, in order. */
function published() {
  return eventBridge
    .commandCalls(PutEventsCommand)
    .flatMap((call) => call.args[0].input.Entries ?? [])
    .map((entry) => JSON.parse(entry.Detail ?? '{}'));
}

const sqsEvent = (...bodies: unknown[]): SQSEvent =>
  ({
    Records: bodies.map((body, i) => ({
      messageId: `m-${i}`,
      body: typeof body === 'string' ? body : JSON.stringify(body),
      eventSource: 'aws:sqs',
    })),
  }) as unknown as SQSEvent;

describe('remediate function', () => {
  it('sets the target policy once, verifies it, publishes the audit record, resolves the finding and tells Slack', async () => {
    // Prepare
    const action = await queuedAction('evt-1');
    const handler = createRemediateFunction({
      runtime: () => createRuntime(config, REMEDIATE_WIRING),
      sleep: async () => {},
    });

    // Act
    const result = await handler(sqsEvent(action), context);

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(elbv2).toReceiveCommandTimes(ModifyListenerCommand, 1);
    expect(elbv2).toReceiveCommandWith(ModifyListenerCommand, {
      ListenerArn: weakListener.ListenerArn,
      SslPolicy: TARGET,
    });
    const audit = eventBridge
      .commandCalls(PutEventsCommand)
      .flatMap((call) => call.args[0].input.Entries ?? [])
      .map((entry) => JSON.parse(entry.Detail ?? '{}'));
    expect(audit).toEqual([
      expect.objectContaining({
        kind: 'action',
        triggerId: 'evt-1',
        action: expect.objectContaining({ status: 'remediated', action: 'set-ssl-policy' }),
      }),
      // The finding's resolution, delivered through its outbox (README: resolution = fixed, remediated, deleted).
      expect.objectContaining({
        kind: 'resolution',
        triggerId: 'evt-1',
        evaluation: expect.objectContaining({
          ruleId: 'elbv2-listener-tls-policy',
          status: 'COMPLIANT',
          reason: 'transit-guard remediated the configuration and verified the fix.',
        }),
      }),
    ]);
    expect(audit[0].action.before.sslPolicy).toBe(WEAK);
    expect(audit[0].action.after.sslPolicy).toBe(TARGET);
    const store = createDynamoDbFindingStore(
      createRuntime(config, REMEDIATE_WIRING).dynamoDb,
      config.tableName,
    );
    expect(await store.get(findingIdOf('elbv2-listener-tls-policy', weakListener.ListenerArn))).toMatchObject(
      {
        state: 'resolved',
        resolution: 'remediated',
      },
    );
    expect(sqs).toReceiveCommandWith(SendMessageBatchCommand, { QueueUrl: config.slackOutboxUrl });
  });

  it('still tells the bus and Slack of the resolution when a redelivery follows a failed publish', async () => {
    // Prepare: the audit record goes out, then the bus refuses the resolution, so the message fails.
    const action = await queuedAction('evt-1b');
    const handler = createRemediateFunction({
      runtime: () => createRuntime(config, REMEDIATE_WIRING),
      sleep: async () => {},
    });
    let calls = 0;
    let down = true;
    const accepted: { kind: string }[] = [];
    eventBridge.on(PutEventsCommand).callsFake((input) => {
      calls += 1;
      const refuse = down && calls > 1;
      if (!refuse) accepted.push(...input.Entries.map((e: { Detail: string }) => JSON.parse(e.Detail)));
      return {
        FailedEntryCount: refuse ? input.Entries.length : 0,
        Entries: input.Entries.map((_: unknown, i: number) =>
          refuse ? { ErrorCode: 'InternalFailure', ErrorMessage: 'try again' } : { EventId: `e${i}` },
        ),
      };
    });
    await expect(handler(sqsEvent(action), context)).rejects.toThrow(/All records failed/);
    expect(sqs).not.toReceiveCommand(SendMessageBatchCommand);

    // Act: the bus is back, and SQS delivers the message again.
    down = false;
    const second = await handler(sqsEvent(action), context);

    // Assess: acted once; the resolution reaches the bus and Slack hears of the remediation.
    expect(second.batchItemFailures).toEqual([]);
    expect(elbv2).toReceiveCommandTimes(ModifyListenerCommand, 1);
    expect(accepted.map((m) => m.kind)).toEqual(['action', 'action', 'resolution']);
    expect(sqs).toReceiveCommandTimes(SendMessageBatchCommand, 1);
    const slack = JSON.parse(
      sqs.commandCalls(SendMessageBatchCommand)[0]?.args[0].input.Entries?.[0]?.MessageBody ?? '{}',
    );
    expect(slack.text).toMatch(/^Resolved/);
    const store = createDynamoDbFindingStore(
      createRuntime(config, REMEDIATE_WIRING).dynamoDb,
      config.tableName,
    );
    expect(await store.listPending()).toEqual([]);
  });

  it('never acts twice for a redelivered action', async () => {
    // Prepare
    const action = await queuedAction('evt-2');
    const handler = createRemediateFunction({
      runtime: () => createRuntime(config, REMEDIATE_WIRING),
      sleep: async () => {},
    });
    await handler(sqsEvent(action), context);
    sslPolicy = WEAK; // someone reverted it, but this delivery is the same event

    // Act
    await handler(sqsEvent(action), context);

    // Assess
    expect(elbv2).toReceiveCommandTimes(ModifyListenerCommand, 1);
  });

  it('fails a malformed message alone, without any write call, and still handles the rest of the batch', async () => {
    // Prepare
    const action = await queuedAction('evt-3');
    const handler = createRemediateFunction({
      runtime: () => createRuntime(config, REMEDIATE_WIRING),
      sleep: async () => {},
    });

    // Act
    const result = await handler(sqsEvent('{not json', { ...action, planHash: undefined }, action), context);

    // Assess
    expect(result.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['m-0', 'm-1']);
    expect(elbv2).toReceiveCommandTimes(ModifyListenerCommand, 1);
  });

  it('carries out nothing while dry run is on, and publishes the skipped action', async () => {
    // Prepare
    const action = await queuedAction('evt-4');
    const dry = { ...config, policy: { ...policy, dryRun: true } };
    const handler = createRemediateFunction({
      runtime: () => createRuntime(dry, REMEDIATE_WIRING),
      sleep: async () => {},
    });
    const log = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);

    // Act
    await handler(sqsEvent({ ...action, actor: ACTOR }), context);
    log.mockRestore();

    // Assess
    expect(elbv2).not.toReceiveCommand(ModifyListenerCommand);
    expect(published()).toEqual([
      expect.objectContaining({
        kind: 'action',
        triggerId: 'evt-4',
        actor: ACTOR,
        action: expect.objectContaining({
          status: 'skipped',
          action: 'set-ssl-policy',
          calls: [],
          note: 'dry run is on in the remediate function: the queued action was not carried out',
        }),
      }),
    ]);
  });

  it('reports a failed call as a failed action and as a finding with the error, and never repeats it', async () => {
    // Prepare
    const action = await queuedAction('evt-5');
    elbv2
      .on(ModifyListenerCommand)
      .rejects(
        Object.assign(new Error('Listener is being modified'), { name: 'OperationNotPermittedException' }),
      );
    const handler = createRemediateFunction({
      runtime: () => createRuntime(config, REMEDIATE_WIRING),
      sleep: async () => {},
    });
    const log = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);

    // Act
    const first = await handler(sqsEvent({ ...action, actor: ACTOR }), context);
    const again = await handler(sqsEvent({ ...action, actor: ACTOR }), context);
    log.mockRestore();

    // Assess
    expect(first).toEqual({ batchItemFailures: [] });
    expect(again).toEqual({ batchItemFailures: [] });
    expect(elbv2).toReceiveCommandTimes(ModifyListenerCommand, 1);
    const [record, finding] = published();
    expect(record).toMatchObject({
      kind: 'action',
      actor: ACTOR,
      action: {
        status: 'failed',
        error: 'ModifyListener failed: OperationNotPermittedException: Listener is being modified',
        before: { sslPolicy: WEAK },
      },
    });
    expect(finding).toMatchObject({
      kind: 'finding',
      actor: ACTOR,
      evaluation: { ruleId: 'elbv2-listener-tls-policy', status: 'NON_COMPLIANT' },
      action: { status: 'failed' },
    });
    expect(finding.evaluation.reason).toMatch(
      /Remediation set-ssl-policy failed: ModifyListener failed: OperationNotPermittedException/,
    );
    const store = createDynamoDbFindingStore(
      createRuntime(config, REMEDIATE_WIRING).dynamoDb,
      config.tableName,
    );
    expect(await store.get(findingIdOf('elbv2-listener-tls-policy', weakListener.ListenerArn))).toMatchObject(
      { state: 'open' },
    );
  });
});

/** The remediate function as deployed in this test, with another policy when a test needs one. */
function remediate(policyInput: PolicyInput = POLICY_INPUT) {
  const deployed = { ...config, policy: policySchema.parse(policyInput) };
  return createRemediateFunction({
    runtime: () => createRuntime(deployed, REMEDIATE_WIRING),
    sleep: async () => {},
  });
}

/** What the function logged (Powertools writes JSON lines to stdout, errors to stderr) while `act` ran. */
async function logged<T>(act: () => Promise<T>): Promise<{ result: T | Error; lines: string }> {
  const writes: string[] = [];
  const capture = (chunk: unknown) => {
    writes.push(String(chunk));
    return true;
  };
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation(capture),
    vi.spyOn(process.stderr, 'write').mockImplementation(capture),
  ];
  try {
    // A batch whose every record failed rejects (Powertools FullBatchFailureError): SQS delivers it again.
    const result = await act().catch((error: Error) => error);
    return { result, lines: writes.join('') };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

/** The one-message batch failed as a whole: nothing was deleted from the queue. */
function expectBatchFailed(result: unknown): void {
  expect(result).toBeInstanceOf(Error);
  expect((result as Error).message).toContain('All records failed processing');
}

describe('remediate function with a message it did not plan', () => {
  it('never deletes another listener an old-style message lists: it makes only the calls it planned itself', async () => {
    // Prepare
    const action = await queuedAction('evt-forged');
    const forged = {
      ...action,
      plan: {
        mode: 'block',
        status: 'planned',
        action: 'delete-listener',
        calls: [{ service: 'elbv2', command: 'DeleteListener', input: { ListenerArn: OTHER_LISTENER } }],
      },
      calls: [{ service: 'elbv2', command: 'DeleteListener', input: { ListenerArn: OTHER_LISTENER } }],
    };

    // Act
    const result = await remediate()(sqsEvent(forged), context);

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(elbv2).not.toReceiveCommand(DeleteListenerCommand);
    expect(elbv2).toReceiveCommandTimes(ModifyListenerCommand, 1);
    expect(elbv2).toReceiveCommandWith(ModifyListenerCommand, {
      ListenerArn: weakListener.ListenerArn,
      SslPolicy: TARGET,
    });
  });

  it('makes no write call for a rule whose deployed mode is notify, and records the action as skipped', async () => {
    // Prepare: the inspector planned under remediate; the deployed policy says notify.
    const action = await queuedAction('evt-notify');
    const handler = remediate({
      ...POLICY_INPUT,
      rules: { 'elbv2-listener-tls-policy': { mode: 'notify' } },
    });

    // Act
    await logged(() => handler(sqsEvent(action), context));

    // Assess
    expect(elbv2).not.toReceiveCommand(ModifyListenerCommand);
    expect(elbv2).not.toReceiveCommand(DeleteListenerCommand);
    expect(ssm).not.toReceiveCommand(GetParameterCommand);
    expect(published()).toEqual([
      expect.objectContaining({
        kind: 'action',
        triggerId: 'evt-notify',
        evaluation: expect.objectContaining({ ruleId: 'elbv2-listener-tls-policy', status: 'NON_COMPLIANT' }),
        action: expect.objectContaining({
          status: 'skipped',
          mode: 'notify',
          action: 'none',
          calls: [],
          note: 'the deployed policy does not act on this finding (mode notify, notify); nothing done',
        }),
      }),
    ]);
  });

  it('skips a message whose plan hash is not the fresh plan as stale, naming both hashes, without a write call', async () => {
    // Prepare
    const action = await queuedAction('evt-stale');
    const queued = 'f'.repeat(64);
    const fresh = action.planHash;

    // Act
    const { result } = await logged(() => remediate()(sqsEvent({ ...action, planHash: queued }), context));

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(elbv2).not.toReceiveCommand(ModifyListenerCommand);
    expect(published()).toEqual([
      expect.objectContaining({
        kind: 'action',
        action: expect.objectContaining({
          status: 'skipped',
          mode: 'remediate',
          action: 'set-ssl-policy',
          calls: [],
          note: `stale: the queued plan ${queued} is not the plan made now (${fresh}); nothing done`,
        }),
      }),
    ]);
  });

  it('does nothing and records unchanged when the listener is compliant by the time the message arrives', async () => {
    // Prepare
    const action = await queuedAction('evt-fixed');
    sslPolicy = TARGET;

    // Act
    await logged(() => remediate()(sqsEvent(action), context));

    // Assess
    expect(elbv2).not.toReceiveCommand(ModifyListenerCommand);
    const [audit] = published();
    expect(audit.evaluation).toMatchObject({ ruleId: 'elbv2-listener-tls-policy', status: 'COMPLIANT' });
    expect(audit.action).toMatchObject({
      status: 'unchanged',
      calls: [],
      note: 'already COMPLIANT when read again; nothing done',
      before: { sslPolicy: TARGET },
    });
  });

  it('does nothing and records unchanged when the listener no longer exists', async () => {
    // Prepare
    const action = await queuedAction('evt-gone');
    elbv2
      .on(DescribeListenersCommand)
      .rejects(new ListenerNotFoundException({ message: 'One or more listeners not found', $metadata: {} }));

    // Act
    await logged(() => remediate()(sqsEvent(action), context));

    // Assess
    expect(elbv2).not.toReceiveCommand(ModifyListenerCommand);
    expect(published()).toEqual([
      expect.objectContaining({
        kind: 'action',
        evaluation: {
          ruleId: 'elbv2-listener-tls-policy',
          status: 'NOT_APPLICABLE',
          severity: 'high',
          resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
          resourceId: weakListener.ListenerArn,
          resourceName: 'shop',
          accountId: '111122223333',
          region: 'eu-west-1',
          reason: 'The resource no longer exists.',
        },
        action: expect.objectContaining({
          status: 'unchanged',
          mode: 'remediate',
          action: 'none',
          note: 'the resource no longer exists; nothing done',
        }),
      }),
    ]);
  });

  it('makes no write call for a resource the deployed policy exempts, and says why', async () => {
    // Prepare
    const action = await queuedAction('evt-exempt');
    const exemption = {
      resource: weakListener.ListenerArn,
      rules: 'all' as const,
      reason: 'CHG-1',
      expires: '2099-12-31',
    };
    const handler = remediate({ ...POLICY_INPUT, exemptions: [exemption] });

    // Act
    await logged(() => handler(sqsEvent(action), context));

    // Assess
    expect(elbv2).not.toReceiveCommand(ModifyListenerCommand);
    expect(published()[0]?.action).toMatchObject({
      status: 'skipped',
      mode: 'remediate',
      note: 'the deployed policy does not act on this finding (mode remediate, exempt: exempt until 2099-12-31 (policy exemption): CHG-1); nothing done',
    });
  });

  it('records a rule switched off in the deployed policy as skipped, without a write call', async () => {
    // Prepare
    const action = await queuedAction('evt-off');
    const handler = remediate({ ...POLICY_INPUT, rules: { 'elbv2-listener-tls-policy': { mode: 'off' } } });

    // Act
    await logged(() => handler(sqsEvent(action), context));

    // Assess
    expect(elbv2).not.toReceiveCommand(ModifyListenerCommand);
    const [audit] = published();
    expect(audit.evaluation).toMatchObject({
      status: 'NOT_APPLICABLE',
      reason: 'rule elbv2-listener-tls-policy is off in the deployed policy; nothing done',
    });
    expect(audit.action).toMatchObject({
      status: 'skipped',
      mode: 'off',
      action: 'none',
      note: 'rule elbv2-listener-tls-policy is off in the deployed policy; nothing done',
    });
  });

  type RefChange = (ref: Record<string, unknown>) => Record<string, unknown>;
  it.each<[string, RefChange, string]>([
    [
      'another account in the ref',
      (ref: Record<string, unknown>) => ({ ...ref, accountId: '444455556666' }),
      `ref: account 444455556666 is not this stack's account 111122223333`,
    ],
    [
      'another account in the ARN',
      (ref: Record<string, unknown>) => ({
        ...ref,
        resourceId: String(ref.resourceId).replace(':111122223333:', ':444455556666:'),
      }),
      `ref: account 444455556666 is not this stack's account 111122223333`,
    ],
    [
      'another region',
      (ref: Record<string, unknown>) => ({ ...ref, region: 'us-east-1' }),
      `ref: region us-east-1 is not one of this stack's regions (eu-west-1)`,
    ],
  ])('refuses a message for a resource in %s, reading and changing nothing', async (_case, change, error) => {
    // Prepare
    const action = await queuedAction('evt-scope');
    const ref = change(action.ref as unknown as Record<string, unknown>);
    const findingId = findingIdOf(action.ruleId, String(ref.resourceId));

    // Act
    const { result, lines } = await logged(() =>
      remediate()(sqsEvent({ ...action, ref, findingId }), context),
    );

    // Assess
    expectBatchFailed(result);
    expect(elbv2.calls()).toHaveLength(0);
    expect(published()).toEqual([]);
    expect(lines).toContain(`InvalidActionError: message m-0: ${error}`);
  });

  it.each([
    [
      'a finding id of another resource',
      { findingId: `elbv2-listener-tls-policy|${OTHER_LISTENER}` },
      `findingId: elbv2-listener-tls-policy|${OTHER_LISTENER} is not the finding of elbv2-listener-tls-policy on ${weakListener.ListenerArn}`,
    ],
    ['no plan hash', { planHash: undefined }, 'planHash: Invalid input: expected string, received undefined'],
  ])(
    'fails a message with %s, naming the message and the field, without any call',
    async (_case, change, error) => {
      // Prepare
      const action = await queuedAction('evt-invalid');

      // Act
      const { result, lines } = await logged(() => remediate()(sqsEvent({ ...action, ...change }), context));

      // Assess
      expectBatchFailed(result);
      expect(elbv2.calls()).toHaveLength(0);
      expect(lines).toContain(`InvalidActionError: message m-0: ${error}`);
    },
  );

  it.each([
    ['a rule that does not exist', 'elbv2-listener-anything', 'ruleId: unknown rule elbv2-listener-anything'],
    [
      'a rule that does not judge the resource type',
      'vpn-tunnel-ike-version',
      'ref: rule vpn-tunnel-ike-version does not judge AWS::ElasticLoadBalancingV2::Listener',
    ],
  ])('fails a message for %s without any call', async (_case, ruleId, error) => {
    // Prepare
    const action = await queuedAction('evt-rule');
    const findingId = findingIdOf(ruleId, action.ref.resourceId);

    // Act
    const { result, lines } = await logged(() =>
      remediate()(sqsEvent({ ...action, ruleId, findingId }), context),
    );

    // Assess
    expectBatchFailed(result);
    expect(elbv2.calls()).toHaveLength(0);
    expect(lines).toContain(`InvalidActionError: message m-0: ${error}`);
  });
});

describe('remediate function and the resource a message names', () => {
  it('refuses a message whose ref reads as another resource (a classic load balancer named otherwise)', async () => {
    // Prepare: the ref's ARN names "shop-classic", its name another load balancer.
    const arn = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/shop-classic';
    const other = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/billing-classic';
    elb
      .on(DescribeClassicLoadBalancersCommand)
      .resolves({ LoadBalancerDescriptions: [classicLoadBalancer('billing-classic', 'HTTP')] });
    elb.on(DescribeLoadBalancerPoliciesCommand).resolves({ PolicyDescriptions: [] });
    const message = {
      eventId: 'evt-classic',
      ruleId: 'elb-listener-plaintext',
      ref: {
        resourceType: 'AWS::ElasticLoadBalancing::LoadBalancer',
        resourceId: arn,
        accountId: '111122223333',
        region: 'eu-west-1',
        name: 'billing-classic',
      },
      findingId: findingIdOf('elb-listener-plaintext', arn),
      planHash: '0'.repeat(64),
    };

    // Act
    const { result, lines } = await logged(() => remediate()(sqsEvent(message), context));

    // Assess
    expectBatchFailed(result);
    expect(elb).not.toReceiveCommand(SetLoadBalancerPoliciesOfListenerCommand);
    expect(published()).toEqual([]);
    expect(lines).toContain(
      `InvalidActionError: message m-0: ref: ${arn} reads as ${other}; not acting on it`,
    );
  });
});

describe('remediate function emergency switch', () => {
  it('skips every action while the switch is disabled, with an audit record saying so', async () => {
    // Prepare
    const action = await queuedAction('evt-off-switch');
    ssm.on(GetParameterCommand).resolves({ Parameter: { Name: SWITCH, Type: 'String', Value: 'disabled' } });

    // Act
    const { result } = await logged(() => remediate()(sqsEvent(action), context));

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(elbv2).not.toReceiveCommand(ModifyListenerCommand);
    expect(ssm).toReceiveCommandWith(GetParameterCommand, { Name: SWITCH });
    expect(published()).toEqual([
      expect.objectContaining({
        kind: 'action',
        action: expect.objectContaining({
          status: 'skipped',
          action: 'set-ssl-policy',
          calls: [],
          note: `remediation is switched off (${SWITCH} is disabled); nothing done`,
        }),
      }),
    ]);
  });

  it('does not act and lets SQS deliver the message again when the switch cannot be read (fail closed)', async () => {
    // Prepare
    const action = await queuedAction('evt-no-switch');
    ssm
      .on(GetParameterCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));

    // Act
    const { result, lines } = await logged(() => remediate()(sqsEvent(action), context));

    // Assess
    expectBatchFailed(result);
    expect(elbv2).not.toReceiveCommand(ModifyListenerCommand);
    expect(published()).toEqual([]);
    expect(lines).toContain(`RemediationSwitchError: cannot read the remediation switch ${SWITCH}`);
  });

  it('does not act when the function has no switch configured', async () => {
    // Prepare
    const action = await queuedAction('evt-unconfigured');
    const { remediationSwitchParameter: _, ...unswitched } = config;
    const handler = createRemediateFunction({
      runtime: () => createRuntime(unswitched, REMEDIATE_WIRING),
      sleep: async () => {},
    });

    // Act
    const { result } = await logged(() => handler(sqsEvent(action), context));

    // Assess
    expectBatchFailed(result);
    expect(elbv2).not.toReceiveCommand(ModifyListenerCommand);
  });

  describe('organization-wide switch (a central parameter shared from the security account through AWS RAM)', () => {
    const CENTRAL = 'arn:aws:ssm:us-east-1:444455556666:parameter/transit-guard/org/remediation';
    const central = () =>
      createRemediateFunction({
        runtime: () => createRuntime({ ...config, remediationSwitchParameter: CENTRAL }, REMEDIATE_WIRING),
        sleep: async () => {},
      });

    it('`disabled` read from the central ARN, in its own region, stops remediate', async () => {
      // Prepare
      const action = await queuedAction('evt-org-off');
      ssm
        .on(GetParameterCommand, { Name: CENTRAL })
        .resolves({ Parameter: { Name: CENTRAL, Type: 'String', Value: 'disabled' } });

      // Act
      const { result } = await logged(() => central()(sqsEvent(action), context));

      // Assess
      expect(result).toEqual({ batchItemFailures: [] });
      expect(elbv2).not.toReceiveCommand(ModifyListenerCommand);
      const [read] = ssm.commandCalls(GetParameterCommand);
      if (!read) throw new Error('the switch was not read');
      expect(read.args[0].input).toEqual({ Name: CENTRAL });
      expect(await (read.thisValue as SSMClient).config.region()).toBe('us-east-1');
      expect(published()).toEqual([
        expect.objectContaining({
          action: expect.objectContaining({
            status: 'skipped',
            note: `remediation is switched off (${CENTRAL} is disabled); nothing done`,
          }),
        }),
      ]);
    });

    it('fails closed when the central parameter cannot be read (share revoked: access denied)', async () => {
      // Prepare
      const action = await queuedAction('evt-org-unreadable');
      ssm.on(GetParameterCommand).rejects(
        Object.assign(new Error('User is not authorized to access this parameter'), {
          name: 'AccessDeniedException',
        }),
      );

      // Act
      const { result, lines } = await logged(() => central()(sqsEvent(action), context));

      // Assess
      expectBatchFailed(result);
      expect(elbv2).not.toReceiveCommand(ModifyListenerCommand);
      expect(published()).toEqual([]);
      expect(lines).toContain(`RemediationSwitchError: cannot read the remediation switch ${CENTRAL}`);
    });
  });
});
