import { describe, expect, it } from 'vitest';
import { arnScope, classicLoadBalancerArn, parseArn } from '../../../shared/inventory/arn.js';

describe('parseArn', () => {
  it('splits an ARN into its parts', () => {
    // Prepare, Act
    const parsed = parseArn(
      'arn:aws:acm:eu-west-1:111122223333:certificate/3f0c2a1e-7b4d-4c8e-9a15-2d6f80b1c3e7',
    );

    // Assess
    expect(parsed).toEqual({
      partition: 'aws',
      service: 'acm',
      region: 'eu-west-1',
      accountId: '111122223333',
      resource: 'certificate/3f0c2a1e-7b4d-4c8e-9a15-2d6f80b1c3e7',
    });
  });

  it('returns undefined for something that is not an ARN', () => {
    // Prepare, Act, Assess
    expect(parseArn('vpn-0a1b2c3d4e5f60718')).toBeUndefined();
    expect(parseArn(undefined)).toBeUndefined();
  });
});

describe('arnScope', () => {
  it('leaves out the empty region of a global ARN', () => {
    // Prepare, Act
    const scope = arnScope('arn:aws:iam::111122223333:server-certificate/my-server-cert');

    // Assess
    expect(scope).toEqual({ accountId: '111122223333' });
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
