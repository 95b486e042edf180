/**
 * A hand-built evaluation set for the report tests: what the engine would produce for a small account
 * (three ALB listeners, a Gateway Load Balancer listener, a classic load balancer, two VPN connections,
 * a dedicated and a hosted Direct Connect connection and two certificates).
 */
import type { ComplianceStatus, Evaluation, Severity } from '../../../shared/model/evaluation.js';
import type { ResourceType } from '../../../shared/model/resource.js';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const LB = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}`;

export const RESOURCE_IDS = {
  httpsListener: `${LB}:listener/app/shop/50dc6c495c0c9188/0467ef3c8400ae65`,
  httpForwardListener: `${LB}:listener/app/shop/50dc6c495c0c9188/4ac3b23a1e3ff6d2`,
  httpRedirectListener: `${LB}:listener/app/blog/8e2f9a0b1c3d4e5f/9d2e1f0a7b6c5d4e`,
  gatewayListener: `${LB}:listener/gwy/inspection/1a2b3c4d5e6f7a8b/0f1e2d3c4b5a6978`,
  classicLoadBalancer: `${LB}:loadbalancer/legacy-web`,
  weakVpn: 'vpn-0a1b2c3d4e5f60718',
  strongVpn: 'vpn-0f9e8d7c6b5a49382',
  dedicatedDx: 'dxcon-fgq8n3ab',
  hostedDx: 'dxcon-ffy7k2cd',
  expiringCertificate: `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/6d3f1c2e-8a4b-4c5d-9e7f-0a1b2c3d4e5f`,
  validCertificate: `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b`,
} as const;

function evaluation(
  resourceType: ResourceType,
  resourceId: string,
  ruleId: string,
  status: ComplianceStatus,
  severity: Severity,
  extra: Partial<Evaluation> = {},
): Evaluation {
  return {
    ruleId,
    status,
    severity,
    resourceType,
    resourceId,
    accountId: ACCOUNT,
    region: REGION,
    reason: `${ruleId} says ${status.toLowerCase()}.`,
    ...extra,
  };
}

const listener = (id: string, ruleId: string, status: ComplianceStatus, severity: Severity, extra = {}) =>
  evaluation('AWS::ElasticLoadBalancingV2::Listener', id, ruleId, status, severity, {
    resourceName: 'shop',
    ...extra,
  });

export function accountEvaluations(): Evaluation[] {
  const ids = RESOURCE_IDS;
  return [
    // HTTPS listener on a policy with CBC suites
    listener(ids.httpsListener, 'elbv2-listener-plaintext', 'NOT_APPLICABLE', 'high'),
    listener(ids.httpsListener, 'elbv2-listener-tcp-plaintext', 'NOT_APPLICABLE', 'medium'),
    listener(ids.httpsListener, 'elbv2-listener-tls-policy', 'COMPLIANT', 'high'),
    listener(ids.httpsListener, 'elbv2-listener-weak-ciphers', 'NON_COMPLIANT', 'medium', {
      reason: 'Policy ELBSecurityPolicy-TLS13-1-2-2021-06 offers 4 ciphers outside the allowed classes.',
      response: {
        mode: 'remediate',
        status: 'dry-run',
        action: 'set-ssl-policy',
        target: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
        note: 'dry run: planned, not executed',
      },
    }),
    // HTTP listener that forwards plaintext
    listener(ids.httpForwardListener, 'elbv2-listener-plaintext', 'NON_COMPLIANT', 'high', {
      reason: 'Listener HTTP:80 serves plaintext HTTP: the default action forwards.',
      response: { mode: 'notify', status: 'notify' },
    }),
    listener(ids.httpForwardListener, 'elbv2-listener-tcp-plaintext', 'NOT_APPLICABLE', 'medium'),
    listener(ids.httpForwardListener, 'elbv2-listener-tls-policy', 'NOT_APPLICABLE', 'high'),
    listener(ids.httpForwardListener, 'elbv2-listener-weak-ciphers', 'NOT_APPLICABLE', 'medium'),
    // HTTP listener that redirects to HTTPS
    listener(ids.httpRedirectListener, 'elbv2-listener-plaintext', 'COMPLIANT', 'high', {
      resourceName: 'blog',
    }),
    listener(ids.httpRedirectListener, 'elbv2-listener-tcp-plaintext', 'NOT_APPLICABLE', 'medium'),
    listener(ids.httpRedirectListener, 'elbv2-listener-tls-policy', 'NOT_APPLICABLE', 'high'),
    listener(ids.httpRedirectListener, 'elbv2-listener-weak-ciphers', 'NOT_APPLICABLE', 'medium'),
    // Gateway Load Balancer listener: every rule skips it
    listener(ids.gatewayListener, 'elbv2-listener-plaintext', 'NOT_APPLICABLE', 'high'),
    listener(ids.gatewayListener, 'elbv2-listener-tcp-plaintext', 'NOT_APPLICABLE', 'medium'),
    listener(ids.gatewayListener, 'elbv2-listener-tls-policy', 'NOT_APPLICABLE', 'high'),
    listener(ids.gatewayListener, 'elbv2-listener-weak-ciphers', 'NOT_APPLICABLE', 'medium'),
    // Classic load balancer: HTTPS only, on ELBSecurityPolicy-2016-08
    ...(
      [
        ['elb-listener-plaintext', 'COMPLIANT', 'high'],
        ['elb-listener-tls-policy', 'NON_COMPLIANT', 'high'],
        ['elb-listener-weak-ciphers', 'NON_COMPLIANT', 'medium'],
      ] as const
    ).map(([ruleId, status, severity]) =>
      evaluation(
        'AWS::ElasticLoadBalancing::LoadBalancer',
        ids.classicLoadBalancer,
        ruleId,
        status,
        severity,
        {
          resourceName: 'legacy-web',
          ...(status === 'NON_COMPLIANT'
            ? { response: { mode: 'notify' as const, status: 'notify' as const } }
            : {}),
        },
      ),
    ),
    // VPN permitting IKEv1, and a strong one
    evaluation('AWS::EC2::VPNConnection', ids.weakVpn, 'vpn-tunnel-ike-version', 'NON_COMPLIANT', 'high', {
      resourceName: 'branch-office',
      reason: 'Tunnels 203.0.113.10 and 203.0.113.20 permit IKEv1.',
      response: { mode: 'notify', status: 'notify' },
    }),
    evaluation('AWS::EC2::VPNConnection', ids.weakVpn, 'vpn-tunnel-weak-crypto', 'COMPLIANT', 'high'),
    evaluation('AWS::EC2::VPNConnection', ids.weakVpn, 'vpn-tunnel-down', 'COMPLIANT', 'medium'),
    evaluation('AWS::EC2::VPNConnection', ids.strongVpn, 'vpn-tunnel-ike-version', 'COMPLIANT', 'high'),
    evaluation('AWS::EC2::VPNConnection', ids.strongVpn, 'vpn-tunnel-weak-crypto', 'COMPLIANT', 'high'),
    // Direct Connect: dedicated with MACsec enforced; hosted (out of scope)
    ...['dx-connection-macsec', 'dx-connection-macsec-fail-open', 'dx-connection-macsec-down'].flatMap(
      (ruleId) => [
        evaluation('AWS::DirectConnect::Connection', ids.dedicatedDx, ruleId, 'COMPLIANT', 'high'),
        evaluation('AWS::DirectConnect::Connection', ids.hostedDx, ruleId, 'NOT_APPLICABLE', 'medium'),
      ],
    ),
    // Certificates: one expired and in use, one fine
    evaluation(
      'AWS::ACM::Certificate',
      ids.expiringCertificate,
      'acm-certificate-expiry',
      'NON_COMPLIANT',
      'critical',
      {
        resourceName: 'pay.example.com',
        reason: 'Certificate for pay.example.com expired 2 days ago and is in use.',
        response: { mode: 'notify', status: 'notify' },
      },
    ),
    evaluation(
      'AWS::ACM::Certificate',
      ids.validCertificate,
      'acm-certificate-expiry',
      'COMPLIANT',
      'medium',
    ),
  ];
}

/** How many resources the set covers. */
export const ACCOUNT_RESOURCE_COUNT = Object.keys(RESOURCE_IDS).length;
