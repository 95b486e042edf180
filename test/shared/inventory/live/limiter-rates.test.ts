import { describe, expect, it } from 'vitest';
import { bucketOf, DOCUMENTED_RATE_LIMITS, isThrottling } from '../../../../shared/inventory/live/limiter.js';

describe('bucketOf', () => {
  it('paces an operation named in the table by its own bucket', () => {
    // Act
    const bucket = bucketOf(DOCUMENTED_RATE_LIMITS, 'acm', 'DescribeCertificate');

    // Assess
    expect(bucket).toEqual({ key: 'acm:DescribeCertificate', limit: { capacity: 10, refillPerSecond: 10 } });
  });

  it('paces the other Describe calls of ELB by the bucket they share', () => {
    // Act
    const listeners = bucketOf(DOCUMENTED_RATE_LIMITS, 'elbv2', 'DescribeListeners');
    const rules = bucketOf(DOCUMENTED_RATE_LIMITS, 'elbv2', 'DescribeRules');

    // Assess
    expect(listeners?.key).toBe('elbv2:*');
    expect(rules).toEqual(listeners);
  });

  it('does not pace a service without a documented rate', () => {
    // Act
    const bucket = bucketOf(DOCUMENTED_RATE_LIMITS, 'directConnect', 'DescribeConnections');

    // Assess
    expect(bucket).toBeUndefined();
  });
});

describe('isThrottling', () => {
  it.each(['Throttling', 'ThrottlingException', 'RequestLimitExceeded'])('recognizes %s', (name) => {
    // Prepare
    const error = Object.assign(new Error('slow down'), { name });

    // Act / Assess
    expect(isThrottling(error)).toBe(true);
  });

  it('does not take an access error for throttling', () => {
    // Prepare
    const error = Object.assign(new Error('no'), { name: 'AccessDenied' });

    // Act / Assess
    expect(isThrottling(error)).toBe(false);
  });
});
