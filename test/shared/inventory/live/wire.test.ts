/**
 * Wire-level tests: AWS HTTP responses written in each service's own format (Query XML for ELB and
 * EC2, JSON 1.1 for ACM, Direct Connect and Config) go through the real SDK clients, the live source
 * and the normalizer. They prove the parsing, the not-found mapping and the adaptive retries.
 */
import { describe, expect, it, vi } from 'vitest';
import { createRegionalClients } from '../../../../shared/aws/clients.js';
import type { AcmCertificate } from '../../../../shared/families/acm/model.js';
import type { DxConnection, DxLag } from '../../../../shared/families/directconnect/model.js';
import type { ClassicLoadBalancer } from '../../../../shared/families/elb/model.js';
import type { Elbv2Listener } from '../../../../shared/families/elbv2/model.js';
import type { VpnConnection } from '../../../../shared/families/vpn/model.js';
import { createAwsInventorySource } from '../../../../shared/inventory/live/source.js';
import type { ResourceRef } from '../../../../shared/model/ref.js';
import type { ResourceType } from '../../../../shared/model/resource.js';
import {
  FAKE_CREDENTIALS,
  fakeAws,
  inOrder,
  json,
  jsonError,
  type Responder,
  type SentRequest,
  xml,
} from '../../../fixtures/wire/http.js';

const REGION = 'eu-west-1';
const ACCOUNT_ID = '111122223333';
const ELB = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT_ID}`;
const HTTP_LISTENER = `${ELB}:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2`;
const HTTPS_LISTENER = `${ELB}:listener/app/shop/50dc6c495c0c9188/0467ef3c8400ae65`;
const LOAD_BALANCER = `${ELB}:loadbalancer/app/shop/50dc6c495c0c9188`;
const CERTIFICATE = `arn:aws:acm:${REGION}:${ACCOUNT_ID}:certificate/3b1d7d9e-5c2a-4f0e-8a6b-2f9c1e4d7a10`;
const VPN_ID = 'vpn-0a1b2c3d4e5f60718';

function ref(resourceType: ResourceType, resourceId: string): ResourceRef {
  return { resourceType, resourceId, accountId: ACCOUNT_ID, region: REGION };
}

/** The live source over real SDK clients whose only transport is `respond`. */
function sourceAnswering(respond: Responder) {
  const aws = fakeAws(respond);
  const clients = createRegionalClients({
    credentials: FAKE_CREDENTIALS,
    requestHandler: aws.requestHandler,
  })(REGION);
  return { source: createAwsInventorySource(() => clients), requests: aws.requests };
}

const operations = (requests: readonly SentRequest[]) => requests.map((request) => request.operation);
const jsonBody = (request: SentRequest | undefined) => JSON.parse(request?.body ?? '{}');

/**
 * Runs `act` on a fake clock so the SDK's retry back-off (up to a second after a throttle) takes no
 * time: the clock jumps ahead while the retry waits, real I/O callbacks still run.
 */
async function withoutWaiting<T>(act: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  try {
    let settled = false;
    const pending = act().finally(() => {
      settled = true;
    });
    while (!settled) {
      await vi.advanceTimersByTimeAsync(100);
      await new Promise((resolve) => setImmediate(resolve));
    }
    return await pending;
  } finally {
    vi.useRealTimers();
  }
}

/** The shop ALB: an HTTP listener redirecting to HTTPS, and an HTTPS listener. */
const shop: Responder = (request) => {
  switch (request.operation) {
    case 'DescribeListeners':
      return request.params.has('ListenerArns.member.1')
        ? xml('elbv2-describe-listeners-http.xml')
        : xml('elbv2-describe-listeners-shop.xml');
    case 'DescribeLoadBalancers':
      return xml('elbv2-describe-load-balancers.xml');
    case 'DescribeRules':
      return xml('elbv2-describe-rules.xml');
    default:
      throw new Error(`unexpected ${request.operation}`);
  }
};

describe('wire: ELBv2 (Query protocol, XML)', () => {
  it('reads an HTTP listener from DescribeListeners, DescribeLoadBalancers and DescribeRules XML', async () => {
    // Prepare
    const { source, requests } = sourceAnswering(shop);

    // Act
    const result = await source.read([ref('AWS::ElasticLoadBalancingV2::Listener', HTTP_LISTENER)]);

    // Assess
    expect(operations(requests)).toEqual([
      'DescribeListeners',
      'DescribeLoadBalancers',
      'DescribeListeners',
      'DescribeRules',
    ]);
    expect(requests[0]?.hostname).toBe(`elasticloadbalancing.${REGION}.amazonaws.com`);
    expect(requests[0]?.params.get('Version')).toBe('2015-12-01');
    expect(requests[0]?.params.get('ListenerArns.member.1')).toBe(HTTP_LISTENER);
    expect(requests[1]?.params.get('LoadBalancerArns.member.1')).toBe(LOAD_BALANCER);
    expect(requests[2]?.params.get('LoadBalancerArn')).toBe(LOAD_BALANCER);
    expect(requests[3]?.params.get('ListenerArn')).toBe(HTTP_LISTENER);
    expect(result.errors).toEqual([]);
    const listener = result.resources[0] as Elbv2Listener;
    expect(result.resources).toHaveLength(1);
    expect(listener).toMatchObject({
      resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
      resourceId: HTTP_LISTENER,
      accountId: ACCOUNT_ID,
      region: REGION,
      loadBalancerArn: LOAD_BALANCER,
      loadBalancerType: 'application',
      loadBalancerName: 'shop',
      protocol: 'HTTP',
      port: 80,
      defaultActions: [
        {
          type: 'redirect',
          order: 1,
          redirect: { protocol: 'HTTPS', port: '443', host: '#{host}', statusCode: 'HTTP_301' },
        },
      ],
      siblingListeners: [{ listenerArn: HTTPS_LISTENER, protocol: 'HTTPS', port: 443 }],
    });
    expect(listener.rules).toEqual([
      expect.objectContaining({
        priority: '10',
        isDefault: false,
        actions: [
          expect.objectContaining({
            type: 'fixed-response',
            fixedResponse: expect.objectContaining({ statusCode: '200' }),
          }),
        ],
      }),
    ]);
  });

  it('reads the certificate, policy and ALPN of an HTTPS listener from the XML', async () => {
    // Prepare
    const { source } = sourceAnswering(shop);

    // Act
    const result = await source.read([ref('AWS::ElasticLoadBalancingV2::Listener', HTTPS_LISTENER)]);

    // Assess
    expect(result.resources[0]).toMatchObject({
      resourceId: HTTPS_LISTENER,
      protocol: 'HTTPS',
      port: 443,
      sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
      certificates: [{ certificateArn: CERTIFICATE }],
      alpnPolicy: ['HTTP2Preferred'],
      defaultActions: [expect.objectContaining({ type: 'forward' })],
    });
  });

  it('reads a security policy the bundled data lacks from DescribeSSLPolicies XML', async () => {
    // Prepare
    const { source, requests } = sourceAnswering((request) =>
      request.operation === 'DescribeSSLPolicies'
        ? xml('elbv2-describe-ssl-policies.xml')
        : request.operation === 'DescribeLoadBalancers'
          ? xml('elbv2-describe-load-balancers.xml')
          : xml('elbv2-describe-listeners-https-new-policy.xml'),
    );

    // Act
    const result = await source.read([ref('AWS::ElasticLoadBalancingV2::Listener', HTTPS_LISTENER)]);

    // Assess
    expect(operations(requests)).toContain('DescribeSSLPolicies');
    expect(result.resources[0]).toMatchObject({ sslPolicy: 'ELBSecurityPolicy-TLS13-1-3-PQ-2099-01' });
    expect(result.tlsPolicies).toEqual([
      expect.objectContaining({
        name: 'ELBSecurityPolicy-TLS13-1-3-PQ-2099-01',
        protocols: ['TLSv1.3'],
        ciphers: ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256'],
        origin: 'live',
      }),
    ]);
  });

  it('turns a ListenerNotFound error response into a gone listener', async () => {
    // Prepare
    const { source } = sourceAnswering(inOrder(xml('elbv2-error-listener-not-found.xml', 400)));

    // Act
    const result = await source.read([ref('AWS::ElasticLoadBalancingV2::Listener', HTTP_LISTENER)]);

    // Assess
    expect(result.gone).toEqual([ref('AWS::ElasticLoadBalancingV2::Listener', HTTP_LISTENER)]);
    expect(result.errors).toEqual([]);
  });

  it('retries a Throttling response (adaptive mode) and then reads the listener', async () => {
    // Prepare
    let throttled = false;
    const { source, requests } = sourceAnswering((request) => {
      if (!throttled) {
        throttled = true;
        return xml('elbv2-error-throttling.xml', 400);
      }
      return shop(request);
    });

    // Act
    const result = await withoutWaiting(() =>
      source.read([ref('AWS::ElasticLoadBalancingV2::Listener', HTTP_LISTENER)]),
    );

    // Assess
    expect(operations(requests).slice(0, 2)).toEqual(['DescribeListeners', 'DescribeListeners']);
    expect(requests[0]?.headers['amz-sdk-request']).toBe('attempt=1; max=5');
    expect(requests[1]?.headers['amz-sdk-request']).toBe('attempt=2; max=5');
    expect(result.errors).toEqual([]);
    expect(result.resources).toEqual([expect.objectContaining({ resourceId: HTTP_LISTENER })]);
  });
});

describe('wire: classic ELB (Query protocol, XML)', () => {
  it('reads listeners and the custom SSL negotiation policy from the XML', async () => {
    // Prepare
    const { source, requests } = sourceAnswering((request) =>
      request.operation === 'DescribeLoadBalancerPolicies'
        ? xml('elb-describe-load-balancer-policies.xml')
        : xml('elb-describe-load-balancers.xml'),
    );

    // Act
    const result = await source.read([
      ref('AWS::ElasticLoadBalancing::LoadBalancer', `${ELB}:loadbalancer/legacy-web`),
    ]);

    // Assess
    expect(operations(requests)).toEqual(['DescribeLoadBalancers', 'DescribeLoadBalancerPolicies']);
    expect(requests[0]?.params.get('Version')).toBe('2012-06-01');
    expect(requests[0]?.params.get('LoadBalancerNames.member.1')).toBe('legacy-web');
    expect(requests[1]?.params.get('LoadBalancerName')).toBe('legacy-web');
    const loadBalancer = result.resources[0] as ClassicLoadBalancer;
    expect(loadBalancer).toMatchObject({
      loadBalancerName: 'legacy-web',
      dnsName: 'legacy-web-1234567890.eu-west-1.elb.amazonaws.com',
      scheme: 'internet-facing',
      listeners: expect.arrayContaining([
        {
          protocol: 'HTTPS',
          loadBalancerPort: 443,
          instanceProtocol: 'HTTP',
          instancePort: 80,
          sslCertificateId: `arn:aws:iam::${ACCOUNT_ID}:server-certificate/legacy-web-2019`,
          policyNames: ['legacy-web-ssl'],
        },
        expect.objectContaining({ protocol: 'HTTP', loadBalancerPort: 80, policyNames: [] }),
      ]),
    });
    expect(loadBalancer.policies).toEqual([
      expect.objectContaining({
        policyName: 'legacy-web-ssl',
        policyTypeName: 'SSLNegotiationPolicyType',
        attributes: expect.arrayContaining([
          { name: 'Protocol-TLSv1', value: 'true' },
          { name: 'DES-CBC3-SHA', value: 'true' },
          { name: 'RC4-SHA', value: 'false' },
        ]),
      }),
    ]);
  });

  it('turns a LoadBalancerNotFound error response into a gone load balancer', async () => {
    // Prepare
    const { source } = sourceAnswering(inOrder(xml('elb-error-load-balancer-not-found.xml', 400)));
    const legacy = ref('AWS::ElasticLoadBalancing::LoadBalancer', `${ELB}:loadbalancer/legacy-web`);

    // Act
    const result = await source.read([legacy]);

    // Assess
    expect(result.gone).toEqual([legacy]);
    expect(result.errors).toEqual([]);
  });
});

describe('wire: EC2 VPN (EC2 Query protocol, XML)', () => {
  it('reads tunnel options, telemetry and negotiated crypto, and drops the pre-shared keys', async () => {
    // Prepare
    const { source, requests } = sourceAnswering((request) =>
      request.operation === 'GetActiveVpnTunnelStatus'
        ? xml('ec2-get-active-vpn-tunnel-status.xml')
        : xml('ec2-describe-vpn-connections.xml'),
    );

    // Act
    const result = await source.read([ref('AWS::EC2::VPNConnection', VPN_ID)]);

    // Assess
    expect(operations(requests)).toEqual(['DescribeVpnConnections', 'GetActiveVpnTunnelStatus']);
    expect(requests[0]?.hostname).toBe(`ec2.${REGION}.amazonaws.com`);
    expect(requests[0]?.params.get('VpnConnectionId.1')).toBe(VPN_ID);
    expect(requests[1]?.params.get('VpnConnectionId')).toBe(VPN_ID);
    expect(requests[1]?.params.get('VpnTunnelOutsideIpAddress')).toBe('203.0.113.17');
    const vpn = result.resources[0] as VpnConnection;
    expect(vpn).toMatchObject({
      resourceId: VPN_ID,
      state: 'available',
      type: 'ipsec.1',
      customerGatewayId: 'cgw-01234567abcde1234',
      vpnGatewayId: 'vgw-9a4cacf3',
      tags: { Name: 'office-frankfurt' },
    });
    const up = vpn.tunnels.find((tunnel) => tunnel.outsideIpAddress === '203.0.113.17');
    const down = vpn.tunnels.find((tunnel) => tunnel.outsideIpAddress === '198.51.100.42');
    expect(up).toMatchObject({
      status: 'UP',
      options: {
        ikeVersions: ['ikev2'],
        phase1EncryptionAlgorithms: ['AES256-GCM-16'],
        phase1IntegrityAlgorithms: ['SHA2-384'],
        phase1DHGroupNumbers: [20],
        phase2DHGroupNumbers: [20],
        startupAction: 'add',
      },
      negotiated: { ikeVersion: 'ikev2', phase1EncryptionAlgorithm: 'AES256-GCM-16', phase1DHGroup: 20 },
    });
    expect(down).toMatchObject({
      status: 'DOWN',
      options: expect.objectContaining({ ikeVersions: [], phase1DHGroupNumbers: [] }),
    });
    expect(down?.negotiated).toBeUndefined();
    expect(JSON.stringify(result)).not.toContain('EXAMPLEPSKDONOTUSE');
  });

  it('leaves negotiated crypto unknown, without an error, when the tunnel status call is not authorized', async () => {
    // Prepare
    const { source } = sourceAnswering((request) =>
      request.operation === 'GetActiveVpnTunnelStatus'
        ? xml('ec2-error-unauthorized.xml', 403)
        : xml('ec2-describe-vpn-connections.xml'),
    );

    // Act
    const result = await source.read([ref('AWS::EC2::VPNConnection', VPN_ID)]);

    // Assess
    expect(result.errors).toEqual([]);
    expect((result.resources[0] as VpnConnection).tunnels.every((tunnel) => !tunnel.negotiated)).toBe(true);
  });

  it('turns InvalidVpnConnectionID.NotFound into a gone connection', async () => {
    // Prepare
    const { source } = sourceAnswering(inOrder(xml('ec2-error-vpn-not-found.xml', 400)));

    // Act
    const result = await source.read([ref('AWS::EC2::VPNConnection', VPN_ID)]);

    // Assess
    expect(result.gone).toEqual([ref('AWS::EC2::VPNConnection', VPN_ID)]);
    expect(result.errors).toEqual([]);
  });
});

describe('wire: Direct Connect (JSON 1.1)', () => {
  it('reads MACsec state of a connection from DescribeConnections JSON', async () => {
    // Prepare
    const { source, requests } = sourceAnswering(inOrder(json('dx-describe-connections.json')));

    // Act
    const result = await source.read([ref('AWS::DirectConnect::Connection', 'dxcon-fgq9rgot')]);

    // Assess
    expect(requests[0]?.headers['x-amz-target']).toBe('OvertureService.DescribeConnections');
    expect(jsonBody(requests[0])).toEqual({ connectionId: 'dxcon-fgq9rgot' });
    expect(result.resources[0] as DxConnection).toMatchObject({
      resourceId: 'dxcon-fgq9rgot',
      name: 'dc-frankfurt-1',
      bandwidth: '10Gbps',
      state: 'available',
      lagId: 'dxlag-ffrz71kw',
      macSecCapable: true,
      encryptionMode: 'must_encrypt',
      portEncryptionStatus: 'Encryption Up',
      macSecKeys: [
        {
          secretArn:
            'arn:aws:secretsmanager:eu-west-1:111122223333:secret:directconnect!prod/eu-west-1/macsec-0123456789abcdef-AbCdEf',
          ckn: '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
          state: 'associated',
          startOn: '2026-01-10T09:00:00.000Z',
        },
      ],
    });
  });

  it('reads a LAG and the port encryption of its members from DescribeLags JSON', async () => {
    // Prepare
    const { source, requests } = sourceAnswering(inOrder(json('dx-describe-lags.json')));

    // Act
    const result = await source.read([ref('AWS::DirectConnect::Lag', 'dxlag-ffrz71kw')]);

    // Assess
    expect(requests[0]?.headers['x-amz-target']).toBe('OvertureService.DescribeLags');
    expect(jsonBody(requests[0])).toEqual({ lagId: 'dxlag-ffrz71kw' });
    expect(result.resources[0] as DxLag).toMatchObject({
      resourceId: 'dxlag-ffrz71kw',
      encryptionMode: 'should_encrypt',
      connectionIds: ['dxcon-fgq9rgot', 'dxcon-fh6ayh1d'],
      memberPortEncryptionStatus: { 'dxcon-fgq9rgot': 'Encryption Up', 'dxcon-fh6ayh1d': 'Encryption Down' },
    });
  });

  it('turns a DirectConnectClientException saying "does not exist" into a gone connection', async () => {
    // Prepare
    const { source } = sourceAnswering(
      inOrder(jsonError('DirectConnectClientException', 'Connection ID dxcon-ffffffff does not exist.')),
    );

    // Act
    const result = await source.read([ref('AWS::DirectConnect::Connection', 'dxcon-ffffffff')]);

    // Assess
    expect(result.gone).toEqual([ref('AWS::DirectConnect::Connection', 'dxcon-ffffffff')]);
    expect(result.errors).toEqual([]);
  });
});

describe('wire: ACM (JSON 1.1)', () => {
  it('reads a certificate from DescribeCertificate JSON, epoch dates included', async () => {
    // Prepare
    const { source, requests } = sourceAnswering(inOrder(json('acm-describe-certificate.json')));

    // Act
    const result = await source.read([ref('AWS::ACM::Certificate', CERTIFICATE)]);

    // Assess
    expect(requests[0]?.headers['x-amz-target']).toBe('CertificateManager.DescribeCertificate');
    expect(jsonBody(requests[0])).toEqual({ CertificateArn: CERTIFICATE });
    expect(result.resources[0] as AcmCertificate).toMatchObject({
      resourceId: CERTIFICATE,
      domainName: 'shop.example.com',
      type: 'AMAZON_ISSUED',
      status: 'ISSUED',
      keyAlgorithm: 'EC_prime256v1',
      signatureAlgorithm: 'SHA256WITHECDSA',
      notBefore: '2026-01-01T00:00:00.000Z',
      notAfter: '2027-01-31T23:59:59.000Z',
      inUseBy: [LOAD_BALANCER],
      renewalEligibility: 'ELIGIBLE',
      renewalSummary: { renewalStatus: 'PENDING_AUTO_RENEWAL', updatedAt: '2026-12-15T08:00:00.000Z' },
      transparencyLoggingPreference: 'ENABLED',
    });
  });

  it('asks ListCertificates for every key type in the sweep', async () => {
    // Prepare
    const { source, requests } = sourceAnswering((request) =>
      request.operation === 'ListCertificates'
        ? json('acm-list-certificates.json')
        : json('acm-describe-certificate.json'),
    );

    // Act
    const result = await source.enumerate(REGION, ['acm']);

    // Assess
    expect(operations(requests)).toEqual(['ListCertificates', 'DescribeCertificate']);
    expect(jsonBody(requests[0]).Includes.keyTypes.sort()).toEqual(
      [
        'EC_prime256v1',
        'EC_secp384r1',
        'EC_secp521r1',
        'RSA_1024',
        'RSA_2048',
        'RSA_3072',
        'RSA_4096',
      ].sort(),
    );
    expect(result.resources).toEqual([expect.objectContaining({ resourceId: CERTIFICATE })]);
  });

  it('retries a ThrottlingException (adaptive mode) and then reads the certificate', async () => {
    // Prepare
    const { source, requests } = sourceAnswering(
      inOrder(jsonError('ThrottlingException', 'Rate exceeded'), json('acm-describe-certificate.json')),
    );

    // Act
    const result = await withoutWaiting(() => source.read([ref('AWS::ACM::Certificate', CERTIFICATE)]));

    // Assess
    expect(requests.map((request) => request.headers['amz-sdk-request'])).toEqual([
      'attempt=1; max=5',
      'attempt=2; max=5',
    ]);
    expect(result.errors).toEqual([]);
    expect(result.resources).toEqual([expect.objectContaining({ resourceId: CERTIFICATE })]);
  });
});

describe('wire: AWS Config (JSON 1.1)', () => {
  it('reads a listener from GetResourceConfigHistory JSON with a JSON-encoded configuration', async () => {
    // Prepare
    const listenerArn = `${ELB}:listener/net/vault/7c2e4a6b8d0f1e3a/5d7f9b1c3e5a7c9e`;
    const { source, requests } = sourceAnswering(inOrder(json('config-get-resource-config-history.json')));

    // Act
    const result = await source.readConfigItem(ref('AWS::ElasticLoadBalancingV2::Listener', listenerArn));

    // Assess
    expect(requests[0]?.headers['x-amz-target']).toBe('StarlingDoveService.GetResourceConfigHistory');
    expect(jsonBody(requests[0])).toEqual({
      resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
      resourceId: listenerArn,
      limit: 1,
    });
    expect(result.resources[0]).toMatchObject({
      resourceId: listenerArn,
      protocol: 'TLS',
      port: 443,
      sslPolicy: 'ELBSecurityPolicy-2016-08',
      loadBalancerType: 'network',
      accountId: ACCOUNT_ID,
      region: REGION,
    });
  });
});
