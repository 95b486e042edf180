import { describe, expect, it } from 'vitest';
import { classicLoadBalancerArn } from '../../../../shared/families/elb/arn.js';

const ELB = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333';

describe('classicLoadBalancerArn', () => {
  it('builds the classic load balancer ARN from its name', () => {
    // Act
    const arn = classicLoadBalancerArn('eu-west-1', '111122223333', 'legacy-api');

    // Assess
    expect(arn).toBe(`${ELB}:loadbalancer/legacy-api`);
  });
});
