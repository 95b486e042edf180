/**
 * Call counts worked out from a generated account: what transit-guard's sweep plans to call, and the
 * fewest calls any reader needs for the enabled rules (the minimum the APIs allow).
 */
import type { CertificateSummary } from '@aws-sdk/client-acm';
import { describeReason, LIST_CERTIFICATES_PAGE_SIZE } from '../../shared/families/acm/live.js';
import type { AcmReadPlan } from '../../shared/families/acm/read-plan.js';
import { APIGATEWAY_PAGE_SIZE } from '../../shared/families/apigateway/live.js';
import { CLOUDFRONT_REGION } from '../../shared/families/cloudfront/describe.js';
import type { CloudFrontReadPlan } from '../../shared/families/cloudfront/read-plan.js';
import { CLASSIC_PAGE_SIZE, type ElbReadPlan } from '../../shared/families/elb/live.js';
import { ELBV2_PAGE_SIZE, type Elbv2ReadPlan } from '../../shared/families/elbv2/live.js';
import { IAM_REGION } from '../../shared/families/iam/model.js';
import { FAMILIES } from '../../shared/families/index.js';
import type { RdsReadPlan } from '../../shared/families/rds/read-plan.js';
import { tlsParameterOf } from '../../shared/families/rds/reference.js';
import { S3_LIST_PAGE_SIZE } from '../../shared/families/s3/live.js';
import type { VpnReadPlan } from '../../shared/families/vpn/live.js';
import { CONFIG_QUERY_PAGE_SIZE } from '../../shared/inventory/live/config-select.js';
import type { ReadPlan } from '../../shared/inventory/live/plan.js';
import { configTypesOf } from '../../shared/inventory/live/port.js';
import { createTlsCatalog } from '../../shared/tls/index.js';
import { EMPTY_ACCOUNT, type GeneratedAccount, generateAccount, type Json } from '../stand-in/account.js';

export type CallCounts = Record<string, number>;

/**
 * The regions a describe sweep of the account reads: its own, then each global family's region (CloudFront's
 * us-east-1, where its API answers and its distributions are listed once for the account) when it differs.
 */
export function sweptRegions(account: GeneratedAccount): string[] {
  const global = FAMILIES.flatMap((family) => family.globalRegion ?? []);
  return [...new Set([account.region, ...global])];
}

/** The same account in another region: nothing regional in it (global resources are the account's). */
function otherRegion(account: GeneratedAccount, region: string): GeneratedAccount {
  return {
    ...generateAccount(EMPTY_ACCOUNT, { region, accountId: account.accountId, now: account.now }),
    cloudFrontDistributions: account.cloudFrontDistributions,
  };
}

function addCounts(...all: CallCounts[]): CallCounts {
  const sum: CallCounts = {};
  for (const counts of all)
    for (const [api, count] of Object.entries(counts)) sum[api] = (sum[api] ?? 0) + count;
  return sum;
}

/** MaxRecords' maximum for the RDS Describe calls (RDS API reference, DescribeDBInstances: 20-100). */
const RDS_PAGE_SIZE = 100;
/** ListDistributions' MaxItems: its default and maximum (CloudFront API reference, ListDistributions). */
const CLOUDFRONT_PAGE_SIZE = 100;
const pages = (count: number, size: number) => Math.max(1, Math.ceil(count / size));
const DAY_MS = 86_400_000;
const NEVER_ISSUED = new Set(['FAILED', 'VALIDATION_TIMED_OUT']);

function withoutZeros(counts: CallCounts): CallCounts {
  return Object.fromEntries(Object.entries(counts).filter(([, count]) => count > 0));
}

export function total(counts: CallCounts): number {
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
}

function unknownPolicyInUse(account: GeneratedAccount): boolean {
  const catalog = createTlsCatalog();
  return account.listeners.some(
    (listener) =>
      (listener.Protocol === 'HTTPS' || listener.Protocol === 'TLS') &&
      typeof listener.SslPolicy === 'string' &&
      catalog.elbv2Policy(listener.SslPolicy) === undefined,
  );
}

const hasTlsClassicListener = (lb: Json) =>
  ((lb.ListenerDescriptions as Json[]) ?? []).some((description) =>
    ['HTTPS', 'SSL'].includes(String((description.Listener as Json).Protocol).toUpperCase()),
  );

const upTunnels = (account: GeneratedAccount) =>
  account.vpnConnections
    .filter((connection) => connection.state !== 'deleted')
    .flatMap((connection) => (connection.vgwTelemetry as Json[]) ?? [])
    .filter((telemetry) => telemetry.status === 'UP').length;

/** A summary as the SDK hands it over (dates as Date). */
function sdkSummary(summary: Json): CertificateSummary {
  return {
    ...summary,
    NotAfter: new Date((summary.NotAfter as number) * 1000),
    NotBefore: new Date((summary.NotBefore as number) * 1000),
  } as CertificateSummary;
}

function listingCalls(account: GeneratedAccount): CallCounts {
  return {
    'elbv2:DescribeLoadBalancers': pages(account.loadBalancers.length, ELBV2_PAGE_SIZE),
    'elbv2:DescribeListeners': account.loadBalancers.reduce(
      (sum, lb) =>
        sum +
        pages(
          account.listeners.filter((listener) => listener.LoadBalancerArn === lb.LoadBalancerArn).length,
          ELBV2_PAGE_SIZE,
        ),
      0,
    ),
    'elbv2:DescribeSSLPolicies': unknownPolicyInUse(account)
      ? pages(account.sslPolicies.length, ELBV2_PAGE_SIZE)
      : 0,
    'elb:DescribeLoadBalancers': pages(account.classicLoadBalancers.length, CLASSIC_PAGE_SIZE),
    'ec2:DescribeVpnConnections': 1,
    'directConnect:DescribeConnections': 1,
    'directConnect:DescribeLags': 1,
    'acm:ListCertificates': pages(account.certificates.length, LIST_CERTIFICATES_PAGE_SIZE),
    ...targetGroupListing(account),
    ...latticeCalls(account),
    ...vpcCalls(account),
    ...emptyFamilyCalls(),
    ...s3Calls(account),
    // Custom domain names carry their security policy; no REST API in the account (its stages need none read).
    'apigateway:GetDomainNames': pages(account.apiGatewayDomainNames.length, APIGATEWAY_PAGE_SIZE),
    // v2's listing too: no AWS text says v1 lists the domains created through v2 (live.ts).
    'apigateway:GetDomainNamesV2': pages(account.apiGatewayDomainNames.length, APIGATEWAY_PAGE_SIZE),
    'apigateway:GetRestApis': 1,
  };
}

function targetGroupListing(account: GeneratedAccount): CallCounts {
  return { 'elbv2:DescribeTargetGroups': pages(account.targetGroups.length, ELBV2_PAGE_SIZE) };
}

/**
/**
 * The generated account has no Private CA and no AWS IoT certificate, CA, domain configuration or Greengrass core
 * device: each of those families lists once a region and finds none.
 */
function emptyFamilyCalls(): CallCounts {
  return {
    'acm-pca:ListCertificateAuthorities': 1,
    ...iotDeviceCalls(),
    'iot:ListDomainConfigurations': 1,
  };
}

/**
 * VPCs in a region: DescribeVpcs once (no MaxResults: one page), DescribeVpcEncryptionControls in pages of 1,000,
 * and GetVpcResourcesBlockingEncryptionEnforcement once per VPC in monitor mode (1,000 a page). The verdict does not
 * depend on that list, but vpc-encryption-control's finding names the resources blocking enforce mode (what the
 * owner must fix), so the minimum counts it too.
 */
function vpcCalls(account: GeneratedAccount): CallCounts {
  return {
    'ec2:DescribeVpcs': 1,
    'ec2:DescribeVpcEncryptionControls': pages(account.vpcEncryptionControls.length, 1000),
    'ec2:GetVpcResourcesBlockingEncryptionEnforcement': [...account.vpcBlocking.values()].reduce(
      (sum, resources) => sum + pages(resources.length, 1000),
      0,
    ),
  };
}

/**
 * The LocationUri schemes whose Describe* output decides datasync-location-plaintext. The others' verdict follows
 * from the kind the scheme names: S3 and Azure Blob always HTTPS, NFS, FSx for OpenZFS and FSx for ONTAP over NFS
 * always NFS (plaintext), FSx for Windows and Lustre cannot be verified whatever the output says (the rule has no
 * field to read there).
 */
const DATASYNC_DECIDING = new Set(['object-storage', 'efs', 'hdfs', 'smb', 'fsxn-smb']);

/**
 * DataSync in a region: ListLocations in pages of 100 (MaxResults' maximum), then one Describe* of its kind per
 * location whose output decides; transit-guard builds the others from the listing (planned == minimum).
 */
function dataSyncCalls(account: GeneratedAccount): CallCounts {
  const counts: CallCounts = { 'datasync:ListLocations': pages(account.dataSyncLocations.length, 100) };
  for (const entry of account.dataSyncLocations) {
    const scheme = String(entry.LocationUri).split('://')[0] ?? '';
    if (!DATASYNC_DECIDING.has(scheme)) continue;
    const api = `datasync:${account.dataSyncDescribed.get(entry.LocationArn as string)?.operation}`;
    counts[api] = (counts[api] ?? 0) + 1;
  }
  return counts;
}

/** The parameter groups whose TLS parameter decides: standalone instances' DB groups, clusters' cluster groups. */
function rdsGroupsInUse(account: GeneratedAccount) {
  const db = new Map<string, Json>();
  for (const instance of account.rdsInstances) {
    const name = (instance.DBParameterGroups as Json[] | undefined)?.[0]?.DBParameterGroupName as
      | string
      | undefined;
    if (!instance.DBClusterIdentifier && name && tlsParameterOf(instance.Engine as string))
      db.set(name, instance);
  }
  const cluster = new Map<string, Json>();
  for (const item of account.rdsClusters) {
    const name = item.DBClusterParameterGroup as string | undefined;
    if (name && tlsParameterOf(item.Engine as string)) cluster.set(name, item);
  }
  return { db, cluster };
}

/**
 * A default group's TLS parameter is the engine default (default groups cannot be modified,
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithParamGroups.Modifying.html): no reader needs to ask
 * for it when the reference data gives that default for the database's engine version.
 */
const defaultKnown = (name: string, database: Json) =>
  name.startsWith('default.') &&
  tlsParameterOf(database.Engine as string)?.defaultFor(database.EngineVersion as string | undefined)
    .value !== undefined;

/**
 * RDS in a region: DescribeDBInstances and DescribeDBClusters in pages of 100 (MaxRecords' maximum), one
 * parameter-name-filtered DescribeDBParameters / DescribeDBClusterParameters per group in use
 * (rds-transport-not-enforced), DescribeCertificates once when there is an instance (rds-ca-certificate-expiry).
 * The minimum leaves out the default groups whose engine default the reference data gives.
 */
function rdsCalls(account: GeneratedAccount, plan: RdsReadPlan | 'minimum'): CallCounts {
  const { db, cluster } = rdsGroupsInUse(account);
  const needed = (groups: Map<string, Json>) =>
    [...groups].filter(([name, database]) => plan !== 'minimum' || !defaultKnown(name, database)).length;
  const parameters = plan === 'minimum' || plan.parameters;
  const certificates = plan === 'minimum' || plan.certificates;
  return {
    'rds:DescribeDBInstances': pages(account.rdsInstances.length, RDS_PAGE_SIZE),
    'rds:DescribeDBClusters': pages(account.rdsClusters.length, RDS_PAGE_SIZE),
    'rds:DescribeDBParameters': parameters ? needed(db) : 0,
    'rds:DescribeDBClusterParameters': parameters ? needed(cluster) : 0,
    'rds:DescribeCertificates':
      certificates && account.rdsInstances.length > 0
        ? pages(account.rdsCertificates.length, RDS_PAGE_SIZE)
        : 0,
  };
}

/**
 * S3, in each swept region: ListBuckets of that region's buckets (BucketRegion) in pages of 10,000, then per bucket
 * one GetBucketPolicy and one GetBucketWebsite: no listing carries either, so this is also the API minimum.
 */
function s3Calls(account: GeneratedAccount): CallCounts {
  return {
    's3:ListBuckets': pages(account.s3Buckets.size, S3_LIST_PAGE_SIZE),
    's3:GetBucketPolicy': account.s3Buckets.size,
    's3:GetBucketWebsite': account.s3Buckets.size,
  };
}

/** What IoT lists live even in Config mode: Config records no device certificate (the CAs read again beside them). */
function iotDeviceCalls(): CallCounts {
  return { 'iot:ListCertificates': 1, 'iot:ListCACertificates': 1, 'greengrass:ListCoreDevices': 1 };
}

/** VPC Lattice: one ListServices page per 100 services, one ListListeners per service (summaries carry the protocol). */
function latticeCalls(account: GeneratedAccount): CallCounts {
  return {
    'vpc-lattice:ListServices': pages(account.latticeServices.length, 100),
    'vpc-lattice:ListListeners': [...account.latticeListeners.values()].reduce(
      (sum, listeners) => sum + pages(listeners.length, 100),
      0,
    ),
  };
}

const PLAINTEXT_GROUP = new Set(['HTTP', 'TCP', 'UDP', 'TCP_UDP', 'TCP_QUIC']);

/**
 * The HTTPS listeners whose rules elbv2-target-group-plaintext needs: those of a load balancer with a plaintext
 * target group that no HTTPS or TLS listener's default actions forward to (a rule might).
 */
function targetGroupRules(account: GeneratedAccount): number {
  let count = 0;
  for (const lb of account.loadBalancers) {
    const arn = lb.LoadBalancerArn as string;
    const own = account.targetGroups.filter((group) => (group.LoadBalancerArns as string[]).includes(arn));
    const listeners = account.listeners.filter((listener) => listener.LoadBalancerArn === arn);
    const forwarded = new Set(
      listeners
        .filter((listener) => listener.Protocol === 'HTTPS' || listener.Protocol === 'TLS')
        .flatMap((listener) => (listener.DefaultActions as Json[]) ?? [])
        .map((action) => action.TargetGroupArn),
    );
    const unknown = own.some(
      (group) => PLAINTEXT_GROUP.has(String(group.Protocol)) && !forwarded.has(group.TargetGroupArn),
    );
    if (unknown) count += listeners.filter((listener) => listener.Protocol === 'HTTPS').length;
  }
  return count;
}

/**
 * CloudFront, read in the sweep of its region only: one ListDistributions page per 100 distributions, and
 * GetDistribution (the config and its ETag) for each distribution a remediating rule would change. The bench's
 * plans act on cloudfront-viewer-plaintext at most (allow-all behaviors); the others stay in notify.
 */
function cloudFrontCalls(account: GeneratedAccount, plan: ReadPlan | undefined): CallCounts {
  const acting = (plan?.cloudfront as CloudFrontReadPlan | undefined)?.viewerProtocol === true;
  const behaviors = (summary: Json) => [
    summary.DefaultCacheBehavior as Json,
    ...(((summary.CacheBehaviors as Json).Items as Json[] | undefined) ?? []),
  ];
  return {
    'cloudfront:ListDistributions': pages(account.cloudFrontDistributions.length, CLOUDFRONT_PAGE_SIZE),
    'cloudfront:GetDistribution': acting
      ? account.cloudFrontDistributions.filter((summary) =>
          behaviors(summary).some((behavior) => behavior.ViewerProtocolPolicy === 'allow-all'),
        ).length
      : 0,
  };
}

/** Each swept region's calls: the account's own region, then the global families' region (regional: empty). */
function perRegion(
  account: GeneratedAccount,
  regional: (inRegion: GeneratedAccount) => CallCounts,
  plan: ReadPlan | undefined,
): CallCounts {
  return addCounts(
    ...sweptRegions(account).map((region) => {
      const inRegion = region === account.region ? account : otherRegion(account, region);
      return addCounts(
        regional(inRegion),
        region === CLOUDFRONT_REGION ? cloudFrontCalls(account, plan) : {},
        // IAM is global too: its server certificates (none in the generated account) are listed from us-east-1.
        region === IAM_REGION ? { 'iam:ListServerCertificates': 1 } : {},
      );
    }),
  );
}

/** Exactly what transit-guard calls for a sweep of the account with this read plan (describe: every swept region). */
export function plannedCalls(
  account: GeneratedAccount,
  plan: ReadPlan,
  mode: 'describe' | 'config',
): CallCounts {
  if (mode === 'describe')
    return withoutZeros(perRegion(account, (inRegion) => plannedRegionCalls(inRegion, plan), plan));
  const read = new Set(FAMILIES.flatMap(configTypesOf));
  const items = account.configItems.filter((item) => read.has(item.resourceType as string)).length;
  return withoutZeros({
    'config:DescribeConfigurationRecorders': 1,
    'config:DescribeConfigurationRecorderStatus': 1,
    'config:SelectResourceConfig': pages(items, CONFIG_QUERY_PAGE_SIZE),
    'elbv2:DescribeSSLPolicies': listingCalls(account)['elbv2:DescribeSSLPolicies'] ?? 0,
    'directConnect:DescribeConnections': 1,
    'directConnect:DescribeLags': 1,
    // AWS Config records no VPC Lattice type.
    ...latticeCalls(account),
    // VPCs, DataSync locations, RDS databases, Private CAs and IoT device certificates are read live, not from
    // their Config items.
    ...emptyFamilyCalls(),
    // Config records IoT domain configurations and CA certificates: no domain configuration listing.
    'iot:ListDomainConfigurations': 0,
    ...vpcCalls(account),
    ...dataSyncCalls(account),
    ...rdsCalls(account, plan.rds as RdsReadPlan),
    // Config records REST APIs and stages; custom domain names are listed live.
    'apigateway:GetDomainNames': pages(account.apiGatewayDomainNames.length, APIGATEWAY_PAGE_SIZE),
    'apigateway:GetDomainNamesV2': pages(account.apiGatewayDomainNames.length, APIGATEWAY_PAGE_SIZE),
    // Bucket items carry the policy (no GetBucketPolicy); an item without BucketWebsiteConfiguration leaves the
    // website unknown, so those buckets get one GetBucketWebsite.
    's3:GetBucketWebsite': [...account.s3Buckets.values()].filter((bucket) => !bucket.website).length,
  });
}

function plannedRegionCalls(account: GeneratedAccount, plan: ReadPlan): CallCounts {
  const httpListeners = account.listeners.filter((listener) => listener.Protocol === 'HTTP');
  // Each family's part of the plan, as its readers take it.
  const elbv2 = plan.elbv2 as Elbv2ReadPlan;
  const elb = plan.elb as ElbReadPlan;
  const vpn = plan.vpn as VpnReadPlan;
  const acm = plan.acm as AcmReadPlan;
  return withoutZeros({
    ...listingCalls(account),
    ...dataSyncCalls(account),
    ...rdsCalls(account, plan.rds as RdsReadPlan),
    'elbv2:DescribeRules':
      (elbv2.listenerRules
        ? httpListeners.reduce(
            (sum, listener) =>
              sum + pages(account.rules.get(listener.ListenerArn as string)?.length ?? 1, ELBV2_PAGE_SIZE),
            0,
          )
        : 0) + targetGroupRules(account),
    'elb:DescribeLoadBalancerPolicies': elb.classicPolicies
      ? account.classicLoadBalancers.filter(hasTlsClassicListener).length
      : 0,
    'ec2:GetActiveVpnTunnelStatus': vpn.tunnelStatus ? upTunnels(account) : 0,
    'acm:DescribeCertificate': account.certificates.filter(
      (certificate) => describeReason(sdkSummary(certificate.summary), acm, account.now) !== undefined,
    ).length,
  });
}

const redirectsToHttps = (action: Json) =>
  String(action.Type).toLowerCase() === 'redirect' &&
  String((action.RedirectConfig as Json | undefined)?.Protocol).toUpperCase() === 'HTTPS';

/**
 * The fewest calls that judge every enabled rule of the default policy, whoever reads: one page per
 * listing at the largest page size, and a per-resource call only where no listing carries the field a
 * rule judges by and the resource's own listing shows the verdict can depend on it:
 * - DescribeCertificate: imported certificates (signature), issued AMAZON_ISSUED ones (transparency),
 *   ACM-renewed ISSUED ones within the 60 days of managed renewal (renewal status); never to name users.
 * - DescribeRules: only HTTP listeners whose default action redirects to HTTPS (otherwise the listener
 *   serves plaintext whatever its rules say), and HTTPS listeners of a load balancer with a plaintext target
 *   group no TLS listener's default actions forward to (elbv2-target-group-plaintext).
 * - DescribeLoadBalancerPolicies: classic load balancers with an HTTPS or SSL listener.
 * - GetActiveVpnTunnelStatus: tunnels that are UP.
 */
export function minimumCalls(account: GeneratedAccount): CallCounts {
  return withoutZeros(perRegion(account, minimumRegionCalls, undefined));
}

function minimumRegionCalls(account: GeneratedAccount): CallCounts {
  const now = account.now.getTime();
  const describes = account.certificates.filter(({ summary }) => {
    const status = String(summary.Status);
    const type = String(summary.Type);
    if (NEVER_ISSUED.has(status)) return false;
    if (type === 'IMPORTED') return true;
    if (type === 'AMAZON_ISSUED') return true;
    return status === 'ISSUED' && (summary.NotAfter as number) * 1000 - now <= 60 * DAY_MS;
  }).length;
  const rules = account.listeners.filter(
    (listener) =>
      listener.Protocol === 'HTTP' &&
      ((listener.DefaultActions as Json[]) ?? []).length > 0 &&
      ((listener.DefaultActions as Json[]) ?? []).every(redirectsToHttps),
  ).length;
  return withoutZeros({
    ...listingCalls(account),
    ...dataSyncCalls(account),
    ...rdsCalls(account, 'minimum'),
    'elbv2:DescribeRules': rules + targetGroupRules(account),
    'elb:DescribeLoadBalancerPolicies': account.classicLoadBalancers.filter(hasTlsClassicListener).length,
    'ec2:GetActiveVpnTunnelStatus': upTunnels(account),
    'acm:DescribeCertificate': describes,
  });
}
