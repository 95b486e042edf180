/**
 * The on-api-call Lambda handler, end to end, with mutated events and every AWS client mocked: a
 * malformed event is refused with the project's validation error before any AWS call is made; a
 * well-formed one is inspected with read calls only (describe, list, get, query), never a write to a
 * resource, the findings bus or a queue. The one write allowed is the inspectors' own bookkeeping of what they
 * read (the change ledger's INSPECTION records in the state table: one inspection per change).
 */
import { ACMClient } from '@aws-sdk/client-acm';
import { ACMPCAClient } from '@aws-sdk/client-acm-pca';
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { DataSyncClient } from '@aws-sdk/client-datasync';
import { DirectConnectClient } from '@aws-sdk/client-direct-connect';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { GreengrassV2Client } from '@aws-sdk/client-greengrassv2';
import { IAMClient } from '@aws-sdk/client-iam';
import { IoTClient } from '@aws-sdk/client-iot';
import { RDSClient } from '@aws-sdk/client-rds';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler } from '../../functions/on-api-call.js';
import { routeCloudTrail } from '../../shared/events/cloudtrail.js';
import { EventValidationError } from '../../shared/events/errors.js';
import { InvalidEventError } from '../../shared/lambda/handler.js';
import { loadJsonFixtures, mutatedFixture, parameters, RUNS } from './support.js';

const EVENTS = new Map(
  [...loadJsonFixtures(new URL('../fixtures/events/', import.meta.url))].filter(
    ([name]) => !name.startsWith('config-rule-'),
  ),
);

const context = {
  functionName: 'transit-guard-dev-on-api-call',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:transit-guard-dev-on-api-call',
  memoryLimitInMB: '256',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  getRemainingTimeInMillis: () => 30_000,
} as unknown as Context;

// Every client a function could reach. Unanswered calls resolve to {}: resources read as gone, no findings stored.
const CLIENTS = [
  ElasticLoadBalancingV2Client,
  ElasticLoadBalancingClient,
  EC2Client,
  DirectConnectClient,
  ACMClient,
  VPCLatticeClient,
  CloudFrontClient,
  APIGatewayClient,
  ApiGatewayV2Client,
  DataSyncClient,
  S3Client,
  RDSClient,
  ACMPCAClient,
  IAMClient,
  IoTClient,
  GreengrassV2Client,
  ConfigServiceClient,
  EventBridgeClient,
  SQSClient,
  DynamoDBClient,
  DynamoDBDocumentClient,
] as const;

/** Names of read-only calls; anything else is a write. */
const READ_CALL = /^(Describe|Get|List|Query|BatchGet)/;

/** One stub per client class; only the class-independent part of the stub API is used. */
const stubOf = (client: (typeof CLIENTS)[number]) => mockClient(client as unknown as typeof SQSClient);
let mocks: ReturnType<typeof stubOf>[] = [];

beforeAll(() => {
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  vi.stubEnv('TG_ACCOUNT_ID', '111122223333');
  vi.stubEnv('TG_REGIONS', 'eu-west-1');
  vi.stubEnv('TG_FINDINGS_BUS', 'transit-guard-findings');
  vi.stubEnv('TG_TABLE_NAME', 'transit-guard-state');
  vi.stubEnv('TG_DRY_RUN', 'false');
  vi.stubEnv('TG_POLICY_FILE', new URL('../../transit-guard.policy.yml', import.meta.url).pathname);
  vi.stubEnv('TG_REMEDIATION_ROLE_ARN', 'arn:aws:iam::111122223333:role/transit-guard-remediate');
  mocks = CLIENTS.map(stubOf);
  for (const mock of mocks) mock.onAnyCommand().resolves({});
});

beforeEach(() => {
  // Silence the Powertools logger and metrics (JSON lines on stdout, errors on stderr).
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});

afterAll(() => {
  for (const mock of mocks) mock.restore();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

/** The change ledger's records (shared/state/change-ledger.ts): bookkeeping, not a write to what is judged. */
const LEDGER_WRITE = 'ledger';

function callsMade(): string[] {
  return mocks.flatMap((mock) =>
    mock.calls().map((call) => {
      const command = call.args[0] as { input?: { Item?: { pk?: unknown } } };
      const name = command.constructor.name;
      return name === 'PutCommand' && command.input?.Item?.pk === 'INSPECTION' ? LEDGER_WRITE : name;
    }),
  );
}

describe('on-api-call handler with mutated events', () => {
  it('refuses malformed events before any AWS call and never writes for well-formed ones', async () => {
    // Prepare
    let cases = 0;
    const outcomes = { refused: 0, inspected: 0, readCalls: 0 };

    // Act
    await fc.assert(
      fc.asyncProperty(mutatedFixture(EVENTS), async ({ value }) => {
        cases++;
        for (const mock of mocks) mock.resetHistory();
        let malformed = false;
        try {
          routeCloudTrail(value);
        } catch (error) {
          if (!(error instanceof EventValidationError)) throw error;
          malformed = true;
        }
        const result = await handler(value, context).then(
          () => undefined,
          (error: unknown) => error,
        );
        const calls = callsMade();
        if (malformed) {
          outcomes.refused++;
          // UnsupportedEventError reaches Lambda wrapped as InvalidEventError; both say "bad event, do not retry".
          expect(result instanceof EventValidationError || result instanceof InvalidEventError).toBe(true);
          expect(calls).toEqual([]);
        } else {
          outcomes.inspected++;
          outcomes.readCalls += calls.length;
          expect(result).toBeUndefined();
          const writes = calls.filter((name) => name !== LEDGER_WRITE);
          expect(writes.filter((name) => !READ_CALL.test(name.replace(/Command$/, '')))).toEqual([]);
        }
      }),
      parameters(RUNS.handler),
    );

    // Assess
    expect(cases).toBe(RUNS.handler);
    expect(outcomes.refused).toBeGreaterThan(RUNS.handler / 10);
    expect(outcomes.inspected).toBeGreaterThan(RUNS.handler / 10);
    // The mocks were reached: well-formed events were really read through the AWS clients.
    expect(outcomes.readCalls).toBeGreaterThan(0);
  });
});
