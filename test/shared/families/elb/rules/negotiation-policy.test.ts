import { describe, expect, it } from 'vitest';
import type {
  ClassicListener,
  ClassicLoadBalancer,
  ClassicPolicy,
} from '../../../../../shared/families/elb/model.js';
import { resolveClassicListenerPolicy } from '../../../../../shared/families/elb/rules/negotiation-policy.js';
import { createTlsCatalog } from '../../../../../shared/tls/policies.js';

const catalog = createTlsCatalog();

const httpsListener: ClassicListener = {
  protocol: 'HTTPS',
  loadBalancerPort: 443,
  instanceProtocol: 'HTTP',
  instancePort: 80,
  sslCertificateId: 'arn:aws:acm:eu-west-1:111122223333:certificate/0b8f6c55-7f0a-4d5e-9b1e-6f7f3c1d2e4a',
  policyNames: ['web-negotiation'],
};

function loadBalancer(
  policies: ClassicPolicy[],
  listener: ClassicListener = httpsListener,
): ClassicLoadBalancer {
  return {
    resourceType: 'AWS::ElasticLoadBalancing::LoadBalancer',
    resourceId: 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/web',
    loadBalancerName: 'web',
    tags: {},
    source: 'test',
    listeners: [listener],
    policies,
  };
}

const attr = (name: string, value: string) => ({ name, value });

describe('resolveClassicListenerPolicy', () => {
  it('uses the load balancer’s own policy attributes when the input has them', () => {
    // Prepare
    const lb = loadBalancer([
      {
        policyName: 'web-negotiation',
        policyTypeName: 'SSLNegotiationPolicyType',
        attributes: [attr('Protocol-TLSv1.2', 'true'), attr('ECDHE-ECDSA-AES256-GCM-SHA384', 'true')],
      },
    ]);

    // Act
    const result = resolveClassicListenerPolicy(lb, httpsListener, catalog);

    // Assess
    expect(result).toMatchObject({
      kind: 'resolved',
      policy: { name: 'web-negotiation', protocols: ['TLSv1.2'], ciphers: ['ECDHE-ECDSA-AES256-GCM-SHA384'] },
    });
  });

  it('follows Reference-Security-Policy when that is all the policy says', () => {
    // Prepare
    const lb = loadBalancer([
      {
        policyName: 'web-negotiation',
        policyTypeName: 'SSLNegotiationPolicyType',
        attributes: [attr('Reference-Security-Policy', 'ELBSecurityPolicy-2015-05')],
      },
    ]);

    // Act
    const result = resolveClassicListenerPolicy(lb, httpsListener, catalog);

    // Assess
    expect(result.kind).toBe('resolved');
    if (result.kind !== 'resolved') return;
    expect(result.policy.reference).toBe('ELBSecurityPolicy-2015-05');
    expect(result.policy.protocols).toContain('TLSv1');
    expect(result.policy.ciphers).toContain('DES-CBC3-SHA');
  });

  it('falls back to the predefined policy named on the listener when its attributes are not in the input', () => {
    // Prepare
    const listener = {
      ...httpsListener,
      policyNames: ['AWSConsole-LBCookieStickinessPolicy-web', 'ELBSecurityPolicy-TLS-1-2-2017-01'],
    };

    // Act
    const result = resolveClassicListenerPolicy(loadBalancer([], listener), listener, catalog);

    // Assess
    expect(result).toMatchObject({
      kind: 'resolved',
      policy: { name: 'ELBSecurityPolicy-TLS-1-2-2017-01', protocols: ['TLSv1.2'] },
    });
  });

  it('reports an unknown policy instead of guessing', () => {
    // Act
    const named = resolveClassicListenerPolicy(loadBalancer([]), httpsListener, catalog);
    const none = resolveClassicListenerPolicy(
      loadBalancer([], { ...httpsListener, policyNames: [] }),
      { ...httpsListener, policyNames: [] },
      catalog,
    );
    const referenceUnknown = resolveClassicListenerPolicy(
      loadBalancer([
        {
          policyName: 'web-negotiation',
          attributes: [attr('Reference-Security-Policy', 'ELBSecurityPolicy-2011-08')],
        },
      ]),
      httpsListener,
      catalog,
    );

    // Assess
    expect(named).toMatchObject({ kind: 'unknown', policyName: 'web-negotiation' });
    expect(none).toMatchObject({
      kind: 'unknown',
      why: expect.stringContaining('names no SSL negotiation policy'),
    });
    expect(referenceUnknown).toMatchObject({
      kind: 'unknown',
      why: expect.stringContaining('ELBSecurityPolicy-2011-08'),
    });
  });
});

const stickiness: ClassicPolicy = {
  policyName: 'AWSConsole-LBCookieStickinessPolicy-web',
  policyTypeName: 'LBCookieStickinessPolicyType',
  attributes: [attr('CookieExpirationPeriod', '3600')],
};

describe('resolveClassicListenerPolicy choosing the negotiation policy', () => {
  it('takes a policy of type SSLNegotiationPolicyType that only lists ciphers', () => {
    // Prepare
    const lb = loadBalancer([
      {
        policyName: 'web-negotiation',
        policyTypeName: 'SSLNegotiationPolicyType',
        attributes: [attr('ECDHE-RSA-AES128-GCM-SHA256', 'true'), attr('AES128-SHA', 'true')],
      },
    ]);

    // Act
    const result = resolveClassicListenerPolicy(lb, httpsListener, catalog);

    // Assess
    expect(result).toMatchObject({
      kind: 'resolved',
      policy: { name: 'web-negotiation', ciphers: ['ECDHE-RSA-AES128-GCM-SHA256', 'AES128-SHA'] },
    });
  });

  it('takes an untyped policy that has protocol attributes besides its ciphers', () => {
    // Prepare
    const lb = loadBalancer([
      {
        policyName: 'web-negotiation',
        attributes: [attr('Protocol-TLSv1.2', 'true'), attr('ECDHE-RSA-AES128-GCM-SHA256', 'true')],
      },
    ]);

    // Act
    const result = resolveClassicListenerPolicy(lb, httpsListener, catalog);

    // Assess
    expect(result).toMatchObject({
      kind: 'resolved',
      policy: { name: 'web-negotiation', protocols: ['TLSv1.2'], ciphers: ['ECDHE-RSA-AES128-GCM-SHA256'] },
    });
  });

  it('skips the listener’s stickiness policy and uses the negotiation policy named after it', () => {
    // Prepare
    const listener = { ...httpsListener, policyNames: [stickiness.policyName, 'web-negotiation'] };
    const lb = loadBalancer(
      [
        stickiness,
        {
          policyName: 'web-negotiation',
          policyTypeName: 'SSLNegotiationPolicyType',
          attributes: [attr('Protocol-TLSv1.2', 'true'), attr('ECDHE-ECDSA-AES128-GCM-SHA256', 'true')],
        },
      ],
      listener,
    );

    // Act
    const result = resolveClassicListenerPolicy(lb, listener, catalog);

    // Assess
    expect(result).toMatchObject({
      kind: 'resolved',
      policy: { name: 'web-negotiation', ciphers: ['ECDHE-ECDSA-AES128-GCM-SHA256'] },
    });
  });

  it('reports a negotiation policy that enables nothing and references nothing as unknown, saying so', () => {
    // Prepare
    const lb = loadBalancer([
      {
        policyName: 'web-negotiation',
        policyTypeName: 'SSLNegotiationPolicyType',
        attributes: [attr('Server-Defined-Cipher-Order', 'true')],
      },
    ]);

    // Act
    const result = resolveClassicListenerPolicy(lb, httpsListener, catalog);

    // Assess
    expect(result).toEqual({
      kind: 'unknown',
      policyName: 'web-negotiation',
      why: 'its attributes enable no protocol or cipher',
    });
  });

  it.each([
    [
      'a value that is neither true nor false',
      [attr('Protocol-TLSv1.2', 'true'), attr('Protocol-TLSv1', 'x')],
      'its attribute Protocol-TLSv1 has the value "x", neither true nor false',
    ],
    [
      'an empty value',
      [attr('Protocol-TLSv1.2', 'true'), attr('ECDHE-RSA-AES128-SHA', '')],
      'its attribute ECDHE-RSA-AES128-SHA has the value "", neither true nor false',
    ],
    [
      'a protocol it does not know, enabled',
      [attr('Protocol-TLSv1.2', 'true'), attr('Protocol-TLSv9', 'true')],
      'its attribute Protocol-TLSv9 enables a protocol transit-guard does not know',
    ],
    [
      'a cipher it does not know, enabled',
      [attr('Protocol-TLSv1.2', 'true'), attr(' Protocol-TLSv1', 'true')],
      'its attribute " Protocol-TLSv1" enables a cipher transit-guard does not know',
    ],
  ])('reports a policy with %s as unknown, never reading it as disabled', (_label, attributes, why) => {
    // Prepare
    const lb = loadBalancer([
      { policyName: 'web-negotiation', policyTypeName: 'SSLNegotiationPolicyType', attributes },
    ]);

    // Act
    const result = resolveClassicListenerPolicy(lb, httpsListener, catalog);

    // Assess
    expect(result).toEqual({ kind: 'unknown', policyName: 'web-negotiation', why });
  });

  it('reads a disabled attribute it does not know as nothing enabled', () => {
    // Prepare
    const lb = loadBalancer([
      {
        policyName: 'web-negotiation',
        policyTypeName: 'SSLNegotiationPolicyType',
        attributes: [attr('Protocol-TLSv1.2', 'true'), attr('Protocol-TLSv9', 'false'), attr('x', 'FALSE ')],
      },
    ]);

    // Act
    const result = resolveClassicListenerPolicy(lb, httpsListener, catalog);

    // Assess
    expect(result).toMatchObject({ kind: 'resolved', policy: { protocols: ['TLSv1.2'], ciphers: [] } });
  });

  it('names only the policies missing from the input, not the load balancer’s other policies', () => {
    // Prepare
    const listener = { ...httpsListener, policyNames: [stickiness.policyName, 'custom-negotiation'] };
    const lb = loadBalancer([stickiness], listener);

    // Act
    const result = resolveClassicListenerPolicy(lb, listener, catalog);

    // Assess
    expect(result).toEqual({
      kind: 'unknown',
      policyName: 'custom-negotiation',
      why: 'the attributes of custom-negotiation are not in the input and it is not a predefined security policy',
    });
  });
});
