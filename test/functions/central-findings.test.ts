/**
 * End to end (issue #17, Must show): a change in a member account, run through the member's real on-api-call
 * handler on the fake account, puts its events on the findings bus; delivered to central-findings as the central
 * bus would (same envelope: the member's account and region), they give ONE finding in the central table
 * (dynalite), ONE Slack message (the routed outbox message, delivered by notify-slack to the local Slack
 * stand-in) and ONE Security Hub finding; the fix archives that same finding; a replay changes nothing.
 */
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { DescribeVpnConnectionsCommand, type DescribeVpnConnectionsCommandOutput } from '@aws-sdk/client-ec2';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { ListParentsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import {
  BatchImportFindingsCommand,
  BatchUpdateFindingsCommand,
  SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler as centralActionHandler } from '../../functions/central-action.js';
import { handler as centralHandler } from '../../functions/central-findings.js';
import { createNotifySlackHandler } from '../../functions/notify-slack.js';
import { handler as memberHandler } from '../../functions/on-api-call.js';
import { handler as remediationRequestHandler } from '../../functions/on-remediation-request.js';
import { createObservability } from '../../shared/lambda/handler.js';
import { localWebhookUrlForTests } from '../../shared/report/slack/webhook-secret.js';
import { findingIdOf } from '../../shared/state/finding-store.js';
import { loadEvent, withValue } from '../fixtures/events/load.js';
import { freshCentralTable } from '../helpers/central-table.js';
import { installAccount, VPN_ID } from '../helpers/fake-account.js';
import {
  ACCOUNT_ID,
  ACTIONS_QUEUE_URL,
  lambdaContext,
  queuedMessages,
  REGION,
  useFunctionHarness,
} from '../helpers/lambda-env.js';
import { notifySlackContext } from '../helpers/slack-outbox.js';
import { type SlackServer, startSlackServer } from '../helpers/slack-server.js';

const harness = useFunctionHarness('on-api-call', installAccount);
const { mocks, context } = harness;
const securityHub = mockClient(SecurityHubClient);
const organizations = mockClient(OrganizationsClient);

const CENTRAL_ACCOUNT = '999988887777';
const CENTRAL_TABLE = 'transit-guard-central';
const CENTRAL_OUTBOX = `https://sqs.${REGION}.amazonaws.com/${CENTRAL_ACCOUNT}/transit-guard-central-slack-outbox`;
const OU = 'ou-ab12-34cd56ef';
const ROOT = 'r-ab12';
const CHANNEL = 'transit-guard/slack/payments';
const MEMBER_BUS = 'transit-guard-requests';
const FINDING_ID = findingIdOf('vpn-tunnel-ike-version', VPN_ID);
const SECURITY_HUB_ID = `transit-guard/${ACCOUNT_ID}/${REGION}/${FINDING_ID}`;
const PRODUCT_ARN = `arn:aws:securityhub:${REGION}:${CENTRAL_ACCOUNT}:product/${CENTRAL_ACCOUNT}/default`;
const centralContext = {
  ...lambdaContext('central-findings'),
  invokedFunctionArn: `arn:aws:lambda:${REGION}:${CENTRAL_ACCOUNT}:function:transit-guard-central-findings`,
};

/** What the member put on its findings bus since the last reset, as the central bus delivers it. */
function memberEvents(prefix: string): Record<string, unknown>[] {
  return mocks.eventBridge
    .commandCalls(PutEventsCommand)
    .flatMap((call) => call.args[0].input.Entries ?? [])
    .filter((entry) => entry.Source === 'transit-guard')
    .map((entry, index) => ({
      version: '0',
      id: `${prefix}-${index}`,
      'detail-type': entry.DetailType,
      source: entry.Source,
      account: ACCOUNT_ID,
      time: (entry.Time as Date).toISOString(),
      region: REGION,
      resources: entry.Resources ?? [],
      detail: JSON.parse(entry.Detail ?? '{}'),
    }));
}

async function deliver(events: readonly Record<string, unknown>[]): Promise<void> {
  for (const event of events) await centralHandler(event, centralContext);
}

/** The findings of the central table (its other items are the Slack channels' hourly tallies, `slack#...`). */
async function centralItems(): Promise<Record<string, unknown>[]> {
  const { Items } = await harness.env.dynamo.client.send(new ScanCommand({ TableName: CENTRAL_TABLE }));
  return (Items ?? [])
    .map((item) => unmarshall(item))
    .filter((item) => !String(item.pk).startsWith('slack#'));
}

/** The Slack messages central-findings put on its outbox since the last reset, with their channel. */
function centralOutbox() {
  return mocks.sqs
    .commandCalls(SendMessageBatchCommand)
    .filter((call) => call.args[0].input.QueueUrl === CENTRAL_OUTBOX)
    .flatMap((call) => call.args[0].input.Entries ?? []);
}

const imported = () =>
  securityHub.commandCalls(BatchImportFindingsCommand).flatMap((call) => call.args[0].input.Findings ?? []);

describe('central-findings, end to end from a member account', () => {
  let slack: SlackServer;
  const previous = { ...process.env };

  beforeAll(async () => {
    slack = await startSlackServer();
    Object.assign(process.env, {
      TG_CENTRAL_TABLE: CENTRAL_TABLE,
      TG_SLACK_ROUTES: JSON.stringify([{ match: { ou: OU, minSeverity: 'high' }, channel: CHANNEL }]),
      TG_SLACK_OUTBOX: CENTRAL_OUTBOX,
      TG_SECURITY_HUB: 'on',
      TG_MEMBER_BUS_NAME: MEMBER_BUS,
    });
  });
  afterAll(async () => {
    for (const key of [
      'TG_CENTRAL_TABLE',
      'TG_SLACK_ROUTES',
      'TG_SLACK_OUTBOX',
      'TG_SECURITY_HUB',
      'TG_MEMBER_BUS_NAME',
    ])
      if (!(key in previous)) delete process.env[key];
    await slack.stop();
  });
  beforeEach(async () => {
    await freshCentralTable(harness.env.dynamo.client, CENTRAL_TABLE);
    securityHub.reset();
    organizations.reset();
    securityHub.on(BatchImportFindingsCommand).callsFake((input) => ({
      SuccessCount: input.Findings.length,
      FailedCount: 0,
      FailedFindings: [],
    }));
    securityHub.on(BatchUpdateFindingsCommand).callsFake((input) => ({
      ProcessedFindings: input.FindingIdentifiers,
      UnprocessedFindings: [],
    }));
    organizations.on(ListParentsCommand, { ChildId: ACCOUNT_ID }).resolves({
      Parents: [{ Id: OU, Type: 'ORGANIZATIONAL_UNIT' }],
    });
    organizations.on(ListParentsCommand, { ChildId: OU }).resolves({ Parents: [{ Id: ROOT, Type: 'ROOT' }] });
    slack.requests.length = 0;
  });

  it('one change gives one central finding, one Slack message, one Security Hub finding; the fix archives it; a replay changes nothing', async () => {
    // Prepare: a person changes the VPN's tunnel options; the member inspects it (IKEv1 still allowed).
    await memberHandler(loadEvent('cloudtrail-ec2-modify-vpn-tunnel-options'), context);
    const opened = memberEvents('change-1');
    expect(opened.map((event) => (event.detail as { kind: string }).kind)).toContain('finding');

    // Act
    await deliver(opened);

    // Assess: one finding in the central table, open, keyed by account, region and finding.
    const afterChange = await centralItems();
    expect(afterChange).toEqual([
      expect.objectContaining({
        pk: `${ACCOUNT_ID}#${REGION}`,
        sk: FINDING_ID,
        state: 'open',
        ruleId: 'vpn-tunnel-ike-version',
        busRegion: REGION,
      }),
    ]);
    expect(afterChange[0]).not.toHaveProperty('owes');
    // One Slack message, on the route's channel (the account is in the OU), delivered to Slack.
    const outbox = centralOutbox();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.MessageAttributes?.channel?.StringValue).toBe(CHANNEL);
    const notify = createNotifySlackHandler({
      observability: createObservability('notify-slack'),
      webhookUrl: async () => {
        throw new Error('the central notify-slack has no default channel');
      },
      channelWebhook: (channel) =>
        channel === CHANNEL ? async () => localWebhookUrlForTests(slack.webhookUrl) : undefined,
      sqs: new SQSClient({ region: REGION }),
      deadLetterQueueUrl: '',
      minIntervalMs: 0,
    });
    const sqsEvent: SQSEvent = {
      Records: outbox.map((entry, index) => ({
        messageId: `m-${index}`,
        receiptHandle: `r-${index}`,
        body: entry.MessageBody ?? '',
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: '1795341492000',
          SenderId: 'AROAEXAMPLE:central-findings',
          ApproximateFirstReceiveTimestamp: '1795341492100',
        },
        messageAttributes: { channel: { stringValue: CHANNEL, dataType: 'String' } },
        md5OfBody: '0',
        eventSource: 'aws:sqs',
        eventSourceARN: `arn:aws:sqs:${REGION}:${CENTRAL_ACCOUNT}:transit-guard-central-slack-outbox`,
        awsRegion: REGION,
      })),
    };
    expect(await notify(sqsEvent, notifySlackContext())).toEqual({ batchItemFailures: [] });
    expect(slack.requests).toHaveLength(1);
    expect(slack.requests[0]?.body).toContain(VPN_ID);
    // One Security Hub finding: new, failed, active, filed under the central account.
    expect(imported()).toEqual([
      expect.objectContaining({
        Id: SECURITY_HUB_ID,
        ProductArn: PRODUCT_ARN,
        AwsAccountId: CENTRAL_ACCOUNT,
        GeneratorId: 'transit-guard/vpn-tunnel-ike-version',
        Compliance: expect.objectContaining({ Status: 'FAILED' }),
        Workflow: { Status: 'NEW' },
        RecordState: 'ACTIVE',
        ProductFields: expect.objectContaining({
          'transit-guard/account': ACCOUNT_ID,
          'transit-guard/region': REGION,
          'transit-guard/resourceType': 'AWS::EC2::VPNConnection',
        }),
      }),
    ]);
    expect(securityHub.commandCalls(BatchUpdateFindingsCommand)).toHaveLength(0);

    // Act: the fix, a second change that leaves only IKEv2 on both tunnels.
    const answer = (await mocks.ec2.commandCalls(DescribeVpnConnectionsCommand)[0]
      ?.returnValue) as DescribeVpnConnectionsCommandOutput;
    const fixed = structuredClone(answer);
    for (const tunnel of fixed.VpnConnections?.[0]?.Options?.TunnelOptions ?? [])
      tunnel.IkeVersions = [{ Value: 'ikev2' }];
    mocks.ec2.on(DescribeVpnConnectionsCommand).resolves(fixed);
    mocks.eventBridge.resetHistory();
    mocks.sqs.resetHistory();
    securityHub.resetHistory();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await memberHandler(
      // A later change than the first: the change ledger inspects it (the same eventTime would be the same change).
      withValue(
        withValue(loadEvent('cloudtrail-ec2-modify-vpn-tunnel-options'), ['id'], 'fix-event-0001'),
        ['detail', 'eventTime'],
        new Date().toISOString(),
      ),
      context,
    );
    const fix = memberEvents('change-2');
    await deliver(fix);

    // Assess: the same Security Hub finding, passed, archived, resolved; the central record resolved.
    expect(imported()).toEqual([
      expect.objectContaining({
        Id: SECURITY_HUB_ID,
        CreatedAt: afterChange[0]?.firstSeenAt,
        Compliance: expect.objectContaining({ Status: 'PASSED' }),
        Workflow: { Status: 'RESOLVED' },
        RecordState: 'ARCHIVED',
      }),
    ]);
    expect(securityHub).toReceiveCommandWith(BatchUpdateFindingsCommand, {
      FindingIdentifiers: [{ Id: SECURITY_HUB_ID, ProductArn: PRODUCT_ARN }],
      Workflow: { Status: 'RESOLVED' },
    });
    const afterFix = await centralItems();
    expect(afterFix).toEqual([
      expect.objectContaining({ sk: FINDING_ID, state: 'resolved', resolution: 'fixed' }),
    ]);
    expect(afterFix[0]).not.toHaveProperty('owes');

    // Act: EventBridge delivers both changes again, the older one last.
    mocks.sqs.resetHistory();
    securityHub.resetHistory();
    await deliver([...fix, ...opened]);

    // Assess: nothing changed, nothing sent; the late finding did not reopen the resolved one.
    expect(await centralItems()).toEqual(afterFix);
    expect(imported()).toEqual([]);
    expect(securityHub.commandCalls(BatchUpdateFindingsCommand)).toHaveLength(0);
    expect(centralOutbox()).toEqual([]);
  });

  it('takes the member events as an SQS batch too: one Security Hub call, a malformed message fails alone', async () => {
    await memberHandler(loadEvent('cloudtrail-ec2-modify-vpn-tunnel-options'), context);
    const batch = {
      Records: memberEvents('batched').map((event, index) => ({
        messageId: `m-${index}`,
        receiptHandle: `r-${index}`,
        body: JSON.stringify(event),
        attributes: {},
        messageAttributes: {},
        md5OfBody: '0',
        eventSource: 'aws:sqs',
        eventSourceARN: `arn:aws:sqs:${REGION}:${CENTRAL_ACCOUNT}:transit-guard-central-findings`,
        awsRegion: REGION,
      })),
    };

    // One message is not a member event: it fails alone, the others are applied.
    batch.Records.push({
      ...(batch.Records[0] as (typeof batch.Records)[number]),
      messageId: 'm-bad',
      body: '{"id":"x"}',
    });

    const response = await centralHandler(batch, centralContext);

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-bad' }] });
    expect(securityHub.commandCalls(BatchImportFindingsCommand)).toHaveLength(1);
    expect(imported()).toHaveLength(1);
    expect(centralOutbox()).toHaveLength(1);
    expect(await centralItems()).toEqual([expect.objectContaining({ sk: FINDING_ID, state: 'open' })]);
  });

  it('refuses a malformed member event before writing anything', async () => {
    await memberHandler(loadEvent('cloudtrail-ec2-modify-vpn-tunnel-options'), context);
    const [event] = memberEvents('bad');
    const malformed = { ...event, account: 'not-an-account' };

    await expect(centralHandler(malformed, centralContext)).rejects.toThrow(
      /account: expected a 12-digit AWS account id/,
    );
    expect(await centralItems()).toEqual([]);
    expect(imported()).toEqual([]);
  });

  it('the remediate custom action sends the finding back to the owning account, which re-plans and queues the fix', async () => {
    // Prepare: the finding is in the central table and in Security Hub.
    await memberHandler(loadEvent('cloudtrail-ec2-modify-vpn-tunnel-options'), context);
    await deliver(memberEvents('change-1'));
    const [finding] = imported();
    mocks.eventBridge.resetHistory();
    mocks.sqs.resetHistory();

    // Act: someone picks "transit-guard: remediate" on it in Security Hub.
    await centralActionHandler(
      {
        version: '0',
        id: 'c0c0c0c0-1d1d-2e2e-3f3f-404040404040',
        'detail-type': 'Security Hub Findings - Custom Action',
        source: 'aws.securityhub',
        account: CENTRAL_ACCOUNT,
        time: '2026-12-07T12:00:00Z',
        region: REGION,
        resources: [`arn:aws:securityhub:${REGION}:${CENTRAL_ACCOUNT}:action/custom/tgRemediate`],
        detail: {
          actionName: 'transit-guard: remediate',
          actionDescription: 'Remediate',
          findings: [finding],
        },
      },
      { ...centralContext, functionName: 'transit-guard-central-action' },
    );
    const [request] = mocks.eventBridge
      .commandCalls(PutEventsCommand)
      .flatMap((call) => call.args[0].input.Entries ?? []);
    expect(request).toMatchObject({
      Source: 'transit-guard.central',
      DetailType: 'transit-guard remediation request',
      EventBusName: `arn:aws:events:${REGION}:${ACCOUNT_ID}:event-bus/${MEMBER_BUS}`,
    });
    // The member's bus hands it to on-remediation-request (the sender's account in the envelope).
    const summary = await remediationRequestHandler(
      {
        version: '0',
        id: 'd1d1d1d1-2e2e-3f3f-4040-515151515151',
        'detail-type': request?.DetailType,
        source: request?.Source,
        account: CENTRAL_ACCOUNT,
        time: '2026-12-07T12:00:01Z',
        region: REGION,
        resources: request?.Resources ?? [],
        detail: JSON.parse(request?.Detail ?? '{}'),
      },
      context,
    );

    // Assess: the member read the VPN again, planned with its own policy and queued the fix.
    expect(summary).toMatchObject({ nonCompliant: 1 });
    expect(queuedMessages(mocks, ACTIONS_QUEUE_URL)).toEqual([
      expect.objectContaining({
        eventId: 'd1d1d1d1-2e2e-3f3f-4040-515151515151',
        ruleId: 'vpn-tunnel-ike-version',
        findingId: FINDING_ID,
        ref: expect.objectContaining({ resourceId: VPN_ID, accountId: ACCOUNT_ID, region: REGION }),
      }),
    ]);
  });
});
