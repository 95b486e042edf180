import { ACMClient, DescribeCertificateCommand, ListCertificatesCommand } from '@aws-sdk/client-acm';
import { APIGatewayClient, GetDomainNamesCommand, GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import {
  ApiGatewayV2Client,
  GetDomainNamesCommand as GetDomainNamesV2Command,
} from '@aws-sdk/client-apigatewayv2';
import {
  ConfigServiceClient,
  type ConfigurationRecorder,
  DescribeConfigurationRecorderStatusCommand,
  DescribeConfigurationRecordersCommand,
  SelectResourceConfigCommand,
} from '@aws-sdk/client-config-service';
import { DataSyncClient, ListLocationsCommand } from '@aws-sdk/client-datasync';
import {
  DescribeConnectionsCommand,
  DescribeLagsCommand,
  DirectConnectClient,
} from '@aws-sdk/client-direct-connect';
import {
  DescribeVpcEncryptionControlsCommand,
  DescribeVpcsCommand,
  DescribeVpnConnectionsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  DescribeLoadBalancersCommand as DescribeClassicCommand,
  ElasticLoadBalancingClient,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeDBClustersCommand, DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { ListServicesCommand, VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import type { Elbv2Listener } from '../../../../shared/families/elbv2/model.js';
import { mockCertificateSources } from '../../../helpers/certificate-sources.js';
import { mockIot } from '../../../helpers/iot-mocks.js';
import {
  ACCOUNT_ID,
  awsError,
  certificate,
  certificateSummary,
  dxConnection,
  httpsListener,
  listenerArn,
  loadBalancer,
  mockedSource,
  REGION,
  vpnConnection,
} from './sdk-outputs.js';

const config = mockClient(ConfigServiceClient);
const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const elb = mockClient(ElasticLoadBalancingClient);
const ec2 = mockClient(EC2Client);
const dx = mockClient(DirectConnectClient);
const acm = mockClient(ACMClient);
const lattice = mockClient(VPCLatticeClient);
const datasync = mockClient(DataSyncClient);
const s3 = mockClient(S3Client);
const certificateSources = mockCertificateSources();
const apigateway = mockClient(APIGatewayClient);
const apigatewayV2 = mockClient(ApiGatewayV2Client);
const iot = mockIot();
const rds = mockClient(RDSClient);
const ALL = [
  config,
  elbv2,
  elb,
  ec2,
  dx,
  acm,
  lattice,
  datasync,
  s3,
  rds,
  apigateway,
  apigatewayV2,
  iot.iot,
  iot.greengrass,
];

const CONFIG_LISTENER = listenerArn('edge', 'c0ffee0000000001', 'net');

/** A listener as AWS Config records it (configuration as a JSON string, as SelectResourceConfig returns it). */
function listenerItem(): string {
  return JSON.stringify({
    resourceId: CONFIG_LISTENER,
    resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
    arn: CONFIG_LISTENER,
    accountId: ACCOUNT_ID,
    awsRegion: REGION,
    configurationItemStatus: 'OK',
    configurationItemCaptureTime: '2026-11-30T08:00:00.000Z',
    tags: [],
    configuration: JSON.stringify({
      ListenerArn: CONFIG_LISTENER,
      LoadBalancerArn: CONFIG_LISTENER.replace(':listener/', ':loadbalancer/').replace(
        /\/c0ffee0000000001$/,
        '',
      ),
      Port: 53,
      Protocol: 'UDP',
      DefaultActions: [
        {
          Type: 'forward',
          TargetGroupArn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT_ID}:targetgroup/dns/1`,
        },
      ],
    }),
    supplementaryConfiguration: {},
  });
}

function vpnItem(): string {
  return JSON.stringify({
    resourceId: 'vpn-0c0ffee000000001a',
    resourceType: 'AWS::EC2::VPNConnection',
    accountId: ACCOUNT_ID,
    awsRegion: REGION,
    configurationItemStatus: 'OK',
    configurationItemCaptureTime: '2026-11-30T08:00:00.000Z',
    tags: [],
    configuration: {
      vpnConnectionId: 'vpn-0c0ffee000000001a',
      state: 'available',
      type: 'ipsec.1',
      options: { tunnelOptions: [] },
      vgwTelemetry: [],
    },
    supplementaryConfiguration: {},
  });
}

/** Config's recorder in the region: what it records, and whether it is recording now. */
function recorder(recordingGroup: ConfigurationRecorder['recordingGroup'], recording: boolean) {
  config.on(DescribeConfigurationRecordersCommand).resolves({
    ConfigurationRecorders: [
      { name: 'default', roleARN: `arn:aws:iam::${ACCOUNT_ID}:role/config`, recordingGroup },
    ],
  });
  config.on(DescribeConfigurationRecorderStatusCommand).resolves({
    ConfigurationRecordersStatus: [
      { name: 'default', recording, lastStatus: recording ? 'Success' : 'Pending' },
    ],
  });
}

/** Every describe API answers with one resource of its family, so a family that is described shows up. */
function answerDescribes() {
  const https = httpsListener('shop', '0467ef3c8400ae65');
  elbv2.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [loadBalancer('shop')] });
  elbv2.on(DescribeListenersCommand).resolves({ Listeners: [https] });
  elbv2.on(DescribeTargetGroupsCommand).resolves({ TargetGroups: [] });
  lattice.on(ListServicesCommand).resolves({ items: [] });
  datasync.on(ListLocationsCommand).resolves({ Locations: [] });
  s3.on(ListBucketsCommand).resolves({ Buckets: [] });
  rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [] });
  rds.on(DescribeDBClustersCommand).resolves({ DBClusters: [] });
  certificateSources.answerNone();
  iot.answerEmpty();
  elb.on(DescribeClassicCommand).resolves({ LoadBalancerDescriptions: [] });
  ec2
    .on(DescribeVpnConnectionsCommand)
    .resolves({ VpnConnections: [vpnConnection('vpn-11111111111111111', 'available', ['UP', 'UP'])] });
  dx.on(DescribeConnectionsCommand).resolves({ connections: [dxConnection('dxcon-fgq9rgot')] });
  dx.on(DescribeLagsCommand).resolves({ lags: [] });
  acm.on(ListCertificatesCommand).resolves({ CertificateSummaryList: [certificateSummary('a')] });
  acm.on(DescribeCertificateCommand).resolves({ Certificate: certificate('a') });
  apigateway.on(GetDomainNamesCommand).resolves({ items: [] });
  apigatewayV2.on(GetDomainNamesV2Command).resolves({ Items: [] });
  apigateway.on(GetRestApisCommand).resolves({ items: [] });
  // VPCs are read live (no Config type): the account has none.
  ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [] });
  ec2.on(DescribeVpcEncryptionControlsCommand).resolves({ VpcEncryptionControls: [] });
  config.on(SelectResourceConfigCommand).resolves({ Results: [listenerItem(), vpnItem()] });
  return { https };
}

const ids = (result: { resources: readonly { resourceId: string }[] }) =>
  result.resources.map((resource) => resource.resourceId).sort();

describe('a sweep in Config mode', () => {
  afterEach(() => {
    for (const mock of ALL) mock.reset();
    certificateSources.reset();
  });

  it('reads what a recording recorder records from one advanced query, without the load balancer items', async () => {
    // Prepare
    recorder({ allSupported: true }, true);
    answerDescribes();

    // Act
    const result = await mockedSource({ inventoryMode: 'config' }).enumerate(REGION);

    // Assess
    expect(result.errors).toEqual([]);
    expect(elbv2.commandCalls(DescribeLoadBalancersCommand)).toHaveLength(0);
    expect(ec2.commandCalls(DescribeVpnConnectionsCommand)).toHaveLength(0);
    expect(acm.commandCalls(ListCertificatesCommand)).toHaveLength(0);
    const [query] = config.commandCalls(SelectResourceConfigCommand);
    expect(query?.args[0].input.Expression).toMatch(
      /IN \('AWS::ElasticLoadBalancingV2::Listener', 'AWS::ElasticLoadBalancingV2::TargetGroup', 'AWS::ElasticLoadBalancing::LoadBalancer', 'AWS::EC2::VPNConnection', 'AWS::ACM::Certificate', 'AWS::CloudFront::Distribution', 'AWS::ApiGateway::RestApi', 'AWS::ApiGateway::Stage', 'AWS::S3::Bucket', 'AWS::IoT::CACertificate', 'AWS::IoT::DomainConfiguration'\)$/,
    );
    expect(ids(result)).toEqual([CONFIG_LISTENER, 'dxcon-fgq9rgot', 'vpn-0c0ffee000000001a'].sort());
    // The name and type of the listener's load balancer come from its ARN.
    const listener = result.resources.find(
      (resource) => resource.resourceId === CONFIG_LISTENER,
    ) as Elbv2Listener;
    expect(listener).toMatchObject({
      loadBalancerName: 'edge',
      loadBalancerType: 'network',
      protocol: 'UDP',
    });
  });

  it('describes everything when the recorder is stopped: its last items are stale', async () => {
    // Prepare
    recorder({ allSupported: true }, false);
    const { https } = answerDescribes();

    // Act
    const result = await mockedSource({ inventoryMode: 'config' }).enumerate(REGION);

    // Assess
    expect(config.commandCalls(SelectResourceConfigCommand)).toHaveLength(0);
    expect(ids(result)).toEqual(
      [
        https.ListenerArn,
        'vpn-11111111111111111',
        'dxcon-fgq9rgot',
        'arn:aws:acm:eu-west-1:111122223333:certificate/a',
      ].sort(),
    );
  });

  it('queries Config only for the families the recorder records, and describes the others', async () => {
    // Prepare
    recorder(
      {
        allSupported: false,
        resourceTypes: ['AWS::EC2::VPNConnection'],
        recordingStrategy: { useOnly: 'INCLUSION_BY_RESOURCE_TYPES' },
      },
      true,
    );
    const { https } = answerDescribes();
    config.on(SelectResourceConfigCommand).resolves({ Results: [vpnItem()] });

    // Act
    const result = await mockedSource({ inventoryMode: 'config' }).enumerate(REGION);

    // Assess
    const [query] = config.commandCalls(SelectResourceConfigCommand);
    expect(query?.args[0].input.Expression).toMatch(/IN \('AWS::EC2::VPNConnection'\)$/);
    expect(ec2.commandCalls(DescribeVpnConnectionsCommand)).toHaveLength(0);
    expect(ids(result)).toEqual(
      [
        https.ListenerArn,
        'vpn-0c0ffee000000001a',
        'dxcon-fgq9rgot',
        'arn:aws:acm:eu-west-1:111122223333:certificate/a',
      ].sort(),
    );
  });

  it('describes everything when it may not ask whether the recorder is recording', async () => {
    // Prepare
    answerDescribes();
    config.on(DescribeConfigurationRecordersCommand).resolves({
      ConfigurationRecorders: [{ name: 'default', recordingGroup: { allSupported: true } }],
    });
    config.on(DescribeConfigurationRecorderStatusCommand).rejects(awsError('AccessDeniedException'));

    // Act
    const result = await mockedSource({ inventoryMode: 'config' }).enumerate(REGION);

    // Assess
    expect(config.commandCalls(SelectResourceConfigCommand)).toHaveLength(0);
    expect(elbv2.commandCalls(DescribeLoadBalancersCommand)).toHaveLength(1);
    expect(result.resources).toHaveLength(4);
  });
});
