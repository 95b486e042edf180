import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CustomActionValidationError,
  centralAction,
  parseCustomAction,
  RemediationRequestError,
} from '../../../shared/org/central-action.js';
import type { CentralFinding } from '../../../shared/org/central-table.js';
import { securityHubFinding } from '../../../shared/org/security-hub.js';
import { findingIdOf } from '../../../shared/state/finding-store.js';

const MEMBER = '111122223333';
const CENTRAL = { accountId: '999988887777', region: 'eu-west-1' };
const LISTENER = `arn:aws:elasticloadbalancing:eu-west-2:${MEMBER}:listener/app/shop-web/4f1c0d2e9a7b3c55/8e2d4c6a1b3f5d70`;
const RULE = 'elbv2-listener-tls-policy';
const FINDING_ID = findingIdOf(RULE, LISTENER);

const record: CentralFinding = {
  accountId: MEMBER,
  region: 'eu-west-2',
  findingId: FINDING_ID,
  ruleId: RULE,
  resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
  resourceId: LISTENER,
  resourceName: 'shop-web:443',
  severity: 'high',
  state: 'open',
  reason: 'The listener allows TLS 1.0.',
  evaluation: {
    ruleId: RULE,
    status: 'NON_COMPLIANT',
    severity: 'high',
    resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
    resourceId: LISTENER,
    reason: 'The listener allows TLS 1.0.',
  },
  firstSeenAt: '2026-12-07T10:00:00.000Z',
  observedAt: '2026-12-07T10:00:00.000Z',
  eventId: 'e-1',
  // The member's stack lives in its home region: its events came from there.
  busRegion: 'eu-west-1',
};

/** The finding as Security Hub hands it to the custom action: what the central export imported. */
const ours = securityHubFinding(record, CENTRAL) as unknown as Record<string, unknown>;
const guardDuty = {
  SchemaVersion: '2018-10-08',
  Id: 'arn:aws:guardduty:eu-west-1:111122223333:detector/x/finding/y',
  ProductArn: 'arn:aws:securityhub:eu-west-1::product/aws/guardduty',
  GeneratorId: 'arn:aws:guardduty:eu-west-1:111122223333:detector/x',
  AwsAccountId: MEMBER,
  ProductFields: {},
  Resources: [{ Type: 'AwsEc2Instance', Id: 'arn:aws:ec2:eu-west-1:111122223333:instance/i-0abc' }],
};

/** "Security Hub Findings - Custom Action", per securityhub-cwe-event-formats. */
const customAction = (findings: unknown[]) => ({
  version: '0',
  id: '1a1a1a1a-2b2b-3c3c-4d4d-5e5e5e5e5e5e',
  'detail-type': 'Security Hub Findings - Custom Action',
  source: 'aws.securityhub',
  account: CENTRAL.accountId,
  time: '2026-12-07T12:00:00Z',
  region: 'eu-west-1',
  resources: ['arn:aws:securityhub:eu-west-1:999988887777:action/custom/tgRemediate'],
  detail: {
    actionName: 'transit-guard: remediate',
    actionDescription: 'Remediate in the owning account',
    findings,
  },
});

describe('central-action', () => {
  const eventBridge = mockClient(EventBridgeClient);
  const client = new EventBridgeClient({ region: 'eu-west-1' });
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const regions: string[] = [];
  const ports = (stored: CentralFinding | null = record) => ({
    table: { get: async () => stored ?? undefined },
    memberBusName: 'transit-guard-requests',
    eventBridge: (region: string) => {
      regions.push(region);
      return client;
    },
    log,
  });

  beforeEach(() => {
    eventBridge.reset();
    eventBridge.on(PutEventsCommand).callsFake((input) => ({
      FailedEntryCount: 0,
      Entries: input.Entries.map((_: unknown, i: number) => ({ EventId: `id-${i}` })),
    }));
    vi.clearAllMocks();
    regions.length = 0;
  });

  it("puts a remediation request for a transit-guard finding on the owning account's bus, in its home region", async () => {
    const result = await centralAction(ports(), parseCustomAction(customAction([ours])));

    expect(result).toEqual({ requested: 1, ignored: 0 });
    expect(regions).toEqual(['eu-west-1']);
    const entries = eventBridge
      .commandCalls(PutEventsCommand)
      .flatMap((call) => call.args[0].input.Entries ?? []);
    expect(entries).toEqual([
      {
        Source: 'transit-guard.central',
        DetailType: 'transit-guard remediation request',
        EventBusName: `arn:aws:events:eu-west-1:${MEMBER}:event-bus/transit-guard-requests`,
        Resources: [LISTENER],
        Detail: expect.any(String),
      },
    ]);
    expect(JSON.parse(entries[0]?.Detail ?? '')).toEqual({
      findingId: FINDING_ID,
      account: MEMBER,
      region: 'eu-west-2',
      ruleId: RULE,
      resourceArn: LISTENER,
      resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
      resourceName: 'shop-web:443',
    });
  });

  it('ignores a finding that is not transit-guard’s, with a log line, and still sends the others', async () => {
    const result = await centralAction(ports(), parseCustomAction(customAction([guardDuty, ours])));

    expect(result).toEqual({ requested: 1, ignored: 1 });
    expect(log.info).toHaveBeenCalledWith(
      'Finding ignored by the remediate action',
      expect.objectContaining({
        findingId: guardDuty.Id,
        reason: expect.stringContaining('not a transit-guard finding'),
      }),
    );
  });

  it('does not follow a finding whose id is not its rule on its resource', async () => {
    const edited = {
      ...ours,
      Resources: [{ Type: 'Other', Id: LISTENER.replace('shop-web', 'other-lb'), Region: 'eu-west-2' }],
    };

    const result = await centralAction(ports(), parseCustomAction(customAction([edited])));

    expect(result).toEqual({ requested: 0, ignored: 1 });
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(0);
  });

  it('falls back to the finding’s own region when the central table no longer has it', async () => {
    await centralAction(ports(null), parseCustomAction(customAction([ours])));

    expect(regions).toEqual(['eu-west-2']);
  });

  it('fails when the bus refuses a request, so EventBridge retries the action', async () => {
    eventBridge
      .on(PutEventsCommand)
      .resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'AccessDeniedException' }] });

    await expect(centralAction(ports(), parseCustomAction(customAction([ours])))).rejects.toThrow(
      RemediationRequestError,
    );
  });

  it('refuses an event that is not the custom action, naming the field', () => {
    const call = () =>
      parseCustomAction({ ...customAction([ours]), 'detail-type': 'Security Hub Findings - Imported' });
    expect(call).toThrow(CustomActionValidationError);
    expect(call).toThrow(/detail-type/);
  });
});
