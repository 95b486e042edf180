import { describe, expect, it } from 'vitest';
import { classicLoadBalancerArn, regionOfElbDnsName } from '../../../../shared/families/elb/arn.js';

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

const ELB = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333';

describe('classicLoadBalancerArn', () => {
  it('builds the classic load balancer ARN from its name', () => {
    // Act
    const arn = classicLoadBalancerArn('eu-west-1', '111122223333', 'legacy-api');

    // Assess
    expect(arn).toBe(`${ELB}:loadbalancer/legacy-api`);
  });
});

describe('classicLoadBalancerArn in other partitions', () => {
  it('uses the partition of the region', () => {
    // Prepare, Act, Assess
    expect(classicLoadBalancerArn('cn-north-1', '111122223333', 'web-clb')).toBe(
      'arn:aws-cn:elasticloadbalancing:cn-north-1:111122223333:loadbalancer/web-clb',
    );
  });
});
