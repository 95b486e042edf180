import { describe, expect, it } from 'vitest';
import { type AccountShape, EMPTY_ACCOUNT, generateAccount } from '../../../bench/stand-in/account.js';
import { minimumCalls, plannedCalls, total } from '../../../bench/sweep/expected.js';
import { defaultReadPlan, runSweep } from '../../../bench/sweep/run-sweep.js';
import type { AcmCertificate } from '../../../shared/families/acm/model.js';
import type { CloudFrontDistribution } from '../../../shared/families/cloudfront/model.js';
import type { DataSyncLocation } from '../../../shared/families/datasync/model.js';
import type { RdsDbCluster, RdsDbInstance } from '../../../shared/families/rds/model.js';
import type { S3Bucket } from '../../../shared/families/s3/model.js';
import type { Vpc } from '../../../shared/families/vpc/model.js';
import { readPlanFor } from '../../../shared/inventory/live/plan.js';
import { policySchema } from '../../../shared/policy/schema.js';
import { RULES } from '../../../shared/rules/index.js';

/**
 * 21 certificates (3 of each of the 7 key types; 3 imported, 6 private), 5 load balancers, 4 classic, 5 VPN, 4 + 2 DX,
 * 10 target groups, 3 VPC Lattice services of 2 listeners, 3 API Gateway custom domain names, 250 CloudFront
 * distributions (three ListDistributions pages) and 12 S3 buckets (2 hosting a website).
 */
const SMALL: AccountShape = {
  certificates: 21,
  certificatesInUse: 6,
  importedCertificates: 3,
  privateCertificates: 6,
  albs: 3,
  nlbs: 2,
  listenersPerLoadBalancer: 3,
  classicLoadBalancers: 4,
  vpnConnections: 5,
  dxConnections: 4,
  dxLags: 2,
  targetGroups: 10,
  latticeServices: 3,
  apiGatewayDomainNames: 3,
  cloudFrontDistributions: 250,
  s3Buckets: 12,
};
const NOW = new Date('2026-11-22T00:00:00Z');

/** The 12 buckets as read, in either mode: a quarter without a policy, the 2 websites known, none left unknown. */
function expectBuckets(resources: readonly { resourceType: string }[]) {
  const buckets = resources.filter((r): r is S3Bucket => r.resourceType === 'AWS::S3::Bucket');
  expect(buckets).toHaveLength(12);
  expect(buckets.filter((bucket) => bucket.policyText === null)).toHaveLength(3);
  expect(buckets.filter((bucket) => bucket.website)).toHaveLength(2);
  expect(buckets.filter((bucket) => bucket.policyText === undefined || bucket.website === undefined)).toEqual(
    [],
  );
}
const account = () => generateAccount(SMALL, { now: NOW });

describe('sweep against the stand-in', () => {
  it("makes exactly the planned calls in describe mode, in the account's region and in CloudFront's us-east-1", async () => {
    // Prepare
    const small = account();

    // Act
    const figures = await runSweep({ account: small, mode: 'describe', clientLimits: {} });

    // Assess: each listing twice (eu-west-1 with the resources, us-east-1 empty), the per-resource calls once.
    expect(figures.regions).toEqual(['eu-west-1', 'us-east-1']);
    expect(figures.errors).toEqual([]);
    expect(figures.calls).toEqual({
      'acm:ListCertificates': 2,
      // 3 imported (signature), 13 AMAZON_ISSUED (transparency), 1 private within 60 days of expiry (renewal).
      'acm:DescribeCertificate': 16,
      'elbv2:DescribeLoadBalancers': 2,
      'elbv2:DescribeListeners': 5,
      // The HTTP listener of each of the 3 ALBs, and the 2 HTTPS listeners of alb-1, whose plaintext target
      // group tg-extra-6 no default action forwards to (a rule might); none for TCP, TLS or UDP listeners.
      'elbv2:DescribeRules': 5,
      'elbv2:DescribeTargetGroups': 2,
      // One listener names a policy the bundled data lacks: asked once for the region.
      'elbv2:DescribeSSLPolicies': 1,
      'elb:DescribeLoadBalancers': 2,
      // Only the 2 classic load balancers with an HTTPS listener.
      'elb:DescribeLoadBalancerPolicies': 2,
      'ec2:DescribeVpnConnections': 2,
      // 10 tunnels, one of them DOWN.
      'ec2:GetActiveVpnTunnelStatus': 9,
      'directConnect:DescribeConnections': 2,
      'directConnect:DescribeLags': 2,
      'vpc-lattice:ListServices': 2,
      'vpc-lattice:ListListeners': 3,
      // Every custom domain name on one page; the account has no REST API, so no stage is read.
      'apigateway:GetDomainNames': 2,
      'apigateway:GetDomainNamesV2': 2,
      // No VPC in the account: one listing each, in each region swept.
      'ec2:DescribeVpcs': 2,
      'ec2:DescribeVpcEncryptionControls': 2,
      'datasync:ListLocations': 2,
      // Each region lists its own buckets (BucketRegion); each bucket's policy and website are read once.
      's3:ListBuckets': 2,
      's3:GetBucketPolicy': 12,
      's3:GetBucketWebsite': 12,
      'rds:DescribeDBInstances': 2,
      'rds:DescribeDBClusters': 2,
      'acm-pca:ListCertificateAuthorities': 2,
      // No IoT certificate, CA, domain configuration or Greengrass core device either.
      'iot:ListCertificates': 2,
      'iot:ListCACertificates': 2,
      'iot:ListDomainConfigurations': 2,
      'greengrass:ListCoreDevices': 2,
      'apigateway:GetRestApis': 2,
      // IAM is global: its server certificates are listed once, in the sweep of us-east-1.
      'iam:ListServerCertificates': 1,
      // 250 distributions in pages of 100 (Marker), in the sweep of us-east-1 only; no GetDistribution when no
      // rule would change one (the default policy notifies).
      'cloudfront:ListDistributions': 3,
    });
    expect(figures.calls).toEqual(plannedCalls(small, defaultReadPlan(), 'describe'));
    expect(figures.resources).toHaveLength(21 + 15 + 4 + 5 + 4 + 2 + 10 + 6 + 3 + 250 + 12);
    expectBuckets(figures.resources);
    const distributions = figures.resources.filter((r) => r.resourceType === 'AWS::CloudFront::Distribution');
    expect(new Set(distributions.map((d) => d.resourceId)).size).toBe(250);
    expect(new Set(distributions.map((d) => d.region))).toEqual(new Set(['us-east-1']));
    // The clients reached the stand-in through AWS_ENDPOINT_URL, which the run puts back as it was.
    expect(process.env.AWS_ENDPOINT_URL).toBeUndefined();
  });

  it('reads no distribution when the sweep does not cover us-east-1, as a deployment without it', async () => {
    // Prepare
    const small = account();

    // Act
    const figures = await runSweep({
      account: small,
      mode: 'describe',
      clientLimits: {},
      regions: ['eu-west-1'],
    });

    // Assess
    expect(figures.errors).toEqual([]);
    expect(figures.calls['cloudfront:ListDistributions']).toBeUndefined();
    expect(figures.calls['acm:ListCertificates']).toBe(1);
    expect(figures.resources.filter((r) => r.resourceType === 'AWS::CloudFront::Distribution')).toEqual([]);
  });

  it('reads GetDistribution (config and ETag) only for the distributions a remediating rule would change', async () => {
    // Prepare: cloudfront-viewer-plaintext in remediate; a quarter of the 250 have an allow-all behavior.
    const small = account();
    const policy = policySchema.parse({ rules: { 'cloudfront-viewer-plaintext': { mode: 'remediate' } } });
    const plan = readPlanFor(policy, RULES);

    // Act
    const figures = await runSweep({ account: small, mode: 'describe', clientLimits: {}, plan });

    // Assess
    expect(figures.errors).toEqual([]);
    expect(figures.calls['cloudfront:ListDistributions']).toBe(3);
    expect(figures.calls['cloudfront:GetDistribution']).toBe(63);
    expect(figures.calls).toEqual(plannedCalls(small, plan, 'describe'));
    const distributions = figures.resources.filter(
      (r): r is CloudFrontDistribution => r.resourceType === 'AWS::CloudFront::Distribution',
    );
    expect(distributions).toHaveLength(250);
    // The ones read whole carry the ETag the stand-in sent, which UpdateDistribution would send back.
    expect(distributions.filter((d) => d.etag !== undefined)).toHaveLength(63);
  });

  it('reads the recorded types with one Config query per 100 items, and describes only Direct Connect, VPC Lattice and custom domain names', async () => {
    // Prepare
    const small = account();

    // Act
    const figures = await runSweep({ account: small, mode: 'config', clientLimits: {} });

    // Assess
    expect(figures.errors).toEqual([]);
    expect(figures.calls).toEqual({
      'config:DescribeConfigurationRecorders': 1,
      'config:DescribeConfigurationRecorderStatus': 1,
      'config:SelectResourceConfig': 1,
      'elbv2:DescribeSSLPolicies': 1,
      'directConnect:DescribeConnections': 1,
      'directConnect:DescribeLags': 1,
      // AWS Config records no VPC Lattice type; the generated Config items hold no target group.
      'vpc-lattice:ListServices': 1,
      'vpc-lattice:ListListeners': 3,
      // Config records REST APIs and stages, not custom domain names: those are listed live.
      'apigateway:GetDomainNames': 1,
      'apigateway:GetDomainNamesV2': 1,
      'ec2:DescribeVpcs': 1,
      'ec2:DescribeVpcEncryptionControls': 1,
      'datasync:ListLocations': 1,
      // The bucket items carry their policy: no GetBucketPolicy; the 10 without a website item are asked.
      's3:GetBucketWebsite': 10,
      'rds:DescribeDBInstances': 1,
      'rds:DescribeDBClusters': 1,
      // Private CA's Config item is not read: its CAs are listed live.
      'acm-pca:ListCertificateAuthorities': 1,
      // Config records IoT domain configurations and CAs, no device certificate: those (and the CAs) listed live.
      'iot:ListCertificates': 1,
      'iot:ListCACertificates': 1,
      'greengrass:ListCoreDevices': 1,
    });
    expect(figures.calls).toEqual(plannedCalls(small, defaultReadPlan(), 'config'));
    expect(figures.resources).toHaveLength(21 + 15 + 4 + 5 + 4 + 2 + 6 + 3 + 12);
    expectBuckets(figures.resources);
  });

  it('reads every certificate whatever its key type, spelled as the API enum', async () => {
    // Prepare
    const small = account();

    // Act
    const figures = await runSweep({ account: small, mode: 'describe', clientLimits: {} });

    // Assess
    const certificates = figures.resources.filter(
      (resource): resource is AcmCertificate => resource.resourceType === 'AWS::ACM::Certificate',
    );
    expect(certificates).toHaveLength(21);
    expect(new Set(certificates.map((certificate) => certificate.keyAlgorithm))).toEqual(
      new Set([
        'RSA_1024',
        'RSA_2048',
        'RSA_3072',
        'RSA_4096',
        'EC_prime256v1',
        'EC_secp384r1',
        'EC_secp521r1',
      ]),
    );
  });

  it('describes only what the enabled rules need: no AMAZON_ISSUED certificate when transparency is off', async () => {
    // Prepare
    const small = account();
    const policy = policySchema.parse({ rules: { 'acm-certificate-transparency': { mode: 'off' } } });

    // Act
    const figures = await runSweep({
      account: small,
      mode: 'describe',
      clientLimits: {},
      plan: readPlanFor(policy, RULES),
    });

    // Assess: 3 imported, the private one and the 2 AMAZON_ISSUED ones within 60 days of expiry.
    expect(figures.calls['acm:DescribeCertificate']).toBe(6);
    expect(figures.errors).toEqual([]);
  });

  it('stays within 1.2x of the minimum the APIs allow', async () => {
    // Prepare
    const small = account();

    // Act
    const figures = await runSweep({ account: small, mode: 'describe', clientLimits: {} });

    // Assess
    expect(figures.totalCalls / total(minimumCalls(small))).toBeLessThanOrEqual(1.2);
  });

  it('slows down on a throttled API and still reads every certificate', async () => {
    // Prepare: AWS allows 2 DescribeCertificate calls at once, then 20 a second; the SDK does not retry.
    const small = account();
    const policy = policySchema.parse({ rules: { 'acm-certificate-transparency': { mode: 'off' } } });

    // Act
    const figures = await runSweep({
      account: small,
      mode: 'describe',
      clientLimits: {},
      plan: readPlanFor(policy, RULES),
      serverLimits: { acm: { operations: { DescribeCertificate: { capacity: 2, refillPerSecond: 20 } } } },
      maxAttempts: 1,
    });

    // Assess
    expect(figures.errors).toEqual([]);
    expect(figures.throttled['acm:DescribeCertificate']).toBeGreaterThan(0);
    expect(figures.calls['acm:DescribeCertificate']).toBe(
      6 + (figures.throttled['acm:DescribeCertificate'] ?? 0),
    );
    expect(figures.resources.filter((r) => r.resourceType === 'AWS::ACM::Certificate')).toHaveLength(21);
  });

  it('pages 250 RDS databases by 100 and reads each custom group once, and the minimum skips the default groups the reference data dates', async () => {
    // Prepare: 210 standalone instances (four engines) and 40 Aurora clusters, each with its writer instance.
    const rds = generateAccount({ ...EMPTY_ACCOUNT, rdsInstances: 210, rdsClusters: 40 }, { now: NOW });

    // Act
    const figures = await runSweep({ account: rds, mode: 'describe', clientLimits: {} });

    // Assess: 250 instance records in 3 pages, 40 clusters in 1, and one empty listing each in us-east-1; four engine families of 10 custom groups and a
    // default each (44 DB groups), two Aurora families of 10 custom cluster groups and a default each (22).
    expect(figures.errors).toEqual([]);
    const rdsCalls = Object.fromEntries(
      Object.entries(figures.calls).filter(([api]) => api.startsWith('rds:')),
    );
    expect(rdsCalls).toEqual({
      'rds:DescribeDBInstances': 3 + 1,
      'rds:DescribeDBClusters': 1 + 1,
      'rds:DescribeDBParameters': 44,
      'rds:DescribeDBClusterParameters': 22,
      'rds:DescribeCertificates': 1,
    });
    expect(figures.calls).toEqual(plannedCalls(rds, defaultReadPlan(), 'describe'));
    // The minimum reads no default group whose engine default the reference data gives (all six here).
    const minimum = minimumCalls(rds);
    expect(minimum['rds:DescribeDBParameters']).toBe(40);
    expect(minimum['rds:DescribeDBClusterParameters']).toBe(20);
    const instances = figures.resources.filter(
      (r): r is RdsDbInstance => r.resourceType === 'AWS::RDS::DBInstance',
    );
    const clusters = figures.resources.filter(
      (r): r is RdsDbCluster => r.resourceType === 'AWS::RDS::DBCluster',
    );
    expect(instances).toHaveLength(250);
    expect(clusters).toHaveLength(40);
    // Every standalone instance and cluster got its group's TLS parameter and every instance its CA's date.
    expect(instances.filter((db) => !db.dbClusterIdentifier && db.groupParameters === undefined)).toEqual([]);
    expect(clusters.filter((cluster) => cluster.groupParameters === undefined)).toEqual([]);
    expect(instances.filter((db) => db.caValidTill === undefined)).toEqual([]);
  });

  it('reads RDS live in Config mode too, with only the groups and CAs the enabled rules need', async () => {
    // Prepare: rds-transport-not-enforced off, so no parameter group is read.
    const rds = generateAccount({ ...EMPTY_ACCOUNT, rdsInstances: 30, rdsClusters: 3 }, { now: NOW });
    const policy = policySchema.parse({ rules: { 'rds-transport-not-enforced': { mode: 'off' } } });
    const plan = readPlanFor(policy, RULES);

    // Act
    const figures = await runSweep({ account: rds, mode: 'config', clientLimits: {}, plan });

    // Assess
    expect(figures.errors).toEqual([]);
    expect(figures.calls['rds:DescribeDBInstances']).toBe(1);
    expect(figures.calls['rds:DescribeDBParameters']).toBeUndefined();
    expect(figures.calls['rds:DescribeDBClusterParameters']).toBeUndefined();
    expect(figures.calls['rds:DescribeCertificates']).toBe(1);
    expect(figures.calls).toEqual(plannedCalls(rds, plan, 'config'));
  });

  it('lists 121 DataSync locations in two pages and describes only the kinds whose output decides: planned is the minimum', async () => {
    // Prepare: the eleven kinds, 11 of each (6 on the encrypted setting, 5 not).
    const sync = generateAccount({ ...EMPTY_ACCOUNT, dataSyncLocations: 121 }, { now: NOW });

    // Act
    const figures = await runSweep({ account: sync, mode: 'describe', clientLimits: {} });

    // Assess: 2 pages in eu-west-1, 1 empty page in us-east-1; one Describe* per object storage, EFS, HDFS, SMB
    // and FSx for ONTAP over SMB location; none for S3, Azure Blob, NFS, FSx for OpenZFS, Windows, Lustre, ONTAP NFS.
    expect(figures.errors).toEqual([]);
    const calls = Object.fromEntries(
      Object.entries(figures.calls).filter(([api]) => api.startsWith('datasync:')),
    );
    expect(calls['datasync:ListLocations']).toBe(2 + 1);
    expect(calls['datasync:DescribeLocationSmb']).toBe(11);
    expect(calls['datasync:DescribeLocationAzureBlob']).toBeUndefined();
    expect(calls['datasync:DescribeLocationS3']).toBeUndefined();
    expect(calls['datasync:DescribeLocationNfs']).toBeUndefined();
    const describes = Object.entries(calls)
      .filter(([api]) => api.startsWith('datasync:Describe'))
      .reduce((sum, [, count]) => sum + count, 0);
    expect(describes).toBe(5 * 11);
    expect(figures.calls).toEqual(plannedCalls(sync, defaultReadPlan(), 'describe'));
    expect(plannedCalls(sync, defaultReadPlan(), 'describe')).toEqual(minimumCalls(sync));
    const locations = figures.resources.filter((r): r is DataSyncLocation =>
      r.resourceType.startsWith('AWS::DataSync::'),
    );
    expect(locations).toHaveLength(121);
    const objectStorage = locations.filter((l) => l.resourceType === 'AWS::DataSync::LocationObjectStorage');
    expect(objectStorage.map((l) => l.serverProtocol).sort()).toEqual([
      ...Array(5).fill('HTTP'),
      ...Array(6).fill('HTTPS'),
    ]);
  });

  it('lists 16 VPCs and their encryption controls, and asks what blocks enforce mode only for the VPCs in monitor mode', async () => {
    // Prepare: 4 without a control, 4 enforced, 8 in monitor mode (2 of them with three blocking resources).
    const net = generateAccount({ ...EMPTY_ACCOUNT, vpcs: 16 }, { now: NOW });

    // Act
    const figures = await runSweep({ account: net, mode: 'describe', clientLimits: {} });

    // Assess: one listing each per region (us-east-1 empty), one blocking list per monitored VPC.
    expect(figures.errors).toEqual([]);
    expect(figures.calls['ec2:DescribeVpcs']).toBe(2);
    expect(figures.calls['ec2:DescribeVpcEncryptionControls']).toBe(2);
    expect(figures.calls['ec2:GetVpcResourcesBlockingEncryptionEnforcement']).toBe(8);
    expect(figures.calls).toEqual(plannedCalls(net, defaultReadPlan(), 'describe'));
    const vpcs = figures.resources.filter((r): r is Vpc => r.resourceType === 'AWS::EC2::VPC');
    expect(vpcs).toHaveLength(16);
    expect(vpcs.filter((vpc) => (vpc.blockingResources?.length ?? 0) === 3)).toHaveLength(2);
  });
});
