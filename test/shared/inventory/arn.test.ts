import { describe, expect, it } from 'vitest';
import {
  classicLoadBalancerArn,
  elbv2ArnParts,
  listenerArnOfRule,
  loadBalancerTypeOf,
  regionOfElbDnsName,
} from '../../../shared/inventory/arn.js';

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

describe('listenerArnOfRule', () => {
  it('derives the listener ARN from a rule ARN', () => {
    // Prepare
    const rule =
      'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener-rule/app/shop-alb/1a2b3c4d5e6f7a8b/a1b2c3d4e5f60718/9f8e7d6c5b4a3921';

    // Act
    const listener = listenerArnOfRule(rule);

    // Assess
    expect(listener).toBe(
      'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/shop-alb/1a2b3c4d5e6f7a8b/a1b2c3d4e5f60718',
    );
  });

  it('returns undefined for an ARN that is not a listener rule', () => {
    // Prepare, Act, Assess
    expect(
      listenerArnOfRule(
        'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/shop-alb/1a2b/0f1e',
      ),
    ).toBeUndefined();
  });
});

describe('loadBalancerTypeOf', () => {
  it('accepts the DescribeLoadBalancers types in any case and nothing else', () => {
    // Prepare, Act, Assess
    expect(loadBalancerTypeOf('Network')).toBe('network');
    expect(loadBalancerTypeOf('classic')).toBeUndefined();
  });
});

describe('regionOfElbDnsName', () => {
  it.each([
    ['pay-clb-2039485761.eu-west-1.elb.amazonaws.com', 'eu-west-1'],
    ['internal-status-clb-5647382910.us-gov-west-1.elb.amazonaws.com', 'us-gov-west-1'],
    ['web-clb-1122334455.cn-north-1.elb.amazonaws.com.cn', 'cn-north-1'],
    ['not-a-load-balancer.example.com', undefined],
  ])('reads the region of %s', (dnsName, region) => {
    // Prepare, Act, Assess
    expect(regionOfElbDnsName(dnsName)).toBe(region);
  });
});

describe('classicLoadBalancerArn', () => {
  it('uses the partition of the region', () => {
    // Prepare, Act, Assess
    expect(classicLoadBalancerArn('cn-north-1', '111122223333', 'web-clb')).toBe(
      'arn:aws-cn:elasticloadbalancing:cn-north-1:111122223333:loadbalancer/web-clb',
    );
  });
});
