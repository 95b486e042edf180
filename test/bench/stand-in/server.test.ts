import { ACMClient, ListCertificatesCommand } from '@aws-sdk/client-acm';
import {
  CloudFrontClient,
  GetDistributionCommand,
  ListDistributionsCommand,
} from '@aws-sdk/client-cloudfront';
import {
  DataSyncClient,
  DescribeLocationS3Command,
  DescribeLocationSmbCommand,
  ListLocationsCommand,
} from '@aws-sdk/client-datasync';
import {
  DescribeLoadBalancersCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeDBInstancesCommand, DescribeDBParametersCommand, RDSClient } from '@aws-sdk/client-rds';
import { afterEach, describe, expect, it } from 'vitest';
import { EMPTY_ACCOUNT, generateAccount } from '../../../bench/stand-in/account.js';
import { type StandIn, startStandIn } from '../../../bench/stand-in/server.js';
import { STAND_IN_CREDENTIALS } from '../../../bench/sweep/run-sweep.js';

const SHAPE = {
  certificates: 14,
  certificatesInUse: 2,
  importedCertificates: 2,
  privateCertificates: 2,
  albs: 1,
  nlbs: 0,
  listenersPerLoadBalancer: 1,
  classicLoadBalancers: 0,
  vpnConnections: 0,
  dxConnections: 0,
  dxLags: 0,
};

const clientConfig = (standIn: StandIn) => ({
  region: 'eu-west-1',
  endpoint: standIn.endpoint,
  credentials: STAND_IN_CREDENTIALS,
  maxAttempts: 1,
});

describe('AWS stand-in', () => {
  let standIn: StandIn | undefined;
  afterEach(async () => {
    await standIn?.close();
    standIn = undefined;
  });

  it('listens on the loopback address only and counts the calls per API', async () => {
    // Prepare
    standIn = await startStandIn({ account: generateAccount(SHAPE) });
    const elbv2 = new ElasticLoadBalancingV2Client(clientConfig(standIn));

    // Act
    const output = await elbv2.send(new DescribeLoadBalancersCommand({}));
    await elbv2.send(new DescribeLoadBalancersCommand({}));

    // Assess
    expect(standIn.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(output.LoadBalancers?.map((lb) => lb.LoadBalancerName)).toEqual(['alb-0']);
    expect(standIn.calls()).toEqual({ 'elbv2:DescribeLoadBalancers': 2 });
  });

  it('lists only RSA_1024 and RSA_2048 certificates unless the key types are asked for, as ACM does', async () => {
    // Prepare
    standIn = await startStandIn({ account: generateAccount(SHAPE) });
    const acm = new ACMClient(clientConfig(standIn));

    // Act
    const plain = await acm.send(new ListCertificatesCommand({}));
    const all = await acm.send(
      new ListCertificatesCommand({
        Includes: {
          keyTypes: [
            'RSA_1024',
            'RSA_2048',
            'RSA_3072',
            'RSA_4096',
            'EC_prime256v1',
            'EC_secp384r1',
            'EC_secp521r1',
          ],
        },
      }),
    );

    // Assess
    expect(plain.CertificateSummaryList).toHaveLength(4);
    expect(all.CertificateSummaryList).toHaveLength(14);
  });

  it('answers Throttling in the ELB XML format once the bucket is empty', async () => {
    // Prepare
    standIn = await startStandIn({
      account: generateAccount(SHAPE),
      rateLimits: { elbv2: { shared: { capacity: 1, refillPerSecond: 0.01 } } },
    });
    const elbv2 = new ElasticLoadBalancingV2Client(clientConfig(standIn));
    await elbv2.send(new DescribeLoadBalancersCommand({}));

    // Act
    const second = elbv2.send(new DescribeLoadBalancersCommand({}));

    // Assess
    await expect(second).rejects.toMatchObject({ name: 'Throttling', message: 'Rate exceeded' });
    expect(standIn.throttled()).toEqual({ 'elbv2:DescribeLoadBalancers': 1 });
  });

  it('answers ThrottlingException in the JSON format once the bucket is empty', async () => {
    // Prepare
    standIn = await startStandIn({
      account: generateAccount(SHAPE),
      rateLimits: { acm: { operations: { ListCertificates: { capacity: 1, refillPerSecond: 0.01 } } } },
    });
    const acm = new ACMClient(clientConfig(standIn));
    await acm.send(new ListCertificatesCommand({}));

    // Act
    const second = acm.send(new ListCertificatesCommand({}));

    // Assess
    await expect(second).rejects.toMatchObject({ name: 'ThrottlingException' });
  });

  it('refuses requests beyond its maximum', async () => {
    // Prepare
    standIn = await startStandIn({ account: generateAccount(SHAPE), maxRequests: 1 });
    const elbv2 = new ElasticLoadBalancingV2Client(clientConfig(standIn));
    await elbv2.send(new DescribeLoadBalancersCommand({}));

    // Act
    const second = elbv2.send(new DescribeLoadBalancersCommand({}));

    // Assess
    await expect(second).rejects.toThrow();
    expect(standIn.calls()).toEqual({ 'elbv2:DescribeLoadBalancers': 1 });
  });

  it('pages CloudFront distributions by Marker and MaxItems, the Marker being the last Id of the page before', async () => {
    // Prepare
    const account = generateAccount({ ...EMPTY_ACCOUNT, cloudFrontDistributions: 5 });
    standIn = await startStandIn({ account });
    const cloudfront = new CloudFrontClient({ ...clientConfig(standIn), region: 'us-east-1' });

    // Act
    const first = await cloudfront.send(new ListDistributionsCommand({ MaxItems: 2 }));
    const second = await cloudfront.send(
      new ListDistributionsCommand({ MaxItems: 2, Marker: first.DistributionList?.NextMarker }),
    );
    const last = await cloudfront.send(
      new ListDistributionsCommand({ MaxItems: 2, Marker: second.DistributionList?.NextMarker }),
    );
    const whole = await cloudfront.send(new ListDistributionsCommand({}));

    // Assess
    const ids = account.cloudFrontDistributions.map((distribution) => distribution.Id);
    expect(first.DistributionList).toMatchObject({ IsTruncated: true, Quantity: 2, NextMarker: ids[1] });
    expect([first, second, last].flatMap((page) => page.DistributionList?.Items?.map((d) => d.Id))).toEqual(
      ids,
    );
    expect(last.DistributionList).toMatchObject({ IsTruncated: false, Quantity: 1, Marker: ids[3] });
    expect(last.DistributionList?.NextMarker).toBeUndefined();
    expect(whole.DistributionList).toMatchObject({ IsTruncated: false, Quantity: 5, MaxItems: 100 });
    // The summary's lists come through the SDK's XML parser as arrays (Items named after their list).
    const [summary] = whole.DistributionList?.Items ?? [];
    expect(summary?.Origins?.Items?.[0]?.CustomOriginConfig?.OriginSslProtocols?.Items).toEqual(['TLSv1.2']);
    expect(summary?.Aliases?.Items).toEqual(['www-0.example.com']);
    expect(summary?.ViewerCertificate?.MinimumProtocolVersion).toBe('TLSv1.2_2021');
    expect(standIn.calls()).toEqual({ 'cloudfront:ListDistributions': 4 });
  });

  it('answers GetDistribution with the whole config and its ETag, NoSuchDistribution for an unknown id', async () => {
    // Prepare
    const account = generateAccount({ ...EMPTY_ACCOUNT, cloudFrontDistributions: 2 });
    standIn = await startStandIn({ account });
    const cloudfront = new CloudFrontClient({ ...clientConfig(standIn), region: 'us-east-1' });
    const id = String(account.cloudFrontDistributions[1]?.Id);

    // Act
    const output = await cloudfront.send(new GetDistributionCommand({ Id: id }));
    const missing = cloudfront.send(new GetDistributionCommand({ Id: 'E0NOSUCHEXAMPLE' }));

    // Assess
    expect(output.ETag).toMatch(/^E[0-9A-F]+ETAG$/);
    expect(output.Distribution).toMatchObject({ Id: id, Status: 'Deployed' });
    expect(output.Distribution?.DistributionConfig).toMatchObject({
      CallerReference: `stand-in-${id}`,
      Enabled: true,
      DefaultCacheBehavior: { ViewerProtocolPolicy: 'allow-all' },
    });
    await expect(missing).rejects.toMatchObject({ name: 'NoSuchDistribution' });
  });

  it("answers a regional service only for the account's region, CloudFront for any", async () => {
    // Prepare
    const account = generateAccount({ ...SHAPE, cloudFrontDistributions: 1 });
    standIn = await startStandIn({ account });
    const config = { ...clientConfig(standIn), region: 'us-east-1' };

    // Act
    const elsewhere = await new ElasticLoadBalancingV2Client(config).send(
      new DescribeLoadBalancersCommand({}),
    );
    const here = await new ElasticLoadBalancingV2Client(clientConfig(standIn)).send(
      new DescribeLoadBalancersCommand({}),
    );
    const global = await new CloudFrontClient(config).send(new ListDistributionsCommand({}));

    // Assess
    expect(elsewhere.LoadBalancers ?? []).toEqual([]);
    expect(here.LoadBalancers).toHaveLength(1);
    expect(global.DistributionList?.Quantity).toBe(1);
  });

  it("answers Throttling in CloudFront's XML once the bucket is empty", async () => {
    // Prepare
    standIn = await startStandIn({
      account: generateAccount({ ...EMPTY_ACCOUNT, cloudFrontDistributions: 1 }),
      rateLimits: { cloudfront: { shared: { capacity: 1, refillPerSecond: 0.01 } } },
    });
    const cloudfront = new CloudFrontClient({ ...clientConfig(standIn), region: 'us-east-1' });
    await cloudfront.send(new ListDistributionsCommand({}));

    // Act
    const second = cloudfront.send(new ListDistributionsCommand({}));

    // Assess
    await expect(second).rejects.toMatchObject({ name: 'Throttling' });
    expect(standIn.throttled()).toEqual({ 'cloudfront:ListDistributions': 1 });
  });

  it('pages RDS instances by MaxRecords and Marker, refuses a MaxRecords RDS does not take, and filters parameters by name', async () => {
    // Prepare: 45 standalone instances.
    standIn = await startStandIn({ account: generateAccount({ ...EMPTY_ACCOUNT, rdsInstances: 45 }) });
    const rds = new RDSClient(clientConfig(standIn));

    // Act
    const first = await rds.send(new DescribeDBInstancesCommand({ MaxRecords: 20 }));
    const rest = await rds.send(new DescribeDBInstancesCommand({ MaxRecords: 100, Marker: first.Marker }));
    const group = first.DBInstances?.[1]?.DBParameterGroups?.[0]?.DBParameterGroupName ?? '';
    const wanted = await rds.send(
      new DescribeDBParametersCommand({
        DBParameterGroupName: group,
        Filters: [
          {
            Name: 'parameter-name',
            Values: [group.includes('postgres') ? 'rds.force_ssl' : 'require_secure_transport'],
          },
        ],
      }),
    );
    const other = await rds.send(
      new DescribeDBParametersCommand({
        DBParameterGroupName: group,
        Filters: [{ Name: 'parameter-name', Values: ['max_connections'] }],
      }),
    );

    // Assess
    expect(first.DBInstances).toHaveLength(20);
    expect(first.Marker).toBeDefined();
    expect(rest.DBInstances).toHaveLength(25);
    expect(rest.Marker).toBeUndefined();
    expect(first.DBInstances?.[0]?.CertificateDetails?.ValidTill).toBeInstanceOf(Date);
    await expect(rds.send(new DescribeDBInstancesCommand({ MaxRecords: 10 }))).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
    expect(wanted.Parameters).toHaveLength(1);
    expect(other.Parameters).toEqual([]);
  });

  it('answers a DataSync location only to the Describe* of its kind', async () => {
    // Prepare: the eleven kinds once each (index 3 is SMB, 5 is S3).
    standIn = await startStandIn({ account: generateAccount({ ...EMPTY_ACCOUNT, dataSyncLocations: 11 }) });
    const datasync = new DataSyncClient(clientConfig(standIn));
    const listed = await datasync.send(new ListLocationsCommand({ MaxResults: 100 }));
    const smb = listed.Locations?.find((l) => l.LocationUri?.startsWith('smb://'))?.LocationArn;

    // Act
    const described = await datasync.send(new DescribeLocationSmbCommand({ LocationArn: smb }));

    // Assess
    expect(listed.Locations).toHaveLength(11);
    expect(described.MountOptions?.Version).toBe('SMB3');
    await expect(datasync.send(new DescribeLocationS3Command({ LocationArn: smb }))).rejects.toMatchObject({
      name: 'InvalidRequestException',
    });
  });
});
