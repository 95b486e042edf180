import { describe, expect, it } from 'vitest';
import {
  elbv2ArnParts,
  isListenerArn,
  listenerArnFromRuleArn,
  listenerPrefixOfLoadBalancer,
  loadBalancerTypeOf,
} from '../../../../shared/families/elbv2/arn.js';

describe('elbv2ArnParts', () => {
  it.each([
    [
      'listener/app',
      'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/shop-alb/1a2b/0f1e',
      'application',
      'shop-alb',
    ],
    [
      'listener/net',
      'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/net/ledger-nlb/7e8f/5e6f',
      'network',
      'ledger-nlb',
    ],
    [
      'loadbalancer/gwy',
      'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/gwy/inspect/c4d5',
      'gateway',
      'inspect',
    ],
  ])('reads the load balancer type and name from a %s ARN', (_what, arn, type, name) => {
    // Prepare, Act
    const parts = elbv2ArnParts(arn);

    // Assess
    expect(parts).toEqual({ loadBalancerType: type, loadBalancerName: name });
  });

  it('knows nothing from a classic load balancer ARN', () => {
    // Prepare, Act, Assess
    expect(elbv2ArnParts('arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/pay-clb')).toEqual(
      {},
    );
  });
});

describe('loadBalancerTypeOf', () => {
  it('accepts the DescribeLoadBalancers types in any case and nothing else', () => {
    // Prepare, Act, Assess
    expect(loadBalancerTypeOf('Network')).toBe('network');
    expect(loadBalancerTypeOf('classic')).toBeUndefined();
  });
});

const ELB = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333';

describe('listenerPrefixOfLoadBalancer', () => {
  it.each([
    {
      kind: 'application',
      loadBalancer: `${ELB}:loadbalancer/app/shop-web/4f1c0d2e9a7b3c55`,
      prefix: `${ELB}:listener/app/shop-web/4f1c0d2e9a7b3c55/`,
    },
    {
      kind: 'network',
      loadBalancer: `arn:aws-us-gov:elasticloadbalancing:us-gov-west-1:111122223333:loadbalancer/net/edge/7b2e4d6f8a1c3e50`,
      prefix: `arn:aws-us-gov:elasticloadbalancing:us-gov-west-1:111122223333:listener/net/edge/7b2e4d6f8a1c3e50/`,
    },
    {
      kind: 'gateway',
      loadBalancer: `${ELB}:loadbalancer/gwy/inspect/0e1d2c3b4a596877`,
      prefix: `${ELB}:listener/gwy/inspect/0e1d2c3b4a596877/`,
    },
  ])(
    'gives the prefix every listener ARN of an $kind load balancer starts with',
    ({ loadBalancer, prefix }) => {
      // Act
      const result = listenerPrefixOfLoadBalancer(loadBalancer);

      // Assess
      expect(result).toBe(prefix);
    },
  );

  it.each([
    { what: 'a classic load balancer', value: `${ELB}:loadbalancer/legacy-api` },
    { what: 'a listener', value: `${ELB}:listener/app/shop-web/4f1c0d2e9a7b3c55/8e2d4c6a1b3f5d70` },
    { what: 'a load balancer without its id', value: `${ELB}:loadbalancer/app/shop-web` },
    { what: 'an unknown load balancer type', value: `${ELB}:loadbalancer/xyz/shop-web/4f1c0d2e9a7b3c55` },
    {
      what: 'a load balancer ARN with a suffix',
      value: `${ELB}:loadbalancer/app/shop-web/4f1c0d2e9a7b3c55/x`,
    },
    { what: 'text before the ARN', value: ` ${ELB}:loadbalancer/app/shop-web/4f1c0d2e9a7b3c55` },
    { what: 'another service', value: 'arn:aws:ec2:eu-west-1:111122223333:loadbalancer/app/shop-web/4f1c' },
    { what: 'an empty region', value: 'arn:aws:elasticloadbalancing::111122223333:loadbalancer/app/a/b' },
  ])('gives nothing for $what', ({ value }) => {
    // Act
    const result = listenerPrefixOfLoadBalancer(value);

    // Assess
    expect(result).toBeUndefined();
  });
});

describe('listenerArnFromRuleArn', () => {
  it.each([
    {
      kind: 'application',
      rule: `${ELB}:listener-rule/app/shop-web/4f1c0d2e9a7b3c55/8e2d4c6a1b3f5d70/c3e1a7b95d2f4e81`,
      listener: `${ELB}:listener/app/shop-web/4f1c0d2e9a7b3c55/8e2d4c6a1b3f5d70`,
    },
    {
      kind: 'network',
      rule: `arn:aws-us-gov:elasticloadbalancing:us-gov-west-1:111122223333:listener-rule/net/edge/7b2e4d6f8a1c3e50/d4f6a8c0e2b4d6f8/0a1b2c3d4e5f6071`,
      listener: `arn:aws-us-gov:elasticloadbalancing:us-gov-west-1:111122223333:listener/net/edge/7b2e4d6f8a1c3e50/d4f6a8c0e2b4d6f8`,
    },
  ])('finds the $kind listener of a rule', ({ rule, listener }) => {
    // Act
    const result = listenerArnFromRuleArn(rule);

    // Assess
    expect(result).toBe(listener);
    expect(isListenerArn(listener)).toBe(true);
  });

  it.each([
    `${ELB}:listener/app/shop-web/4f1c0d2e9a7b3c55/8e2d4c6a1b3f5d70`,
    `${ELB}:listener-rule/app/shop-web/4f1c0d2e9a7b3c55/8e2d4c6a1b3f5d70`,
    'c3e1a7b95d2f4e81',
    `rule ${ELB}:listener-rule/app/shop-web/4f1c0d2e9a7b3c55/8e2d4c6a1b3f5d70/c3e1a7b95d2f4e81`,
    `${ELB}:listener-rule/app/shop-web/4f1c0d2e9a7b3c55/8e2d4c6a1b3f5d70/c3e1a7b95d2f4e81/extra`,
  ])('finds nothing in %s', (value) => {
    // Act
    const result = listenerArnFromRuleArn(value);

    // Assess
    expect(result).toBeUndefined();
  });
});

describe('isListenerArn', () => {
  it.each([
    { kind: 'a load balancer ARN', value: `${ELB}:loadbalancer/app/shop-web/4f1c0d2e9a7b3c55` },
    {
      kind: 'a listener ARN with text before it',
      value: `listener ${ELB}:listener/app/shop-web/4f1c0d2e9a7b3c55/8e2d4c6a1b3f5d70`,
    },
    {
      kind: 'a listener rule ARN in listener form (one segment too many)',
      value: `${ELB}:listener/app/shop-web/4f1c0d2e9a7b3c55/8e2d4c6a1b3f5d70/c3e1a7b95d2f4e81`,
    },
  ])('rejects $kind', ({ value }) => {
    // Act
    const result = isListenerArn(value);

    // Assess
    expect(result).toBe(false);
  });
});
