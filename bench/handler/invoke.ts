/**
 * The measured process of bench/handler: the real functions/on-api-call handler, warm, on `count` routed
 * CloudTrail events, with every AWS client answering at once (aws-sdk-client-mock) and DynamoDB mocked
 * (no finding is ever found, so every event does the full work: read, evaluate, record, publish, alert).
 * Prints one JSON line of figures on stderr (stdout carries the functions' own logs and is discarded).
 *
 *   node --import tsx bench/handler/invoke.ts [count]
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { ACMClient, DescribeCertificateCommand } from '@aws-sdk/client-acm';
import {
  DescribeConnectionsCommand,
  DescribeLagsCommand,
  DirectConnectClient,
} from '@aws-sdk/client-direct-connect';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeVpnConnectionsCommand,
  EC2Client,
  GetActiveVpnTunnelStatusCommand,
} from '@aws-sdk/client-ec2';
import {
  DescribeLoadBalancersCommand as DescribeClassicCommand,
  DescribeLoadBalancerPoliciesCommand,
  ElasticLoadBalancingClient,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';

/** The CloudTrail events of test/fixtures that on-api-call routes: one of each family. */
export const EVENT_FIXTURES = [
  'cloudtrail-elbv2-modify-listener.json',
  'cloudtrail-elbv2-create-listener.json',
  'cloudtrail-ec2-modify-vpn-tunnel-options.json',
  'cloudtrail-acm-import-certificate.json',
  'cloudtrail-elb-create-load-balancer-listeners.json',
  'cloudtrail-directconnect-update-connection.json',
];

const DAY_MS = 86_400_000;

/** The mocks, whose call history is cleared between batches (aws-sdk-client-mock keeps every call). */
function mockAws(): { resetHistory(): void }[] {
  const lbArnOf = (listenerArn: string) =>
    listenerArn.replace(':listener/', ':loadbalancer/').split('/').slice(0, 4).join('/');
  const listener = (listenerArn: string) => ({
    ListenerArn: listenerArn,
    LoadBalancerArn: lbArnOf(listenerArn),
    Protocol: 'HTTPS' as const,
    Port: 443,
    SslPolicy: 'ELBSecurityPolicy-2016-08',
    Certificates: [
      { CertificateArn: `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/2b4d6f80-13a5-4c7e-8f90-a1b2c3d4e5f6` },
    ],
    DefaultActions: [
      {
        Type: 'forward' as const,
        TargetGroupArn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/web/1`,
      },
    ],
  });
  const mocks: { resetHistory(): void }[] = [];
  const elbv2 = mockClient(ElasticLoadBalancingV2Client);
  elbv2.on(DescribeListenersCommand).callsFake((input) => ({
    Listeners: (
      input.ListenerArns ?? [
        `${String(input.LoadBalancerArn).replace(':loadbalancer/', ':listener/')}/0467ef3c8400ae65`,
      ]
    ).map(listener),
  }));
  elbv2.on(DescribeLoadBalancersCommand).callsFake((input) => ({
    LoadBalancers: (input.LoadBalancerArns ?? []).map((arn: string) => ({
      LoadBalancerArn: arn,
      LoadBalancerName: arn.split('/')[2],
      Type: 'application',
      Scheme: 'internet-facing',
      State: { Code: 'active' },
    })),
  }));
  elbv2.on(DescribeRulesCommand).resolves({ Rules: [] });
  const elb = mockClient(ElasticLoadBalancingClient);
  elb.on(DescribeClassicCommand).callsFake((input) => ({
    LoadBalancerDescriptions: (input.LoadBalancerNames ?? []).map((name: string) => ({
      LoadBalancerName: name,
      ListenerDescriptions: [
        {
          Listener: { Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 8080 },
          PolicyNames: [],
        },
      ],
    })),
  }));
  elb.on(DescribeLoadBalancerPoliciesCommand).resolves({ PolicyDescriptions: [] });
  const tunnel = (outside: string) => ({
    OutsideIpAddress: outside,
    Phase1EncryptionAlgorithms: [{ Value: 'AES256' }],
    Phase2EncryptionAlgorithms: [{ Value: 'AES256' }],
    Phase1IntegrityAlgorithms: [{ Value: 'SHA2-256' }],
    Phase2IntegrityAlgorithms: [{ Value: 'SHA2-256' }],
    Phase1DHGroupNumbers: [{ Value: 20 }],
    Phase2DHGroupNumbers: [{ Value: 20 }],
    IkeVersions: [{ Value: 'ikev2' }],
  });
  const ec2 = mockClient(EC2Client);
  ec2.on(DescribeVpnConnectionsCommand).callsFake((input) => ({
    VpnConnections: (input.VpnConnectionIds ?? []).map((id: string) => ({
      VpnConnectionId: id,
      State: 'available',
      Type: 'ipsec.1',
      Options: { TunnelOptions: [tunnel('203.0.113.17'), tunnel('198.51.100.42')] },
      VgwTelemetry: [
        { OutsideIpAddress: '203.0.113.17', Status: 'UP' },
        { OutsideIpAddress: '198.51.100.42', Status: 'UP' },
      ],
    })),
  }));
  ec2.on(GetActiveVpnTunnelStatusCommand).resolves({
    ActiveVpnTunnelStatus: {
      Phase1EncryptionAlgorithm: 'AES256',
      Phase2EncryptionAlgorithm: 'AES256',
      Phase1IntegrityAlgorithm: 'SHA2-256',
      Phase2IntegrityAlgorithm: 'SHA2-256',
      Phase1DHGroup: 20,
      Phase2DHGroup: 20,
      IkeVersion: 'ikev2',
      ProvisioningStatus: 'available',
    },
  });
  const acm = mockClient(ACMClient);
  acm.on(DescribeCertificateCommand).callsFake((input) => ({
    Certificate: {
      CertificateArn: input.CertificateArn,
      DomainName: 'pay.example.com',
      Type: 'IMPORTED',
      Status: 'ISSUED',
      KeyAlgorithm: 'RSA-2048',
      SignatureAlgorithm: 'SHA256WITHRSA',
      NotBefore: new Date(Date.now() - 100 * DAY_MS),
      NotAfter: new Date(Date.now() + 20 * DAY_MS),
      InUseBy: [`arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/pay/1`],
      RenewalEligibility: 'INELIGIBLE',
    },
  }));
  const dx = mockClient(DirectConnectClient);
  dx.on(DescribeConnectionsCommand).callsFake((input) => ({
    connections: [
      {
        connectionId: input.connectionId,
        connectionName: 'dub-colo-a',
        connectionState: 'available',
        ownerAccount: ACCOUNT,
        region: REGION,
        macSecCapable: true,
        encryptionMode: 'should_encrypt',
        portEncryptionStatus: 'Encryption Up',
      },
    ],
  }));
  dx.on(DescribeLagsCommand).resolves({ lags: [] });
  const eventBridge = mockClient(EventBridgeClient);
  eventBridge.on(PutEventsCommand).callsFake((input) => ({
    FailedEntryCount: 0,
    Entries: (input.Entries ?? []).map((_: unknown, index: number) => ({ EventId: `event-${index}` })),
  }));
  const sqs = mockClient(SQSClient);
  sqs.on(SendMessageBatchCommand).callsFake((input) => ({
    Successful: (input.Entries ?? []).map((entry: { Id: string }) => ({
      Id: entry.Id,
      MessageId: `message-${entry.Id}`,
      MD5OfMessageBody: '00000000000000000000000000000000',
    })),
    Failed: [],
  }));
  const dynamoDb = mockClient(DynamoDBClient);
  dynamoDb.onAnyCommand().resolves({});
  const documents = mockClient(DynamoDBDocumentClient);
  documents.on(GetCommand).resolves({});
  documents.on(QueryCommand).resolves({ Items: [] });
  documents.on(PutCommand).resolves({});
  documents.onAnyCommand().resolves({});
  mocks.push(elbv2, elb, ec2, acm, dx, eventBridge, sqs, dynamoDb, documents);
  return mocks;
}

function loadEvents(count: number): unknown[] {
  const templates = EVENT_FIXTURES.map(
    (name) =>
      JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'events', name), 'utf8')) as Record<
        string,
        unknown
      >,
  );
  return Array.from({ length: count }, (_, index) => {
    const event = structuredClone(templates[index % templates.length]) as Record<string, unknown> & {
      detail: Record<string, unknown>;
    };
    event.id = `bench-${index}`;
    event.detail.eventID = `bench-event-${index}`;
    return event;
  });
}

const context = (index: number) =>
  ({
    functionName: 'transit-guard-on-api-call',
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:transit-guard-on-api-call`,
    memoryLimitInMB: '512',
    awsRequestId: `request-${index}`,
    logGroupName: '/aws/lambda/transit-guard-on-api-call',
    logStreamName: 'bench',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => 60_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  }) as unknown as Context;

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const rssMb = () => Math.round(process.memoryUsage().rss / 1024 ** 2);
const heapMb = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round(process.memoryUsage().heapUsed / 1024 ** 2);
};

/** How often RSS is sampled, in events. */
export const RSS_EVERY = 500;

export interface HandlerFigures {
  events: number;
  warmUp: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  /** RSS every RSS_EVERY events, keyed by events done. */
  rssMb: Record<string, number>;
  /** V8's heap limit in the run (old space as --max-old-space-size set it, plus the young generation), in MB. */
  heapLimitMb: number;
  /** Heap in use after a full collection (when run with --expose-gc), at the same points. */
  heapMb: Record<string, number>;
  peakRssMb: number;
}

async function run(count: number): Promise<HandlerFigures> {
  Object.assign(process.env, {
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: 'AKIDHANDLERBENCH',
    AWS_SECRET_ACCESS_KEY: 'handler-bench',
    TG_ACCOUNT_ID: ACCOUNT,
    TG_REGIONS: REGION,
    TG_FINDINGS_BUS: 'transit-guard-findings',
    TG_TABLE_NAME: 'transit-guard',
    TG_ACTIONS_QUEUE_URL: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/actions`,
    TG_SLACK_OUTBOX_URL: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/outbox`,
    TG_POLICY_FILE: join(root, 'transit-guard.policy.yml'),
    POWERTOOLS_TRACE_ENABLED: 'false',
    POWERTOOLS_LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'SILENT',
  });
  const mocks = mockAws();
  const { handler } = (await import('../../functions/on-api-call.js')) as {
    handler: (event: unknown, context: Context) => Promise<unknown>;
  };
  const events = loadEvents(count);
  const warmUp = Math.min(100, Math.floor(count / 10));
  const durations: number[] = [];
  const rss: Record<string, number> = {};
  const heap: Record<string, number> = {};
  let errors = 0;
  for (const [index, event] of events.entries()) {
    const started = performance.now();
    try {
      await handler(event, context(index));
    } catch {
      errors++;
    }
    if (index >= warmUp) durations.push(performance.now() - started);
    // The mocks' call history is the bench's own memory, not the function's: cleared untimed.
    if (index % 100 === 99) for (const mock of mocks) mock.resetHistory();
    const done = index + 1;
    // RSS as it is, every 500 events (no collection forced); heap after a full collection at three points.
    if (done % RSS_EVERY === 0 || done === count) rss[String(done)] = rssMb();
    if (done === 1_000 || done === 5_000 || done === 10_000 || done === count) heap[String(done)] = heapMb();
  }
  durations.sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    events: count,
    warmUp,
    p50Ms: round(percentile(durations, 50)),
    p99Ms: round(percentile(durations, 99)),
    maxMs: round(durations.at(-1) ?? 0),
    errors,
    rssMb: rss,
    heapLimitMb: Math.round(getHeapStatistics().heap_size_limit / 1024 ** 2),
    heapMb: heap,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

const count = Number(process.argv[2] ?? 10_000);
const figures = await run(count);
process.stderr.write(`${JSON.stringify(figures)}\n`);
