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
import {
  ACMClient,
  DescribeCertificateCommand,
  type DescribeCertificateCommandInput,
} from '@aws-sdk/client-acm';
import {
  DescribeConnectionsCommand,
  type DescribeConnectionsCommandInput,
  DescribeLagsCommand,
  DirectConnectClient,
} from '@aws-sdk/client-direct-connect';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeVpnConnectionsCommand,
  type DescribeVpnConnectionsCommandInput,
  EC2Client,
  GetActiveVpnTunnelStatusCommand,
} from '@aws-sdk/client-ec2';
import {
  DescribeLoadBalancersCommand as DescribeClassicCommand,
  type DescribeAccessPointsInput as DescribeClassicCommandInput,
  DescribeLoadBalancerPoliciesCommand,
  ElasticLoadBalancingClient,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  DescribeListenersCommand,
  type DescribeListenersCommandInput,
  DescribeLoadBalancersCommand,
  type DescribeLoadBalancersCommandInput,
  DescribeRulesCommand,
  DescribeTargetGroupsCommand,
  type DescribeTargetGroupsCommandInput,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { EventBridgeClient, PutEventsCommand, type PutEventsCommandInput } from '@aws-sdk/client-eventbridge';
import { SendMessageBatchCommand, type SendMessageBatchCommandInput, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';

/** The CloudTrail events of test/fixtures that on-api-call routes: one of each family. */
const EVENT_FIXTURES = [
  'cloudtrail-elbv2-modify-listener.json',
  'cloudtrail-elbv2-create-listener.json',
  'cloudtrail-ec2-modify-vpn-tunnel-options.json',
  'cloudtrail-acm-import-certificate.json',
  'cloudtrail-elb-create-load-balancer-listeners.json',
  'cloudtrail-directconnect-update-connection.json',
];

const DAY_MS = 86_400_000;

type Answer = (input: never) => object;

/**
 * Mocks one client (aws-sdk-client-mock stubs its `send`) so that it answers each command of `answers` at once,
 * and rejects any other. The answers are the stub's own behaviour, keyed by command class, rather than one
 * `.on(Command)` per command: sinon tries every `.on(...)` matcher on every call (a deep comparison of the
 * command, about half of what the benchmark allocated per event), which is the mock's cost, not the function's.
 */
function answering(
  client: Parameters<typeof mockClient>[0],
  answers: [new (...args: never[]) => unknown, Answer][],
) {
  const mock = mockClient(client);
  const byCommand = new Map<unknown, Answer>(answers);
  mock.send.callsFake((command) => {
    const answer = byCommand.get(command.constructor);
    return answer
      ? Promise.resolve({ $metadata: {}, ...answer(command.input as never) })
      : Promise.reject(new Error(`bench/handler: no answer for ${command.constructor.name}`));
  });
  return mock;
}

/** The mocks, whose call history is cleared after every event (aws-sdk-client-mock keeps every call). */
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
  return [
    answering(ElasticLoadBalancingV2Client, [
      [
        DescribeListenersCommand,
        (input: DescribeListenersCommandInput) => ({
          Listeners: (
            input.ListenerArns ?? [
              `${String(input.LoadBalancerArn).replace(':loadbalancer/', ':listener/')}/0467ef3c8400ae65`,
            ]
          ).map(listener),
        }),
      ],
      [
        DescribeLoadBalancersCommand,
        (input: DescribeLoadBalancersCommandInput) => ({
          LoadBalancers: (input.LoadBalancerArns ?? []).map((arn) => ({
            LoadBalancerArn: arn,
            LoadBalancerName: arn.split('/')[2],
            Type: 'application',
            Scheme: 'internet-facing',
            State: { Code: 'active' },
          })),
        }),
      ],
      [DescribeRulesCommand, () => ({ Rules: [] })],
      // The target groups a listener forwards to (elbv2-target-group-plaintext): HTTPS, as the listener's.
      [
        DescribeTargetGroupsCommand,
        (input: DescribeTargetGroupsCommandInput) => ({
          TargetGroups: (input.TargetGroupArns ?? []).map((arn) => ({
            TargetGroupArn: arn,
            TargetGroupName: arn.split('/')[1],
            Protocol: 'HTTPS',
            Port: 443,
            VpcId: 'vpc-0a1b2c3d4e5f60718',
            TargetType: 'instance',
          })),
        }),
      ],
    ]),
    answering(ElasticLoadBalancingClient, [
      [
        DescribeClassicCommand,
        (input: DescribeClassicCommandInput) => ({
          LoadBalancerDescriptions: (input.LoadBalancerNames ?? []).map((name) => ({
            LoadBalancerName: name,
            ListenerDescriptions: [
              {
                Listener: {
                  Protocol: 'HTTP',
                  LoadBalancerPort: 80,
                  InstanceProtocol: 'HTTP',
                  InstancePort: 8080,
                },
                PolicyNames: [],
              },
            ],
          })),
        }),
      ],
      [DescribeLoadBalancerPoliciesCommand, () => ({ PolicyDescriptions: [] })],
    ]),
    answering(EC2Client, [
      [
        DescribeVpnConnectionsCommand,
        (input: DescribeVpnConnectionsCommandInput) => ({
          VpnConnections: (input.VpnConnectionIds ?? []).map((id) => ({
            VpnConnectionId: id,
            State: 'available',
            Type: 'ipsec.1',
            Options: { TunnelOptions: [tunnel('203.0.113.17'), tunnel('198.51.100.42')] },
            VgwTelemetry: [
              { OutsideIpAddress: '203.0.113.17', Status: 'UP' },
              { OutsideIpAddress: '198.51.100.42', Status: 'UP' },
            ],
          })),
        }),
      ],
      [
        GetActiveVpnTunnelStatusCommand,
        () => ({
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
        }),
      ],
    ]),
    answering(ACMClient, [
      [
        DescribeCertificateCommand,
        (input: DescribeCertificateCommandInput) => ({
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
        }),
      ],
    ]),
    answering(DirectConnectClient, [
      [
        DescribeConnectionsCommand,
        (input: DescribeConnectionsCommandInput) => ({
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
        }),
      ],
      [DescribeLagsCommand, () => ({ lags: [] })],
    ]),
    answering(EventBridgeClient, [
      [
        PutEventsCommand,
        (input: PutEventsCommandInput) => ({
          FailedEntryCount: 0,
          Entries: (input.Entries ?? []).map((_, index) => ({ EventId: `event-${index}` })),
        }),
      ],
    ]),
    answering(SQSClient, [
      [
        SendMessageBatchCommand,
        (input: SendMessageBatchCommandInput) => ({
          Successful: (input.Entries ?? []).map((entry) => ({
            Id: entry.Id,
            MessageId: `message-${entry.Id}`,
            MD5OfMessageBody: '00000000000000000000000000000000',
          })),
          Failed: [],
        }),
      ],
    ]),
    // No finding is ever found: every read answers empty, every write succeeds.
    answering(DynamoDBDocumentClient, [
      [GetCommand, () => ({})],
      [QueryCommand, () => ({ Items: [] })],
      [PutCommand, () => ({})],
    ]),
    // The store goes through the document client; a raw DynamoDB call would be an error, counted.
    answering(DynamoDBClient, []),
  ];
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
const RSS_EVERY = 500;

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
    // The mocks' call history is the bench's own memory, not the function's: cleared untimed after each event.
    // Kept for 100 events, it held some 1,500 commands with their inputs alive through every scavenge, which
    // then copied them (scavenges of 5-6 ms instead of 2-3 ms).
    for (const mock of mocks) mock.resetHistory();
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
