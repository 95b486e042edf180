/**
 * Running a function's exported `handler` as Lambda would: the environment the deployment sets, the
 * finding store on a real DynamoDB emulator, every AWS client mocked (aws-sdk-client-mock), and the
 * function's stdout (Powertools logs and EMF metrics) captured.
 */
import { fileURLToPath } from 'node:url';
import { ACMClient } from '@aws-sdk/client-acm';
import { ACMPCAClient } from '@aws-sdk/client-acm-pca';
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { ConfigServiceClient, PutEvaluationsCommand } from '@aws-sdk/client-config-service';
import { DataSyncClient } from '@aws-sdk/client-datasync';
import { DirectConnectClient } from '@aws-sdk/client-direct-connect';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GreengrassV2Client } from '@aws-sdk/client-greengrassv2';
import { IAMClient } from '@aws-sdk/client-iam';
import { IoTClient } from '@aws-sdk/client-iot';
import { RDSClient } from '@aws-sdk/client-rds';
import { S3Client } from '@aws-sdk/client-s3';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import type { Context } from 'aws-lambda';
import { type AwsCommand, type AwsStub, mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, expect, vi } from 'vitest';
import type { Evaluation } from '../../shared/model/evaluation.js';
import {
  type CertificateUsers,
  createDynamoDbCertificateUsers,
} from '../../shared/state/certificate-users.js';
import { createDynamoDbFindingStore } from '../../shared/state/dynamodb-store.js';
import { type FindingStore, findingIdOf, recordEvaluations } from '../../shared/state/finding-store.js';
import { type LocalDynamo, startDynalite } from './dynalite.js';

export const ACCOUNT_ID = '111122223333';
export const REGION = 'eu-west-1';

/**
 * The central stack's "transit-guard: remediate" request for one finding, as it reaches the member account's bus;
 * `detail` replaces members of its detail.
 */
export function remediationRequestEvent(
  ruleId: string,
  resourceArn: string,
  resourceType: string,
  detail: Record<string, unknown> = {},
) {
  return {
    version: '0',
    id: '6f6f6f6f-7a7a-8b8b-9c9c-0d0d0d0d0d0d',
    'detail-type': 'transit-guard remediation request',
    source: 'transit-guard.central',
    account: ACCOUNT_ID,
    time: '2026-12-07T12:00:01Z',
    region: REGION,
    resources: [resourceArn],
    detail: {
      findingId: findingIdOf(ruleId, resourceArn),
      account: ACCOUNT_ID,
      region: REGION,
      ruleId,
      resourceArn,
      resourceType,
      ...detail,
    },
  };
}

/** The EventBridge schedule (rate rule) event that starts a sweep; `id` tells a retried delivery from a new sweep. */
export const scheduledEvent = (id = '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa') => ({
  version: '0',
  id,
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: ACCOUNT_ID,
  time: '2026-03-17T03:00:00Z',
  region: REGION,
  resources: [`arn:aws:events:${REGION}:${ACCOUNT_ID}:rule/transit-guard-dev-sweep`],
  detail: {},
});
const TABLE_NAME = 'transit-guard-state';
export const FINDINGS_BUS = 'transit-guard-findings';
const REMEDIATION_ROLE_ARN = `arn:aws:iam::${ACCOUNT_ID}:role/transit-guard-remediate`;
export const ACTIONS_QUEUE_URL = `https://sqs.${REGION}.amazonaws.com/${ACCOUNT_ID}/transit-guard-actions`;
export const SLACK_OUTBOX_URL = `https://sqs.${REGION}.amazonaws.com/${ACCOUNT_ID}/transit-guard-slack-outbox`;
/** The repository's policy with the rules that have a remediate action opted in (every rule defaults to notify). */
const POLICY_FILE = fileURLToPath(new URL('../fixtures/policies/remediate.policy.yml', import.meta.url));

/** A Lambda context object as the runtime passes it. */
export function lambdaContext(functionName: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: `transit-guard-dev-${functionName}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:transit-guard-dev-${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
    logGroupName: `/aws/lambda/transit-guard-dev-${functionName}`,
    logStreamName: '2026/03/16/[$LATEST]2f1d3e5c7b9a4d6f8e0a1c3b5d7f9e1a',
    getRemainingTimeInMillis: () => 60_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** The environment the deployment gives the inspector functions (see /infra). */
function functionEnvironment(dynamoEndpoint: string): Record<string, string> {
  return {
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'fake-secret-for-tests',
    AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
    TG_ACCOUNT_ID: ACCOUNT_ID,
    TG_REGIONS: REGION,
    TG_FINDINGS_BUS: FINDINGS_BUS,
    TG_TABLE_NAME: TABLE_NAME,
    TG_REMEDIATION_ROLE_ARN: REMEDIATION_ROLE_ARN,
    // The session of the fixtures' own changes (Lambda names it after the remediate function).
    TG_REMEDIATION_SESSION_NAME: 'transit-guard-remediation',
    TG_ACTIONS_QUEUE_URL: ACTIONS_QUEUE_URL,
    TG_SLACK_OUTBOX_URL: SLACK_OUTBOX_URL,
    TG_POLICY_FILE: POLICY_FILE,
    // Actions are planned and queued (the policy file's first-deploy default is a dry run).
    TG_DRY_RUN: 'false',
  };
}

export interface FunctionEnvironment {
  dynamo: LocalDynamo;
  /** The finding store the function uses, for seeding and checking findings. */
  findings: FindingStore;
  /** The certificate users the fanned-out sweep records in the same table, for seeding them. */
  certificateUsers: CertificateUsers;
  /** An empty state table again (the function keeps its clients, so the table keeps its name). */
  resetTable(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the DynamoDB emulator, creates the state table and sets the function's environment. */
export async function startFunctionEnvironment(): Promise<FunctionEnvironment> {
  const dynamo = await startDynalite();
  const previous = { ...process.env };
  Object.assign(process.env, functionEnvironment(dynamo.endpoint));
  await dynamo.createTable(TABLE_NAME);
  return {
    dynamo,
    findings: createDynamoDbFindingStore(dynamo.client, TABLE_NAME),
    certificateUsers: createDynamoDbCertificateUsers(dynamo.client, TABLE_NAME),
    async resetTable() {
      await dynamo.recreateTable(TABLE_NAME);
    },
    async stop() {
      for (const key of Object.keys(process.env)) if (!(key in previous)) delete process.env[key];
      Object.assign(process.env, previous);
      await dynamo.stop();
    },
  };
}

/** Every AWS client the functions use, mocked; DynamoDB is left to the emulator. */
export function mockAws() {
  return {
    elbv2: mockClient(ElasticLoadBalancingV2Client),
    elb: mockClient(ElasticLoadBalancingClient),
    ec2: mockClient(EC2Client),
    directConnect: mockClient(DirectConnectClient),
    acm: mockClient(ACMClient),
    lattice: mockClient(VPCLatticeClient),
    cloudfront: mockClient(CloudFrontClient),
    apigateway: mockClient(APIGatewayClient),
    apigatewayV2: mockClient(ApiGatewayV2Client),
    datasync: mockClient(DataSyncClient),
    s3: mockClient(S3Client),
    rds: mockClient(RDSClient),
    // The pinned @aws-sdk/client-acm-pca (3.523) predates the Smithy types aws-sdk-client-mock is typed with.
    pca: mockClient(ACMPCAClient as unknown as Parameters<typeof mockClient>[0]),
    iam: mockClient(IAMClient),
    iot: mockClient(IoTClient),
    greengrass: mockClient(GreengrassV2Client),
    config: mockClient(ConfigServiceClient),
    eventBridge: mockClient(EventBridgeClient),
    sqs: mockClient(SQSClient),
  };
}

export type AwsMocks = ReturnType<typeof mockAws>;

/** The clients of the families' resources (what the remediators also write with); not the product's own. */
export const RESOURCE_CLIENTS = [
  'elbv2',
  'elb',
  'ec2',
  'directConnect',
  'acm',
  'lattice',
  'cloudfront',
  'apigateway',
  'apigatewayV2',
  'datasync',
  's3',
  'rds',
  'pca',
  'iam',
  'iot',
  'greengrass',
] as const satisfies readonly (keyof AwsMocks)[];

/** The clients that only read resources (describe/list/get): what a function reads, never writes. */
const READ_CLIENTS = [...RESOURCE_CLIENTS, 'config'] as const;

/** Answers every write the inspectors make with success: PutEvents, SQS batches and PutEvaluations. */
export function acceptWrites(mocks: AwsMocks): void {
  mocks.eventBridge.on(PutEventsCommand).callsFake((input) => ({
    FailedEntryCount: 0,
    Entries: (input.Entries ?? []).map((_: unknown, index: number) => ({ EventId: `event-${index}` })),
  }));
  mocks.sqs.on(SendMessageBatchCommand).callsFake((input) => ({
    Successful: (input.Entries ?? []).map((entry: { Id: string }) => ({
      Id: entry.Id,
      MessageId: `message-${entry.Id}`,
      MD5OfMessageBody: '0'.repeat(32),
    })),
    Failed: [],
  }));
  mocks.config.on(PutEvaluationsCommand).resolves({ FailedEvaluations: [] });
}

export function resetMocks(mocks: AwsMocks): void {
  for (const mock of Object.values(mocks)) mock.reset();
}

/** A call a mocked client received: `ELBv2 DescribeListeners {"ListenerArns":[...]}`. */
export interface ReceivedCall {
  client: string;
  command: string;
  input: unknown;
}

/** Every call the read clients received, in a stable order, with their inputs (minus PutEvaluations). */
export function readCalls(mocks: AwsMocks): ReceivedCall[] {
  return READ_CLIENTS.flatMap((client) =>
    mocks[client].calls().map((call) => {
      const command = call.args[0] as { constructor: { name: string }; input: unknown };
      return { client, command: command.constructor.name.replace(/Command$/, ''), input: command.input };
    }),
  )
    .filter((call) => call.command !== 'PutEvaluations')
    .sort((a, b) =>
      `${a.client} ${a.command} ${JSON.stringify(a.input)}`.localeCompare(
        `${b.client} ${b.command} ${JSON.stringify(b.input)}`,
      ),
    );
}

export type ReadClient = (typeof READ_CLIENTS)[number];

/** What every SDK command output carries (the SDK's MetadataBearer). */
interface MetadataBearer {
  $metadata: object;
}

/** Any SDK command class (the client packages pin different @smithy/types, so no common static type). */
type CommandClass = abstract new (...args: never[]) => unknown;
type MatchableCommand = new (input: object) => AwsCommand<object, MetadataBearer>;

/** A describe call a test expects: the client, the SDK command class and its exact input. */
export interface ExpectedRead {
  client: ReadClient;
  command: CommandClass;
  input: object;
}

export const expectedRead = (
  client: ReadClient,
  command: ExpectedRead['command'],
  input: object,
): ExpectedRead => ({ client, command, input });

/**
 * The read clients received exactly these calls: each one (toReceiveCommandWith), and nothing else
 * (the whole list, inputs included, compared in a stable order).
 */
export function expectExactReads(mocks: AwsMocks, expected: readonly ExpectedRead[]): void {
  for (const read of expected) {
    const stub = mocks[read.client] as unknown as AwsStub<object, MetadataBearer, unknown>;
    expect(stub).toReceiveCommandWith(read.command as unknown as MatchableCommand, read.input);
  }
  const wanted = expected
    .map((read) => ({
      client: read.client,
      command: read.command.name.replace(/Command$/, ''),
      input: read.input,
    }))
    .sort((a, b) =>
      `${a.client} ${a.command} ${JSON.stringify(a.input)}`.localeCompare(
        `${b.client} ${b.command} ${JSON.stringify(b.input)}`,
      ),
    );
  expect(readCalls(mocks)).toEqual(wanted);
}

/** How many calls every mocked client received, all together. */
function totalCalls(mocks: AwsMocks): number {
  return Object.values(mocks).reduce((sum, mock) => sum + mock.calls().length, 0);
}

export interface PublishedEntry {
  Source?: string;
  DetailType?: string;
  EventBusName?: string;
  detail: {
    kind: string;
    triggerId?: string;
    evaluation: { ruleId: string; resourceId: string; status: string; response?: { action?: string } };
    before?: { resourceId: string; tagKeys: string[] };
  };
}

/** The entries put on the findings bus, their Detail parsed. */
export function publishedEntries(mocks: AwsMocks): PublishedEntry[] {
  return mocks.eventBridge
    .commandCalls(PutEventsCommand)
    .flatMap((call) => call.args[0].input.Entries ?? [])
    .map((entry) => ({
      Source: entry.Source,
      DetailType: entry.DetailType,
      EventBusName: entry.EventBusName,
      detail: JSON.parse(entry.Detail ?? '{}'),
    }));
}

/** `finding:<ruleId>` / `resolution:<ruleId>` for each published finding and resolution, sorted (plan audit
 * records are checked with expectPlanRecords). */
export function publishedKinds(mocks: AwsMocks): string[] {
  return publishedEntries(mocks)
    .filter((entry) => entry.detail.kind !== 'plan')
    .map((entry) => `${entry.detail.kind}:${entry.detail.evaluation.ruleId}`)
    .sort();
}

/**
 * The audit trail of the responses: exactly one `plan` record for each published finding whose response names
 * an action, carrying the same evaluation and the resource as read (`before`).
 */
export function expectPlanRecords(mocks: AwsMocks): void {
  const entries = publishedEntries(mocks);
  const withAction = entries.filter(
    (entry) => entry.detail.kind === 'finding' && entry.detail.evaluation.response?.action,
  );
  const plans = entries.filter((entry) => entry.detail.kind === 'plan');
  expect(plans.map((entry) => entry.detail.evaluation)).toEqual(
    withAction.map((entry) => entry.detail.evaluation),
  );
  for (const plan of plans) {
    expect(plan.detail.before).toMatchObject({ resourceId: plan.detail.evaluation.resourceId });
  }
}

/** Messages the function put on one queue (SendMessageBatch), their bodies parsed. */
export function queuedMessages(mocks: AwsMocks, queueUrl: string): unknown[] {
  return mocks.sqs
    .commandCalls(SendMessageBatchCommand)
    .filter((call) => call.args[0].input.QueueUrl === queueUrl)
    .flatMap((call) => call.args[0].input.Entries ?? [])
    .map((entry) => JSON.parse(entry.MessageBody ?? 'null'));
}

/** Captures what the function writes on stdout/stderr: Powertools JSON logs and EMF metric documents. */
export function captureOutput() {
  const chunks: string[] = [];
  const capture = (chunk: unknown) => {
    chunks.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  const documents = () =>
    chunks
      .join('')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return {
    text: () => chunks.join(''),
    /** Powertools log records (they have a `level`). */
    logs: () => documents().filter((document) => 'level' in document),
    /** The value of a metric across the EMF documents written (summed), or undefined if never written. */
    metric(name: string): number | undefined {
      const values = documents()
        .filter((document) => '_aws' in document && name in document)
        .map((document) => {
          const value = document[name];
          return Array.isArray(value) ? value.reduce((a: number, b: number) => a + b, 0) : Number(value);
        });
      return values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0);
    },
  };
}

/** An open finding, as an earlier invocation would have left it (an hour ago). */
export async function seedOpenFinding(
  store: FindingStore,
  ruleId: string,
  resourceType: Evaluation['resourceType'],
  resourceId: string,
): Promise<void> {
  const evaluation: Evaluation = {
    ruleId,
    status: 'NON_COMPLIANT',
    severity: 'high',
    resourceType,
    resourceId,
    accountId: ACCOUNT_ID,
    region: REGION,
    reason: 'Seeded by the test.',
  };
  await recordEvaluations(store, [evaluation], new Date(Date.now() - 3_600_000));
}

export type CapturedOutput = ReturnType<typeof captureOutput>;

/**
 * The handler refused the event as invalid: it rejected with the validation error, logged the event's id
 * and the reason, counted it in the InvalidEvents metric, and made no AWS call at all (no describe, no
 * PutEvents, no PutEvaluations, no SQS message, no remediation).
 */
export async function expectRejectedAsInvalid(
  invocation: Promise<unknown>,
  mocks: AwsMocks,
  output: CapturedOutput,
  expected: { errorName: string; eventId?: string; reason: RegExp },
): Promise<void> {
  const error: unknown = await invocation.then(
    () => undefined,
    (rejected: unknown) => rejected,
  );
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).name).toBe(expected.errorName);
  expect((error as Error).message).toMatch(expected.reason);
  const logged = output.logs().filter((log) => String(log.message).startsWith('Invalid event'));
  expect(logged).toEqual([
    expect.objectContaining({
      level: 'ERROR',
      reason: expect.stringMatching(expected.reason),
      ...(expected.eventId ? { eventId: expected.eventId } : {}),
    }),
  ]);
  expect(output.metric('InvalidEvents')).toBe(1);
  expect(totalCalls(mocks)).toBe(0);
}

export interface FunctionHarness {
  mocks: AwsMocks;
  context: Context;
  /** The running environment (dynalite, env vars); set before the first test. */
  readonly env: FunctionEnvironment;
  /** What the function logged in the current test. */
  readonly output: CapturedOutput;
}

/**
 * The hooks every handler test needs: the function environment for the file, a fresh state table, mocked
 * AWS that accepts writes and answers reads from `installAccount`, and captured logs for each test.
 */
export function useFunctionHarness(
  functionName: string,
  installAccount: (mocks: AwsMocks) => void,
): FunctionHarness {
  const mocks = mockAws();
  let env: FunctionEnvironment | undefined;
  let output: CapturedOutput | undefined;
  beforeAll(async () => {
    env = await startFunctionEnvironment();
  });
  afterAll(async () => {
    await env?.stop();
  });
  beforeEach(async () => {
    await env?.resetTable();
    acceptWrites(mocks);
    installAccount(mocks);
    output = captureOutput();
  });
  afterEach(() => {
    resetMocks(mocks);
    vi.restoreAllMocks();
  });
  return {
    mocks,
    context: lambdaContext(functionName),
    get env() {
      if (!env) throw new Error('the function environment starts in beforeAll');
      return env;
    },
    get output() {
      if (!output) throw new Error('output is captured in beforeEach');
      return output;
    },
  };
}

/**
 * Puts `answer` in front of each of `clients`' mocked send: it is given the client's name, the command's name
 * (without "Command") and what the mock would answer, and answers instead. Returns what puts the clients back.
 */
export function wrapAnswers(
  mocks: AwsMocks,
  clients: readonly (keyof AwsMocks)[],
  answer: (client: keyof AwsMocks, command: string, answered: () => Promise<unknown>) => Promise<unknown>,
): () => void {
  const restores = clients.map((name) => {
    const mock = mocks[name] as unknown as {
      client: { send: unknown };
      send: (...args: unknown[]) => unknown;
    };
    const stub = mock.send;
    mock.client.send = async function send(this: unknown, ...args: unknown[]) {
      const command = (args[0] as { constructor: { name: string } }).constructor.name.replace(/Command$/, '');
      return answer(name, command, async () => stub.apply(this, args));
    };
    return () => {
      mock.client.send = stub;
    };
  });
  return () => {
    for (const restore of restores) restore();
  };
}

/**
 * Makes every read client answer as the fake account does, each answer passed through `transform` first (the
 * security suites plant secrets or hostile text in them). Returns what puts the clients back.
 */
export function transformAnswers(mocks: AwsMocks, transform: (answer: unknown) => unknown): () => void {
  return wrapAnswers(mocks, READ_CLIENTS, async (_client, _command, answered) => transform(await answered()));
}
