import { readFileSync } from 'node:fs';
/**
 * The account the event fixtures (test/fixtures/events) talk about, as the SDK clients would describe it
 * (PascalCase outputs, Dates as Date), installed on aws-sdk-client-mock mocks. Every describe call is
 * answered from its input, so a test sees exactly the calls a function chose to make.
 *
 * What each resource breaks, so the findings are predictable:
 * - shop-web HTTPS listener: ELBSecurityPolicy-2016-08 (TLS 1.0, CBC ciphers);
 * - shop-edge TLS listener: a security policy the bundled data does not know (DescribeSSLPolicies), TLS 1.0;
 * - legacy-api classic load balancer: HTTPS with a negotiation policy referencing ELBSecurityPolicy-2016-08;
 * - the VPN connection: both tunnels UP, tunnel 1 permits IKEv1;
 * - dxcon-fg5t7k2m: should_encrypt (fails open); dxlag-fh8r2v6n: no_encrypt; its member dxcon-ffq3w9zp is fine;
 * - certificates: api (RSA 1024), shop (fine), renew (expires in 10 days);
 * - API Gateway: the custom domain legacy.shop.example.net on TLS_1_0; no REST API.
 * - the VPC vpc-0c3d4e5f60718293a: no encryption control (vpc-encryption-control, low).
 */
import {
  type CertificateDetail,
  type CertificateSummary,
  DescribeCertificateCommand,
  KeyAlgorithm,
  ListCertificatesCommand,
} from '@aws-sdk/client-acm';
import {
  type CertificateAuthority,
  DescribeCertificateAuthorityCommand,
  ListCertificateAuthoritiesCommand,
} from '@aws-sdk/client-acm-pca';
import {
  type DomainName,
  GetDomainNameCommand,
  GetDomainNamesCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  GetStageCommand,
  GetStagesCommand,
} from '@aws-sdk/client-api-gateway';
import { GetDomainNamesCommand as GetDomainNamesV2Command } from '@aws-sdk/client-apigatewayv2';
import { GetDistributionCommand } from '@aws-sdk/client-cloudfront';
import { GetResourceConfigHistoryCommand } from '@aws-sdk/client-config-service';
import {
  DescribeLocationAzureBlobCommand,
  DescribeLocationEfsCommand,
  DescribeLocationFsxLustreCommand,
  DescribeLocationFsxOntapCommand,
  DescribeLocationFsxOpenZfsCommand,
  DescribeLocationFsxWindowsCommand,
  DescribeLocationHdfsCommand,
  DescribeLocationNfsCommand,
  DescribeLocationObjectStorageCommand,
  DescribeLocationS3Command,
  DescribeLocationSmbCommand,
  ListLocationsCommand,
} from '@aws-sdk/client-datasync';
import {
  type Connection,
  DescribeConnectionsCommand,
  DescribeLagsCommand,
  type Lag,
} from '@aws-sdk/client-direct-connect';
import {
  DescribeVpcEncryptionControlsCommand,
  DescribeVpcsCommand,
  DescribeVpnConnectionsCommand,
  GetActiveVpnTunnelStatusCommand,
  type Vpc,
  type VpnConnection,
} from '@aws-sdk/client-ec2';
import {
  DescribeLoadBalancersCommand as DescribeClassicLoadBalancersCommand,
  DescribeLoadBalancerPoliciesCommand,
  type LoadBalancerDescription,
  type PolicyDescription,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeSSLPoliciesCommand,
  DescribeTargetGroupsCommand,
  type Listener,
  type LoadBalancer,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { ListCoreDevicesCommand } from '@aws-sdk/client-greengrassv2';
import { GetServerCertificateCommand } from '@aws-sdk/client-iam';
import {
  DescribeCACertificateCommand,
  DescribeDomainConfigurationCommand,
  DescribeCertificateCommand as DescribeIotCertificateCommand,
  ListCACertificatesCommand,
  ListDomainConfigurationsCommand,
  ListCertificatesCommand as ListIotCertificatesCommand,
  ListPrincipalThingsCommand,
} from '@aws-sdk/client-iot';
import {
  DescribeDBClusterParametersCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  DescribeDBParametersCommand,
  DescribeCertificatesCommand as DescribeRdsCertificatesCommand,
} from '@aws-sdk/client-rds';
import { GetBucketPolicyCommand, GetBucketWebsiteCommand, ListBucketsCommand } from '@aws-sdk/client-s3';
import { ListServicesCommand } from '@aws-sdk/client-vpc-lattice';
import { ACCOUNT_ID, type AwsMocks, type ExpectedRead, expectedRead, REGION } from './lambda-env.js';

const ELB = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT_ID}`;
const DAY = 86_400_000;

export const SHOP_WEB_LB = `${ELB}:loadbalancer/app/shop-web/4f1c0d2e9a7b3c55`;
export const SHOP_WEB_LISTENER = `${ELB}:listener/app/shop-web/4f1c0d2e9a7b3c55/8e2d4c6a1b3f5d70`;
export const SHOP_EDGE_LB = `${ELB}:loadbalancer/net/shop-edge/7b2e4d6f8a1c3e50`;
export const SHOP_EDGE_LISTENER = `${ELB}:listener/net/shop-edge/7b2e4d6f8a1c3e50/d4f6a8c0e2b4d6f8`;
/** A security policy newer than the bundled TLS data: only DescribeSSLPolicies knows it. */
const UNKNOWN_SSL_POLICY = 'ELBSecurityPolicy-TLS-1-0-Ext-2030-01';
export const CLASSIC_NAME = 'legacy-api';
export const CLASSIC_ARN = `${ELB}:loadbalancer/${CLASSIC_NAME}`;
export const VPN_ID = 'vpn-0c7d8e9f0a1b2c3d4';
/** The account's one VPC: the VPC encryption-control event fixtures name it. */
export const VPC_ID = 'vpc-0c3d4e5f60718293a';
/** The account's one API Gateway custom domain name: Regional, on TLS_1_0. */
const SHOP_DOMAIN: DomainName = {
  domainName: 'legacy.shop.example.net',
  domainNameArn: `arn:aws:apigateway:${REGION}::/domainnames/legacy.shop.example.net`,
  endpointConfiguration: { types: ['REGIONAL'] },
  domainNameStatus: 'AVAILABLE',
  securityPolicy: 'TLS_1_0',
};
export const SHOP_DOMAIN_ARN = SHOP_DOMAIN.domainNameArn;
const TUNNEL_IPS = ['203.0.113.17', '203.0.113.81'] as const;
export const DX_CONNECTION = 'dxcon-fg5t7k2m';
export const DX_LAG_MEMBER = 'dxcon-ffq3w9zp';
export const DX_LAG = 'dxlag-fh8r2v6n';
const certificateArn = (id: string) => `arn:aws:acm:${REGION}:${ACCOUNT_ID}:certificate/${id}`;
export const CERT_API = certificateArn('2b4d6f80-13a5-4c7e-8f90-a1b2c3d4e5f6');
export const CERT_SHOP = certificateArn('7e3f9c1a-52d4-4b8e-9a6f-0c2d4e6f8a10');
export const CERT_RENEW = certificateArn('9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d');

// ---------------------------------------------------------------- ELBv2

const loadBalancers: LoadBalancer[] = [
  {
    LoadBalancerArn: SHOP_WEB_LB,
    LoadBalancerName: 'shop-web',
    Type: 'application',
    Scheme: 'internet-facing',
    State: { Code: 'active' },
  },
  {
    LoadBalancerArn: SHOP_EDGE_LB,
    LoadBalancerName: 'shop-edge',
    Type: 'network',
    Scheme: 'internet-facing',
    State: { Code: 'active' },
  },
];

const listeners: Listener[] = [
  {
    ListenerArn: SHOP_WEB_LISTENER,
    LoadBalancerArn: SHOP_WEB_LB,
    Protocol: 'HTTPS',
    Port: 443,
    SslPolicy: 'ELBSecurityPolicy-2016-08',
    Certificates: [{ CertificateArn: CERT_SHOP }],
    DefaultActions: [
      { Type: 'forward', Order: 1, TargetGroupArn: `${ELB}:targetgroup/shop-web-tg/0d8e6c4a2b1f3e57` },
    ],
  },
  {
    ListenerArn: SHOP_EDGE_LISTENER,
    LoadBalancerArn: SHOP_EDGE_LB,
    Protocol: 'TLS',
    Port: 443,
    SslPolicy: UNKNOWN_SSL_POLICY,
    Certificates: [{ CertificateArn: CERT_API }],
    DefaultActions: [{ Type: 'forward', TargetGroupArn: `${ELB}:targetgroup/shop-edge-tg/1a2b3c4d5e6f7a8b` }],
  },
];

/** One more listener on shop-web that passes every rule (port 8000 + index). */
export function compliantListener(index: number): Listener {
  return {
    ListenerArn: `${SHOP_WEB_LB.replace(':loadbalancer/', ':listener/')}/${index.toString(16).padStart(16, '0')}`,
    LoadBalancerArn: SHOP_WEB_LB,
    Protocol: 'HTTPS',
    Port: 8000 + index,
    SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
    Certificates: [{ CertificateArn: CERT_SHOP }],
    DefaultActions: [
      { Type: 'forward', Order: 1, TargetGroupArn: `${ELB}:targetgroup/shop-web-tg/0d8e6c4a2b1f3e57` },
    ],
  };
}

const sslPolicies = [
  {
    Name: UNKNOWN_SSL_POLICY,
    SslProtocols: ['TLSv1', 'TLSv1.1', 'TLSv1.2'],
    Ciphers: [
      { Name: 'ECDHE-RSA-AES128-GCM-SHA256', Priority: 1 },
      { Name: 'ECDHE-RSA-AES128-SHA', Priority: 2 },
    ],
    SupportedLoadBalancerTypes: ['application', 'network'],
  },
];

// ---------------------------------------------------------------- classic ELB

const classicLoadBalancer: LoadBalancerDescription = {
  LoadBalancerName: CLASSIC_NAME,
  DNSName: `${CLASSIC_NAME}-987654321.${REGION}.elb.amazonaws.com`,
  Scheme: 'internet-facing',
  ListenerDescriptions: [
    {
      Listener: {
        Protocol: 'HTTPS',
        LoadBalancerPort: 443,
        InstanceProtocol: 'HTTP',
        InstancePort: 8080,
        SSLCertificateId: CERT_SHOP,
      },
      PolicyNames: ['legacy-api-tls'],
    },
  ],
};

const classicPolicies: PolicyDescription[] = [
  {
    PolicyName: 'legacy-api-tls',
    PolicyTypeName: 'SSLNegotiationPolicyType',
    PolicyAttributeDescriptions: [
      { AttributeName: 'Reference-Security-Policy', AttributeValue: 'ELBSecurityPolicy-2016-08' },
    ],
  },
];

// ---------------------------------------------------------------- VPN

const vpnConnection: VpnConnection = {
  VpnConnectionId: VPN_ID,
  State: 'available',
  Type: 'ipsec.1',
  Category: 'VPN',
  CustomerGatewayId: 'cgw-0e1f2a3b4c5d6e7f8',
  TransitGatewayId: 'tgw-0f1a2b3c4d5e6f708',
  Options: {
    TunnelOptions: TUNNEL_IPS.map((ip, index) => ({
      OutsideIpAddress: ip,
      IkeVersions: index === 0 ? [{ Value: 'ikev1' }, { Value: 'ikev2' }] : [{ Value: 'ikev2' }],
      Phase1EncryptionAlgorithms: [{ Value: 'AES256-GCM-16' }],
      Phase2EncryptionAlgorithms: [{ Value: 'AES256-GCM-16' }],
      Phase1IntegrityAlgorithms: [{ Value: 'SHA2-256' }],
      Phase2IntegrityAlgorithms: [{ Value: 'SHA2-256' }],
      Phase1DHGroupNumbers: [{ Value: 20 }],
      Phase2DHGroupNumbers: [{ Value: 20 }],
    })),
  },
  VgwTelemetry: TUNNEL_IPS.map((ip) => ({
    OutsideIpAddress: ip,
    Status: 'UP',
    StatusMessage: '',
    AcceptedRouteCount: 3,
    LastStatusChange: new Date('2026-03-16T10:00:00.000Z'),
  })),
};

// ---------------------------------------------------------------- Direct Connect

function dxConnection(id: string, encryptionMode: string, lagId?: string): Connection {
  return {
    ownerAccount: ACCOUNT_ID,
    connectionId: id,
    connectionName: `dub-${id}`,
    connectionState: 'available',
    region: REGION,
    location: 'EIDC1',
    bandwidth: '10Gbps',
    macSecCapable: true,
    portEncryptionStatus: 'Encryption Up',
    encryptionMode,
    macSecKeys: [
      {
        secretARN: `arn:aws:secretsmanager:${REGION}:${ACCOUNT_ID}:secret:directconnect!prod!dx-macsec!3f9a1c-AbCdEf`,
        ckn: '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
        state: 'associated',
      },
    ],
    ...(lagId ? { lagId } : {}),
  };
}

const dxConnections: Connection[] = [
  dxConnection(DX_CONNECTION, 'should_encrypt'),
  dxConnection(DX_LAG_MEMBER, 'must_encrypt', DX_LAG),
];

const dxLags: Lag[] = [
  {
    ownerAccount: ACCOUNT_ID,
    lagId: DX_LAG,
    lagName: 'dub-lag',
    lagState: 'available',
    region: REGION,
    location: 'EIDC1',
    connectionsBandwidth: '10Gbps',
    numberOfConnections: 1,
    macSecCapable: true,
    encryptionMode: 'no_encrypt',
    macSecKeys: [],
    connections: [dxConnection(DX_LAG_MEMBER, 'must_encrypt', DX_LAG)],
  },
];

// ---------------------------------------------------------------- ACM

function certificate(arn: string, domain: string, detail: Partial<CertificateDetail>): CertificateDetail {
  const now = Date.now();
  return {
    CertificateArn: arn,
    DomainName: domain,
    SubjectAlternativeNames: [domain],
    Type: 'AMAZON_ISSUED',
    Status: 'ISSUED',
    KeyAlgorithm: 'EC_prime256v1',
    SignatureAlgorithm: 'SHA256WITHECDSA',
    NotBefore: new Date(now - 100 * DAY),
    NotAfter: new Date(now + 200 * DAY),
    InUseBy: [SHOP_WEB_LB],
    RenewalEligibility: 'ELIGIBLE',
    Options: { CertificateTransparencyLoggingPreference: 'ENABLED' },
    ...detail,
  };
}

/** Built per call: the expiry rules judge the dates against the clock. */
export function certificates(): CertificateDetail[] {
  return [
    certificate(CERT_API, 'api.example.com', {
      Type: 'IMPORTED',
      KeyAlgorithm: 'RSA_1024',
      SignatureAlgorithm: 'SHA256WITHRSA',
      RenewalEligibility: 'INELIGIBLE',
      InUseBy: [SHOP_EDGE_LB],
    }),
    certificate(CERT_SHOP, 'shop.example.com', {}),
    certificate(CERT_RENEW, 'renew.example.com', {
      Type: 'IMPORTED',
      KeyAlgorithm: 'RSA_2048',
      SignatureAlgorithm: 'SHA256WITHRSA',
      NotAfter: new Date(Date.now() + 10 * DAY),
      RenewalEligibility: 'INELIGIBLE',
    }),
  ];
}

// ---------------------------------------------------------------- VPC

/** No EncryptionControl: DescribeVpcs carries it only when the VPC has one. */
const vpc: Vpc = {
  VpcId: VPC_ID,
  OwnerId: ACCOUNT_ID,
  State: 'available',
  CidrBlock: '10.40.0.0/16',
  IsDefault: false,
};

// ---------------------------------------------------------------- what reading each resource takes

const listenerReads = (listenerArn: string, loadBalancerArn: string): ExpectedRead[] => [
  expectedRead('elbv2', DescribeListenersCommand, { ListenerArns: [listenerArn] }),
  expectedRead('elbv2', DescribeLoadBalancersCommand, { LoadBalancerArns: [loadBalancerArn] }),
  expectedRead('elbv2', DescribeListenersCommand, { LoadBalancerArn: loadBalancerArn, PageSize: 400 }),
];
export const WEB_READS = listenerReads(SHOP_WEB_LISTENER, SHOP_WEB_LB);
/** shop-edge uses a policy the bundled data does not know: the region's policies are described. */
export const EDGE_READS = [
  ...listenerReads(SHOP_EDGE_LISTENER, SHOP_EDGE_LB),
  expectedRead('elbv2', DescribeSSLPoliciesCommand, { PageSize: 400 }),
];
export const CLASSIC_READS = [
  expectedRead('elb', DescribeClassicLoadBalancersCommand, { LoadBalancerNames: [CLASSIC_NAME] }),
  expectedRead('elb', DescribeLoadBalancerPoliciesCommand, { LoadBalancerName: CLASSIC_NAME }),
];
export const VPN_READS = [
  expectedRead('ec2', DescribeVpnConnectionsCommand, { VpnConnectionIds: [VPN_ID] }),
  ...TUNNEL_IPS.map((ip) =>
    expectedRead('ec2', GetActiveVpnTunnelStatusCommand, {
      VpnConnectionId: VPN_ID,
      VpnTunnelOutsideIpAddress: ip,
    }),
  ),
];
export const VPC_READS = [
  expectedRead('ec2', DescribeVpcsCommand, { VpcIds: [VPC_ID] }),
  expectedRead('ec2', DescribeVpcEncryptionControlsCommand, { VpcIds: [VPC_ID], MaxResults: 1000 }),
];
export const CONNECTION_READS = [
  expectedRead('directConnect', DescribeConnectionsCommand, { connectionId: DX_CONNECTION }),
];
export const LAG_READS = [expectedRead('directConnect', DescribeLagsCommand, { lagId: DX_LAG })];
export const certificateReads = (arn: string) => [
  expectedRead('acm', DescribeCertificateCommand, { CertificateArn: arn }),
];

export const LISTENER_FINDINGS = ['finding:elbv2-listener-tls-policy', 'finding:elbv2-listener-weak-ciphers'];
export const CLASSIC_FINDINGS = ['finding:elb-listener-tls-policy', 'finding:elb-listener-weak-ciphers'];

/** What enumerating the region reads, per family (the sweep; the periodic Config rule). */
export const REGION_READS = {
  elbv2: [
    expectedRead('elbv2', DescribeLoadBalancersCommand, { PageSize: 400 }),
    expectedRead('elbv2', DescribeListenersCommand, { LoadBalancerArn: SHOP_WEB_LB, PageSize: 400 }),
    expectedRead('elbv2', DescribeListenersCommand, { LoadBalancerArn: SHOP_EDGE_LB, PageSize: 400 }),
    expectedRead('elbv2', DescribeSSLPoliciesCommand, { PageSize: 400 }),
    expectedRead('elbv2', DescribeTargetGroupsCommand, { PageSize: 400 }),
  ],
  elb: [
    expectedRead('elb', DescribeClassicLoadBalancersCommand, { PageSize: 400 }),
    expectedRead('elb', DescribeLoadBalancerPoliciesCommand, { LoadBalancerName: CLASSIC_NAME }),
  ],
  vpn: [expectedRead('ec2', DescribeVpnConnectionsCommand, {}), ...VPN_READS.slice(1)],
  dx: [
    expectedRead('directConnect', DescribeConnectionsCommand, {}),
    expectedRead('directConnect', DescribeLagsCommand, {}),
  ],
  acm: [
    expectedRead('acm', ListCertificatesCommand, {
      Includes: { keyTypes: Object.values(KeyAlgorithm) },
      MaxItems: 1000,
    }),
    ...[CERT_API, CERT_SHOP, CERT_RENEW].flatMap(certificateReads),
  ],
  lattice: [expectedRead('lattice', ListServicesCommand, { maxResults: 100 })],
  vpc: [
    expectedRead('ec2', DescribeVpcsCommand, {}),
    expectedRead('ec2', DescribeVpcEncryptionControlsCommand, { MaxResults: 1000 }),
  ],
  // One custom domain name and no REST API: one listing each.
  apigateway: [
    expectedRead('apigateway', GetDomainNamesCommand, { limit: 500 }),
    // The v2 listing too (shared/families/apigateway/live.ts): it names the same domain, judged once.
    expectedRead('apigatewayV2', GetDomainNamesV2Command, { MaxResults: '500' }),
    expectedRead('apigateway', GetRestApisCommand, { limit: 500 }),
  ],
  // No DataSync location: one listing.
  datasync: [expectedRead('datasync', ListLocationsCommand, { MaxResults: 100 })],
  // No S3 bucket in the region: one listing of the region's buckets.
  s3: [expectedRead('s3', ListBucketsCommand, { BucketRegion: REGION, MaxBuckets: 10_000 })],
  // No RDS database in the region listings: no parameter group or CA is read.
  rds: [
    expectedRead('rds', DescribeDBInstancesCommand, { MaxRecords: 100 }),
    expectedRead('rds', DescribeDBClustersCommand, { MaxRecords: 100 }),
  ],
  // No Private CA in the listing: one call.
  pca: [expectedRead('pca', ListCertificateAuthoritiesCommand, { MaxResults: 1000 })],
  // IAM is global: its server certificates are swept from us-east-1 only, never from this region.
  iam: [],
  // No IoT certificate, CA, domain configuration or Greengrass core device: one listing each.
  iot: [
    expectedRead('iot', ListDomainConfigurationsCommand, { pageSize: 250 }),
    expectedRead('iot', ListCACertificatesCommand, { pageSize: 250 }),
    expectedRead('iot', ListIotCertificatesCommand, { pageSize: 250 }),
    expectedRead('greengrass', ListCoreDevicesCommand, { maxResults: 100 }),
  ],
} satisfies Record<string, ExpectedRead[]>;

/** The findings a read of the whole region publishes (sorted as publishedKinds sorts). */
export const REGION_FINDINGS = {
  elbv2: [...LISTENER_FINDINGS, ...LISTENER_FINDINGS],
  elb: CLASSIC_FINDINGS,
  vpn: ['finding:vpn-tunnel-ike-version'],
  dx: ['finding:dx-connection-macsec', 'finding:dx-connection-macsec-fail-open'],
  acm: ['finding:acm-certificate-expiry', 'finding:acm-certificate-key-strength'],
  lattice: [],
  apigateway: ['finding:apigateway-domain-tls-policy'],
  vpc: ['finding:vpc-encryption-control'],
  datasync: [],
  s3: [],
  rds: [],
  pca: [],
  iam: [],
  iot: [],
};

/**
 * The fake account's RDS databases, answered by identifier only (the region listings hold none): any instance is
 * PostgreSQL 14 on the custom group orders-pg14 and any cluster Aurora MySQL on inventory-aurora-mysql8, both
 * groups leaving TLS optional (a dynamic parameter at 0), so each routed call publishes what the rule finds.
 */
export const RDS_INSTANCE_GROUP = 'orders-pg14';
export const RDS_CLUSTER_GROUP = 'inventory-aurora-mysql8';

function rdsInstance(id: string) {
  return {
    DBInstanceIdentifier: id,
    DBInstanceArn: `arn:aws:rds:${REGION}:${ACCOUNT_ID}:db:${id}`,
    Engine: 'postgres',
    EngineVersion: '14.9',
    DBParameterGroups: [{ DBParameterGroupName: RDS_INSTANCE_GROUP, ParameterApplyStatus: 'in-sync' }],
    CACertificateIdentifier: 'rds-ca-rsa2048-g1',
    CertificateDetails: { CAIdentifier: 'rds-ca-rsa2048-g1', ValidTill: new Date('2027-09-01T00:00:00Z') },
  };
}

function rdsCluster(id: string) {
  return {
    DBClusterIdentifier: id,
    DBClusterArn: `arn:aws:rds:${REGION}:${ACCOUNT_ID}:cluster:${id}`,
    Engine: 'aurora-mysql',
    EngineVersion: '8.0.mysql_aurora.3.05.2',
    DBClusterParameterGroup: RDS_CLUSTER_GROUP,
    DBClusterMembers: [{ DBInstanceIdentifier: `${id}-1`, IsClusterWriter: true }],
  };
}

const tlsOptional = (name: string) => ({
  Parameters: [
    { ParameterName: name, ParameterValue: '0', Source: 'user', ApplyType: 'dynamic', AllowedValues: '0,1' },
  ],
});

function installRds(mocks: AwsMocks): void {
  mocks.rds.on(DescribeDBInstancesCommand).callsFake((input) => ({
    DBInstances: input.DBInstanceIdentifier ? [rdsInstance(input.DBInstanceIdentifier)] : [],
  }));
  mocks.rds.on(DescribeDBClustersCommand).callsFake((input) => ({
    DBClusters: input.DBClusterIdentifier ? [rdsCluster(input.DBClusterIdentifier)] : [],
  }));
  mocks.rds.on(DescribeDBParametersCommand).resolves(tlsOptional('rds.force_ssl'));
  mocks.rds.on(DescribeDBClusterParametersCommand).resolves(tlsOptional('require_secure_transport'));
  mocks.rds.on(DescribeRdsCertificatesCommand).resolves({ Certificates: [] });
}

/**
 * The Private CA DescribeCertificateAuthority answers for any ARN: ACTIVE, with neither CRL nor OCSP
 * (pca-authority-revocation NON_COMPLIANT), algorithms and expiry the default policy allows.
 */
const FAKE_PRIVATE_CA: Omit<CertificateAuthority, 'Arn'> = {
  Type: 'SUBORDINATE',
  Status: 'ACTIVE',
  NotBefore: new Date('2026-01-01T00:00:00Z'),
  NotAfter: new Date('2036-01-01T00:00:00Z'),
  CertificateAuthorityConfiguration: {
    KeyAlgorithm: 'EC_prime256v1',
    SigningAlgorithm: 'SHA256WITHECDSA',
    Subject: { CommonName: 'Example Corp Issuing CA 2026' },
  },
  RevocationConfiguration: { CrlConfiguration: { Enabled: false }, OcspConfiguration: { Enabled: false } },
};

/** What GetServerCertificate answers for any name: a certificate that expired in 2020 (iam-server-certificate-expiry). */
const EXPIRED_SERVER_CERTIFICATE_EXPIRATION = new Date('2020-03-01T10:00:00Z');

/** An RSA-2048 / SHA-256 device certificate body (test/fixtures/inputs/iot/), valid to 2049. */
const IOT_PEM = readFileSync(new URL('../fixtures/inputs/iot/rsa2048-sha256.pem', import.meta.url), 'utf8');

/**
 * The IoT certificate and CA the CloudTrail fixtures name exist and pass every rule (ACTIVE, RSA-2048, no CA or
 * an ACTIVE one, far from expiry); the domain configuration they name is on a TLS 1.2-only policy with CBC
 * suites (iot-domain-tls-policy fails it).
 */
export const IOT_CERTIFICATE_ID = '42fffd5fe18254be19365f39746fa51f8a1abbd3271d8025f877e4bbc860a155';
export const IOT_CA_ID = '913535fea688e1262b64f6d57aaa1228d55ddea1c874d70745ff1863b72a3b1d';
export const IOT_DOMAIN = 'legacy-meters';
const IOT_DOMAIN_ARN = `arn:aws:iot:eu-west-1:${ACCOUNT_ID}:domainconfiguration/${IOT_DOMAIN}/365fb`;

function installIot(mocks: AwsMocks): void {
  mocks.iot.on(ListDomainConfigurationsCommand).resolves({ domainConfigurations: [] });
  mocks.iot.on(ListCACertificatesCommand).resolves({ certificates: [] });
  mocks.iot.on(ListIotCertificatesCommand).resolves({ certificates: [] });
  mocks.greengrass.on(ListCoreDevicesCommand).resolves({ coreDevices: [] });
  mocks.iot.on(ListPrincipalThingsCommand).resolves({ things: [] });
  mocks.iot.on(DescribeIotCertificateCommand).callsFake((input: { certificateId: string }) => ({
    certificateDescription: {
      certificateArn: `arn:aws:iot:eu-west-1:${ACCOUNT_ID}:cert/${input.certificateId}`,
      certificateId: input.certificateId,
      status: 'ACTIVE',
      certificatePem: IOT_PEM,
      validity: { notBefore: new Date('2025-06-01T00:00:00Z'), notAfter: new Date('2049-12-31T23:59:59Z') },
      certificateMode: 'DEFAULT',
    },
  }));
  mocks.iot.on(DescribeCACertificateCommand).callsFake((input: { certificateId: string }) => ({
    certificateDescription: {
      certificateArn: `arn:aws:iot:eu-west-1:${ACCOUNT_ID}:cacert/${input.certificateId}`,
      certificateId: input.certificateId,
      status: 'ACTIVE',
      certificatePem: IOT_PEM,
      certificateMode: 'DEFAULT',
    },
  }));
  mocks.iot.on(DescribeDomainConfigurationCommand).callsFake((input: { domainConfigurationName: string }) => {
    if (input.domainConfigurationName !== IOT_DOMAIN)
      throw awsError('ResourceNotFoundException', 'domain configuration not found');
    return {
      domainConfigurationName: IOT_DOMAIN,
      domainConfigurationArn: IOT_DOMAIN_ARN,
      domainConfigurationStatus: 'ENABLED',
      serviceType: 'DATA',
      domainType: 'CUSTOMER_MANAGED',
      tlsConfig: { securityPolicy: 'IoTSecurityPolicy_TLS12_1_2_2022_10' },
    };
  });
}

/** The ARN the domain configuration's findings name. */
export const IOT_DOMAIN_RESOURCE = IOT_DOMAIN_ARN;

/** What the fake account's DataSync locations answer, per Describe call (shared/families/datasync/describe.ts). */
export const DATASYNC_LOCATIONS = [
  [
    DescribeLocationObjectStorageCommand,
    {
      LocationUri: 'object-storage://archive.example.internal/backups/',
      ServerProtocol: 'HTTP',
      ServerPort: 80,
    },
  ],
  [
    DescribeLocationEfsCommand,
    { LocationUri: 'efs://eu-west-1.fs-0a1b2c3d4e5f60718/exports/', InTransitEncryption: 'NONE' },
  ],
  [
    DescribeLocationHdfsCommand,
    {
      LocationUri: 'hdfs://namenode.example.internal:8020/warehouse/',
      QopConfiguration: { RpcProtection: 'PRIVACY', DataTransferProtection: 'INTEGRITY' },
    },
  ],
  [
    DescribeLocationSmbCommand,
    { LocationUri: 'smb://files.example.internal/finance/', MountOptions: { Version: 'SMB2' } },
  ],
  [
    DescribeLocationNfsCommand,
    { LocationUri: 'nfs://nas.example.internal/exports/media/', MountOptions: { Version: 'NFS4_1' } },
  ],
  [DescribeLocationS3Command, { LocationUri: 's3://example-transfer-bucket/' }],
  [
    DescribeLocationFsxOntapCommand,
    {
      LocationUri: 'fsxn-nfs://svm-0a1b2c3d4e5f60718.fs-0a1b2c3d4e5f60718.fsx.eu-west-1.amazonaws.com/vol1/',
      StorageVirtualMachineArn: `arn:aws:fsx:${REGION}:${ACCOUNT_ID}:storage-virtual-machine/fs-0a1b2c3d4e5f60718/svm-0a1b2c3d4e5f60718`,
      Protocol: { NFS: { MountOptions: { Version: 'NFS3' } } },
    },
  ],
  [
    DescribeLocationFsxWindowsCommand,
    { LocationUri: 'fsxw://eu-west-1.fs-0a1b2c3d4e5f60718/share/', User: 'datasync', Domain: 'EXAMPLE' },
  ],
  [DescribeLocationFsxLustreCommand, { LocationUri: 'fsxl://eu-west-1.fs-0b1c2d3e4f5a60719/scratch/' }],
  [
    DescribeLocationFsxOpenZfsCommand,
    {
      LocationUri: 'fsxz://eu-west-1.fs-0c1d2e3f4a5b6071a/fsx/vol1/',
      Protocol: { NFS: { MountOptions: { Version: 'AUTOMATIC' } } },
    },
  ],
  [
    DescribeLocationAzureBlobCommand,
    {
      LocationUri: 'azure-blob://examplestorage.blob.core.windows.net/transfers/',
      AuthenticationType: 'SAS',
      BlobType: 'BLOCK',
    },
  ],
] as const;

// ---------------------------------------------------------------- installing it

/** An error as the SDK throws it for a service error code (non-retryable unless the code says so). */
export function awsError(name: string, message = `${name} (test)`, httpStatusCode = 400): Error {
  return Object.assign(new Error(message), {
    name,
    Code: name,
    $fault: httpStatusCode >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode, attempts: httpStatusCode >= 500 ? 5 : 1 },
  });
}

export interface AccountOptions {
  /** More listeners on the shop-web load balancer (the batch tests). */
  extraListeners?: Listener[];
}

/** Answers every describe call of the account from its input; unknown ids are answered as AWS does. */
export function installAccount(mocks: AwsMocks, options: AccountOptions = {}): void {
  const notFound = (name: string, what: string) => awsError(name, `${what} not found`);

  mocks.elbv2.on(DescribeLoadBalancersCommand).callsFake((input) => {
    if (!input.LoadBalancerArns) return { LoadBalancers: loadBalancers };
    const found = loadBalancers.filter((lb) => input.LoadBalancerArns.includes(lb.LoadBalancerArn));
    if (found.length === 0) throw notFound('LoadBalancerNotFoundException', 'load balancer');
    return { LoadBalancers: found };
  });
  const allListeners = [...listeners, ...(options.extraListeners ?? [])];
  mocks.elbv2.on(DescribeListenersCommand).callsFake((input) => {
    if (input.LoadBalancerArn) {
      return { Listeners: allListeners.filter((l) => l.LoadBalancerArn === input.LoadBalancerArn) };
    }
    const found = allListeners.filter((l) => input.ListenerArns?.includes(l.ListenerArn));
    if (found.length === 0) throw notFound('ListenerNotFoundException', 'listener');
    return { Listeners: found };
  });
  mocks.elbv2.on(DescribeRulesCommand).resolves({ Rules: [] });
  mocks.elbv2.on(DescribeSSLPoliciesCommand).resolves({ SslPolicies: sslPolicies });
  // The account has no target groups and no VPC Lattice service.
  mocks.elbv2.on(DescribeTargetGroupsCommand).resolves({ TargetGroups: [] });
  mocks.lattice.on(ListServicesCommand).resolves({ items: [] });
  // DataSync: the region lists no location, but any location a Describe* names exists with a plaintext or
  // unverifiable leg (S3 and Azure Blob excepted: always HTTPS), so each CreateLocation*/UpdateLocation* call
  // publishes what the rule finds.
  mocks.datasync.on(ListLocationsCommand).resolves({ Locations: [] });
  for (const [command, fields] of DATASYNC_LOCATIONS) {
    // biome-ignore lint/suspicious/noExplicitAny: one answer shape per Describe*Command
    mocks.datasync.on(command as any).callsFake((input: { LocationArn: string }) => ({
      LocationArn: input.LocationArn,
      ...fields,
    }));
  }
  // S3: the region lists no bucket, but any bucket named exists with no policy and no website, so each S3
  // call publishes the missing Deny on plaintext.
  mocks.s3.on(ListBucketsCommand).resolves({ Buckets: [] });
  mocks.s3
    .on(GetBucketPolicyCommand)
    .rejects(awsError('NoSuchBucketPolicy', 'The bucket policy does not exist'));
  mocks.s3
    .on(GetBucketWebsiteCommand)
    .rejects(
      awsError('NoSuchWebsiteConfiguration', 'The specified bucket does not have a website configuration'),
    );
  installRds(mocks);
  // Private CA: the region lists none, but any CA a call names exists (FAKE_PRIVATE_CA).
  // The pinned @aws-sdk/client-acm-pca is older than the other clients: its command types do not match the
  // mock's (the commands and answers are the same).
  mocks.pca.on(ListCertificateAuthoritiesCommand as never).resolves({ CertificateAuthorities: [] } as never);
  mocks.pca
    .on(DescribeCertificateAuthorityCommand as never)
    .callsFake((input: { CertificateAuthorityArn: string }) => ({
      CertificateAuthority: { Arn: input.CertificateAuthorityArn, ...FAKE_PRIVATE_CA },
    }));
  // IAM: any server certificate a call names exists, expired.
  mocks.iam.on(GetServerCertificateCommand).callsFake((input) => ({
    ServerCertificate: {
      ServerCertificateMetadata: {
        Path: '/',
        ServerCertificateName: input.ServerCertificateName,
        ServerCertificateId: 'ASCARZ4EXAMPLEQ7KD3LM',
        Arn: `arn:aws:iam::${ACCOUNT_ID}:server-certificate/${input.ServerCertificateName}`,
        Expiration: EXPIRED_SERVER_CERTIFICATE_EXPIRATION,
      },
      CertificateBody: undefined,
    },
  }));
  installIot(mocks);
  // Nor any CloudFront distribution (a global service: read in us-east-1).
  mocks.cloudfront.on(GetDistributionCommand).rejects(notFound('NoSuchDistribution', 'distribution'));

  mocks.elb.on(DescribeClassicLoadBalancersCommand).callsFake((input) => {
    if (input.LoadBalancerNames && !input.LoadBalancerNames.includes(CLASSIC_NAME)) {
      throw notFound('LoadBalancerNotFound', 'load balancer');
    }
    return { LoadBalancerDescriptions: [classicLoadBalancer] };
  });
  mocks.elb.on(DescribeLoadBalancerPoliciesCommand).resolves({ PolicyDescriptions: classicPolicies });

  mocks.ec2.on(DescribeVpnConnectionsCommand).callsFake((input) => {
    if (input.VpnConnectionIds && !input.VpnConnectionIds.includes(VPN_ID)) {
      throw notFound('InvalidVpnConnectionID.NotFound', 'VPN connection');
    }
    return { VpnConnections: [vpnConnection] };
  });
  mocks.ec2.on(GetActiveVpnTunnelStatusCommand).resolves({
    ActiveVpnTunnelStatus: {
      IkeVersion: 'ikev2',
      Phase1EncryptionAlgorithm: 'AES256-GCM-16',
      Phase2EncryptionAlgorithm: 'AES256-GCM-16',
      Phase1IntegrityAlgorithm: 'SHA2-256',
      Phase2IntegrityAlgorithm: 'SHA2-256',
      Phase1DHGroup: 20,
      Phase2DHGroup: 20,
    },
  });

  mocks.ec2.on(DescribeVpcsCommand).callsFake((input) => {
    if (input.VpcIds && !input.VpcIds.includes(VPC_ID)) throw notFound('InvalidVpcID.NotFound', 'VPC');
    return { Vpcs: [vpc] };
  });
  mocks.ec2.on(DescribeVpcEncryptionControlsCommand).resolves({ VpcEncryptionControls: [] });

  mocks.apigateway.on(GetDomainNamesCommand).resolves({ items: [SHOP_DOMAIN] });
  mocks.apigatewayV2.on(GetDomainNamesV2Command).resolves({
    Items: [
      {
        DomainName: SHOP_DOMAIN.domainName,
        DomainNameConfigurations: [{ EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_0' }],
      },
    ],
  });
  mocks.apigateway.on(GetDomainNameCommand).callsFake((input) => {
    if (input.domainName !== SHOP_DOMAIN.domainName) throw notFound('NotFoundException', 'domain name');
    return SHOP_DOMAIN;
  });
  mocks.apigateway.on(GetRestApisCommand).resolves({ items: [] });
  mocks.apigateway.on(GetRestApiCommand).rejects(notFound('NotFoundException', 'REST API'));
  mocks.apigateway.on(GetStageCommand).rejects(notFound('NotFoundException', 'stage'));
  mocks.apigateway.on(GetStagesCommand).rejects(notFound('NotFoundException', 'REST API'));

  mocks.directConnect.on(DescribeConnectionsCommand).callsFake((input) => ({
    connections: dxConnections.filter((c) => !input.connectionId || c.connectionId === input.connectionId),
  }));
  mocks.directConnect.on(DescribeLagsCommand).callsFake((input) => ({
    lags: dxLags.filter((lag) => !input.lagId || lag.lagId === input.lagId),
  }));

  mocks.acm.on(ListCertificatesCommand).callsFake(() => ({
    CertificateSummaryList: certificates().map(
      (c): CertificateSummary => ({
        CertificateArn: c.CertificateArn,
        DomainName: c.DomainName,
        Status: c.Status,
        Type: c.Type,
        KeyAlgorithm: c.KeyAlgorithm,
        InUse: (c.InUseBy ?? []).length > 0,
        RenewalEligibility: c.RenewalEligibility,
        NotBefore: c.NotBefore,
        NotAfter: c.NotAfter,
      }),
    ),
  }));
  mocks.acm.on(DescribeCertificateCommand).callsFake((input) => {
    const found = certificates().find((c) => c.CertificateArn === input.CertificateArn);
    if (!found) throw notFound('ResourceNotFoundException', 'certificate');
    return { Certificate: found };
  });

  mocks.config.on(GetResourceConfigHistoryCommand).callsFake((input) => ({
    configurationItems: [
      {
        version: '1.3',
        accountId: ACCOUNT_ID,
        configurationItemCaptureTime: new Date('2026-03-16T14:20:45.118Z'),
        configurationItemStatus: 'OK',
        resourceType: input.resourceType,
        resourceId: input.resourceId,
        arn: input.resourceId.startsWith('arn:') ? input.resourceId : undefined,
        awsRegion: REGION,
        configuration: '{}',
      },
    ],
  }));
}
