/**
 * A generated AWS account of exactly 500 resources across six families, answered call by call in
 * the SDK's own output shapes (PascalCase, Dates as Date), with the listings paginated as AWS does.
 * Each resource knows the identifiers an error about it may name: its own id, its container (the
 * load balancer of a listener) and the region (a failed listing).
 */
import type { CertificateDetail, CertificateSummary } from '@aws-sdk/client-acm';
import type { Connection, Lag } from '@aws-sdk/client-direct-connect';
import type { VpnConnection } from '@aws-sdk/client-ec2';
import type { LoadBalancerDescription, PolicyDescription } from '@aws-sdk/client-elastic-load-balancing';
import type { Listener, LoadBalancer, Rule } from '@aws-sdk/client-elastic-load-balancing-v2';

export const REGION = 'eu-west-1';
export const ACCOUNT_ID = '111122223333';
const ELB = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT_ID}`;

export type Family = 'elbv2' | 'elb' | 'vpn' | 'dx' | 'acm' | 'datasync';

/** One generated resource and what may name it in an error. */
export interface GeneratedResource {
  family: Family;
  /** The ids the inventory may give it (a classic load balancer: its ARN, or its name without one). */
  ids: string[];
  /** The load balancer whose listing a listener depends on. */
  container?: string;
}

/** How many of each, 500 in all. */
export const COUNTS = {
  elbv2LoadBalancers: 40,
  listenersPerLoadBalancer: 4,
  classicLoadBalancers: 60,
  vpnConnections: 80,
  dxConnections: 40,
  dxLags: 10,
  certificates: 140,
  /** Half SMB (described: its output decides), half NFS (built from the listing: no Describe* to fail). */
  dataSyncLocations: 10,
} as const;

const PAGE = { elbv2: 20, elb: 20, dx: 20, acm: 50 } as const;

const hex = (n: number, width = 16) => n.toString(16).padStart(width, '0');

function elbv2LoadBalancer(index: number): LoadBalancer {
  const network = index % 4 === 3;
  const name = `lb-${index}`;
  return {
    LoadBalancerArn: `${ELB}:loadbalancer/${network ? 'net' : 'app'}/${name}/${hex(index)}`,
    LoadBalancerName: name,
    Type: network ? 'network' : 'application',
    Scheme: 'internet-facing',
    CreatedTime: new Date('2025-03-04T09:12:45.310Z'),
    State: { Code: 'active' },
  };
}

function listenersOf(loadBalancer: LoadBalancer, index: number): Listener[] {
  const network = loadBalancer.Type === 'network';
  const arnBase = (loadBalancer.LoadBalancerArn ?? '').replace(':loadbalancer/', ':listener/');
  const protocols = network ? ['TCP', 'TLS', 'TCP', 'TLS'] : ['HTTP', 'HTTPS', 'HTTP', 'HTTPS'];
  const ports = network ? [80, 443, 22, 8443] : [80, 443, 8080, 8443];
  const policies = ['ELBSecurityPolicy-TLS13-1-2-Res-2021-06', 'ELBSecurityPolicy-2016-08'];
  return protocols.map((protocol, n) => {
    const tls = protocol === 'HTTPS' || protocol === 'TLS';
    return {
      ListenerArn: `${arnBase}/${hex(index * 10 + n)}`,
      LoadBalancerArn: loadBalancer.LoadBalancerArn,
      Protocol: protocol as Listener['Protocol'],
      Port: ports[n],
      ...(tls
        ? {
            SslPolicy: policies[(index + n) % 2],
            Certificates: [{ CertificateArn: certificateArn(index) }],
          }
        : {}),
      DefaultActions:
        protocol === 'HTTP' && n === 0
          ? [
              {
                Type: 'redirect',
                Order: 1,
                RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' },
              },
            ]
          : [{ Type: 'forward', Order: 1, TargetGroupArn: `${ELB}:targetgroup/tg-${index}/${hex(index)}` }],
    };
  });
}

function defaultRule(listener: Listener): Rule {
  return {
    RuleArn: `${(listener.ListenerArn ?? '').replace(':listener/', ':listener-rule/')}/${hex(1)}`,
    Priority: 'default',
    IsDefault: true,
    Conditions: [],
    Actions: listener.DefaultActions,
  };
}

function classicLoadBalancer(index: number): LoadBalancerDescription {
  const name = `classic-${index}`;
  const tls = index % 2 === 0;
  return {
    LoadBalancerName: name,
    DNSName: `${name}-1234567890.${REGION}.elb.amazonaws.com`,
    Scheme: 'internet-facing',
    CreatedTime: new Date('2019-03-19T03:24:02.650Z'),
    SourceSecurityGroup: { OwnerAlias: ACCOUNT_ID, GroupName: 'default' },
    ListenerDescriptions: [
      {
        Listener: {
          Protocol: tls ? 'HTTPS' : 'HTTP',
          LoadBalancerPort: tls ? 443 : 80,
          InstanceProtocol: 'HTTP',
          InstancePort: 80,
          ...(tls ? { SSLCertificateId: certificateArn(index) } : {}),
        },
        PolicyNames: tls ? [`${name}-tls`] : [],
      },
    ],
  };
}

function classicPolicies(name: string): PolicyDescription[] {
  return [
    {
      PolicyName: `${name}-tls`,
      PolicyTypeName: 'SSLNegotiationPolicyType',
      PolicyAttributeDescriptions: [
        { AttributeName: 'Reference-Security-Policy', AttributeValue: 'ELBSecurityPolicy-TLS-1-2-2017-01' },
      ],
    },
  ];
}

const tunnelIps = (index: number) => [`203.0.113.${index + 1}`, `198.51.100.${index + 1}`];

function vpnConnection(index: number): VpnConnection {
  const ips = tunnelIps(index);
  return {
    VpnConnectionId: `vpn-${hex(index, 17)}`,
    State: 'available',
    Type: 'ipsec.1',
    CustomerGatewayId: 'cgw-01234567abcde1234',
    TransitGatewayId: 'tgw-0f1a2b3c4d5e6f708',
    Options: {
      TunnelOptions: ips.map((ip) => ({
        OutsideIpAddress: ip,
        IkeVersions: [{ Value: 'ikev2' }],
        Phase1EncryptionAlgorithms: [{ Value: 'AES256' }],
        Phase2EncryptionAlgorithms: [{ Value: 'AES256' }],
        Phase1IntegrityAlgorithms: [{ Value: 'SHA2-256' }],
        Phase2IntegrityAlgorithms: [{ Value: 'SHA2-256' }],
        Phase1DHGroupNumbers: [{ Value: 14 }],
        Phase2DHGroupNumbers: [{ Value: 14 }],
      })),
    },
    VgwTelemetry: ips.map((ip, n) => ({
      OutsideIpAddress: ip,
      Status: (index + n) % 3 === 0 ? 'DOWN' : 'UP',
      StatusMessage: '',
      LastStatusChange: new Date('2026-11-20T10:00:00.000Z'),
      AcceptedRouteCount: 3,
    })),
  };
}

function dxConnection(index: number): Connection {
  return {
    connectionId: `dxcon-${hex(index, 8)}`,
    connectionName: `dc-${index}`,
    connectionState: 'available',
    ownerAccount: ACCOUNT_ID,
    region: REGION,
    location: 'EqFA5',
    bandwidth: '10Gbps',
    macSecCapable: true,
    portEncryptionStatus: index % 5 === 0 ? 'Encryption Down' : 'Encryption Up',
    encryptionMode: index % 2 === 0 ? 'must_encrypt' : 'should_encrypt',
    macSecKeys: [
      { secretARN: `arn:aws:secretsmanager:${REGION}:${ACCOUNT_ID}:secret:dx-${index}`, state: 'associated' },
    ],
  };
}

function dxLag(index: number): Lag {
  return {
    lagId: `dxlag-${hex(index, 8)}`,
    lagName: `lag-${index}`,
    lagState: 'available',
    ownerAccount: ACCOUNT_ID,
    region: REGION,
    location: 'EqFA5',
    connectionsBandwidth: '10Gbps',
    numberOfConnections: 0,
    connections: [],
    macSecCapable: true,
    encryptionMode: 'must_encrypt',
    macSecKeys: [],
  };
}

export function certificateArn(index: number): string {
  return `arn:aws:acm:${REGION}:${ACCOUNT_ID}:certificate/${hex(index, 8)}-5c2a-4f0e-8a6b-${hex(index, 12)}`;
}

function certificate(index: number): CertificateDetail {
  return {
    CertificateArn: certificateArn(index),
    DomainName: `site-${index}.example.com`,
    Type: index % 3 === 0 ? 'IMPORTED' : 'AMAZON_ISSUED',
    Status: 'ISSUED',
    KeyAlgorithm: index % 7 === 0 ? 'RSA_1024' : 'EC_prime256v1',
    SignatureAlgorithm: 'SHA256WITHECDSA',
    NotBefore: new Date('2026-01-01T00:00:00.000Z'),
    NotAfter: new Date(index % 4 === 0 ? '2026-12-01T00:00:00.000Z' : '2027-06-30T23:59:59.000Z'),
    InUseBy: [],
    RenewalEligibility: 'INELIGIBLE',
    Options: { CertificateTransparencyLoggingPreference: 'ENABLED' },
  };
}

const dataSyncArn = (index: number) =>
  `arn:aws:datasync:${REGION}:${ACCOUNT_ID}:location/loc-${hex(index, 17)}`;

/** A DataSync location's ListLocations entry (API_LocationListEntry): even ones SMB, odd ones NFS. */
function dataSyncLocation(index: number): { LocationArn: string; LocationUri: string } {
  return {
    LocationArn: dataSyncArn(index),
    LocationUri:
      index % 2 === 0
        ? `smb://files-${index}.example.internal/share/`
        : `nfs://nas-${index}.example.internal/exports/`,
  };
}

/** The account: its resources and a function answering each read call the sweep makes. */
export function generateAccount() {
  const loadBalancers = Array.from({ length: COUNTS.elbv2LoadBalancers }, (_, i) => elbv2LoadBalancer(i));
  const listeners = new Map(loadBalancers.map((lb, i) => [lb.LoadBalancerArn as string, listenersOf(lb, i)]));
  const classics = Array.from({ length: COUNTS.classicLoadBalancers }, (_, i) => classicLoadBalancer(i));
  const vpns = Array.from({ length: COUNTS.vpnConnections }, (_, i) => vpnConnection(i));
  const connections = Array.from({ length: COUNTS.dxConnections }, (_, i) => dxConnection(i));
  const lags = Array.from({ length: COUNTS.dxLags }, (_, i) => dxLag(i));
  const certificates = Array.from({ length: COUNTS.certificates }, (_, i) => certificate(i));
  const locations = Array.from({ length: COUNTS.dataSyncLocations }, (_, i) => dataSyncLocation(i));

  const resources: GeneratedResource[] = [
    ...[...listeners].flatMap(([loadBalancerArn, list]) =>
      list.map((listener) => ({
        family: 'elbv2' as const,
        ids: [listener.ListenerArn as string],
        container: loadBalancerArn,
      })),
    ),
    ...classics.map((lb) => ({
      family: 'elb' as const,
      ids: [`${ELB}:loadbalancer/${lb.LoadBalancerName}`, lb.LoadBalancerName as string],
    })),
    ...vpns.map((vpn) => ({ family: 'vpn' as const, ids: [vpn.VpnConnectionId as string] })),
    ...connections.map((c) => ({ family: 'dx' as const, ids: [c.connectionId as string] })),
    ...lags.map((lag) => ({ family: 'dx' as const, ids: [lag.lagId as string] })),
    ...certificates.map((c) => ({ family: 'acm' as const, ids: [c.CertificateArn as string] })),
    ...locations.map((l) => ({ family: 'datasync' as const, ids: [l.LocationArn] })),
  ];

  /** A page of `items` after `token` (the index of the first item), with the next token when more remain. */
  function page<T>(items: readonly T[], size: number, token: unknown): { items: T[]; next?: string } {
    const start = typeof token === 'string' ? Number(token) : 0;
    const next = start + size;
    return { items: items.slice(start, next), ...(next < items.length ? { next: String(next) } : {}) };
  }

  /** The SDK output of one read call; an unexpected call fails the test. */
  function answer(operation: string, input: Record<string, unknown>): Record<string, unknown> {
    switch (operation) {
      case 'elbv2:DescribeLoadBalancers': {
        const { items, next } = page(loadBalancers, PAGE.elbv2, input.Marker);
        return { LoadBalancers: items, ...(next ? { NextMarker: next } : {}) };
      }
      case 'elbv2:DescribeListeners':
        return { Listeners: listeners.get(input.LoadBalancerArn as string) ?? [] };
      case 'elbv2:DescribeRules': {
        const arn = input.ListenerArn as string;
        const listener = [...listeners.values()].flat().find((l) => l.ListenerArn === arn);
        return { Rules: listener ? [defaultRule(listener)] : [] };
      }
      // The generated account has no target groups and no VPC Lattice service.
      case 'elbv2:DescribeTargetGroups':
        return { TargetGroups: [] };
      case 'vpc-lattice:ListServices':
        return { items: [] };
      // Nor any VPC (the VPC encryption control family).
      case 'ec2:DescribeVpcs':
        return { Vpcs: [] };
      case 'ec2:DescribeVpcEncryptionControls':
        return { VpcEncryptionControls: [] };
      // One page (MaxResults 100); only the SMB locations are described (API_DescribeLocationSmb).
      case 'datasync:ListLocations':
        return { Locations: locations };
      case 'datasync:DescribeLocationSmb': {
        const location = locations.find((l) => l.LocationArn === input.LocationArn);
        return location ? { ...location, MountOptions: { Version: 'SMB3' } } : {};
      }
      // Nor any S3 bucket.
      case 's3:ListBuckets':
        return { Buckets: [] };
      // Nor any RDS database: no parameter group or CA is read.
      case 'rds:DescribeDBInstances':
        return { DBInstances: [] };
      case 'rds:DescribeDBClusters':
        return { DBClusters: [] };
      // Nor any Private CA or IAM server certificate.
      case 'acm-pca:ListCertificateAuthorities':
        return { CertificateAuthorities: [] };
      case 'iam:ListServerCertificates':
        return { ServerCertificateMetadataList: [], IsTruncated: false };
      // Nor any AWS IoT certificate, CA, domain configuration or Greengrass core device.
      case 'iot:ListCertificates':
      case 'iot:ListCACertificates':
        return { certificates: [] };
      case 'iot:ListDomainConfigurations':
        return { domainConfigurations: [] };
      case 'greengrass:ListCoreDevices':
        return { coreDevices: [] };
      case 'elb:DescribeLoadBalancers': {
        const { items, next } = page(classics, PAGE.elb, input.Marker);
        return { LoadBalancerDescriptions: items, ...(next ? { NextMarker: next } : {}) };
      }
      case 'elb:DescribeLoadBalancerPolicies':
        return { PolicyDescriptions: classicPolicies(input.LoadBalancerName as string) };
      case 'ec2:DescribeVpnConnections':
        return { VpnConnections: vpns };
      case 'ec2:GetActiveVpnTunnelStatus':
        return {
          ActiveVpnTunnelStatus: {
            IkeVersion: 'ikev2',
            Phase1EncryptionAlgorithm: 'AES256',
            Phase2EncryptionAlgorithm: 'AES256',
            Phase1IntegrityAlgorithm: 'SHA2-256',
            Phase2IntegrityAlgorithm: 'SHA2-256',
            Phase1DHGroup: 14,
            Phase2DHGroup: 14,
            TunnelState: 'UP',
          },
        };
      case 'directConnect:DescribeConnections': {
        const { items, next } = page(connections, PAGE.dx, input.nextToken);
        return { connections: items, ...(next ? { nextToken: next } : {}) };
      }
      case 'directConnect:DescribeLags':
        return { lags };
      case 'acm:ListCertificates': {
        const { items, next } = page(certificates, PAGE.acm, input.NextToken);
        const summaries: CertificateSummary[] = items.map((c) => ({
          CertificateArn: c.CertificateArn,
          DomainName: c.DomainName,
        }));
        return { CertificateSummaryList: summaries, ...(next ? { NextToken: next } : {}) };
      }
      case 'acm:DescribeCertificate': {
        const found = certificates.find((c) => c.CertificateArn === input.CertificateArn);
        return found ? { Certificate: found } : {};
      }
      // The generated account has no API Gateway resources.
      case 'apigateway:GetDomainNames':
      case 'apigateway:GetRestApis':
        return { items: [] };
      case 'apigateway:GetDomainNamesV2':
        return { Items: [] };
      default:
        throw new Error(`the generated account has no answer for ${operation}`);
    }
  }

  return { resources, answer };
}

/** Read operations per family, to tell whose listing or describe an error is about. */
export const FAMILY_OPERATIONS: Record<Family, readonly string[]> = {
  elbv2: [
    'DescribeLoadBalancers',
    'DescribeListeners',
    'DescribeRules',
    'DescribeSSLPolicies',
    'DescribeTargetGroups',
  ],
  elb: ['DescribeLoadBalancers', 'DescribeLoadBalancerPolicies'],
  vpn: ['DescribeVpnConnections', 'GetActiveVpnTunnelStatus'],
  dx: ['DescribeConnections', 'DescribeLags'],
  acm: ['ListCertificates', 'DescribeCertificate'],
  datasync: ['ListLocations', 'DescribeLocationSmb'],
};
