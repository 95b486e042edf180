/**
 * Builders for the load balancer rule tests, in the normalized model. Values follow what the ELB APIs
 * return (DescribeListeners, DescribeRules, DescribeLoadBalancers, DescribeLoadBalancerPolicies).
 */
import type { ClassicListener, ClassicLoadBalancer, ClassicPolicy } from '../../shared/families/elb/model.js';
import type {
  Elbv2Listener,
  ListenerAction,
  ListenerRule,
  LoadBalancerType,
} from '../../shared/families/elbv2/model.js';
import type { PolicyInput } from '../../shared/policy/schema.js';
import type { RuleContext } from '../../shared/rules/rule.js';
import { ruleContext } from './rule-context.js';

const ACCOUNT_ID = '123456789012';
const REGION = 'us-east-1';

export const elbRuleContext = (policy: PolicyInput = {}): RuleContext => ruleContext(policy);

export const ACM_CERTIFICATE_ARN = `arn:aws:acm:${REGION}:${ACCOUNT_ID}:certificate/3b1d7d9e-5c2a-4f0e-8a6b-2f9c1e4d7a10`;
export const IAM_SERVER_CERTIFICATE_ARN = `arn:aws:iam::${ACCOUNT_ID}:server-certificate/legacy-web-2019`;

// ---------------------------------------------------------------- ELBv2 actions and rules

export function forwardAction(): ListenerAction {
  return {
    type: 'forward',
    order: 1,
    targetGroupArn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT_ID}:targetgroup/web/73e2d6bc24d8a067`,
  };
}

/** A redirect as the console creates it; `protocol` null leaves it out (AWS's default, "#{protocol}"). */
export function redirectAction(protocol: string | null = 'HTTPS'): ListenerAction {
  return {
    type: 'redirect',
    order: 1,
    redirect: {
      ...(protocol === null ? {} : { protocol }),
      port: '443',
      host: '#{host}',
      path: '/#{path}',
      query: '#{query}',
      statusCode: 'HTTP_301',
    },
  };
}

export function fixedResponseAction(statusCode = '200'): ListenerAction {
  return {
    type: 'fixed-response',
    order: 1,
    fixedResponse: { statusCode, contentType: 'text/plain', messageBody: 'ok' },
  };
}

export function listenerRule(priority: string, actions: ListenerAction[]): ListenerRule {
  return {
    ruleArn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT_ID}:listener-rule/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabe${priority}`,
    priority,
    isDefault: false,
    actions,
  };
}

// ---------------------------------------------------------------- ELBv2 listeners

const LOAD_BALANCERS: Record<LoadBalancerType, { path: string; name: string }> = {
  application: { path: 'app/web/50dc6c495c0c9188', name: 'web' },
  network: { path: 'net/edge/3dcb0a1c2b4e5f6a', name: 'edge' },
  gateway: { path: 'gwy/inspect/e0f9b3d5c7f7d3d6', name: 'inspect' },
};

function elbv2Listener(type: LoadBalancerType, overrides: Partial<Elbv2Listener>): Elbv2Listener {
  const lb = LOAD_BALANCERS[type];
  const listenerArn = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT_ID}:listener/${lb.path}/f2f7dc8efc522ab2`;
  return {
    resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
    resourceId: listenerArn,
    arn: listenerArn,
    name: lb.name,
    accountId: ACCOUNT_ID,
    region: REGION,
    tags: {},
    source: 'test',
    listenerArn,
    loadBalancerArn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT_ID}:loadbalancer/${lb.path}`,
    loadBalancerType: type,
    loadBalancerName: lb.name,
    certificates: [],
    defaultActions: [forwardAction()],
    ...overrides,
  };
}

/** ALB HTTP:80 forwarding to a target group, with DescribeRules data showing no other rule. */
export function albHttpListener(overrides: Partial<Elbv2Listener> = {}): Elbv2Listener {
  return elbv2Listener('application', { protocol: 'HTTP', port: 80, rules: [], ...overrides });
}

/** ALB HTTPS:443 on the default target policy with an ACM certificate. */
export function albHttpsListener(overrides: Partial<Elbv2Listener> = {}): Elbv2Listener {
  return elbv2Listener('application', {
    protocol: 'HTTPS',
    port: 443,
    sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
    certificates: [{ certificateArn: ACM_CERTIFICATE_ARN, isDefault: true }],
    rules: [],
    ...overrides,
  });
}

/** NLB listener; TLS ones get the default target policy and an ACM certificate. */
export function nlbListener(
  protocol: string,
  port: number,
  overrides: Partial<Elbv2Listener> = {},
): Elbv2Listener {
  const tls =
    protocol === 'TLS'
      ? {
          sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
          certificates: [{ certificateArn: ACM_CERTIFICATE_ARN, isDefault: true }],
        }
      : {};
  return elbv2Listener('network', { protocol, port, ...tls, ...overrides });
}

/** Gateway Load Balancer listener as CreateListener returns it: no Protocol, no Port. */
export function gwlbListener(overrides: Partial<Elbv2Listener> = {}): Elbv2Listener {
  return elbv2Listener('gateway', overrides);
}

// ---------------------------------------------------------------- Classic ELB

const INSTANCE_PROTOCOL: Record<string, string> = { HTTPS: 'HTTP', SSL: 'TCP', HTTP: 'HTTP', TCP: 'TCP' };

export function classicListener(
  protocol: string,
  loadBalancerPort: number,
  policyNames: string[] = [],
): ClassicListener {
  const encrypted = ['HTTPS', 'SSL'].includes(protocol.toUpperCase());
  return {
    protocol,
    loadBalancerPort,
    instanceProtocol: INSTANCE_PROTOCOL[protocol.toUpperCase()] ?? protocol,
    instancePort: 8080,
    ...(encrypted ? { sslCertificateId: ACM_CERTIFICATE_ARN } : {}),
    policyNames,
  };
}

export function classicLoadBalancer(
  listeners: ClassicListener[],
  policies: ClassicPolicy[] = [],
): ClassicLoadBalancer {
  return {
    resourceType: 'AWS::ElasticLoadBalancing::LoadBalancer',
    resourceId: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT_ID}:loadbalancer/legacy-web`,
    arn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT_ID}:loadbalancer/legacy-web`,
    name: 'legacy-web',
    accountId: ACCOUNT_ID,
    region: REGION,
    tags: {},
    source: 'test',
    loadBalancerName: 'legacy-web',
    dnsName: 'legacy-web-1234567890.us-east-1.elb.amazonaws.com',
    scheme: 'internet-facing',
    listeners,
    policies,
  };
}

const CLASSIC_PROTOCOLS = ['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2'];

export interface NegotiationSettings {
  /** Enabled protocols; the other classic protocols are written as disabled. Omitted: no Protocol-* attribute. */
  protocols?: string[];
  /** Enabled ciphers (OpenSSL names). */
  ciphers?: string[];
  reference?: string;
  /** How the attribute spells "enabled"; AWS has returned both "true" and "True". */
  enabled?: string;
}

/** An SSLNegotiationPolicyType policy with attributes as DescribeLoadBalancerPolicies lists them. */
export function negotiationPolicy(policyName: string, settings: NegotiationSettings): ClassicPolicy {
  const enabled = settings.enabled ?? 'true';
  const protocols = settings.protocols;
  return {
    policyName,
    policyTypeName: 'SSLNegotiationPolicyType',
    attributes: [
      ...(settings.reference ? [{ name: 'Reference-Security-Policy', value: settings.reference }] : []),
      ...(protocols
        ? CLASSIC_PROTOCOLS.map((protocol) => ({
            name: `Protocol-${protocol}`,
            value: protocols.includes(protocol) ? enabled : 'false',
          }))
        : []),
      ...(protocols ? [{ name: 'Server-Defined-Cipher-Order', value: enabled }] : []),
      ...(settings.ciphers ?? []).map((cipher) => ({ name: cipher, value: enabled })),
    ],
  };
}

/** Ciphers of a strong custom policy: ECDHE with AES-GCM only. */
export const STRONG_CLASSIC_CIPHERS = [
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
];
