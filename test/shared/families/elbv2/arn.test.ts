import { describe, expect, it } from 'vitest';
import {
  elbv2ArnParts,
  listenerArnOfRule,
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
