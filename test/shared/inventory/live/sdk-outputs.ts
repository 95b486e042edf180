/**
 * SDK output objects for the aws-sdk-client-mock tests, shaped as the clients return them (PascalCase,
 * Dates as Date). Values follow the AWS API reference examples.
 */
import type { CertificateDetail, CertificateSummary } from '@aws-sdk/client-acm';
import type { Connection, Lag } from '@aws-sdk/client-direct-connect';
import type { TelemetryStatus, VpnConnection, VpnState } from '@aws-sdk/client-ec2';
import type { LoadBalancerDescription } from '@aws-sdk/client-elastic-load-balancing';
import type { Listener, LoadBalancer, Rule } from '@aws-sdk/client-elastic-load-balancing-v2';
import { createRegionalClients } from '../../../../shared/aws/clients.js';
import {
  type AwsInventorySourceOptions,
  createAwsInventorySource,
} from '../../../../shared/inventory/live/source.js';
import type { ResourceRef } from '../../../../shared/model/ref.js';
import type { ResourceType } from '../../../../shared/model/resource.js';
import { FAKE_CREDENTIALS } from '../../../fixtures/wire/http.js';

export const REGION = 'eu-west-1';
export const ACCOUNT_ID = '111122223333';
const ELB = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT_ID}`;

/** A source over mocked clients (aws-sdk-client-mock intercepts every client's send), unpaced unless asked. */
export function mockedSource(options: AwsInventorySourceOptions = {}) {
  return createAwsInventorySource(createRegionalClients({ credentials: FAKE_CREDENTIALS }), {
    rateLimits: {},
    ...options,
  });
}

export function ref(
  resourceType: ResourceType,
  resourceId: string,
  extra: Partial<ResourceRef> = {},
): ResourceRef {
  return { resourceType, resourceId, accountId: ACCOUNT_ID, region: REGION, ...extra };
}

/** An error as the SDK throws it for an error code it has no class for. */
export function awsError(name: string, message = `${name} (test)`): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 } });
}

// ---------------------------------------------------------------- ELBv2

export const loadBalancerArn = (name: string, type = 'app') =>
  `${ELB}:loadbalancer/${type}/${name}/50dc6c495c0c9188`;
export const listenerArn = (lbName: string, id: string, type = 'app') =>
  `${ELB}:listener/${type}/${lbName}/50dc6c495c0c9188/${id}`;

export function loadBalancer(name: string, type: 'application' | 'network' = 'application'): LoadBalancer {
  return {
    LoadBalancerArn: loadBalancerArn(name, type === 'application' ? 'app' : 'net'),
    LoadBalancerName: name,
    Type: type,
    Scheme: 'internet-facing',
    CreatedTime: new Date('2026-03-25T21:26:12.920Z'),
    State: { Code: 'active' },
  };
}

export function httpListener(lbName: string, id: string) {
  return {
    ListenerArn: listenerArn(lbName, id),
    LoadBalancerArn: loadBalancerArn(lbName),
    Protocol: 'HTTP',
    Port: 80,
    DefaultActions: [
      { Type: 'forward', Order: 1, TargetGroupArn: `${ELB}:targetgroup/${lbName}/73e2d6bc24d8a067` },
    ],
  } satisfies Listener;
}

export function httpsListener(
  lbName: string,
  id: string,
  sslPolicy = 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
) {
  return {
    ListenerArn: listenerArn(lbName, id),
    LoadBalancerArn: loadBalancerArn(lbName),
    Protocol: 'HTTPS',
    Port: 443,
    SslPolicy: sslPolicy,
    Certificates: [{ CertificateArn: `arn:aws:acm:${REGION}:${ACCOUNT_ID}:certificate/3b1d7d9e-5c2a` }],
    DefaultActions: [
      { Type: 'forward', Order: 1, TargetGroupArn: `${ELB}:targetgroup/${lbName}/73e2d6bc24d8a067` },
    ],
  } satisfies Listener;
}

/** A non-default rule (the default rule only repeats the listener's default actions). */
export function healthRule(listener: Listener, id: string): Rule {
  return {
    RuleArn: `${listener.ListenerArn?.replace(':listener/', ':listener-rule/')}/${id}`,
    Priority: '10',
    IsDefault: false,
    Conditions: [{ Field: 'path-pattern', Values: ['/health'] }],
    Actions: [
      {
        Type: 'fixed-response',
        Order: 1,
        FixedResponseConfig: { StatusCode: '200', ContentType: 'text/plain', MessageBody: 'ok' },
      },
    ],
  };
}

// ---------------------------------------------------------------- Classic ELB

export function classicLoadBalancer(name: string, protocol: 'HTTP' | 'HTTPS' | 'SSL' | 'TCP') {
  const tls = protocol === 'HTTPS' || protocol === 'SSL';
  return {
    LoadBalancerName: name,
    DNSName: `${name}-1234567890.${REGION}.elb.amazonaws.com`,
    Scheme: 'internet-facing',
    CreatedTime: new Date('2019-03-19T03:24:02.650Z'),
    ListenerDescriptions: [
      {
        Listener: {
          Protocol: protocol,
          LoadBalancerPort: tls ? 443 : 80,
          InstanceProtocol: 'HTTP',
          InstancePort: 80,
          ...(tls ? { SSLCertificateId: `arn:aws:iam::${ACCOUNT_ID}:server-certificate/${name}` } : {}),
        },
        PolicyNames: tls ? [`${name}-ssl`] : [],
      },
    ],
  } satisfies LoadBalancerDescription;
}

// ---------------------------------------------------------------- VPN

export function vpnConnection(
  id: string,
  state: VpnState = 'available',
  tunnelStatus: TelemetryStatus[] = ['UP', 'DOWN'],
): VpnConnection {
  const ips = ['203.0.113.17', '203.0.114.19'];
  return {
    VpnConnectionId: id,
    State: state,
    Type: 'ipsec.1',
    CustomerGatewayId: 'cgw-01234567abcde1234',
    VpnGatewayId: 'vgw-9a4cacf3',
    CustomerGatewayConfiguration: '<vpn_connection><pre_shared_key>EXAMPLE</pre_shared_key></vpn_connection>',
    Options: {
      TunnelOptions: ips.map((ip) => ({ OutsideIpAddress: ip, IkeVersions: [{ Value: 'ikev2' }] })),
    },
    VgwTelemetry: ips.map((ip, index) => ({
      OutsideIpAddress: ip,
      Status: tunnelStatus[index] ?? 'DOWN',
      StatusMessage: '',
      LastStatusChange: new Date('2026-11-20T10:00:00.000Z'),
      AcceptedRouteCount: 0,
    })),
  };
}

// ---------------------------------------------------------------- Direct Connect

export function dxConnection(id: string, state = 'available'): Connection {
  return {
    connectionId: id,
    connectionName: `dc-${id}`,
    connectionState: state as Connection['connectionState'],
    ownerAccount: ACCOUNT_ID,
    region: REGION,
    location: 'EqFA5',
    bandwidth: '10Gbps',
    macSecCapable: true,
    portEncryptionStatus: 'Encryption Up',
    encryptionMode: 'must_encrypt',
    macSecKeys: [
      { secretARN: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:x', state: 'associated' },
    ],
  };
}

export function dxLag(id: string, state = 'available'): Lag {
  return {
    lagId: id,
    lagName: `lag-${id}`,
    lagState: state as Lag['lagState'],
    ownerAccount: ACCOUNT_ID,
    region: REGION,
    location: 'EqFA5',
    connectionsBandwidth: '10Gbps',
    numberOfConnections: 1,
    connections: [dxConnection('dxcon-fh6ayh1d')],
    macSecCapable: true,
    encryptionMode: 'should_encrypt',
    macSecKeys: [],
  };
}

// ---------------------------------------------------------------- ACM

export const certificateArn = (id: string) => `arn:aws:acm:${REGION}:${ACCOUNT_ID}:certificate/${id}`;

export function certificate(id: string): CertificateDetail {
  return {
    CertificateArn: certificateArn(id),
    DomainName: `${id}.example.com`,
    Type: 'AMAZON_ISSUED',
    Status: 'ISSUED',
    KeyAlgorithm: 'EC-prime256v1' as CertificateDetail['KeyAlgorithm'],
    SignatureAlgorithm: 'SHA256WITHECDSA',
    NotBefore: new Date('2026-01-01T00:00:00.000Z'),
    NotAfter: new Date('2027-01-31T23:59:59.000Z'),
    InUseBy: [loadBalancerArn('shop')],
    RenewalEligibility: 'ELIGIBLE',
  };
}

export function certificateSummary(id: string): CertificateSummary {
  return { CertificateArn: certificateArn(id), DomainName: `${id}.example.com`, Status: 'ISSUED' };
}
