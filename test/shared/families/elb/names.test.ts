import { describe, expect, it } from 'vitest';
import { classicLoadBalancerName } from '../../../../shared/families/elb/names.js';
import { ACCOUNT_ID, REGION, ref } from '../../inventory/live/sdk-outputs.js';

const CLASSIC = 'AWS::ElasticLoadBalancing::LoadBalancer';
const ARN = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT_ID}:loadbalancer/legacy`;

describe('classicLoadBalancerName', () => {
  it('takes the name from a classic load balancer ARN', () => {
    // Act
    const name = classicLoadBalancerName(ref(CLASSIC, ARN));

    // Assess
    expect(name).toBe('legacy');
  });

  it('prefers the name the ref carries, and takes a bare id as the name', () => {
    // Act
    const named = classicLoadBalancerName(ref(CLASSIC, ARN, { name: 'other' }));
    const bare = classicLoadBalancerName(ref(CLASSIC, 'legacy'));

    // Assess
    expect([named, bare]).toEqual(['other', 'legacy']);
  });
});
