/**
 * A generated AWS account for the stand-in: deterministic (no randomness), in the shapes the APIs return
 * (PascalCase for ELB and ACM, lowerCamelCase for EC2 and Direct Connect), with the AWS Config items of
 * the same resources for the Config inventory mode.
 */

export interface AccountShape {
  certificates: number;
  /** Certificates in use (InUse true, InUseBy naming a load balancer). */
  certificatesInUse: number;
  importedCertificates: number;
  privateCertificates: number;
  albs: number;
  nlbs: number;
  listenersPerLoadBalancer: number;
  classicLoadBalancers: number;
  vpnConnections: number;
  dxConnections: number;
  dxLags: number;
  /** ELBv2 target groups, spread over the load balancers (none when absent). */
  targetGroups?: number;
  /** VPC Lattice services, each with an HTTP and an HTTPS (or TLS_PASSTHROUGH) listener (none when absent). */
  latticeServices?: number;
  /** API Gateway custom domain names (GetDomainNames items). */
  apiGatewayDomainNames?: number;
  /** CloudFront distributions (global: answered for requests signed for any region; none when absent). */
  cloudFrontDistributions?: number;
  /** S3 buckets in the account's region (none when absent). */
  s3Buckets?: number;
  /** RDS DB instances not in a cluster (none when absent). */
  rdsInstances?: number;
  /** Aurora DB clusters, each with one member instance (none when absent). */
  rdsClusters?: number;
  /** DataSync locations, the eleven kinds in turn (none when absent). */
  dataSyncLocations?: number;
  /** VPCs: a quarter without encryption control, a quarter enforced, half in monitor mode (none when absent). */
  vpcs?: number;
}

/** The standard account of bench/sweep. */
export const STANDARD_ACCOUNT: AccountShape = {
  certificates: 1000,
  certificatesInUse: 300,
  importedCertificates: 100,
  privateCertificates: 200,
  albs: 100,
  nlbs: 80,
  listenersPerLoadBalancer: 3,
  classicLoadBalancers: 20,
  vpnConnections: 50,
  dxConnections: 20,
  dxLags: 5,
  targetGroups: 300,
  latticeServices: 50,
  apiGatewayDomainNames: 100,
  cloudFrontDistributions: 100,
  s3Buckets: 5000,
  // 2,000 databases: 1,500 standalone instances and 500 Aurora clusters.
  rdsInstances: 1500,
  rdsClusters: 500,
  // 11 kinds x 10: two ListLocations pages of 100.
  dataSyncLocations: 110,
  vpcs: 40,
};

/** An account with nothing in it: what another region of the same account holds (the stand-in answers with it). */
export const EMPTY_ACCOUNT: AccountShape = {
  certificates: 0,
  certificatesInUse: 0,
  importedCertificates: 0,
  privateCertificates: 0,
  albs: 0,
  nlbs: 0,
  listenersPerLoadBalancer: 0,
  classicLoadBalancers: 0,
  vpnConnections: 0,
  dxConnections: 0,
  dxLags: 0,
};

export type Json = Record<string, unknown>;

interface Certificate {
  /** DescribeCertificate's CertificateDetail (KeyAlgorithm spelled "RSA-2048", as DescribeCertificate spells it). */
  detail: Json;
  /** The ListCertificates summary (KeyAlgorithm spelled "RSA_2048", the API enum). */
  summary: Json;
  /** The API enum spelling, for the Includes.keyTypes filter. */
  keyType: string;
}

export interface GeneratedAccount {
  region: string;
  accountId: string;
  /** The moment the account is generated for (NotAfter dates are relative to it). */
  now: Date;
  certificates: Certificate[];
  loadBalancers: Json[];
  listeners: Json[];
  /** DescribeRules output by listener ARN (HTTP listeners only have rules beyond the default one). */
  rules: Map<string, Json[]>;
  classicLoadBalancers: Json[];
  /** DescribeLoadBalancerPolicies output by load balancer name. */
  classicPolicies: Map<string, Json[]>;
  sslPolicies: Json[];
  /** DescribeVpnConnections items (lowerCamelCase, as the EC2 XML carries them). */
  vpnConnections: Json[];
  dxConnections: Json[];
  dxLags: Json[];
  /** AWS Config items of the recorded types (SelectResourceConfig results). */
  configItems: Json[];
  /** DescribeTargetGroups items. */
  targetGroups: Json[];
  /** VPC Lattice ListServices items, and ListListeners items by service id. */
  latticeServices: Json[];
  latticeListeners: Map<string, Json[]>;
  /** CloudFront ListDistributions items (DistributionSummary); GetDistribution builds its Distribution from one. */
  cloudFrontDistributions: Json[];
  /** API Gateway GetDomainNames items (camelCase, as the REST API returns them). */
  apiGatewayDomainNames: Json[];
  /** S3 buckets by name, in ListBuckets order. */
  s3Buckets: Map<string, S3BucketEntry>;
  /** RDS: DescribeDBInstances items (standalone, then the clusters' members), DescribeDBClusters items. */
  rdsInstances: Json[];
  rdsClusters: Json[];
  /** The TLS parameter (a DescribeDBParameters / DescribeDBClusterParameters item) of each group, by group name. */
  rdsParameterGroups: Map<string, Json>;
  rdsClusterParameterGroups: Map<string, Json>;
  /** DescribeCertificates items: the region's CAs. */
  rdsCertificates: Json[];
  /** DataSync: ListLocations entries, and each location's Describe* output (with its operation) by ARN. */
  dataSyncLocations: Json[];
  dataSyncDescribed: Map<string, { operation: string; output: Json }>;
  /** DescribeVpcs items and DescribeVpcEncryptionControls items, in the EC2 XML's lowerCamelCase names. */
  vpcs: Json[];
  vpcEncryptionControls: Json[];
  /** GetVpcResourcesBlockingEncryptionEnforcement items by VPC id (VPCs in monitor mode only). */
  vpcBlocking: Map<string, Json[]>;
}

/** A bucket: its ListBuckets entry, its policy text (null: none) and whether it hosts a website. */
interface S3BucketEntry {
  listing: Json;
  policy: string | null;
  website: boolean;
}

const DAY_MS = 86_400_000;
const KEY_TYPES = [
  'RSA_2048',
  'EC_prime256v1',
  'RSA_4096',
  'EC_secp384r1',
  'RSA_3072',
  'RSA_1024',
  'EC_secp521r1',
];
const ELBV2_POLICIES = [
  'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-2021-06',
  'ELBSecurityPolicy-2016-08',
  'ELBSecurityPolicy-TLS-1-2-Ext-2018-06',
];
/** A policy the bundled TLS data does not know: the sweep asks DescribeSSLPolicies once for it. */
const UNKNOWN_POLICY = 'ELBSecurityPolicy-TLS13-1-3-2099-01';

const hex = (value: number, width: number) =>
  (Math.abs(Math.imul(value + 1, 2_654_435_761)) >>> 0).toString(16).padStart(width, '0').slice(-width);

const hyphenated = (keyType: string) => keyType.replace('_', '-');

function certificate(
  account: GeneratedAccount,
  shape: AccountShape,
  index: number,
  users: string[],
): Certificate {
  const { region, accountId, now } = account;
  const arn = `arn:aws:acm:${region}:${accountId}:certificate/${hex(index, 8)}-1111-4111-8111-${hex(index * 7, 12)}`;
  const every = (count: number) => (count > 0 ? Math.max(1, Math.floor(shape.certificates / count)) : 0);
  const importedEvery = every(shape.importedCertificates);
  const privateEvery = every(shape.privateCertificates);
  const imported = importedEvery > 0 && index % importedEvery === 0;
  const isPrivate = !imported && privateEvery > 0 && index % privateEvery === 1 % privateEvery;
  const type = imported ? 'IMPORTED' : isPrivate ? 'PRIVATE' : 'AMAZON_ISSUED';
  const inUse = users.length > 0;
  const keyType = KEY_TYPES[index % KEY_TYPES.length] as string;
  let status = 'ISSUED';
  if (index % 50 === 7) status = 'EXPIRED';
  else if (index % 100 === 33 && type !== 'IMPORTED') status = 'PENDING_VALIDATION';
  else if (index % 200 === 45 && type === 'AMAZON_ISSUED') status = 'FAILED';
  const days = status === 'EXPIRED' ? -((index % 30) + 1) : ((index * 37) % 400) + 1;
  const notAfter = new Date(now.getTime() + days * DAY_MS);
  const notBefore = new Date(notAfter.getTime() - 395 * DAY_MS);
  const renewalEligibility = type !== 'IMPORTED' && inUse ? 'ELIGIBLE' : 'INELIGIBLE';
  const signatureAlgorithm =
    type === 'IMPORTED' && index % 30 === 0
      ? 'SHA1WITHRSA'
      : keyType.startsWith('EC')
        ? 'SHA256WITHECDSA'
        : 'SHA256WITHRSA';
  const domain = `svc-${index}.example.com`;
  const detail: Json = {
    CertificateArn: arn,
    DomainName: domain,
    SubjectAlternativeNames: [domain],
    Status: status,
    Type: type,
    KeyAlgorithm: hyphenated(keyType),
    SignatureAlgorithm: signatureAlgorithm,
    Issuer: type === 'IMPORTED' ? 'Example Trust Services RSA CA 2024' : 'Amazon',
    CreatedAt: notBefore.getTime() / 1000,
    NotBefore: notBefore.getTime() / 1000,
    NotAfter: notAfter.getTime() / 1000,
    InUseBy: users,
    RenewalEligibility: renewalEligibility,
    ...(type !== 'IMPORTED' && status === 'ISSUED' && days <= 60
      ? {
          RenewalSummary: {
            RenewalStatus: index % 3 === 0 ? 'FAILED' : 'PENDING_AUTO_RENEWAL',
            ...(index % 3 === 0 ? { RenewalStatusReason: 'CAA_ERROR' } : {}),
            UpdatedAt: now.getTime() / 1000,
          },
        }
      : {}),
    Options: {
      CertificateTransparencyLoggingPreference:
        type === 'AMAZON_ISSUED' && index % 40 === 13 ? 'DISABLED' : 'ENABLED',
    },
  };
  const summary: Json = {
    CertificateArn: arn,
    DomainName: domain,
    SubjectAlternativeNameSummaries: [domain],
    HasAdditionalSubjectAlternativeNames: false,
    Status: status,
    Type: type,
    KeyAlgorithm: keyType,
    InUse: inUse,
    RenewalEligibility: renewalEligibility,
    NotBefore: notBefore.getTime() / 1000,
    NotAfter: notAfter.getTime() / 1000,
    CreatedAt: notBefore.getTime() / 1000,
  };
  return { detail, summary, keyType };
}

function redirect(): Json {
  return {
    Type: 'redirect',
    Order: 1,
    RedirectConfig: {
      Protocol: 'HTTPS',
      Port: '443',
      Host: '#{host}',
      Path: '/#{path}',
      Query: '#{query}',
      StatusCode: 'HTTP_301',
    },
  };
}

function forward(targetGroupArn: string): Json {
  return { Type: 'forward', Order: 1, TargetGroupArn: targetGroupArn };
}

/** lowerCamelCase keys, as AWS Config writes a configuration. */
function camel(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camel);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key.charAt(0).toLowerCase() + key.slice(1), camel(inner)]),
    );
  }
  return value;
}

function configItem(account: GeneratedAccount, item: Json): Json {
  return {
    accountId: account.accountId,
    awsRegion: account.region,
    configurationItemStatus: 'OK',
    configurationItemCaptureTime: account.now.toISOString(),
    tags: {},
    ...item,
  };
}

const quantity = (items: unknown[]) => ({
  Quantity: items.length,
  ...(items.length > 0 ? { Items: items } : {}),
});

/**
 * A CloudFront DistributionSummary (field names from the CloudFront API reference, DistributionSummary:
 * https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_DistributionSummary.html). A quarter each:
 * redirect-to-https with TLSv1.2_2021 and a TLSv1.2 origin; an allow-all behavior; a TLSv1 viewer policy with
 * SSLv3/TLSv1 origin protocols; the CloudFront default certificate in front of an S3 origin.
 */
function distribution(account: GeneratedAccount, index: number): Json {
  const id = `E${hex(index, 13).toUpperCase()}`;
  const kind = index % 4;
  const custom = kind !== 3;
  const origin = custom
    ? {
        Id: 'app',
        DomainName: `app-${index}.example.com`,
        OriginPath: '',
        CustomHeaders: quantity([]),
        CustomOriginConfig: {
          HTTPPort: 80,
          HTTPSPort: 443,
          OriginProtocolPolicy: kind === 2 ? 'match-viewer' : 'https-only',
          OriginSslProtocols: quantity(kind === 2 ? ['SSLv3', 'TLSv1'] : ['TLSv1.2']),
          OriginReadTimeout: 30,
          OriginKeepaliveTimeout: 5,
        },
        ConnectionAttempts: 3,
        ConnectionTimeout: 10,
      }
    : {
        Id: 'assets',
        DomainName: `assets-${index}.s3.us-east-1.amazonaws.com`,
        OriginPath: '',
        CustomHeaders: quantity([]),
        S3OriginConfig: { OriginAccessIdentity: '' },
        ConnectionAttempts: 3,
        ConnectionTimeout: 10,
      };
  const certificate =
    kind === 3
      ? { CloudFrontDefaultCertificate: true, MinimumProtocolVersion: 'TLSv1' }
      : {
          CloudFrontDefaultCertificate: false,
          ACMCertificateArn: `arn:aws:acm:us-east-1:${account.accountId}:certificate/${hex(index, 8)}-0000-4000-8000-${hex(index, 12)}`,
          SSLSupportMethod: 'sni-only',
          MinimumProtocolVersion: kind === 2 ? 'TLSv1' : 'TLSv1.2_2021',
        };
  return {
    Id: id,
    ARN: `arn:aws:cloudfront::${account.accountId}:distribution/${id}`,
    Status: 'Deployed',
    LastModifiedTime: new Date(account.now.getTime() - (index + 1) * 3_600_000).toISOString(),
    DomainName: `d${hex(index, 13)}.cloudfront.net`,
    Aliases: quantity(kind === 3 ? [] : [`www-${index}.example.com`]),
    Origins: quantity([origin]),
    DefaultCacheBehavior: {
      TargetOriginId: origin.Id,
      ViewerProtocolPolicy: kind === 1 ? 'allow-all' : kind === 3 ? 'https-only' : 'redirect-to-https',
      CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
    },
    CacheBehaviors: quantity([]),
    CustomErrorResponses: quantity([]),
    Comment: `distribution ${index}`,
    PriceClass: 'PriceClass_All',
    Enabled: true,
    ViewerCertificate: certificate,
    Restrictions: { GeoRestriction: { RestrictionType: 'none', Quantity: 0 } },
    WebACLId: '',
    HttpVersion: 'http2',
    IsIPV6Enabled: true,
    Staging: false,
  };
}

/**
 * An S3 bucket and its Config item (supplementaryConfiguration.BucketPolicy.policyText, and
 * BucketWebsiteConfiguration when it hosts a website). A quarter each: a Deny on aws:SecureTransport false on the
 * bucket and its objects; the same Deny on the objects only; no policy; an Allow-only policy. One in ten hosts a
 * website.
 */
function addBucket(account: GeneratedAccount, index: number): void {
  const name = `bucket-${hex(index, 6)}-${account.accountId}`;
  const arn = `arn:aws:s3:::${name}`;
  const deny = (resource: string | string[]) => ({
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: resource,
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  });
  const allow = {
    Sid: 'AllowAccountRead',
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${account.accountId}:root` },
    Action: 's3:GetObject',
    Resource: `${arn}/*`,
  };
  const statements = [[allow, deny([arn, `${arn}/*`])], [deny(`${arn}/*`)], undefined, [allow]][index % 4];
  const policy = statements ? JSON.stringify({ Version: '2012-10-17', Statement: statements }) : null;
  const website = index % 10 === 0;
  const creationDate = new Date(account.now.getTime() - (index + 1) * DAY_MS).toISOString();
  account.s3Buckets.set(name, {
    listing: { Name: name, CreationDate: creationDate, BucketRegion: account.region },
    policy,
    website,
  });
  account.configItems.push(
    configItem(account, {
      resourceType: 'AWS::S3::Bucket',
      resourceId: name,
      resourceName: name,
      arn,
      configuration: { name, creationDate },
      supplementaryConfiguration: {
        BucketPolicy: { policyText: policy },
        ...(website ? { BucketWebsiteConfiguration: { indexDocumentSuffix: 'index.html' } } : {}),
      },
    }),
  );
}

// ------------------------------------------------------------------------------------------------ RDS

/**
 * The RDS CAs (DescribeCertificates) with their ValidTill, as shared/families/rds/reference.ts records them
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL.html); rds-ca-2019 has expired.
 */
const RDS_CAS: [string, string][] = [
  ['rds-ca-rsa2048-g1', '2061-05-24T22:59:00.000Z'],
  ['rds-ca-ecc384-g1', '2121-05-24T23:06:59.000Z'],
  ['rds-ca-rsa4096-g1', '2121-05-24T23:03:20.000Z'],
  ['rds-ca-2019', '2024-08-22T17:08:50.000Z'],
];

/**
 * Engines with a TLS parameter (rds.force_ssl or require_secure_transport) and the value their default group
 * holds (undefined: the item has no ParameterValue, as AWS lists an engine default it does not state).
 */
const RDS_ENGINES = [
  { engine: 'postgres', version: '16.3', family: 'postgres16', parameter: 'rds.force_ssl', byDefault: '1' },
  {
    engine: 'mysql',
    version: '8.0.39',
    family: 'mysql8.0',
    parameter: 'require_secure_transport',
    byDefault: '0',
  },
  {
    engine: 'mariadb',
    version: '10.11.8',
    family: 'mariadb10.11',
    parameter: 'require_secure_transport',
    byDefault: '0',
  },
  { engine: 'postgres', version: '14.12', family: 'postgres14', parameter: 'rds.force_ssl', byDefault: '0' },
];
const AURORA_ENGINES = [
  {
    engine: 'aurora-mysql',
    version: '8.0.mysql_aurora.3.05.2',
    family: 'aurora-mysql8.0',
    parameter: 'require_secure_transport',
    byDefault: '0',
  },
  {
    engine: 'aurora-postgresql',
    version: '14.11',
    family: 'aurora-postgresql14',
    parameter: 'rds.force_ssl',
    byDefault: '0',
  },
];
/** Custom groups per engine family: a database in three uses its family's default group. */
const RDS_CUSTOM_GROUPS = 10;

/** A group's TLS parameter as DescribeDBParameters lists it (custom groups: even numbers require TLS). */
function rdsParameter(engine: (typeof RDS_ENGINES)[number], custom: number | undefined): Json {
  const value = custom === undefined ? engine.byDefault : custom % 2 === 0 ? '1' : '0';
  return {
    ParameterName: engine.parameter,
    ParameterValue: value,
    Description: 'Force SSL connections.',
    Source: custom === undefined ? 'engine-default' : 'user',
    ApplyType: 'dynamic',
    DataType: 'boolean',
    AllowedValues: '0,1',
    IsModifiable: true,
    ApplyMethod: 'pending-reboot',
  };
}

/**
 * The group a database uses: its family's default for one database in three of that family (turn: the
 * database's rank within its engine family), else one of the family's custom groups in turn.
 */
function rdsGroup(
  groups: Map<string, Json>,
  engine: (typeof RDS_ENGINES)[number],
  turn: number,
  kind: 'db' | 'cluster',
): string {
  const custom = turn % 3 === 0 ? undefined : turn % RDS_CUSTOM_GROUPS;
  const name =
    custom === undefined
      ? `default.${engine.family}`
      : `${kind}-${engine.family.replace('.', '-')}-tls-${custom}`;
  if (!groups.has(name)) groups.set(name, rdsParameter(engine, custom));
  return name;
}

function rdsInstance(
  account: GeneratedAccount,
  id: string,
  engine: (typeof RDS_ENGINES)[number],
  index: number,
) {
  const [ca, validTill] = RDS_CAS[index % RDS_CAS.length] as [string, string];
  return {
    DBInstanceIdentifier: id,
    DBInstanceArn: `arn:aws:rds:${account.region}:${account.accountId}:db:${id}`,
    DBInstanceClass: 'db.r6g.large',
    Engine: engine.engine,
    EngineVersion: engine.version,
    DBInstanceStatus: 'available',
    CACertificateIdentifier: ca,
    // The server certificate is issued by the CA and renewed a year at a time, never past the CA's ValidTill.
    CertificateDetails: {
      CAIdentifier: ca,
      ValidTill: new Date(
        Math.min(Date.parse(validTill), account.now.getTime() + 200 * DAY_MS),
      ).toISOString(),
    },
  };
}

/** Standalone DB instances over four engines, then Aurora clusters with one writer each; four CAs in turn. */
function addRds(account: GeneratedAccount, instances: number, clusters: number): void {
  if (instances + clusters > 0)
    account.rdsCertificates.push(
      ...RDS_CAS.map(([id, validTill]) => ({
        CertificateIdentifier: id,
        CertificateType: 'CA',
        Thumbprint: hex(id.length, 40),
        ValidFrom: '2021-05-25T22:38:23.000Z',
        ValidTill: validTill,
        CertificateArn: `arn:aws:rds:${account.region}::cert:${id}`,
        CustomerOverride: false,
      })),
    );
  for (let index = 0; index < instances; index++) {
    const engine = RDS_ENGINES[index % RDS_ENGINES.length] as (typeof RDS_ENGINES)[number];
    const group = rdsGroup(account.rdsParameterGroups, engine, Math.floor(index / RDS_ENGINES.length), 'db');
    account.rdsInstances.push({
      ...rdsInstance(account, `db-${hex(index, 6)}`, engine, index),
      DBParameterGroups: [{ DBParameterGroupName: group, ParameterApplyStatus: 'in-sync' }],
    });
  }
  for (let index = 0; index < clusters; index++) {
    const engine = AURORA_ENGINES[index % AURORA_ENGINES.length] as (typeof AURORA_ENGINES)[number];
    const id = `cluster-${hex(index, 6)}`;
    const writer = `${id}-instance-1`;
    account.rdsClusters.push({
      DBClusterIdentifier: id,
      DBClusterArn: `arn:aws:rds:${account.region}:${account.accountId}:cluster:${id}`,
      Engine: engine.engine,
      EngineVersion: engine.version,
      Status: 'available',
      DBClusterParameterGroup: rdsGroup(
        account.rdsClusterParameterGroups,
        engine,
        Math.floor(index / AURORA_ENGINES.length),
        'cluster',
      ),
      DBClusterMembers: [{ DBInstanceIdentifier: writer, IsClusterWriter: true, PromotionTier: 1 }],
    });
    account.rdsInstances.push({
      ...rdsInstance(account, writer, engine, index),
      DBClusterIdentifier: id,
      // A member's DB group does not hold the TLS parameter that counts (the cluster group does).
      DBParameterGroups: [
        { DBParameterGroupName: `default.${engine.family}`, ParameterApplyStatus: 'in-sync' },
      ],
    });
  }
}

// ------------------------------------------------------------------------------------------- DataSync

/**
 * Each location kind: its LocationUri scheme, its Describe* operation, and the transport fields of its output in
 * two variants (even index: the encrypted setting, odd: the plaintext or older one). Field names and values from
 * the DataSync API reference (DescribeLocationObjectStorage ServerProtocol HTTP | HTTPS, DescribeLocationEfs
 * InTransitEncryption NONE | TLS1_2, DescribeLocationHdfs QopConfiguration, MountOptions.Version), as
 * shared/families/datasync/describe.ts reads them.
 */
const DATASYNC_KINDS: { scheme: string; operation: string; fields: (encrypted: boolean) => Json }[] = [
  {
    scheme: 'object-storage',
    operation: 'DescribeLocationObjectStorage',
    fields: (on) => ({ ServerProtocol: on ? 'HTTPS' : 'HTTP', ServerPort: on ? 443 : 80 }),
  },
  {
    scheme: 'efs',
    operation: 'DescribeLocationEfs',
    fields: (on) => ({ InTransitEncryption: on ? 'TLS1_2' : 'NONE' }),
  },
  {
    scheme: 'hdfs',
    operation: 'DescribeLocationHdfs',
    fields: (on) => ({
      QopConfiguration: {
        RpcProtection: on ? 'PRIVACY' : 'AUTHENTICATION',
        DataTransferProtection: on ? 'PRIVACY' : 'DISABLED',
      },
    }),
  },
  {
    scheme: 'smb',
    operation: 'DescribeLocationSmb',
    fields: (on) => ({ MountOptions: { Version: on ? 'SMB3' : 'SMB2' } }),
  },
  {
    scheme: 'nfs',
    operation: 'DescribeLocationNfs',
    fields: (on) => ({ MountOptions: { Version: on ? 'NFS4_1' : 'NFS3' } }),
  },
  { scheme: 's3', operation: 'DescribeLocationS3', fields: () => ({ S3StorageClass: 'STANDARD' }) },
  {
    scheme: 'fsxn-smb',
    operation: 'DescribeLocationFsxOntap',
    fields: (on) => ({ Protocol: { SMB: { MountOptions: { Version: on ? 'SMB3' : 'SMB2' } } } }),
  },
  { scheme: 'fsxw', operation: 'DescribeLocationFsxWindows', fields: () => ({}) },
  { scheme: 'fsxl', operation: 'DescribeLocationFsxLustre', fields: () => ({}) },
  {
    scheme: 'fsxz',
    operation: 'DescribeLocationFsxOpenZfs',
    fields: () => ({ Protocol: { NFS: { MountOptions: { Version: 'NFS4_1' } } } }),
  },
  {
    scheme: 'azure-blob',
    operation: 'DescribeLocationAzureBlob',
    fields: () => ({ AuthenticationType: 'SAS' }),
  },
];

/** A location of the kind its index names in turn, half of each kind on the encrypted setting. */
function addDataSyncLocation(account: GeneratedAccount, index: number): void {
  const kind = DATASYNC_KINDS[index % DATASYNC_KINDS.length] as (typeof DATASYNC_KINDS)[number];
  const arn = `arn:aws:datasync:${account.region}:${account.accountId}:location/loc-${hex(index, 17)}`;
  const uri = `${kind.scheme}://host-${index}.example.com/share-${index}/`;
  account.dataSyncLocations.push({ LocationArn: arn, LocationUri: uri });
  account.dataSyncDescribed.set(arn, {
    operation: kind.operation,
    output: {
      LocationArn: arn,
      LocationUri: uri,
      CreationTime: Math.floor(account.now.getTime() / 1000) - index * 3600,
      ...kind.fields(Math.floor(index / DATASYNC_KINDS.length) % 2 === 0),
    },
  });
}

// ------------------------------------------------------------------------------------------------ VPC

/**
 * A VPC (DescribeVpcs) and its encryption control (DescribeVpcEncryptionControls; Mode monitor | enforce, State
 * available: the SDK's VpcEncryptionControl enums). Index mod 4: 0 no control, 1 enforce, 2 and 3 monitor; a VPC in
 * monitor mode of index mod 8 = 2 has three resources blocking enforcement (Type is a free string in the API).
 */
function addVpc(account: GeneratedAccount, index: number): void {
  const vpcId = `vpc-${hex(index + 0x100000, 17)}`;
  const mode = index % 4 === 0 ? undefined : index % 4 === 1 ? 'enforce' : 'monitor';
  const control = mode
    ? { vpcId, vpcEncryptionControlId: `vpcec-${hex(index, 17)}`, mode, state: 'available' }
    : undefined;
  account.vpcs.push({
    ownerId: account.accountId,
    vpcId,
    state: 'available',
    cidrBlock: `10.${index % 256}.0.0/16`,
    isDefault: false,
    ...(control ? { encryptionControl: control } : {}),
  });
  if (control) account.vpcEncryptionControls.push(control);
  if (mode === 'monitor')
    account.vpcBlocking.set(
      vpcId,
      index % 8 === 2
        ? [
            {
              id: `igw-${hex(index, 17)}`,
              type: 'internet-gateway',
              description: 'Internet gateway',
              isExcludable: true,
            },
            {
              id: `eni-${hex(index, 17)}`,
              type: 'network-interface',
              description: 'Nitro v3 instance',
              isExcludable: false,
            },
            {
              id: `nat-${hex(index, 17)}`,
              type: 'nat-gateway',
              description: 'NAT gateway',
              isExcludable: true,
            },
          ]
        : [],
    );
}

/** A generated account of the given shape, in one region. */
export function generateAccount(
  shape: AccountShape = STANDARD_ACCOUNT,
  options: { region?: string; accountId?: string; now?: Date } = {},
): GeneratedAccount {
  const account: GeneratedAccount = {
    region: options.region ?? 'eu-west-1',
    accountId: options.accountId ?? '111122223333',
    now: options.now ?? new Date(),
    certificates: [],
    loadBalancers: [],
    listeners: [],
    rules: new Map(),
    classicLoadBalancers: [],
    classicPolicies: new Map(),
    sslPolicies: [],
    vpnConnections: [],
    dxConnections: [],
    dxLags: [],
    configItems: [],
    targetGroups: [],
    latticeServices: [],
    latticeListeners: new Map(),
    apiGatewayDomainNames: [],
    cloudFrontDistributions: [],
    s3Buckets: new Map(),
    rdsInstances: [],
    rdsClusters: [],
    rdsParameterGroups: new Map(),
    rdsClusterParameterGroups: new Map(),
    rdsCertificates: [],
    dataSyncLocations: [],
    dataSyncDescribed: new Map(),
    vpcs: [],
    vpcEncryptionControls: [],
    vpcBlocking: new Map(),
  };
  const { region, accountId } = account;
  const elb = `arn:aws:elasticloadbalancing:${region}:${accountId}`;

  // API Gateway custom domain names: Regional, a third each on TLS_1_0, TLS_1_2 and the PQ enhanced policy.
  const securityPolicies = ['TLS_1_0', 'TLS_1_2', 'SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09'];
  for (let index = 0; index < (shape.apiGatewayDomainNames ?? 0); index++) {
    const domainName = `api-${index}.example.com`;
    account.apiGatewayDomainNames.push({
      domainName,
      domainNameArn: `arn:aws:apigateway:${region}::/domainnames/${domainName}`,
      endpointConfiguration: { types: ['REGIONAL'] },
      domainNameStatus: 'AVAILABLE',
      securityPolicy: securityPolicies[index % securityPolicies.length],
    });
  }

  for (let index = 0; index < (shape.cloudFrontDistributions ?? 0); index++) {
    account.cloudFrontDistributions.push(distribution(account, index));
  }

  for (let index = 0; index < (shape.s3Buckets ?? 0); index++) addBucket(account, index);
  addRds(account, shape.rdsInstances ?? 0, shape.rdsClusters ?? 0);
  for (let index = 0; index < (shape.dataSyncLocations ?? 0); index++) addDataSyncLocation(account, index);
  for (let index = 0; index < (shape.vpcs ?? 0); index++) addVpc(account, index);

  // Load balancers first: certificates in use name them.
  const lbArns: string[] = [];
  for (let index = 0; index < shape.albs + shape.nlbs; index++) {
    const alb = index < shape.albs;
    const name = `${alb ? 'alb' : 'nlb'}-${index}`;
    const arn = `${elb}:loadbalancer/${alb ? 'app' : 'net'}/${name}/${hex(index, 16)}`;
    lbArns.push(arn);
    account.loadBalancers.push({
      LoadBalancerArn: arn,
      LoadBalancerName: name,
      DNSName: `${name}-${index}.${region}.elb.amazonaws.com`,
      Scheme: 'internet-facing',
      VpcId: `vpc-${hex(index, 8)}`,
      CreatedTime: '2025-03-25T21:26:12.920Z',
      State: { Code: 'active' },
      Type: alb ? 'application' : 'network',
      IpAddressType: 'ipv4',
    });
  }
  const certificateUsers = (index: number): string[] =>
    index < shape.certificatesInUse && lbArns.length > 0 ? [lbArns[index % lbArns.length] as string] : [];
  for (let index = 0; index < shape.certificates; index++) {
    account.certificates.push(certificate(account, shape, index, certificateUsers(index)));
  }
  const certificateArn = (index: number) =>
    (account.certificates[index % Math.max(1, account.certificates.length)]?.detail
      .CertificateArn as string) ?? `arn:aws:acm:${region}:${accountId}:certificate/none`;

  account.loadBalancers.forEach((loadBalancer, index) => {
    const arn = loadBalancer.LoadBalancerArn as string;
    const name = loadBalancer.LoadBalancerName as string;
    const alb = loadBalancer.Type === 'application';
    const targetGroup = `${elb}:targetgroup/${name}-tg/${hex(index * 3, 16)}`;
    const listenerArn = (n: number) =>
      `${elb}:listener/${alb ? 'app' : 'net'}/${name}/${hex(index, 16)}/${hex(index * 10 + n, 16)}`;
    const protocols = alb ? ['HTTP', 'HTTPS', 'HTTPS'] : ['TCP', 'TLS', 'UDP'];
    const ports = alb ? [80, 443, 8443] : [80, 443, 53];
    for (let n = 0; n < shape.listenersPerLoadBalancer; n++) {
      const protocol = protocols[n % protocols.length] as string;
      const tls = protocol === 'HTTPS' || protocol === 'TLS';
      const policy =
        index === 1 && n === 1
          ? UNKNOWN_POLICY
          : (ELBV2_POLICIES[(index + n) % ELBV2_POLICIES.length] as string);
      const listener: Json = {
        ListenerArn: listenerArn(n),
        LoadBalancerArn: arn,
        Port: (ports[n % ports.length] as number) + Math.floor(n / protocols.length),
        Protocol: protocol,
        ...(tls ? { SslPolicy: policy, Certificates: [{ CertificateArn: certificateArn(index + n) }] } : {}),
        DefaultActions: [protocol === 'HTTP' && index % 5 !== 0 ? redirect() : forward(targetGroup)],
      };
      account.listeners.push(listener);
      if (protocol === 'HTTP') {
        account.rules.set(listenerArn(n), [
          {
            RuleArn: `${elb}:listener-rule/app/${name}/${hex(index, 16)}/${hex(index * 10 + n, 16)}/${hex(index, 8)}`,
            Priority: '10',
            IsDefault: false,
            Conditions: [{ Field: 'path-pattern', Values: ['/health'] }],
            Actions: [index % 7 === 0 ? forward(targetGroup) : redirect()],
          },
          {
            RuleArn: `${elb}:listener-rule/app/${name}/${hex(index, 16)}/${hex(index * 10 + n, 16)}/default`,
            Priority: 'default',
            IsDefault: true,
            Conditions: [],
            Actions: listener.DefaultActions,
          },
        ]);
      }
      account.configItems.push(
        configItem(account, {
          resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
          resourceId: listenerArn(n),
          arn: listenerArn(n),
          configuration: listener,
        }),
      );
    }
    account.configItems.push(
      configItem(account, {
        resourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
        resourceId: arn,
        resourceName: name,
        arn,
        configuration: camel(loadBalancer),
      }),
    );
  });
  account.sslPolicies.push({
    Name: UNKNOWN_POLICY,
    SslProtocols: ['TLSv1.3'],
    Ciphers: [
      { Name: 'TLS_AES_128_GCM_SHA256', Priority: 1 },
      { Name: 'TLS_AES_256_GCM_SHA384', Priority: 2 },
    ],
    SupportedLoadBalancerTypes: ['application', 'network'],
  });

  for (let index = 0; index < shape.classicLoadBalancers; index++) {
    const name = `clb-${index}`;
    const tls = index % 2 === 0;
    const policyName = `${name}-ssl`;
    const description: Json = {
      LoadBalancerName: name,
      DNSName: `${name}-${index}.${region}.elb.amazonaws.com`,
      ListenerDescriptions: [
        ...(tls
          ? [
              {
                Listener: {
                  Protocol: 'HTTPS',
                  LoadBalancerPort: 443,
                  InstanceProtocol: 'HTTP',
                  InstancePort: 80,
                  SSLCertificateId: certificateArn(index),
                },
                PolicyNames: [policyName],
              },
            ]
          : []),
        {
          Listener: { Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 },
          PolicyNames: [],
        },
      ],
      Policies: {
        AppCookieStickinessPolicies: [],
        LBCookieStickinessPolicies: [],
        OtherPolicies: tls ? [policyName] : [],
      },
      AvailabilityZones: [`${region}a`],
      VPCId: `vpc-${hex(index, 8)}`,
      CreatedTime: '2019-03-19T03:24:02.650Z',
      Scheme: 'internet-facing',
    };
    account.classicLoadBalancers.push(description);
    const policies = tls
      ? [
          {
            PolicyName: policyName,
            PolicyTypeName: 'SSLNegotiationPolicyType',
            PolicyAttributeDescriptions: [
              {
                AttributeName: 'Reference-Security-Policy',
                AttributeValue: 'ELBSecurityPolicy-TLS-1-2-2017-01',
              },
              { AttributeName: 'Protocol-TLSv1.2', AttributeValue: 'true' },
              { AttributeName: 'ECDHE-RSA-AES128-GCM-SHA256', AttributeValue: 'true' },
              { AttributeName: 'DES-CBC3-SHA', AttributeValue: index % 4 === 0 ? 'true' : 'false' },
            ],
          },
        ]
      : [];
    account.classicPolicies.set(name, policies);
    account.configItems.push(
      configItem(account, {
        resourceType: 'AWS::ElasticLoadBalancing::LoadBalancer',
        resourceId: name,
        resourceName: name,
        arn: `${elb}:loadbalancer/${name}`,
        configuration: camel(description),
        supplementaryConfiguration: { LoadBalancerPolicies: camel(policies) },
      }),
    );
  }

  for (let index = 0; index < shape.vpnConnections; index++) {
    const id = `vpn-${hex(index, 17)}`;
    const weak = index % 10 === 3;
    const tunnel = (t: number) => ({
      outsideIpAddress: `203.0.${index & 255}.${t + 1}`,
      tunnelInsideCidr: `169.254.${index & 255}.${t * 4}/30`,
      phase1EncryptionAlgorithms: [{ value: weak ? 'AES128' : 'AES256-GCM-16' }],
      phase2EncryptionAlgorithms: [{ value: weak ? 'AES128' : 'AES256-GCM-16' }],
      phase1IntegrityAlgorithms: [{ value: weak ? 'SHA1' : 'SHA2-384' }],
      phase2IntegrityAlgorithms: [{ value: weak ? 'SHA1' : 'SHA2-384' }],
      phase1DHGroupNumbers: [{ value: weak ? 2 : 20 }],
      phase2DHGroupNumbers: [{ value: weak ? 2 : 20 }],
      ikeVersions: [{ value: weak ? 'ikev1' : 'ikev2' }],
    });
    const tunnels = [tunnel(0), tunnel(1)];
    const connection: Json = {
      vpnConnectionId: id,
      state: 'available',
      type: 'ipsec.1',
      customerGatewayId: `cgw-${hex(index, 17)}`,
      vpnGatewayId: `vgw-${hex(index, 8)}`,
      category: 'VPN',
      options: { staticRoutesOnly: false, tunnelInsideIpVersion: 'ipv4', tunnelOptions: tunnels },
      tags: [{ key: 'Name', value: `site-${index}` }],
      vgwTelemetry: tunnels.map((entry, t) => ({
        outsideIpAddress: entry.outsideIpAddress,
        status: index % 5 === 0 && t === 1 ? 'DOWN' : 'UP',
        lastStatusChange: '2026-11-20T02:11:44.000Z',
        statusMessage: '',
        acceptedRouteCount: 2,
      })),
    };
    account.vpnConnections.push(connection);
    account.configItems.push(
      configItem(account, {
        resourceType: 'AWS::EC2::VPNConnection',
        resourceId: id,
        arn: `arn:aws:ec2:${region}:${accountId}:vpn-connection/${id}`,
        configuration: connection,
      }),
    );
  }

  for (let index = 0; index < shape.dxLags; index++) {
    account.dxLags.push({
      lagId: `dxlag-${hex(index, 8)}`,
      lagName: `lag-${index}`,
      lagState: 'available',
      ownerAccount: accountId,
      region,
      location: 'EqFA5',
      connectionsBandwidth: '10Gbps',
      numberOfConnections: 2,
      minimumLinks: 1,
      macSecCapable: true,
      encryptionMode: index % 2 === 0 ? 'must_encrypt' : 'should_encrypt',
      connections: [],
    });
  }
  for (let index = 0; index < shape.dxConnections; index++) {
    const lag = account.dxLags[Math.floor(index / 2)];
    const connection: Json = {
      connectionId: `dxcon-${hex(index, 8)}`,
      connectionName: `dc-${index}`,
      connectionState: 'available',
      ownerAccount: accountId,
      region,
      location: 'EqFA5',
      bandwidth: '10Gbps',
      ...(lag && index < shape.dxLags * 2 ? { lagId: lag.lagId } : {}),
      macSecCapable: index % 4 !== 3,
      portEncryptionStatus: index % 4 === 0 ? 'Encryption Up' : 'Encryption Down',
      encryptionMode: index % 4 === 0 ? 'must_encrypt' : 'no_encrypt',
    };
    account.dxConnections.push(connection);
    if (lag && index < shape.dxLags * 2) (lag.connections as Json[]).push(connection);
  }

  // Target groups over the load balancers: HTTP and HTTPS behind ALBs, TCP and TLS behind NLBs; the first of
  // each load balancer is the one its listeners forward to.
  for (let index = 0; index < (shape.targetGroups ?? 0) && lbArns.length > 0; index++) {
    const lbArn = lbArns[index % lbArns.length] as string;
    const alb = lbArn.includes(':loadbalancer/app/');
    const first = index < lbArns.length;
    const protocol = alb ? (index % 2 === 0 ? 'HTTP' : 'HTTPS') : index % 2 === 0 ? 'TCP' : 'TLS';
    account.targetGroups.push({
      // The group the load balancer's listeners forward to (named as above), then extra ones.
      TargetGroupArn: first
        ? `${elb}:targetgroup/${lbArn.split('/')[2]}-tg/${hex(index * 3, 16)}`
        : `${elb}:targetgroup/tg-extra-${index}/${hex(index, 16)}`,
      TargetGroupName: `tg-${index}`,
      Protocol: protocol,
      Port: protocol === 'HTTP' ? 80 : 443,
      VpcId: 'vpc-0a1b2c3d4e5f60718',
      LoadBalancerArns: [lbArn],
      TargetType: 'instance',
    });
  }
  for (let index = 0; index < (shape.latticeServices ?? 0); index++) {
    const id = `svc-${hex(index, 17)}`;
    const arn = `arn:aws:vpc-lattice:${region}:${accountId}:service/${id}`;
    account.latticeServices.push({ id, arn, name: `service-${index}`, status: 'ACTIVE' });
    const secure = index % 3 === 0 ? 'TLS_PASSTHROUGH' : 'HTTPS';
    account.latticeListeners.set(
      id,
      [
        ['HTTP', 80],
        [secure, 443],
      ].map(([protocol, port], n) => ({
        arn: `${arn}/listener/listener-${hex(index * 2 + n, 17)}`,
        id: `listener-${hex(index * 2 + n, 17)}`,
        name: `${String(protocol).toLowerCase()}-${port}`,
        protocol,
        port,
      })),
    );
  }

  for (const { detail } of account.certificates) {
    account.configItems.push(
      configItem(account, {
        resourceType: 'AWS::ACM::Certificate',
        resourceId: detail.CertificateArn,
        resourceName: detail.DomainName,
        arn: detail.CertificateArn,
        configuration: camel({
          ...detail,
          NotAfter: new Date((detail.NotAfter as number) * 1000).toISOString(),
          NotBefore: new Date((detail.NotBefore as number) * 1000).toISOString(),
        }),
      }),
    );
  }
  return account;
}

/** Resources of the account, by the families of the sweep. */
export function resourceCounts(account: GeneratedAccount): Record<string, number> {
  return {
    certificates: account.certificates.length,
    loadBalancers: account.loadBalancers.length,
    listeners: account.listeners.length,
    classicLoadBalancers: account.classicLoadBalancers.length,
    vpnConnections: account.vpnConnections.length,
    dxConnections: account.dxConnections.length,
    dxLags: account.dxLags.length,
    targetGroups: account.targetGroups.length,
    latticeListeners: [...account.latticeListeners.values()].flat().length,
    apiGatewayDomainNames: account.apiGatewayDomainNames.length,
    cloudFrontDistributions: account.cloudFrontDistributions.length,
    s3Buckets: account.s3Buckets.size,
    rdsInstances: account.rdsInstances.length,
    rdsClusters: account.rdsClusters.length,
    dataSyncLocations: account.dataSyncLocations.length,
    vpcs: account.vpcs.length,
  };
}
