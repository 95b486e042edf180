import type { RateLimit } from './pool.js';

export type Service = 'elbv2' | 'elb' | 'ec2' | 'directConnect' | 'acm' | 'config';

/**
 * Client-side pacing of one service: a bucket per operation named here, else one bucket shared by the
 * service's other operations (`shared`), else none until AWS throttles (then an adaptive one).
 */
export interface ServiceRates {
  shared?: RateLimit;
  operations?: Record<string, RateLimit>;
}

export type RateLimits = Partial<Record<Service, ServiceRates>>;

/**
 * The request rates AWS documents for the read calls a sweep makes, per account and region:
 * - ELB (v1 and v2 each have their own buckets): non-mutating Describe* calls, bucket of 40 tokens refilled
 *   at 10 per second ("Request throttling for the ELB API", Elastic Load Balancing User Guide).
 * - EC2: non-mutating actions 100 / 20 per second; unfiltered and unpaginated non-mutating actions
 *   (DescribeVpnConnections without ids) 50 / 10 ("Request throttling for the Amazon EC2 API").
 * - ACM: DescribeCertificate 10 requests per second, ListCertificates 1 ("Quotas", ACM User Guide, API rate
 *   quotas).
 * - Direct Connect and AWS Config publish no per-call rate: paced only once they throttle.
 */
export const DOCUMENTED_RATE_LIMITS: RateLimits = {
  elbv2: { shared: { capacity: 40, refillPerSecond: 10 } },
  elb: { shared: { capacity: 40, refillPerSecond: 10 } },
  ec2: {
    shared: { capacity: 100, refillPerSecond: 20 },
    operations: { DescribeVpnConnections: { capacity: 50, refillPerSecond: 10 } },
  },
  acm: {
    operations: {
      DescribeCertificate: { capacity: 10, refillPerSecond: 10 },
      ListCertificates: { capacity: 1, refillPerSecond: 1 },
    },
  },
};

/** Where an unpaced call starts once AWS throttles it; the bucket then halves on each further throttle. */
export const ADAPTIVE_START: RateLimit = { capacity: 1, refillPerSecond: 10 };

/** The bucket a call is paced by, and its limit: `undefined` when the call is not paced. */
export function bucketOf(
  limits: RateLimits,
  service: Service,
  operation: string,
): { key: string; limit: RateLimit } | undefined {
  const rates = limits[service];
  const own = rates?.operations?.[operation];
  if (own) return { key: `${service}:${operation}`, limit: own };
  if (rates?.shared) return { key: `${service}:*`, limit: rates.shared };
  return undefined;
}

/** Error names AWS answers when a caller goes over a rate limit. */
const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'SlowDown',
]);

export function isThrottling(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as Error & { Code?: string }).Code;
  return THROTTLING.has(error.name) || (code !== undefined && THROTTLING.has(code));
}
