import { describe, expect, it } from 'vitest';
import type { ClassicLoadBalancer } from '../../../../shared/families/elb/model.js';
import { matchesRef } from '../../../../shared/inventory/live/match.js';
import { ACCOUNT_ID, REGION, ref } from './sdk-outputs.js';

const CLASSIC = 'AWS::ElasticLoadBalancing::LoadBalancer';
const ARN = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT_ID}:loadbalancer/legacy`;

function classic(resourceId: string): ClassicLoadBalancer {
  return {
    resourceType: CLASSIC,
    resourceId,
    loadBalancerName: 'legacy',
    listeners: [],
    policies: [],
    tags: {},
    source: 'api:DescribeLoadBalancers',
  };
}

describe('matchesRef', () => {
  it('matches a classic load balancer by name whatever id the normalizer gave it', () => {
    // Act
    const matched = matchesRef(classic('legacy'), ref(CLASSIC, ARN));

    // Assess
    expect(matched).toBe(true);
  });

  it('does not match a resource of another type with the same id', () => {
    // Act
    const matched = matchesRef(classic('legacy'), ref('AWS::EC2::VPNConnection', 'legacy'));

    // Assess
    expect(matched).toBe(false);
  });
});
