import { describe, expect, it } from 'vitest';
import { aggregatorCallTarget, callsOf, pacedSeconds } from '../../../bench/org/model.js';

describe('bench/org model', () => {
  it('allows one aggregator call per 100 resources plus the describes Config cannot replace', () => {
    expect(aggregatorCallTarget(200_000, 0)).toBe(2000);
    expect(aggregatorCallTarget(201, 7)).toBe(10);
  });

  it('times calls at their documented rate beyond the burst, and unpaced ones at the latency', () => {
    // ACM DescribeCertificate: 10 a second, a burst of 10 (shared/families/acm/index.ts).
    expect(pacedSeconds({ 'acm:DescribeCertificate': 1010 }, { latencyMs: 0, concurrency: 4 })).toBe(100);
    expect(
      pacedSeconds({ 'config:SelectAggregateResourceConfig': 8 }, { latencyMs: 500, concurrency: 4 }),
    ).toBe(1);
    // ACM at 10,000 certificates cannot be one work item; a page of 1,000 can.
    expect(
      pacedSeconds({ 'acm:DescribeCertificate': 10_000 }, { latencyMs: 0, concurrency: 4 }),
    ).toBeGreaterThan(900);
    expect(pacedSeconds({ 'acm:DescribeCertificate': 1000 }, { latencyMs: 0, concurrency: 4 })).toBeLessThan(
      900,
    );
  });

  it("picks a service's calls", () => {
    expect(callsOf({ 'acm:ListCertificates': 1, 'elbv2:DescribeListeners': 2 }, 'acm')).toEqual({
      'acm:ListCertificates': 1,
    });
  });
});
