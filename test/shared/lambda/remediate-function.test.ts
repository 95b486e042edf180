import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  ElasticLoadBalancingV2Client,
  ModifyListenerCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FunctionConfig } from '../../../shared/lambda/config.js';
import { createRemediateFunction, REMEDIATE_WIRING } from '../../../shared/lambda/remediate-function.js';
import { createRuntime } from '../../../shared/lambda/wiring.js';
import { policySchema } from '../../../shared/policy/schema.js';
import { evaluateAll } from '../../../shared/rules/engine.js';
import { RULES } from '../../../shared/rules/index.js';
import { createDynamoDbFindingStore } from '../../../shared/state/dynamodb-store.js';
import { findingIdOf, recordEvaluations } from '../../../shared/state/finding-store.js';
import { createTlsCatalog } from '../../../shared/tls/policies.js';
import { plannedActions } from '../../../shared/usecase/actions.js';
import { type LocalDynamo, startDynalite } from '../../helpers/dynalite.js';
import { httpsListener, loadBalancer } from '../inventory/live/sdk-outputs.js';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const eventBridge = mockClient(EventBridgeClient);
const sqs = mockClient(SQSClient);
const context = {
  awsRequestId: 'req-1',
  getRemainingTimeInMillis: () => 60_000,
  functionName: 'remediate',
} as unknown as Context;

const WEAK = 'ELBSecurityPolicy-2016-08';
const TARGET = 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06';
const weakListener = httpsListener('shop', 'f2f7dc8efc522ab2', WEAK);
const policy = policySchema.parse({
  dryRun: false,
  rules: {
    'elbv2-listener-tls-policy': { mode: 'remediate' },
    'elbv2-listener-weak-ciphers': { mode: 'off' },
  },
});

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
    policy,
  };
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
  eventBridge.reset();
  sqs.reset();
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
  const evaluations = evaluateAll(resources, RULES, { policy, now: new Date(), tls: createTlsCatalog() });
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
    const result = await handler(
      sqsEvent('{not json', { ...action, plan: { ...action.plan, status: 'dry-run' } }, action),
      context,
    );

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
        action: expect.objectContaining({ status: 'skipped', action: 'set-ssl-policy', calls: [] }),
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
