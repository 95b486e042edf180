/**
 * Generates a large synthetic account for the benchmarks: one AWS Config configuration snapshot file
 * (compact JSON, as Config delivers it to S3) with ELBv2 load balancers and listeners, classic load
 * balancers, VPN connections and ACM certificates, plus a `directconnect describe-connections` file
 * (Config does not record Direct Connect). Deterministic: the same counts give the same files.
 */
import { once } from 'node:events';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface AccountShape {
  elbv2LoadBalancers: number;
  elbv2Listeners: number;
  classicLoadBalancers: number;
  vpnConnections: number;
  certificates: number;
  dxConnections: number;
}

export interface GeneratedAccount {
  dir: string;
  files: string[];
  /** Configuration items in the snapshot plus Direct Connect connections. */
  items: number;
  bytes: number;
}

/** 100,000 items: 97,000 Config items and 3,000 Direct Connect connections. */
export const SHAPE_100K: AccountShape = {
  elbv2LoadBalancers: 5_000,
  elbv2Listeners: 45_000,
  classicLoadBalancers: 12_000,
  vpnConnections: 10_000,
  certificates: 25_000,
  dxConnections: 3_000,
};

/** The same mix scaled to `total` items. */
export function scaledShape(total: number): AccountShape {
  const factor = total / 100_000;
  const scaled = Object.fromEntries(
    Object.entries(SHAPE_100K).map(([key, value]) => [key, Math.max(1, Math.round(value * factor))]),
  );
  return scaled as unknown as AccountShape;
}

export function shapeTotal(shape: AccountShape): number {
  return Object.values(shape).reduce((sum, value) => sum + value, 0);
}

const ACCOUNT = '111122223333';
const REGIONS = ['eu-west-1', 'eu-central-1', 'us-east-1', 'us-west-2'] as const;

/** A small deterministic generator (mulberry32), so runs are comparable. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0').slice(-width);
}

function pick<T>(rand: () => number, values: readonly T[]): T {
  return values[Math.floor(rand() * values.length)] as T;
}

const ELBV2_POLICIES = [
  'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-2021-06',
  'ELBSecurityPolicy-2016-08',
  'ELBSecurityPolicy-TLS13-1-0-2021-06',
  'ELBSecurityPolicy-FS-1-2-Res-2020-10',
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04',
] as const;
const CLASSIC_POLICIES = [
  'ELBSecurityPolicy-2016-08',
  'ELBSecurityPolicy-TLS-1-2-2017-01',
  'ELBSecurityPolicy-2015-05',
] as const;

interface ConfigItemInput {
  resourceType: string;
  resourceId: string;
  arn: string;
  region: string;
  name?: string;
  configuration: unknown;
  supplementaryConfiguration?: unknown;
  tags?: Record<string, string>;
}

let stateId = 1_763_700_000_000;

function configItem(input: ConfigItemInput, stringify: boolean): object {
  stateId += 17;
  return {
    relatedEvents: [],
    relationships: [],
    configuration: stringify ? JSON.stringify(input.configuration) : input.configuration,
    supplementaryConfiguration: input.supplementaryConfiguration ?? {},
    tags: input.tags ?? {},
    configurationItemVersion: '1.3',
    configurationItemCaptureTime: '2026-11-21T23:14:05.512Z',
    configurationStateId: stateId,
    awsAccountId: ACCOUNT,
    configurationItemStatus: 'OK',
    resourceType: input.resourceType,
    resourceId: input.resourceId,
    ...(input.name ? { resourceName: input.name } : {}),
    ARN: input.arn,
    awsRegion: input.region,
    availabilityZone: 'Regional',
    configurationStateMd5Hash: '',
    resourceCreationTime: '2025-03-14T09:26:53.000Z',
  };
}

interface LoadBalancerV2 {
  arn: string;
  name: string;
  type: 'application' | 'network' | 'gateway';
  region: string;
}

function elbv2LoadBalancers(count: number): LoadBalancerV2[] {
  const rand = random(1);
  return Array.from({ length: count }, (_, i) => {
    const roll = i % 20;
    const type = roll < 15 ? 'application' : roll < 19 ? 'network' : 'gateway';
    const short = type === 'application' ? 'app' : type === 'network' ? 'net' : 'gwy';
    const region = pick(rand, REGIONS);
    const name = `lb-${type.slice(0, 3)}-${i}`;
    return {
      arn: `arn:aws:elasticloadbalancing:${region}:${ACCOUNT}:loadbalancer/${short}/${name}/${hex(i * 7919, 16)}`,
      name,
      type,
      region,
    };
  });
}

function loadBalancerItem(lb: LoadBalancerV2, index: number): object {
  return configItem(
    {
      resourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      resourceId: lb.arn,
      arn: lb.arn,
      region: lb.region,
      name: lb.name,
      configuration: {
        loadBalancerArn: lb.arn,
        dNSName: `${lb.name}-${index}.elb.${lb.region}.amazonaws.com`,
        createdTime: '2025-03-14T09:26:53.000Z',
        loadBalancerName: lb.name,
        scheme: index % 3 === 0 ? 'internal' : 'internet-facing',
        vpcId: `vpc-${hex(index, 17)}`,
        state: { code: 'active' },
        type: lb.type,
        availabilityZones: [{ zoneName: `${lb.region}a`, subnetId: `subnet-${hex(index * 3, 17)}` }],
        securityGroups: lb.type === 'gateway' ? [] : [`sg-${hex(index * 5, 17)}`],
        ipAddressType: 'ipv4',
      },
      tags: { env: index % 2 === 0 ? 'prod' : 'dev' },
    },
    index % 25 === 0,
  );
}

function forward(targetGroupArn: string): object {
  return {
    Type: 'forward',
    TargetGroupArn: targetGroupArn,
    ForwardConfig: { TargetGroups: [{ TargetGroupArn: targetGroupArn, Weight: 1 }] },
  };
}

const REDIRECT = {
  Type: 'redirect',
  RedirectConfig: {
    Protocol: 'HTTPS',
    Port: '443',
    Host: '#{host}',
    Path: '/#{path}',
    Query: '#{query}',
    StatusCode: 'HTTP_301',
  },
};

function listenerItem(lb: LoadBalancerV2, index: number, rand: () => number): object {
  const arn = `${lb.arn.replace(':loadbalancer/', ':listener/')}/${hex(index * 104_729, 16)}`;
  const targetGroup = `arn:aws:elasticloadbalancing:${lb.region}:${ACCOUNT}:targetgroup/tg-${index}/${hex(index, 16)}`;
  const certificate = `arn:aws:acm:${lb.region}:${ACCOUNT}:certificate/${hex(index, 8)}-0000-4000-8000-${hex(index * 31, 12)}`;
  const configuration: Record<string, unknown> = { LoadBalancerArn: lb.arn, ListenerArn: arn };
  if (lb.type === 'gateway') {
    configuration.DefaultActions = [forward(targetGroup)];
  } else if (lb.type === 'network') {
    const tls = rand() < 0.6;
    Object.assign(configuration, {
      Protocol: tls ? 'TLS' : pick(rand, ['TCP', 'UDP', 'TCP_UDP']),
      Port: tls ? 443 : pick(rand, [53, 5432, 8443, 6379]),
      DefaultActions: [forward(targetGroup)],
      Certificates: tls ? [{ CertificateArn: certificate }] : [],
      ...(tls ? { SslPolicy: pick(rand, ELBV2_POLICIES) } : {}),
      AlpnPolicy: [],
    });
  } else if (rand() < 0.45) {
    Object.assign(configuration, {
      Protocol: 'HTTP',
      Port: 80,
      DefaultActions: [rand() < 0.7 ? REDIRECT : forward(targetGroup)],
      Certificates: [],
      AlpnPolicy: [],
      MutualAuthentication: { Mode: 'off' },
    });
  } else {
    const iam = rand() < 0.05;
    Object.assign(configuration, {
      Protocol: 'HTTPS',
      Port: pick(rand, [443, 443, 443, 8443]),
      DefaultActions: [forward(targetGroup)],
      Certificates: [
        {
          CertificateArn: iam ? `arn:aws:iam::${ACCOUNT}:server-certificate/legacy-${index}` : certificate,
        },
      ],
      SslPolicy: pick(rand, ELBV2_POLICIES),
      AlpnPolicy: ['HTTP2Preferred'],
      MutualAuthentication: { Mode: 'off' },
    });
  }
  return configItem(
    {
      resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
      resourceId: arn,
      arn,
      region: lb.region,
      configuration,
    },
    index % 20 === 0,
  );
}

function classicItem(index: number, rand: () => number): object {
  const region = pick(rand, REGIONS);
  const name = `clb-${index}`;
  const certificate = `arn:aws:acm:${region}:${ACCOUNT}:certificate/${hex(index, 8)}-1111-4111-8111-${hex(index * 37, 12)}`;
  const policy = pick(rand, CLASSIC_POLICIES);
  const listeners: object[] = [];
  const roll = rand();
  if (roll < 0.5) {
    listeners.push({
      listener: {
        protocol: 'HTTPS',
        loadBalancerPort: 443,
        instanceProtocol: 'HTTP',
        instancePort: 8080,
        sslcertificateId: certificate,
      },
      policyNames: [policy],
    });
  }
  if (roll > 0.3) {
    listeners.push({
      listener: { protocol: 'HTTP', loadBalancerPort: 80, instanceProtocol: 'HTTP', instancePort: 8080 },
      policyNames: [],
    });
  }
  if (roll > 0.85) {
    listeners.push({
      listener: {
        protocol: 'SSL',
        loadBalancerPort: 465,
        instanceProtocol: 'TCP',
        instancePort: 25,
        sslcertificateId: certificate,
      },
      policyNames: [policy],
    });
    listeners.push({
      listener: { protocol: 'TCP', loadBalancerPort: 1883, instanceProtocol: 'TCP', instancePort: 1883 },
      policyNames: [],
    });
  }
  return configItem(
    {
      resourceType: 'AWS::ElasticLoadBalancing::LoadBalancer',
      resourceId: name,
      arn: `arn:aws:elasticloadbalancing:${region}:${ACCOUNT}:loadbalancer/${name}`,
      region,
      name,
      configuration: {
        loadBalancerName: name,
        listenerDescriptions: listeners,
        policies: {
          appCookieStickinessPolicies: [],
          lbcookieStickinessPolicies: [],
          otherPolicies: [policy],
        },
        backendServerDescriptions: [],
        availabilityZones: [`${region}a`, `${region}b`],
        subnets: [`subnet-${hex(index, 17)}`],
        vpcid: `vpc-${hex(index, 17)}`,
        securityGroups: [`sg-${hex(index, 17)}`],
        createdTime: 1_561_983_721_000,
        scheme: 'internet-facing',
        dnsname: `${name}-${index}.${region}.elb.amazonaws.com`,
      },
      supplementaryConfiguration: { LoadBalancerPolicies: [], Tags: [] },
    },
    index % 20 === 0,
  );
}

function values<T>(list: readonly T[]): { value: T }[] {
  return list.map((value) => ({ value }));
}

const TUNNEL_PROFILES = [
  { ike: ['ikev2'], enc: ['AES256-GCM-16'], integ: ['SHA2-384'], dh: [20, 21] },
  { ike: [], enc: [], integ: [], dh: [] },
  { ike: ['ikev1', 'ikev2'], enc: ['AES128', 'AES256'], integ: ['SHA1', 'SHA2-256'], dh: [2, 14] },
  { ike: ['ikev2'], enc: ['AES256'], integ: ['SHA2-256'], dh: [22] },
] as const;

function vpnItem(index: number, rand: () => number): object {
  const region = pick(rand, REGIONS);
  const id = `vpn-${hex(index * 2_654_435_761, 17)}`;
  const profile = pick(rand, TUNNEL_PROFILES);
  const down = rand() < 0.1;
  const tunnels = [0, 1].map((t) => ({
    outsideIpAddress: `203.0.${(index >> 7) & 255}.${((index & 127) << 1) + t}`,
    tunnelInsideCidr: `169.254.${index & 255}.${t * 4}/30`,
    preSharedKey: `EXAMPLEpsk.bench${index}_${t}`,
    phase1EncryptionAlgorithms: values(profile.enc),
    phase2EncryptionAlgorithms: values(profile.enc),
    phase1IntegrityAlgorithms: values(profile.integ),
    phase2IntegrityAlgorithms: values(profile.integ),
    phase1DHGroupNumbers: values(profile.dh),
    phase2DHGroupNumbers: values(profile.dh),
    ikeVersions: values(profile.ike),
    startupAction: 'add',
    dpdTimeoutAction: 'clear',
  }));
  return configItem(
    {
      resourceType: 'AWS::EC2::VPNConnection',
      resourceId: id,
      arn: `arn:aws:ec2:${region}:${ACCOUNT}:vpn-connection/${id}`,
      region,
      tags: { Name: `site-${index}` },
      configuration: {
        vpnConnectionId: id,
        state: 'available',
        customerGatewayConfiguration: `<vpn_connection id="${id}"><ipsec_tunnel><ike><pre_shared_key>EXAMPLEpsk.bench${index}_0</pre_shared_key></ike></ipsec_tunnel><ipsec_tunnel><ike><pre_shared_key>EXAMPLEpsk.bench${index}_1</pre_shared_key></ike></ipsec_tunnel></vpn_connection>`,
        type: 'ipsec.1',
        customerGatewayId: `cgw-${hex(index, 17)}`,
        transitGatewayId: `tgw-${hex(index % 50, 17)}`,
        options: { staticRoutesOnly: false, tunnelInsideIpVersion: 'ipv4', tunnelOptions: tunnels },
        routes: [],
        tags: [{ key: 'Name', value: `site-${index}` }],
        vgwTelemetry: tunnels.map((tunnel, t) => ({
          outsideIpAddress: tunnel.outsideIpAddress,
          status: down && t === 1 ? 'DOWN' : 'UP',
          lastStatusChange: '2026-11-20T02:11:44.000Z',
          statusMessage: '',
          acceptedRouteCount: 3,
        })),
      },
    },
    index % 20 === 0,
  );
}

const KEY_ALGORITHMS = ['RSA-2048', 'RSA-2048', 'EC-prime256v1', 'RSA-4096', 'EC-secp384r1', 'RSA-1024'];

function certificateItem(index: number, rand: () => number): object {
  const region = pick(rand, REGIONS);
  const arn = `arn:aws:acm:${region}:${ACCOUNT}:certificate/${hex(index, 8)}-2222-4222-8222-${hex(index * 41, 12)}`;
  const type = pick(rand, ['AMAZON_ISSUED', 'AMAZON_ISSUED', 'IMPORTED', 'PRIVATE']);
  const expiresInDays = Math.floor(rand() * 400) - 20;
  const notAfter = new Date(Date.UTC(2026, 10, 22) + expiresInDays * 86_400_000).toISOString();
  const inUse = rand() < 0.6;
  const status = rand() < 0.03 ? 'REVOKED' : expiresInDays < 0 ? 'EXPIRED' : 'ISSUED';
  const domain = `svc-${index}.example.com`;
  return configItem(
    {
      resourceType: 'AWS::ACM::Certificate',
      resourceId: arn,
      arn,
      region,
      name: domain,
      configuration: {
        certificateArn: arn,
        domainName: domain,
        subjectAlternativeNames: [domain],
        domainValidationOptions: [
          {
            domainName: domain,
            validationDomain: domain,
            validationStatus: 'SUCCESS',
            validationMethod: 'DNS',
          },
        ],
        subject: `CN=${domain}`,
        issuer: type === 'IMPORTED' ? 'Example Trust Services RSA CA 2024' : 'Amazon',
        createdAt: '2025-10-02T08:14:37.000Z',
        status,
        notBefore: '2025-10-02T00:00:00.000Z',
        notAfter,
        keyAlgorithm: pick(rand, KEY_ALGORITHMS),
        signatureAlgorithm: rand() < 0.02 ? 'SHA1WITHRSA' : 'SHA256WITHRSA',
        inUseBy: inUse
          ? [
              `arn:aws:elasticloadbalancing:${region}:${ACCOUNT}:loadbalancer/app/lb-${index}/${hex(index, 16)}`,
            ]
          : [],
        type,
        renewalEligibility: type === 'IMPORTED' ? 'INELIGIBLE' : 'ELIGIBLE',
        ...(type !== 'IMPORTED' && rand() < 0.05
          ? { renewalSummary: { renewalStatus: 'FAILED', renewalStatusReason: 'CAA_ERROR' } }
          : {}),
        options: { certificateTransparencyLoggingPreference: rand() < 0.05 ? 'DISABLED' : 'ENABLED' },
      },
    },
    index % 20 === 0,
  );
}

function dxConnection(index: number, rand: () => number): object {
  const region = pick(rand, REGIONS);
  const bandwidth = pick(rand, ['1Gbps', '10Gbps', '10Gbps', '100Gbps']);
  const capable = bandwidth !== '1Gbps';
  const mode = capable
    ? pick(rand, ['must_encrypt', 'must_encrypt', 'should_encrypt', 'no_encrypt'])
    : undefined;
  const up = mode !== undefined && mode !== 'no_encrypt' && rand() < 0.9;
  return {
    ownerAccount: ACCOUNT,
    connectionId: `dxcon-${hex(index * 48_271, 8)}`,
    connectionName: `dx-${index}`,
    connectionState: 'available',
    region,
    location: 'EqLD5',
    bandwidth,
    vlan: 0,
    loaIssueTime: '2025-02-11T10:42:17+00:00',
    awsDevice: 'EqLD5-2x9k4m1p0zq7',
    jumboFrameCapable: true,
    hasLogicalRedundancy: 'unknown',
    tags: [{ key: 'Name', value: `dx-${index}` }],
    macSecCapable: capable,
    ...(mode ? { encryptionMode: mode, portEncryptionStatus: up ? 'Encryption Up' : 'Encryption Down' } : {}),
    macSecKeys:
      mode && mode !== 'no_encrypt'
        ? [
            {
              secretARN: `arn:aws:secretsmanager:${region}:${ACCOUNT}:secret:directconnect!dx-${index}`,
              ckn: hex(index, 64),
              state: up ? 'associated' : 'disassociated',
              startOn: '2026-01-12T09:00:00+00:00',
            },
          ]
        : [],
  };
}

/** Writes `[a,b,c]` items one at a time, so that the generator never holds the whole file. */
async function writeArrayFile(
  path: string,
  prefix: string,
  suffix: string,
  producers: readonly { count: number; item: (index: number) => object }[],
): Promise<number> {
  const stream = createWriteStream(path);
  let bytes = 0;
  const write = async (chunk: string): Promise<void> => {
    bytes += Buffer.byteLength(chunk);
    if (!stream.write(chunk)) await once(stream, 'drain');
  };
  await write(prefix);
  let first = true;
  for (const producer of producers) {
    for (let index = 0; index < producer.count; index += 1) {
      await write((first ? '' : ',') + JSON.stringify(producer.item(index)));
      first = false;
    }
  }
  await write(suffix);
  stream.end();
  await once(stream, 'finish');
  return bytes;
}

export async function generateAccount(dir: string, shape: AccountShape): Promise<GeneratedAccount> {
  mkdirSync(dir, { recursive: true });
  const rand = random(42);
  const loadBalancers = elbv2LoadBalancers(shape.elbv2LoadBalancers);
  const snapshot = join(dir, 'config-snapshot.json');
  const snapshotBytes = await writeArrayFile(
    snapshot,
    '{"fileVersion":"1.0","configSnapshotId":"0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e","configurationItems":[',
    ']}',
    [
      { count: loadBalancers.length, item: (i) => loadBalancerItem(loadBalancers[i] as LoadBalancerV2, i) },
      {
        count: shape.elbv2Listeners,
        item: (i) => listenerItem(loadBalancers[i % loadBalancers.length] as LoadBalancerV2, i, rand),
      },
      { count: shape.classicLoadBalancers, item: (i) => classicItem(i, rand) },
      { count: shape.vpnConnections, item: (i) => vpnItem(i, rand) },
      { count: shape.certificates, item: (i) => certificateItem(i, rand) },
    ],
  );
  const dx = join(dir, 'directconnect-describe-connections.json');
  const dxBytes = await writeArrayFile(dx, '{"connections":[', ']}', [
    { count: shape.dxConnections, item: (i) => dxConnection(i, rand) },
  ]);
  return { dir, files: [snapshot, dx], items: shapeTotal(shape), bytes: snapshotBytes + dxBytes };
}
