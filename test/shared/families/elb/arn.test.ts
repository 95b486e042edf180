import { describe, expect, it } from 'vitest';
import { regionOfElbDnsName } from '../../../../shared/families/elb/arn.js';

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
