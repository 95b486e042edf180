import { ACMClient, DescribeCertificateCommand, ListCertificatesCommand } from '@aws-sdk/client-acm';
import { APIGatewayClient, GetDomainNamesCommand, GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import {
  ApiGatewayV2Client,
  GetDomainNamesCommand as GetDomainNamesV2Command,
} from '@aws-sdk/client-apigatewayv2';
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
import type { RegionClients } from '../../../../shared/aws/clients.js';
import { createRegionalClients } from '../../../../shared/aws/clients.js';
import { createAwsInventorySource } from '../../../../shared/inventory/live/source.js';
import { FAKE_CREDENTIALS } from '../../../fixtures/wire/http.js';
import { mockCertificateSources } from '../../../helpers/certificate-sources.js';
import { mockIot } from '../../../helpers/iot-mocks.js';
import {
  ACCOUNT_ID,
  awsError,
  certificate,
  certificateArn,
  certificateSummary,
  dxConnection,
  httpsListener,
  loadBalancer,
  mockedSource,
  REGION,
  ref,
  vpnConnection,
} from './sdk-outputs.js';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const elb = mockClient(ElasticLoadBalancingClient);
const ec2 = mockClient(EC2Client);
const dx = mockClient(DirectConnectClient);
const acm = mockClient(ACMClient);
const lattice = mockClient(VPCLatticeClient);
const datasync = mockClient(DataSyncClient);
const s3 = mockClient(S3Client);
const rds = mockClient(RDSClient);
const certificateSources = mockCertificateSources();
const iot = mockIot();
const apigateway = mockClient(APIGatewayClient);
const apigatewayV2 = mockClient(ApiGatewayV2Client);

function answerEveryFamily() {
  const https = httpsListener('shop', '0467ef3c8400ae65');
  elbv2.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [loadBalancer('shop')] });
  elbv2.on(DescribeListenersCommand).resolves({ Listeners: [https] });
  elbv2.on(DescribeTargetGroupsCommand).resolves({ TargetGroups: [] });
  elb.on(DescribeClassicCommand).resolves({ LoadBalancerDescriptions: [] });
  ec2
    .on(DescribeVpnConnectionsCommand)
    .resolves({ VpnConnections: [vpnConnection('vpn-11111111111111111', 'available', ['DOWN', 'DOWN'])] });
  dx.on(DescribeConnectionsCommand).resolves({ connections: [dxConnection('dxcon-fgq9rgot')] });
  dx.on(DescribeLagsCommand).resolves({ lags: [] });
  acm.on(ListCertificatesCommand).resolves({ CertificateSummaryList: [certificateSummary('a')] });
  acm.on(DescribeCertificateCommand).resolves({ Certificate: certificate('a') });
  lattice.on(ListServicesCommand).resolves({ items: [] });
  datasync.on(ListLocationsCommand).resolves({ Locations: [] });
  s3.on(ListBucketsCommand).resolves({ Buckets: [] });
  rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [] });
  rds.on(DescribeDBClustersCommand).resolves({ DBClusters: [] });
  certificateSources.answerNone();
  iot.answerEmpty();
  apigateway.on(GetDomainNamesCommand).resolves({ items: [] });
  apigatewayV2.on(GetDomainNamesV2Command).resolves({ Items: [] });
  apigateway.on(GetRestApisCommand).resolves({ items: [] });
  ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [] });
  ec2.on(DescribeVpcEncryptionControlsCommand).resolves({ VpcEncryptionControls: [] });
  return { https };
}

describe('createAwsInventorySource', () => {
  afterEach(() => {
    for (const mock of [elbv2, elb, ec2, dx, acm, lattice, datasync, s3, rds, apigateway, apigatewayV2])
      mock.reset();
    certificateSources.reset();
    iot.reset();
  });

  it('sweeps every family of a region by default', async () => {
    // Prepare
    const { https } = answerEveryFamily();
    const source = mockedSource();

    // Act
    const result = await source.enumerate(REGION);

    // Assess
    expect(result.errors).toEqual([]);
    expect(result.resources.map((resource) => resource.resourceId).sort()).toEqual(
      [https.ListenerArn, 'vpn-11111111111111111', 'dxcon-fgq9rgot', certificateArn('a')].sort(),
    );
  });

  it('sweeps only the families asked for', async () => {
    // Prepare
    answerEveryFamily();
    const source = mockedSource();

    // Act
    await source.enumerate(REGION, ['vpn']);

    // Assess
    expect(ec2).toReceiveCommandTimes(DescribeVpnConnectionsCommand, 1);
    for (const mock of [elbv2, elb, dx, acm, lattice, apigateway]) expect(mock).not.toReceiveAnyCommand();
  });

  it('reports a family that fails and still sweeps the others', async () => {
    // Prepare
    answerEveryFamily();
    ec2.on(DescribeVpnConnectionsCommand).rejects(awsError('UnauthorizedOperation', 'not allowed'));
    const source = mockedSource();

    // Act
    const result = await source.enumerate(REGION);

    // Assess
    expect(result.errors).toEqual([
      { source: `api:DescribeVpnConnections ${REGION}`, message: 'UnauthorizedOperation: not allowed' },
    ]);
    expect(result.resources).toHaveLength(3);
  });

  it('fills in the account of a sweep from the options where the output does not name it', async () => {
    // Prepare
    answerEveryFamily();
    const source = mockedSource({ accountId: ACCOUNT_ID });

    // Act
    const result = await source.enumerate(REGION, ['vpn']);

    // Assess
    expect(result.resources[0]).toMatchObject({ accountId: ACCOUNT_ID, region: REGION });
  });

  it('reads each ref with the clients of its own region', async () => {
    // Prepare
    ec2.on(DescribeVpnConnectionsCommand).callsFake((input) => ({
      VpnConnections: [vpnConnection(input.VpnConnectionIds?.[0] ?? '', 'available', ['DOWN', 'DOWN'])],
    }));
    const regions: string[] = [];
    const clientsFor = (region: string): RegionClients => {
      regions.push(region);
      return createRegionalClients({ credentials: FAKE_CREDENTIALS })(region);
    };
    const source = createAwsInventorySource(clientsFor);

    // Act
    const result = await source.read([
      ref('AWS::EC2::VPNConnection', 'vpn-11111111111111111'),
      ref('AWS::EC2::VPNConnection', 'vpn-22222222222222222', { region: 'us-east-1' }),
    ]);

    // Assess
    expect(regions.sort()).toEqual(['eu-west-1', 'us-east-1']);
    expect(result.resources.map((resource) => [resource.resourceId, resource.region])).toEqual([
      ['vpn-11111111111111111', 'eu-west-1'],
      ['vpn-22222222222222222', 'us-east-1'],
    ]);
  });

  it('reports a ref of a type no family reads instead of leaving it out', async () => {
    // Prepare
    const source = mockedSource();
    const unknown = ref('AWS::Fixture::Unowned' as never, 'thing-1');

    // Act
    const result = await source.read([unknown]);

    // Assess
    expect(result.resources).toEqual([]);
    expect(result.gone).toEqual([]);
    expect(result.errors).toEqual([{ source: 'thing-1', message: 'no family reads AWS::Fixture::Unowned' }]);
  });

  it('keeps at most the configured number of calls in flight per service', async () => {
    // Prepare
    let inFlight = 0;
    let peak = 0;
    acm.on(ListCertificatesCommand).resolves({
      CertificateSummaryList: Array.from({ length: 12 }, (_, i) => certificateSummary(`c${i}`)),
    });
    acm.on(DescribeCertificateCommand).callsFake(async (input) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight--;
      return { Certificate: certificate(input.CertificateArn.split('/').pop() ?? '') };
    });
    const source = mockedSource({ concurrency: 3 });

    // Act
    const result = await source.enumerate(REGION, ['acm']);

    // Assess
    expect(result.resources).toHaveLength(12);
    expect(peak).toBe(3);
  });
});
