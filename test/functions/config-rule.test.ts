import { createHash } from 'node:crypto';
import { ListCertificatesCommand } from '@aws-sdk/client-acm';
import {
  type Evaluation as ConfigEvaluation,
  GetResourceConfigHistoryCommand,
  PutEvaluationsCommand,
} from '@aws-sdk/client-config-service';
import { DescribeVpnConnectionsCommand } from '@aws-sdk/client-ec2';
import { DescribeListenersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, it } from 'vitest';
import { handler } from '../../functions/config-rule.js';
import { findingIdOf } from '../../shared/state/finding-store.js';
import { type EventFixture, loadEvent, withValue } from '../fixtures/events/load.js';
import {
  awsError,
  CERT_API,
  CERT_RENEW,
  CERT_SHOP,
  CLASSIC_ARN,
  CLASSIC_FINDINGS,
  CLASSIC_NAME,
  CLASSIC_READS,
  certificateReads,
  compliantListener,
  installAccount,
  LISTENER_FINDINGS,
  REGION_FINDINGS,
  REGION_READS,
  SHOP_DOMAIN_ARN,
  SHOP_EDGE_LISTENER,
  SHOP_WEB_LISTENER,
  VPN_ID,
  VPN_READS,
  WEB_READS,
} from '../helpers/fake-account.js';
import {
  acceptWrites,
  type ExpectedRead,
  expectExactReads,
  expectedRead,
  expectPlanRecords,
  expectRejectedAsInvalid,
  publishedKinds,
  readCalls,
  resetMocks,
  seedOpenFinding,
  useFunctionHarness,
} from '../helpers/lambda-env.js';

const harness = useFunctionHarness('config-rule', installAccount);
const { mocks, context } = harness;

const LISTENER = 'AWS::ElasticLoadBalancingV2::Listener';
const GONE_LISTENER = SHOP_WEB_LISTENER.replace('8e2d4c6a1b3f5d70', '0a1b2c3d4e5f6a7b');

interface ConfigItemFields {
  [key: string]: unknown;
}

/** The invocation with its invokingEvent (a JSON string, as Config sends it) changed. */
function withItem(event: EventFixture, change: (item: ConfigItemFields) => void): EventFixture {
  const invoking = JSON.parse(String(event.invokingEvent)) as { configurationItem: ConfigItemFields };
  change(invoking.configurationItem);
  return { ...structuredClone(event), invokingEvent: JSON.stringify(invoking) };
}

const listenerChange = () => loadEvent('config-rule-change-elbv2-listener');

const classicChange = () =>
  withItem(listenerChange(), (item) => {
    Object.assign(item, {
      resourceType: 'AWS::ElasticLoadBalancing::LoadBalancer',
      resourceId: CLASSIC_NAME,
      resourceName: CLASSIC_NAME,
      ARN: CLASSIC_ARN,
      configurationItemCaptureTime: '2026-03-16T09:10:40.120Z',
      configuration: { loadBalancerName: CLASSIC_NAME, listenerDescriptions: [] },
      relationships: [],
    });
  });

const securityGroupChange = () =>
  withItem(listenerChange(), (item) => {
    Object.assign(item, {
      resourceType: 'AWS::EC2::SecurityGroup',
      resourceId: 'sg-0c3d4e5f60718293a',
      resourceName: 'shop-web-alb',
      ARN: 'arn:aws:ec2:eu-west-1:111122223333:security-group/sg-0c3d4e5f60718293a',
      configuration: { groupId: 'sg-0c3d4e5f60718293a', ipPermissions: [] },
    });
  });

const goneListenerChange = () =>
  withItem(listenerChange(), (item) => {
    Object.assign(item, { resourceId: GONE_LISTENER, ARN: GONE_LISTENER });
  });

/** The id the handler logs: the rule id and a hash of the result token, stable across Config's retries. */
function derivedEventId(event: EventFixture): string {
  const hash = createHash('sha256').update(String(event.resultToken)).digest('hex').slice(0, 32);
  return `config-rule-k3x9pq:${hash}`;
}

/** Every evaluation sent to Config, in the order sent, per call. */
const putEvaluationsCalls = () =>
  mocks.config.commandCalls(PutEvaluationsCommand).map((call) => call.args[0].input);

interface ChangeRow {
  name: string;
  event: () => EventFixture;
  reads: ExpectedRead[];
  findings: string[];
  evaluation: ConfigEvaluation;
}

const CHANGE_ROWS: ChangeRow[] = [
  {
    name: 'a changed listener: evaluated from its live state',
    event: listenerChange,
    reads: WEB_READS,
    findings: LISTENER_FINDINGS,
    evaluation: {
      ComplianceResourceType: LISTENER,
      ComplianceResourceId: SHOP_WEB_LISTENER,
      ComplianceType: 'NON_COMPLIANT',
      Annotation: '2 findings: elbv2-listener-tls-policy, elbv2-listener-weak-ciphers',
      OrderingTimestamp: new Date('2026-03-16T08:04:12.511Z'),
    },
  },
  {
    name: 'a changed VPN connection',
    event: () => loadEvent('config-rule-change-vpn-connection'),
    reads: VPN_READS,
    findings: ['finding:vpn-tunnel-ike-version'],
    evaluation: {
      ComplianceResourceType: 'AWS::EC2::VPNConnection',
      ComplianceResourceId: VPN_ID,
      ComplianceType: 'NON_COMPLIANT',
      Annotation: expect.stringMatching(/^vpn-tunnel-ike-version: .*ikev1/),
      OrderingTimestamp: new Date('2026-03-16T10:22:05.004Z'),
    },
  },
  {
    name: 'a classic load balancer: reported by the name Config knows it by',
    event: classicChange,
    reads: CLASSIC_READS,
    findings: CLASSIC_FINDINGS,
    evaluation: {
      ComplianceResourceType: 'AWS::ElasticLoadBalancing::LoadBalancer',
      ComplianceResourceId: CLASSIC_NAME,
      ComplianceType: 'NON_COMPLIANT',
      Annotation: '2 findings: elb-listener-tls-policy, elb-listener-weak-ciphers',
      OrderingTimestamp: new Date('2026-03-16T09:10:40.120Z'),
    },
  },
  {
    name: 'an oversized notification: the full item is read from Config, the state live',
    event: () => loadEvent('config-rule-oversized-acm-certificate'),
    reads: [
      expectedRead('config', GetResourceConfigHistoryCommand, {
        resourceType: 'AWS::ACM::Certificate',
        resourceId: CERT_SHOP,
        limit: 1,
      }),
      ...certificateReads(CERT_SHOP),
    ],
    findings: [],
    evaluation: {
      ComplianceResourceType: 'AWS::ACM::Certificate',
      ComplianceResourceId: CERT_SHOP,
      ComplianceType: 'COMPLIANT',
      Annotation: 'Encrypted in transit per the transit-guard policy.',
      OrderingTimestamp: new Date('2026-03-16T14:20:45.118Z'),
    },
  },
  {
    name: 'a deleted listener: not read, NOT_APPLICABLE',
    event: () => loadEvent('config-rule-change-elbv2-listener-deleted'),
    reads: [],
    findings: [],
    evaluation: {
      ComplianceResourceType: LISTENER,
      ComplianceResourceId: SHOP_WEB_LISTENER.replace('8e2d4c6a1b3f5d70', '2a9c7e5d3b1f4068'),
      ComplianceType: 'NOT_APPLICABLE',
      Annotation: 'The resource no longer exists.',
      OrderingTimestamp: new Date('2026-03-16T13:15:27.390Z'),
    },
  },
  {
    name: 'a resource that left the rule scope: not read, NOT_APPLICABLE',
    event: () => withValue(listenerChange(), ['eventLeftScope'], true),
    reads: [],
    findings: [],
    evaluation: {
      ComplianceResourceType: LISTENER,
      ComplianceResourceId: SHOP_WEB_LISTENER,
      ComplianceType: 'NOT_APPLICABLE',
      Annotation: 'The resource left the scope of this rule.',
      OrderingTimestamp: new Date('2026-03-16T08:04:12.511Z'),
    },
  },
  {
    name: 'a resource type transit-guard does not judge: not read, NOT_APPLICABLE',
    event: securityGroupChange,
    reads: [],
    findings: [],
    evaluation: {
      ComplianceResourceType: 'AWS::EC2::SecurityGroup',
      ComplianceResourceId: 'sg-0c3d4e5f60718293a',
      ComplianceType: 'NOT_APPLICABLE',
      Annotation: 'resource type AWS::EC2::SecurityGroup is not monitored',
      OrderingTimestamp: new Date('2026-03-16T08:04:12.511Z'),
    },
  },
  {
    name: 'a listener the live read finds gone: NOT_APPLICABLE',
    event: goneListenerChange,
    reads: [expectedRead('elbv2', DescribeListenersCommand, { ListenerArns: [GONE_LISTENER] })],
    findings: [],
    evaluation: {
      ComplianceResourceType: LISTENER,
      ComplianceResourceId: GONE_LISTENER,
      ComplianceType: 'NOT_APPLICABLE',
      Annotation: 'The resource no longer exists.',
      OrderingTimestamp: new Date('2026-03-16T08:04:12.511Z'),
    },
  },
];

/** What a periodic evaluation reads: every family AWS Config records (not Direct Connect). */
const PERIODIC_READS = [
  ...REGION_READS.elbv2,
  ...REGION_READS.elb,
  ...REGION_READS.vpn,
  ...REGION_READS.acm,
  ...REGION_READS.apigateway,
  ...REGION_READS.s3,
  // AWS Config records IoT domain configurations and CA certificates.
  ...REGION_READS.iot,
];
const PERIODIC_FINDINGS = [
  ...REGION_FINDINGS.elbv2,
  ...REGION_FINDINGS.elb,
  ...REGION_FINDINGS.vpn,
  ...REGION_FINDINGS.acm,
  ...REGION_FINDINGS.apigateway,
  ...REGION_FINDINGS.s3,
  ...REGION_FINDINGS.iot,
].sort();

describe('config-rule handler', () => {
  describe('change notifications', () => {
    it.each(CHANGE_ROWS)('$name', async (row) => {
      // Prepare
      const event = row.event();

      // Act
      const result = await handler(event, context);

      // Assess
      expect(result).toMatchObject({ eventId: derivedEventId(event), trigger: 'change', reported: 1 });
      expectExactReads(mocks, row.reads);
      expect(publishedKinds(mocks)).toEqual(row.findings);
      expectPlanRecords(mocks);
      expect(putEvaluationsCalls()).toEqual([
        { ResultToken: event.resultToken, Evaluations: [row.evaluation] },
      ]);
    });

    it('logs the invocation with its derived id and the resource it is about', async () => {
      // Prepare
      const event = listenerChange();

      // Act
      await handler(event, context);

      // Assess
      const logged = harness.output.logs().find((log) => log.message === 'Config rule evaluated');
      expect(logged).toMatchObject({
        eventId: derivedEventId(event),
        configRule: 'transit-guard-elbv2-listener-tls',
        resourceType: LISTENER,
        resourceId: SHOP_WEB_LISTENER,
        reported: 1,
        nonCompliant: 1,
      });
      expect(harness.output.text()).not.toContain(String(event.resultToken));
    });

    it('resolves the open findings of a deleted resource', async () => {
      // Prepare
      const deleted = SHOP_WEB_LISTENER.replace('8e2d4c6a1b3f5d70', '2a9c7e5d3b1f4068');
      await seedOpenFinding(harness.env.findings, 'elbv2-listener-tls-policy', LISTENER, deleted);

      // Act
      const result = await handler(loadEvent('config-rule-change-elbv2-listener-deleted'), context);

      // Assess
      expect(result).toMatchObject({ resolved: 1, notApplicable: 1 });
      expect(publishedKinds(mocks)).toEqual(['resolution:elbv2-listener-tls-policy']);
      expect(await harness.env.findings.get(findingIdOf('elbv2-listener-tls-policy', deleted))).toMatchObject(
        {
          state: 'resolved',
          resolution: 'deleted',
        },
      );
    });

    it('treats an oversized notification whose latest item is deleted as a deletion', async () => {
      // Prepare
      await seedOpenFinding(
        harness.env.findings,
        'acm-certificate-expiry',
        'AWS::ACM::Certificate',
        CERT_SHOP,
      );
      mocks.config.on(GetResourceConfigHistoryCommand).resolves({
        configurationItems: [
          {
            resourceType: 'AWS::ACM::Certificate',
            resourceId: CERT_SHOP,
            configurationItemStatus: 'ResourceDeleted',
            configurationItemCaptureTime: new Date('2026-03-16T14:20:45.118Z'),
          },
        ],
      });
      const event = loadEvent('config-rule-oversized-acm-certificate');

      // Act
      const result = await handler(event, context);

      // Assess
      expect(result).toMatchObject({ resolved: 1, notApplicable: 1 });
      expect(mocks.acm.calls()).toHaveLength(0);
      expect(publishedKinds(mocks)).toEqual(['resolution:acm-certificate-expiry']);
      expect(putEvaluationsCalls()[0]?.Evaluations).toEqual([
        expect.objectContaining({ ComplianceResourceId: CERT_SHOP, ComplianceType: 'NOT_APPLICABLE' }),
      ]);
    });

    it('reports in test mode when Config tests the rule', async () => {
      // Prepare
      const event = withValue(listenerChange(), ['resultToken'], 'TESTMODE');

      // Act
      const result = await handler(event, context);

      // Assess
      expect(result).toMatchObject({ testMode: true });
      expect(mocks.config).toReceiveCommandWith(PutEvaluationsCommand, {
        ResultToken: 'TESTMODE',
        TestMode: true,
      });
    });

    it('rejects without reporting when the resource cannot be read, so Config invokes the rule again', async () => {
      // Prepare
      mocks.ec2
        .on(DescribeVpnConnectionsCommand)
        .rejects(awsError('ServiceUnavailable', 'Service is unavailable', 503));

      // Act
      const invocation = handler(loadEvent('config-rule-change-vpn-connection'), context);

      // Assess
      await expect(invocation).rejects.toMatchObject({
        name: 'InventoryReadError',
        message: expect.stringContaining(`DescribeVpnConnections ${VPN_ID}`),
      });
      expect(mocks.config).not.toReceiveCommand(PutEvaluationsCommand);
    });
  });

  describe('periodic invocations', () => {
    it.each([
      ['ScheduledNotification', 'config-rule-scheduled', '2026-03-17T00:00:00.512Z'],
      [
        'ConfigurationSnapshotDeliveryCompleted',
        'config-rule-snapshot-delivered',
        '2026-03-17T06:00:01.220Z',
      ],
    ])(
      '%s: evaluates every recorded resource of the region and reports each one',
      async (_type, fixture, createdAt) => {
        // Prepare
        const event = loadEvent(fixture);
        const orderingTimestamp = new Date(createdAt);

        // Act
        const result = await handler(event, context);

        // Assess
        expect(result).toMatchObject({ trigger: 'periodic', reported: 8, nonCompliant: 7 });
        expectExactReads(mocks, PERIODIC_READS);
        expect(publishedKinds(mocks)).toEqual(PERIODIC_FINDINGS);
        expectPlanRecords(mocks);
        const [call, ...others] = putEvaluationsCalls();
        expect(others).toEqual([]);
        expect(call?.ResultToken).toBe(event.resultToken);
        const reported = (call?.Evaluations ?? []).map((e) => [
          e.ComplianceResourceType,
          e.ComplianceResourceId,
          e.ComplianceType,
          e.OrderingTimestamp,
        ]);
        expect(reported).toEqual(
          expect.arrayContaining([
            [LISTENER, SHOP_WEB_LISTENER, 'NON_COMPLIANT', orderingTimestamp],
            [LISTENER, SHOP_EDGE_LISTENER, 'NON_COMPLIANT', orderingTimestamp],
            ['AWS::ElasticLoadBalancing::LoadBalancer', CLASSIC_NAME, 'NON_COMPLIANT', orderingTimestamp],
            ['AWS::EC2::VPNConnection', VPN_ID, 'NON_COMPLIANT', orderingTimestamp],
            ['AWS::ACM::Certificate', CERT_API, 'NON_COMPLIANT', orderingTimestamp],
            ['AWS::ACM::Certificate', CERT_SHOP, 'COMPLIANT', orderingTimestamp],
            ['AWS::ACM::Certificate', CERT_RENEW, 'NON_COMPLIANT', orderingTimestamp],
            ['AWS::ApiGateway::DomainName', SHOP_DOMAIN_ARN, 'NON_COMPLIANT', orderingTimestamp],
          ]),
        );
        expect(reported).toHaveLength(8);
      },
    );

    it('reports at most 100 evaluations a call', async () => {
      // Prepare
      resetMocks(mocks);
      acceptWrites(mocks);
      installAccount(mocks, {
        extraListeners: Array.from({ length: 101 }, (_, i) => compliantListener(i + 1)),
      });

      // Act
      const result = await handler(loadEvent('config-rule-scheduled'), context);

      // Assess
      expect(result).toMatchObject({ reported: 109 });
      expect(putEvaluationsCalls().map((call) => call.Evaluations?.length)).toEqual([100, 9]);
    });

    it('sends what Config refused once more, only that', async () => {
      // Prepare
      mocks.config
        .on(PutEvaluationsCommand)
        .callsFakeOnce((input: { Evaluations: ConfigEvaluation[] }) => ({
          FailedEvaluations: input.Evaluations.filter((e) => e.ComplianceResourceId === VPN_ID),
        }))
        .resolves({ FailedEvaluations: [] });

      // Act
      const result = await handler(loadEvent('config-rule-scheduled'), context);

      // Assess
      expect(result).toMatchObject({ reported: 8 });
      const calls = putEvaluationsCalls();
      expect(calls).toHaveLength(2);
      expect(calls[1]?.Evaluations).toEqual([
        expect.objectContaining({
          ComplianceResourceType: 'AWS::EC2::VPNConnection',
          ComplianceResourceId: VPN_ID,
        }),
      ]);
    });

    it('fails the invocation when Config refuses an evaluation twice', async () => {
      // Prepare
      mocks.config.on(PutEvaluationsCommand).callsFake((input: { Evaluations: ConfigEvaluation[] }) => ({
        FailedEvaluations: input.Evaluations.filter((e) => e.ComplianceResourceId === VPN_ID),
      }));

      // Act
      const invocation = handler(loadEvent('config-rule-scheduled'), context);

      // Assess
      await expect(invocation).rejects.toMatchObject({
        name: 'ConfigEvaluationError',
        message: expect.stringContaining(`AWS::EC2::VPNConnection|${VPN_ID}`),
      });
      expect(putEvaluationsCalls()).toHaveLength(2);
    });

    it('reports what it could read, then fails so the unreadable part is evaluated again', async () => {
      // Prepare
      mocks.acm
        .on(ListCertificatesCommand)
        .rejects(awsError('ServiceUnavailable', 'Service is unavailable', 503));

      // Act
      const invocation = handler(loadEvent('config-rule-scheduled'), context);

      // Assess
      await expect(invocation).rejects.toMatchObject({ name: 'InventoryReadError' });
      expect(
        putEvaluationsCalls()[0]
          ?.Evaluations?.map((e) => e.ComplianceResourceId)
          .sort(),
      ).toEqual([SHOP_WEB_LISTENER, SHOP_EDGE_LISTENER, CLASSIC_NAME, VPN_ID, SHOP_DOMAIN_ARN].sort());
    });
  });

  describe('invalid invocations', () => {
    it.each([
      {
        problem: 'an invokingEvent that is not JSON',
        event: withValue(listenerChange(), ['invokingEvent'], '{"messageType":'),
        errorName: 'EventValidationError',
        reason: /invokingEvent: expected a JSON string/,
        eventId: derivedEventId(listenerChange()),
      },
      {
        problem: 'an invocation without a result token',
        event: withValue(listenerChange(), ['resultToken'], undefined),
        errorName: 'EventValidationError',
        reason: /resultToken/,
      },
      {
        problem: 'a configuration item without a resource id',
        event: withItem(listenerChange(), (item) => {
          delete item.resourceId;
        }),
        errorName: 'EventValidationError',
        reason: /invokingEvent\.configurationItem\.resourceId/,
        eventId: derivedEventId(listenerChange()),
      },
    ])(
      'refuses $problem: logged, counted, rejected, and nothing read or reported',
      async ({ event, ...expected }) => {
        // Act
        const invocation = handler(event, context);

        // Assess
        await expectRejectedAsInvalid(invocation, mocks, harness.output, expected);
        expect(readCalls(mocks)).toEqual([]);
      },
    );
  });
});
