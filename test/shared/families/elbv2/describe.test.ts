import { describe, expect, it } from 'vitest';
import type { PendingRule } from '../../../../shared/families/elbv2/inputs.js';
import { normalizeDocument } from '../../../../shared/inventory/detect.js';
import type { Inventory } from '../../../../shared/inventory/types.js';
import {
  fixture,
  LEDGER_TLS,
  normalizeFixture,
  only,
  SHOP_ALB,
  SHOP_HTTP,
  SHOP_HTTPS,
} from '../../inventory/fixtures.js';

/** The DescribeRules rules an inventory keeps for linking. */
const pendingRules = (inventory: Inventory) => inventory.pending?.rules as PendingRule[] | undefined;

const LISTENER = 'AWS::ElasticLoadBalancingV2::Listener';

describe('elbv2 describe-listeners', () => {
  it('reads an HTTPS listener with its certificate, policy, actions and ALPN policy', () => {
    // Prepare, Act
    const inventory = normalizeFixture('elbv2-describe-listeners.json');

    // Assess
    expect(inventory.errors).toEqual([]);
    expect(only(inventory, LISTENER, SHOP_HTTPS)).toEqual({
      resourceType: LISTENER,
      resourceId: SHOP_HTTPS,
      arn: SHOP_HTTPS,
      name: 'shop-alb',
      accountId: '111122223333',
      region: 'eu-west-1',
      tags: {},
      source: 'elbv2-describe-listeners.json (elbv2 describe-listeners)',
      listenerArn: SHOP_HTTPS,
      loadBalancerArn: SHOP_ALB,
      loadBalancerType: 'application',
      loadBalancerName: 'shop-alb',
      protocol: 'HTTPS',
      port: 443,
      sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      certificates: [
        {
          certificateArn:
            'arn:aws:acm:eu-west-1:111122223333:certificate/3f0c2a1e-7b4d-4c8e-9a15-2d6f80b1c3e7',
        },
      ],
      defaultActions: [
        {
          type: 'forward',
          order: 1,
          targetGroupArn:
            'arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/shop-web/6d0ecf831eec9f09',
        },
      ],
      alpnPolicy: ['HTTP2Preferred'],
    });
  });

  it('reads a redirect default action', () => {
    // Prepare, Act
    const listener = only(normalizeFixture('elbv2-describe-listeners.json'), LISTENER, SHOP_HTTP);

    // Assess
    expect(listener.defaultActions).toEqual([
      {
        type: 'redirect',
        order: 1,
        redirect: {
          protocol: 'HTTPS',
          port: '443',
          host: '#{host}',
          path: '/#{path}',
          query: '#{query}',
          statusCode: 'HTTP_301',
        },
      },
    ]);
    expect(listener.certificates).toEqual([]);
    expect(listener.sslPolicy).toBeUndefined();
  });

  it('takes the load balancer type from the listener ARN (net -> network)', () => {
    // Prepare, Act
    const listener = only(normalizeFixture('elbv2-describe-listeners.json'), LISTENER, LEDGER_TLS);

    // Assess
    expect(listener.loadBalancerType).toBe('network');
    expect(listener.loadBalancerName).toBe('ledger-nlb');
    expect(listener.alpnPolicy).toBeUndefined();
  });

  it('reads a Gateway Load Balancer listener without protocol or port, and a forward config without TargetGroupArn', () => {
    // Prepare
    const gwlb =
      'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/gwy/inspection-gwlb/c4d5e6f708192a3b/8192a3b4c5d6e7f8';
    const output = {
      Listeners: [
        {
          ListenerArn: gwlb,
          LoadBalancerArn:
            'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/gwy/inspection-gwlb/c4d5e6f708192a3b',
          DefaultActions: [
            {
              Type: 'forward',
              ForwardConfig: {
                TargetGroups: [
                  {
                    TargetGroupArn:
                      'arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/appliances/0a1b2c',
                  },
                ],
              },
            },
          ],
        },
      ],
    };

    // Act
    const listener = only(normalizeDocument(output, 'create-listener.json'), LISTENER, gwlb);

    // Assess
    expect(listener.loadBalancerType).toBe('gateway');
    expect(listener.protocol).toBeUndefined();
    expect(listener.port).toBeUndefined();
    expect(listener.defaultActions[0]?.targetGroupArn).toBe(
      'arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/appliances/0a1b2c',
    );
  });

  it.each([
    ['an Application', 0, 'application'],
    ['a Network', 2, 'network'],
  ])(
    'reports %s Load Balancer listener without protocol as an input error, never as a Gateway Load Balancer listener',
    (article, index, _type) => {
      // Prepare
      const output = structuredClone(fixture('elbv2-describe-listeners.json'));
      const arn = output.Listeners[index].ListenerArn;
      delete output.Listeners[index].Protocol;

      // Act
      const inventory = normalizeDocument(output, 'listeners.json');

      // Assess
      expect(inventory.errors).toEqual([
        {
          source: 'listeners.json',
          message: `elbv2 describe-listeners: Listeners[${index}].Protocol: missing (${article} Load Balancer listener always has a protocol); the listener is left out`,
        },
      ]);
      expect(inventory.resources.map((resource) => resource.resourceId)).not.toContain(arn);
    },
  );

  it('derives the load balancer ARN from the listener ARN when the output leaves it out', () => {
    // Prepare
    const output = structuredClone(fixture('elbv2-describe-listeners.json'));
    delete output.Listeners[0].LoadBalancerArn;

    // Act
    const listener = only(normalizeDocument(output, 'listeners.json'), LISTENER, SHOP_HTTPS);

    // Assess
    expect(listener.loadBalancerArn).toBe(SHOP_ALB);
  });

  it('reports a listener with a bad field by its path and still reads the others', () => {
    // Prepare
    const output = structuredClone(fixture('elbv2-describe-listeners.json'));
    output.Listeners[2].Port = 'abc';

    // Act
    const inventory = normalizeDocument(output, 'listeners.json');

    // Assess
    expect(inventory.errors).toEqual([
      {
        source: 'listeners.json',
        message:
          'elbv2 describe-listeners: Listeners[2].Port: expected a number, got "abc"; the listener is left out',
      },
    ]);
    expect(inventory.resources.map((resource) => resource.resourceId)).toEqual([SHOP_HTTPS, SHOP_HTTP]);
  });

  it('reports a listener without ListenerArn', () => {
    // Prepare
    const output = structuredClone(fixture('elbv2-describe-listeners.json'));
    delete output.Listeners[1].ListenerArn;

    // Act
    const inventory = normalizeDocument(output, 'listeners.json');

    // Assess
    expect(inventory.errors[0]?.message).toContain('Listeners[1].ListenerArn: missing');
    expect(inventory.resources).toHaveLength(2);
  });
});

describe('elbv2 describe-load-balancers', () => {
  it('keeps the load balancers for linking, not as resources', () => {
    // Prepare, Act
    const inventory = normalizeFixture('elbv2-describe-load-balancers.json');

    // Assess
    expect(inventory.resources).toEqual([]);
    expect(inventory.pending?.loadBalancers).toEqual([
      {
        loadBalancerArn: SHOP_ALB,
        loadBalancerName: 'shop-alb',
        loadBalancerType: 'application',
        scheme: 'internet-facing',
        source: 'elbv2-describe-load-balancers.json (elbv2 describe-load-balancers)',
      },
      expect.objectContaining({
        loadBalancerName: 'ledger-nlb',
        loadBalancerType: 'network',
        scheme: 'internal',
      }),
    ]);
  });
});

describe('elbv2 describe-rules', () => {
  it('keeps every rule with the listener its ARN names, the default rule included', () => {
    // Prepare, Act
    const inventory = normalizeFixture('elbv2-describe-rules.json');

    // Assess
    expect(inventory.pending?.rulesCovered).toEqual([SHOP_HTTP, SHOP_HTTP, SHOP_HTTP]);
    expect(
      pendingRules(inventory)?.map(({ listenerArn, rule }) => [listenerArn, rule.priority, rule.isDefault]),
    ).toEqual([
      [SHOP_HTTP, '10', false],
      [SHOP_HTTP, '5', false],
      [SHOP_HTTP, 'default', true],
    ]);
    expect(pendingRules(inventory)?.[1]?.rule.actions).toEqual([
      {
        type: 'fixed-response',
        order: 1,
        fixedResponse: {
          statusCode: '200',
          contentType: 'text/plain',
          messageBody: 'User-agent: *\nDisallow: /',
        },
      },
    ]);
  });

  it('reads a rule without IsDefault as default when its priority says so', () => {
    // Prepare
    const output = structuredClone(fixture('elbv2-describe-rules.json'));
    delete output.Rules[2].IsDefault;

    // Act
    const inventory = normalizeDocument(output, 'rules.json');

    // Assess
    expect(pendingRules(inventory)?.[2]?.rule.isDefault).toBe(true);
  });

  it('reports a rule whose ARN is not a listener-rule ARN', () => {
    // Prepare
    const output = structuredClone(fixture('elbv2-describe-rules.json'));
    output.Rules[0].RuleArn = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/shop-web/6d0e';

    // Act
    const inventory = normalizeDocument(output, 'rules.json');

    // Assess
    expect(inventory.errors[0]?.message).toBe(
      'elbv2 describe-rules: Rules[0].RuleArn: not a listener-rule ARN; the rule is left out',
    );
    expect(inventory.pending?.rules).toHaveLength(2);
  });
});

describe('elbv2 describe-ssl-policies', () => {
  it('turns the policies into live TLS policies', () => {
    // Prepare, Act
    const inventory = normalizeFixture('elbv2-describe-ssl-policies.json');

    // Assess
    expect(inventory.resources).toEqual([]);
    expect(inventory.tlsPolicies).toEqual([
      expect.objectContaining({
        name: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
        protocols: ['TLSv1.2', 'TLSv1.3'],
        origin: 'live',
      }),
    ]);
    expect(inventory.tlsPolicies[0]?.ciphers[0]).toBe('TLS_AES_128_GCM_SHA256');
  });

  it('reports output it cannot read as an error instead of throwing', () => {
    // Prepare
    const output = structuredClone(fixture('elbv2-describe-ssl-policies.json'));
    delete output.SslPolicies[0].SslProtocols;

    // Act
    const inventory = normalizeDocument(output, 'ssl-policies.json');

    // Assess
    expect(inventory.tlsPolicies).toEqual([]);
    expect(inventory.errors).toEqual([
      {
        source: 'ssl-policies.json',
        message: expect.stringMatching(/^elbv2 describe-ssl-policies: .*SslProtocols/),
      },
    ]);
  });
});
