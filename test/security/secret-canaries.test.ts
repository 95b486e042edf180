/**
 * Secret canaries: a Slack webhook URL, a VPN pre-shared key and a customerGatewayConfiguration blob are
 * planted in every kind of input (files, events, describe outputs, Config items, tags), then every output
 * path is run: the CLI's json, table and sarif reports and its stderr, `replay`, Slack payloads (finding
 * messages and the digest), the findings bus (PutEvents entries), SQS messages (Slack outbox, actions),
 * Powertools logs on stdout/stderr, Config evaluations (PutEvaluations), and error messages. None of the
 * planted values may appear in any of them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutEvaluationsCommand } from '@aws-sdk/client-config-service';
import {
  DescribeVpnConnectionsCommand,
  GetActiveVpnTunnelStatusCommand,
  type VpnConnection,
} from '@aws-sdk/client-ec2';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { SendMessageBatchCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as configRuleHandler } from '../../functions/config-rule.js';
import { handler as onApiCall } from '../../functions/on-api-call.js';
import { runCli } from '../../shared/cli/main.js';
import { parseConfigRuleInvocation } from '../../shared/events/config.js';
import { routeEvent } from '../../shared/events/route.js';
import { normalizeDocument } from '../../shared/inventory/detect.js';
import type { Evaluation } from '../../shared/model/evaluation.js';
import { policySchema } from '../../shared/policy/schema.js';
import { toConfigEvaluation } from '../../shared/report/config-evaluations.js';
import { computeKpis } from '../../shared/report/kpis.js';
import { buildDigestMessage } from '../../shared/report/slack/digest.js';
import { buildFindingMessage } from '../../shared/report/slack/message.js';
import { RULES } from '../../shared/rules/index.js';
import type { FindingRecord } from '../../shared/state/finding-store.js';
import { createTlsCatalog } from '../../shared/tls/index.js';
import { evaluateAndPlanAll } from '../../shared/usecase/evaluate.js';
import { loadEvent, withValue } from '../fixtures/events/load.js';
import {
  acceptWrites,
  captureOutput,
  type FunctionEnvironment,
  lambdaContext,
  mockAws,
  resetMocks,
  startFunctionEnvironment,
} from '../helpers/lambda-env.js';

// ------------------------------------------------------------------------------------------- canaries

const WEBHOOK_TOKEN = 'CanaryWebhookToken7Zq81xVb';
const WEBHOOK = `https://hooks.slack.com/services/T0CANARY01/B0CANARY02/${WEBHOOK_TOKEN}`;
const PSK = 'CanaryPsk.7hQ2_mZx94Lw';
/** AWS allows pre-shared keys of 8 to 64 characters. */
const SHORT_PSK = 'Cn4ryPs8';
const CGW_MARKER = 'CanaryCgwBlob_R5t8Uk3';
const CGW = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<vpn_connection id="vpn-0c7d8e9f0a1b2c3d4">',
  `  <ipsec_tunnel><ike><pre_shared_key>${PSK}</pre_shared_key></ike></ipsec_tunnel>`,
  `  <customer_gateway_note>${CGW_MARKER}</customer_gateway_note>`,
  '</vpn_connection>',
].join('\n');
const NEEDLES = [WEBHOOK, WEBHOOK_TOKEN, PSK, CGW_MARKER, 'pre_shared_key>'];

/** The planted values found in `text` (empty when it is clean). */
function leaks(text: string): string[] {
  return NEEDLES.filter((needle) => text.includes(needle));
}

const VPN_ID = 'vpn-0c7d8e9f0a1b2c3d4';
const TAGS = [
  { Key: 'Name', Value: 'edge-vpn' },
  { Key: 'alerts', Value: WEBHOOK },
  { Key: 'psk', Value: PSK },
];

/** A VPN connection as DescribeVpnConnections returns it: the PSK in its tunnel options, the blob beside. */
function vpnWithSecrets(): VpnConnection {
  const ips = ['203.0.113.17', '203.0.113.81'];
  return {
    VpnConnectionId: VPN_ID,
    State: 'available',
    Type: 'ipsec.1',
    CustomerGatewayId: 'cgw-0e1f2a3b4c5d6e7f8',
    TransitGatewayId: 'tgw-0f1a2b3c4d5e6f708',
    CustomerGatewayConfiguration: CGW,
    Category: 'VPN',
    Options: {
      // AWS's defaults: ikev1 and weak algorithms allowed, so the rules find something to report.
      TunnelOptions: ips.map((ip) => ({ OutsideIpAddress: ip, PreSharedKey: PSK })),
    },
    VgwTelemetry: ips.map((ip) => ({
      OutsideIpAddress: ip,
      Status: 'UP',
      StatusMessage: '',
      LastStatusChange: new Date('2026-11-20T10:00:00.000Z'),
      AcceptedRouteCount: 3,
    })),
    Tags: TAGS,
  };
}

/** The same connection as the AWS CLI prints it (JSON, dates as text). */
function vpnDescribeOutput() {
  return JSON.parse(JSON.stringify({ VpnConnections: [vpnWithSecrets()] })) as Record<string, unknown>;
}

/** An AWS Config configuration item of the connection: camelCase, the blob and the PSK inside. */
function vpnConfigItem() {
  const vpn = vpnWithSecrets();
  return {
    version: '1.3',
    accountId: '111122223333',
    configurationItemCaptureTime: '2026-11-21T10:00:00.000Z',
    configurationItemStatus: 'OK',
    resourceType: 'AWS::EC2::VPNConnection',
    resourceId: VPN_ID,
    ARN: `arn:aws:ec2:eu-west-1:111122223333:vpn-connection/${VPN_ID}`,
    awsRegion: 'eu-west-1',
    configuration: {
      vpnConnectionId: VPN_ID,
      customerGatewayConfiguration: CGW,
      state: 'available',
      type: 'ipsec.1',
      options: { tunnelOptions: [{ outsideIpAddress: '203.0.113.17', preSharedKey: PSK }] },
      vgwTelemetry: (vpn.VgwTelemetry ?? []).map((t) => ({
        outsideIpAddress: t.OutsideIpAddress,
        status: 'UP',
      })),
    },
    tags: { Name: 'edge-vpn', alerts: WEBHOOK, psk: PSK },
  };
}

/** Inputs for `evaluate`: the secrets in good records, in a malformed record and in a broken JSON file. */
function writeInputs(directory: string): void {
  writeFileSync(join(directory, 'vpn-describe.json'), JSON.stringify(vpnDescribeOutput(), null, 2));
  writeFileSync(join(directory, 'vpn-config-item.json'), JSON.stringify(vpnConfigItem(), null, 2));
  const malformed = vpnDescribeOutput() as { VpnConnections: Record<string, unknown>[] };
  const [connection] = malformed.VpnConnections;
  if (connection) {
    connection.VpnConnectionId = 'vpn-0123456789abcdef0';
    // A secret where a list belongs: the error must say where, never what.
    connection.Options = {
      TunnelOptions: [{ OutsideIpAddress: '198.51.100.1', Phase1EncryptionAlgorithms: PSK }],
    };
  }
  writeFileSync(join(directory, 'vpn-malformed.json'), JSON.stringify(malformed));
  // JSON.parse quotes the text around a syntax error: here the PSK is right where parsing fails.
  writeFileSync(join(directory, 'vpn-broken.json'), `{"VpnConnections": [{"PreSharedKey": ${PSK}}]}`);
  writeFileSync(
    join(directory, 'vpn-truncated.json'),
    `{"VpnConnections": [{"CustomerGatewayConfiguration": "${CGW.slice(0, 140)}`,
  );
}

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const io = {
    stdout: { write: (chunk: string) => (out += chunk) },
    stderr: { write: (chunk: string) => (out += chunk) },
    env: { NO_COLOR: '1' },
  };
  const code = await runCli(args, io);
  return { code, out };
}

// ------------------------------------------------------------------------------------------------- CLI

describe('secrets planted in evaluate and replay inputs', () => {
  let directory: string;

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'tg-canaries-'));
    writeInputs(directory);
  });

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it.each(['json', 'table', 'sarif'])('never reach the %s report or its warnings', async (format) => {
    // Prepare
    const args = ['evaluate', directory, '--format', format, '--now', '2026-11-22T00:00:00Z'];

    // Act
    const { code, out } = await cli(args);

    // Assess
    expect(code).toBe(1);
    expect(out).toContain(VPN_ID);
    // The unreadable inputs were reported (without their content).
    for (const file of ['vpn-malformed.json', 'vpn-broken.json', 'vpn-truncated.json'])
      expect(out).toContain(file);
    expect(leaks(out)).toEqual([]);
  });

  it('never reach the replay report of a CloudTrail event carrying the pre-shared key', async () => {
    // Prepare
    const event = withValue(
      loadEvent('cloudtrail-ec2-modify-vpn-tunnel-options'),
      ['detail', 'requestParameters', 'ModifyVpnTunnelOptionsRequest', 'TunnelOptions', 'PreSharedKey'],
      PSK,
    );
    const eventFile = join(directory, '..', `${directory.split('/').at(-1)}-event.json`);
    writeFileSync(eventFile, JSON.stringify(event));

    // Act
    const { out } = await cli([
      'replay',
      eventFile,
      '--inventory',
      join(directory, 'vpn-describe.json'),
      '--format',
      'json',
    ]);
    rmSync(eventFile, { force: true });

    // Assess
    expect(out).toContain(VPN_ID);
    expect(leaks(out)).toEqual([]);
  });
});

// ----------------------------------------------------------------------------------------------- Slack

describe('secrets planted in resources, tags and remediation calls', () => {
  const inventory = normalizeDocument(vpnDescribeOutput(), 'vpn-describe.json');
  const evaluations = evaluateAndPlanAll(inventory.resources, RULES, {
    policy: policySchema.parse({ dryRun: false }),
    now: new Date('2026-11-22T00:00:00.000Z'),
    tls: createTlsCatalog(),
  });
  const findings = evaluations.filter((evaluation) => evaluation.status === 'NON_COMPLIANT');

  it('never reach a Slack finding message, whatever its kind or action', () => {
    // Prepare
    const withCall = (evaluation: Evaluation): Evaluation => ({
      ...evaluation,
      response: {
        ...(evaluation.response ?? { mode: 'remediate' }),
        calls: [
          {
            service: 'ec2',
            command: 'ModifyVpnTunnelOptions',
            input: { VpnConnectionId: VPN_ID, TunnelOptions: { PreSharedKey: PSK, Note: WEBHOOK } },
          },
        ],
      },
    });
    const tags = Object.fromEntries(TAGS.map((tag) => [tag.Key, tag.Value]));

    // Act
    const payloads = findings.flatMap((finding) => [
      buildFindingMessage({ evaluation: finding, kind: 'opened', tags }),
      buildFindingMessage({ evaluation: withCall(finding), kind: 'changed', tags }),
      buildFindingMessage({
        evaluation: withCall(finding),
        kind: 'opened',
        tags,
        action: {
          status: 'failed',
          // Remediation calls never carry a PSK, so AWS cannot echo one; a webhook URL in an error is scrubbed.
          error: `ModifyVpnTunnelOptions failed: InvalidParameterValue: see ${WEBHOOK}`,
          calls: [
            {
              service: 'ec2',
              command: 'ModifyVpnTunnelOptions',
              input: { VpnConnectionId: VPN_ID, TunnelOptions: { PreSharedKey: PSK } },
              outcome: 'failed',
              error: `see ${WEBHOOK}`,
              at: '2026-11-22T00:00:00.000Z',
            },
          ],
        },
      }),
      buildFindingMessage({ evaluation: finding, kind: 'resolved', resolution: 'fixed', tags }),
    ]);

    // Assess
    expect(findings.length).toBeGreaterThan(0);
    expect(leaks(JSON.stringify(payloads))).toEqual([]);
  });

  it('never reach the sweep digest', () => {
    // Prepare
    const worst: FindingRecord[] = findings.map((finding, index) => ({
      findingId: `${finding.ruleId}|${finding.resourceId}`,
      ruleId: finding.ruleId,
      resourceId: finding.resourceId,
      resourceType: finding.resourceType,
      resourceName: `edge ${WEBHOOK}`,
      accountId: '111122223333',
      region: 'eu-west-1',
      severity: finding.severity,
      state: 'open',
      reason: finding.reason,
      firstSeenAt: '2026-11-01T00:00:00.000Z',
      lastSeenAt: '2026-11-22T00:00:00.000Z',
      version: index + 1,
    })) as FindingRecord[];

    // Act
    const digest = buildDigestMessage({
      counts: { high: worst.length },
      kpis: computeKpis(evaluations, policySchema.parse({})),
      worst,
      sweptAt: '2026-11-22T06:00:00.000Z',
      regions: ['eu-west-1'],
    });

    // Assess
    expect(leaks(JSON.stringify(digest))).toEqual([]);
  });

  const SPELLINGS = [
    `hooks.slack.com/services/T0CANARY01/B0CANARY02/${WEBHOOK_TOKEN}`,
    `HTTPS://HOOKS.Slack.com/services/T0CANARY01/B0CANARY02/${WEBHOOK_TOKEN}`,
    encodeURIComponent(WEBHOOK),
    encodeURIComponent(encodeURIComponent(WEBHOOK)),
    encodeURIComponent(WEBHOOK).toLowerCase().replace(WEBHOOK_TOKEN.toLowerCase(), WEBHOOK_TOKEN),
    JSON.stringify(WEBHOOK).replaceAll('/', '\\/'),
    `https://hooks.sl\u202Eack.com/services/T0CANARY01/B0CANARY02/${WEBHOOK_TOKEN}`,
  ];

  it.each(SPELLINGS)('never reach a Slack message or the digest spelled %j', (spelling) => {
    // Prepare
    const [finding] = findings;
    if (!finding) throw new Error('no finding to plant into');
    const planted: Evaluation = {
      ...finding,
      resourceName: `edge ${spelling}`,
      reason: `${finding.reason} (${spelling})`,
      response: { mode: 'notify', status: 'notify', note: `see ${spelling}` },
    };
    const record = {
      findingId: 'f-1',
      ruleId: planted.ruleId,
      resourceId: planted.resourceId,
      resourceType: planted.resourceType,
      resourceName: `edge ${spelling}`,
      accountId: '111122223333',
      region: 'eu-west-1',
      severity: planted.severity,
      state: 'open',
      reason: planted.reason,
      firstSeenAt: '2026-11-01T00:00:00.000Z',
      lastSeenAt: '2026-11-22T00:00:00.000Z',
      version: 1,
    } as FindingRecord;

    // Act
    const payloads = [
      buildFindingMessage({
        evaluation: planted,
        kind: 'opened',
        tags: { alerts: spelling, [spelling]: 'key' },
        action: { status: 'failed', error: `failed: ${spelling}`, calls: [] },
      }),
      buildFindingMessage({ evaluation: planted, kind: 'resolved', resolution: 'fixed' }),
      buildDigestMessage({
        counts: { high: 1 },
        kpis: computeKpis(evaluations, policySchema.parse({})),
        worst: [record],
        sweptAt: '2026-11-22T06:00:00.000Z',
        regions: ['eu-west-1'],
      }),
    ];

    // Assess
    const text = JSON.stringify(payloads);
    expect(text).toContain('[redacted webhook URL]');
    expect(text).not.toContain(WEBHOOK_TOKEN);
  });

  it('never reach a Config annotation', () => {
    // Prepare
    const planted = findings.map((finding) => ({ ...finding, reason: finding.reason }));

    // Act
    const annotation = toConfigEvaluation(
      { resourceType: 'AWS::EC2::VPNConnection', resourceId: VPN_ID },
      planted,
      new Date('2026-11-22T00:00:00.000Z'),
    );

    // Assess
    expect(leaks(JSON.stringify(annotation))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------- Lambda

describe('secrets planted in events and describe outputs of the deployed functions', () => {
  let environment: FunctionEnvironment;
  const mocks = mockAws();

  beforeAll(async () => {
    environment = await startFunctionEnvironment();
  });

  afterAll(async () => {
    resetMocks(mocks);
    await environment.stop();
  });

  /** Everything the functions wrote: logs, bus entries, queue messages, Config evaluations. */
  function everythingWritten(output: ReturnType<typeof captureOutput>): string {
    const calls = [
      ...mocks.eventBridge.commandCalls(PutEventsCommand),
      ...mocks.sqs.commandCalls(SendMessageBatchCommand),
      ...mocks.sqs.commandCalls(SendMessageCommand),
      ...mocks.config.commandCalls(PutEvaluationsCommand),
    ].map((call) => call.args[0].input);
    return `${output.text()}\n${JSON.stringify(calls)}`;
  }

  function answerWithSecrets(): void {
    resetMocks(mocks);
    acceptWrites(mocks);
    mocks.ec2.on(DescribeVpnConnectionsCommand).resolves({ VpnConnections: [vpnWithSecrets()] });
    mocks.ec2
      .on(GetActiveVpnTunnelStatusCommand)
      .rejects(Object.assign(new Error(`not available (${PSK})`), { name: 'UnsupportedOperation' }));
  }

  it('never reach on-api-call logs, findings bus entries or queue messages', async () => {
    // Prepare
    answerWithSecrets();
    await environment.resetTable();
    const output = captureOutput();
    const event = withValue(
      loadEvent('cloudtrail-ec2-modify-vpn-tunnel-options'),
      ['detail', 'requestParameters', 'ModifyVpnTunnelOptionsRequest', 'TunnelOptions', 'PreSharedKey'],
      PSK,
    );

    // Act
    await onApiCall(event, lambdaContext('on-api-call'));

    // Assess: findings were published and alerts queued, all without the planted values.
    expect(mocks.eventBridge.commandCalls(PutEventsCommand).length).toBeGreaterThan(0);
    expect(mocks.sqs.commandCalls(SendMessageBatchCommand).length).toBeGreaterThan(0);
    expect(leaks(everythingWritten(output))).toEqual([]);
  });

  it('never reach the log of a malformed event that carries them', async () => {
    // Prepare
    answerWithSecrets();
    const output = captureOutput();
    const base = withValue(
      loadEvent('cloudtrail-ec2-modify-vpn-tunnel-options'),
      ['detail', 'requestParameters', 'ModifyVpnTunnelOptionsRequest', 'TunnelOptions', 'PreSharedKey'],
      PSK,
    );
    const event = withValue(
      withValue(
        base,
        ['detail', 'requestParameters', 'ModifyVpnTunnelOptionsRequest', 'VpnConnectionId'],
        undefined,
      ),
      ['detail', 'responseElements'],
      { customerGatewayConfiguration: CGW, note: WEBHOOK },
    );

    // Act
    const error = await onApiCall(event, lambdaContext('on-api-call')).catch((rejected: unknown) => rejected);

    // Assess
    expect(error).toBeInstanceOf(Error);
    expect(leaks(String((error as Error).message))).toEqual([]);
    expect(leaks(everythingWritten(output))).toEqual([]);
  });

  it('never reach the config-rule function logs or its PutEvaluations', async () => {
    // Prepare
    answerWithSecrets();
    await environment.resetTable();
    const output = captureOutput();
    const invocation = loadEvent('config-rule-change-vpn-connection');
    const invokingEvent = JSON.parse(invocation.invokingEvent as string) as {
      configurationItem: Record<string, unknown>;
    };
    const item = vpnConfigItem();
    invokingEvent.configurationItem = {
      ...invokingEvent.configurationItem,
      ...item,
      awsAccountId: '111122223333',
    };

    // Act
    await configRuleHandler(
      { ...invocation, invokingEvent: JSON.stringify(invokingEvent) },
      lambdaContext('config-rule'),
    ).catch(() => undefined);

    // Assess
    expect(mocks.config.commandCalls(PutEvaluationsCommand).length).toBeGreaterThan(0);
    expect(leaks(everythingWritten(output))).toEqual([]);
  });
});

// ----------------------------------------------------------------------------------------- error messages

describe('secrets planted where validation fails', () => {
  it('never reach the error of a Config rule invocation whose invokingEvent is not JSON', () => {
    // Prepare: a PSK of the shortest length AWS allows (8), unquoted, so JSON.parse fails right at it.
    const invocation = loadEvent('config-rule-change-vpn-connection');
    const broken = `{"configurationItem": {"configuration": {"preSharedKey": ${SHORT_PSK}, "customerGatewayConfiguration": "${CGW_MARKER}"}}}`;

    // Act
    const error = (() => {
      try {
        parseConfigRuleInvocation({ ...invocation, invokingEvent: broken });
      } catch (caught) {
        return caught as Error;
      }
      return undefined;
    })();

    // Assess
    expect(error?.message).toMatch(/^invokingEvent: /);
    expect(leaks(error?.message ?? '')).toEqual([]);
    expect(error?.message).not.toContain(SHORT_PSK);
  });

  it('never reach the error of a malformed event or input record', () => {
    // Prepare
    const event = withValue(
      withValue(
        loadEvent('cloudtrail-ec2-create-vpn-connection'),
        ['detail', 'responseElements', 'vpnConnection', 'vpnConnectionId'],
        undefined,
      ),
      ['detail', 'responseElements', 'vpnConnection', 'customerGatewayConfiguration'],
      CGW,
    );
    const document = vpnDescribeOutput() as { VpnConnections: Record<string, unknown>[] };
    for (const connection of document.VpnConnections) {
      connection.VpnConnectionId = undefined;
      connection.Options = { TunnelOptions: [{ PreSharedKey: PSK, Phase1DHGroupNumbers: PSK }] };
    }

    // Act
    const messages = [
      (() => {
        try {
          routeEvent(event);
          return '';
        } catch (caught) {
          return (caught as Error).message;
        }
      })(),
      ...normalizeDocument(document, 'vpn.json').errors.map((error) => `${error.source}: ${error.message}`),
    ];

    // Assess
    expect(messages.every((message) => message !== '')).toBe(true);
    expect(leaks(messages.join('\n'))).toEqual([]);
  });
});
