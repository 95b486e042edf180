import {
  DescribeConfigurationRecorderStatusCommand,
  DescribeConfigurationRecordersCommand,
  SelectResourceConfigCommand,
} from '@aws-sdk/client-config-service';
import { DescribeListenersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, it } from 'vitest';
import { handler } from '../../functions/sweep.js';
import { loadFunctionConfig } from '../../shared/lambda/config.js';
import { INSPECTOR_WIRING } from '../../shared/lambda/inspector-wiring.js';
import { createSweepFunction } from '../../shared/lambda/sweep-function.js';
import { createRuntime } from '../../shared/lambda/wiring.js';
import { policySchema } from '../../shared/policy/schema.js';
import { kpiMetricName } from '../../shared/report/kpi-metrics.js';
import { kpiDefinitions } from '../../shared/report/kpis.js';
import {
  awsError,
  installAccount,
  LISTENER_FINDINGS,
  REGION_FINDINGS,
  REGION_READS,
  SHOP_EDGE_LB,
} from '../helpers/fake-account.js';
import {
  expectExactReads,
  expectedRead,
  expectPlanRecords,
  expectRejectedAsInvalid,
  publishedKinds,
  REGION,
  scheduledEvent as schedule,
  useFunctionHarness,
} from '../helpers/lambda-env.js';

/** The EventBridge Scheduler / rate rule event that starts a sweep. */
const scheduledEvent = schedule();

const harness = useFunctionHarness('sweep', installAccount);
const { mocks, context } = harness;

const ALL_READS = Object.values(REGION_READS).flat();

describe('sweep handler', () => {
  it('reads every family of the region and publishes every finding', async () => {
    // Act
    const result = await handler(structuredClone(scheduledEvent), context);

    // Assess
    expect(result).toMatchObject({ sweepId: scheduledEvent.id, regions: [REGION], unreadable: [] });
    expectExactReads(mocks, ALL_READS);
    expect(publishedKinds(mocks)).toEqual(Object.values(REGION_FINDINGS).flat().sort());
    expectPlanRecords(mocks);
  });

  it('resolves and lists a resource it could not read in its summary', async () => {
    // Prepare
    mocks.elbv2
      .on(DescribeListenersCommand, { LoadBalancerArn: SHOP_EDGE_LB })
      .rejects(awsError('ServiceUnavailable', 'Service is unavailable', 503));

    // Act
    const result = await handler(structuredClone(scheduledEvent), context);

    // Assess
    expect(result).toMatchObject({
      unreadable: [
        {
          source: `api:DescribeListeners ${SHOP_EDGE_LB}`,
          message: 'ServiceUnavailable: Service is unavailable',
        },
      ],
    });
    expect(harness.output.metric('UnreadableResources')).toBe(1);
    // Everything else was still judged: the shop-web listener's findings, not shop-edge's.
    const published = publishedKinds(mocks);
    expect(published.filter((kind) => kind.startsWith('finding:elbv2'))).toEqual(LISTENER_FINDINGS);
    expect(published).toEqual(expect.arrayContaining(REGION_FINDINGS.vpn));
  });

  it('publishes each SEC09 KPI of the sweep as a metric, shares in percent, the expiring count as a count', async () => {
    // Act
    await handler(structuredClone(scheduledEvent), context);

    // Assess: what REGION_FINDINGS makes of the fake account. Both ALB listeners and the classic load balancer
    // encrypt but fail the TLS version and cipher rules; the one VPN connection allows IKEv1; one Direct Connect
    // link of three fails MACsec; one certificate expires within the window.
    expect(
      Object.fromEntries(
        kpiDefinitions().map(({ kpi }) => [kpi.key, harness.output.metric(kpiMetricName(kpi.key))]),
      ),
    ).toEqual({
      listenersEncrypted: 100,
      tlsEndpointsTls12Plus: 0,
      tlsEndpointsStrongCiphers: 0,
      vpnConnectionsStrongCrypto: 0,
      dxMacsecEnforced: 33.3,
      certificatesExpiring: 1,
      // The fake account's TLS listeners use no hybrid post-quantum policy.
      tlsEndpointsPostQuantum: 0,
      // The fake account's one VPC has no encryption control: neither monitors nor enforces.
      vpcEncryptionControl: 0,
      vpcEncryptionEnforced: 0,
      // It has no Private CA, and its IAM server certificates are global (swept from us-east-1 only): a count of 0.
      privateCaCertificatesExpiring: 0,
      iamServerCertificatesExpiring: 0,
      // Nor any RDS database or IoT device certificate in its region listings: counts of 0.
      rdsCaCertificatesExpiring: 0,
      iotCertificatesExpiring: 0,
    });
    const emf = harness.output
      .text()
      .split('\n')
      .filter((line) => line.includes('Kpi_listenersEncrypted'))
      .map(
        (line) =>
          JSON.parse(line) as {
            _aws: { CloudWatchMetrics: { Metrics: { Name: string; Unit: string }[] }[] };
          },
      );
    const units = Object.fromEntries(
      emf.flatMap((document) =>
        document._aws.CloudWatchMetrics.flatMap((set) => set.Metrics.map((m) => [m.Name, m.Unit])),
      ),
    );
    expect(units).toMatchObject({ Kpi_listenersEncrypted: 'Percent', Kpi_certificatesExpiring: 'Count' });
  });

  it('refuses an event that is not its schedule: logged, counted, rejected, and no AWS call made', async () => {
    // Prepare
    const event = { ...structuredClone(scheduledEvent), 'detail-type': 'AWS API Call via CloudTrail' };

    // Act
    const invocation = handler(event, context);

    // Assess
    await expectRejectedAsInvalid(invocation, mocks, harness.output, {
      errorName: 'EventValidationError',
      reason: /detail-type/,
      eventId: scheduledEvent.id,
    });
  });

  it('refuses a schedule event whose time is not a date (its run is keyed by it): named, rejected, no AWS call', async () => {
    // Prepare
    const event = { ...structuredClone(scheduledEvent), time: 'yesterday' };

    // Act
    const invocation = handler(event, context);

    // Assess
    await expectRejectedAsInvalid(invocation, mocks, harness.output, {
      errorName: 'EventValidationError',
      reason: /^time: /,
      eventId: scheduledEvent.id,
    });
  });

  describe('with sweep.inventory: config in the policy', () => {
    /** The sweep function with the harness's environment and this policy. */
    const configModeSweep = () =>
      createSweepFunction({
        runtime: () => {
          const config = loadFunctionConfig();
          return createRuntime(
            { ...config, policy: policySchema.parse({ ...config.policy, sweep: { inventory: 'config' } }) },
            INSPECTOR_WIRING,
          );
        },
      });
    const RECORDER_CHECKS = [
      expectedRead('config', DescribeConfigurationRecordersCommand, {}),
      expectedRead('config', DescribeConfigurationRecorderStatusCommand, {}),
    ];
    const recorder = (recording: boolean) => {
      mocks.config
        .on(DescribeConfigurationRecordersCommand)
        .resolves({ ConfigurationRecorders: [{ name: 'default', recordingGroup: { allSupported: true } }] });
      mocks.config
        .on(DescribeConfigurationRecorderStatusCommand)
        .resolves({ ConfigurationRecordersStatus: [{ name: 'default', recording }] });
    };

    it('reads the recorded families with one Config query and describes only Direct Connect, VPC Lattice, custom domain names, VPCs, DataSync locations, RDS databases and Private CAs', async () => {
      // Prepare
      recorder(true);
      mocks.config.on(SelectResourceConfigCommand).resolves({ Results: [] });

      // Act
      await configModeSweep()(structuredClone(scheduledEvent), context);

      // Assess
      const query = mocks.config.commandCalls(SelectResourceConfigCommand)[0]?.args[0].input;
      expect(query).toMatchObject({ Limit: 100 });
      expect(query?.Expression).toMatch(/WHERE resourceType IN \('AWS::ElasticLoadBalancingV2::Listener', /);
      expectExactReads(mocks, [
        ...RECORDER_CHECKS,
        expectedRead('config', SelectResourceConfigCommand, query ?? {}),
        ...REGION_READS.dx,
        // AWS Config records no VPC Lattice type.
        ...REGION_READS.lattice,
        // Config records REST APIs and stages; custom domain names are listed live (v1 and v2).
        ...REGION_READS.apigateway.slice(0, 2),
        // VPCs are read live: a Config item may not carry their encryption control.
        ...REGION_READS.vpc,
        // DataSync is listed live: Config records neither every location kind nor EFS's InTransitEncryption.
        ...REGION_READS.datasync,
        // RDS parameter groups are no Config type: databases are read live with their groups' TLS parameter.
        ...REGION_READS.rds,
        // Nor Private CA's (the item has no NotAfter or Status): its CAs are listed live.
        ...REGION_READS.pca,
        // Config records no IoT device certificate: those, their CAs and the Greengrass core devices are listed live.
        ...REGION_READS.iot.slice(1),
      ]);
    });

    it('describes everything, with the same findings, when the recorder is stopped', async () => {
      // Prepare
      recorder(false);

      // Act
      const result = await configModeSweep()(structuredClone(scheduledEvent), context);

      // Assess
      expect(result).toMatchObject({ unreadable: [] });
      expectExactReads(mocks, [...RECORDER_CHECKS, ...ALL_READS]);
      expect(publishedKinds(mocks)).toEqual(Object.values(REGION_FINDINGS).flat().sort());
    });
  });
});
