/**
 * The organization of bench/org and what its figures are judged by: 50 member accounts x 4 regions, 1,000
 * recorded resources in each account-region (200,000 in all), and the time a work item takes at AWS's documented
 * rates, which must stay within Lambda's 15 minutes.
 */
import { bucketOf, DOCUMENTED_RATE_LIMITS, type RateLimits } from '../../shared/inventory/live/limiter.js';
import type { AccountShape } from '../stand-in/account.js';
import type { CallCounts } from '../sweep/expected.js';

export const ORG_ACCOUNTS = 50;
export const ORG_REGIONS = ['us-east-1', 'eu-west-1', 'ap-south-1', 'sa-east-1'] as const;

/**
 * One account-region of the organization: 1,000 AWS Config items of the types the families read (600
 * certificates, 300 listeners of 100 load balancers, 20 classic load balancers, 80 VPN connections; the load
 * balancers' own 100 items are recorded too, but no family reads that type).
 */
export const ORG_ACCOUNT_REGION: AccountShape = {
  certificates: 600,
  certificatesInUse: 180,
  importedCertificates: 60,
  privateCertificates: 120,
  albs: 60,
  nlbs: 40,
  listenersPerLoadBalancer: 3,
  classicLoadBalancers: 20,
  vpnConnections: 80,
  dxConnections: 0,
  dxLags: 0,
};

/** Lambda's limit on one invocation, so on one work item (seconds). */
export const LAMBDA_LIMIT_SECONDS = 900;

/** What Config can hold and a page carries: SelectAggregateResourceConfig's Limit (100). */
const AGGREGATE_PAGE = 100;

/** The calls an aggregator sweep may make: one per 100 resources, plus the describes Config cannot replace. */
export function aggregatorCallTarget(resources: number, describes: number): number {
  return Math.ceil(resources / AGGREGATE_PAGE) + describes;
}

/**
 * How long these calls take at the documented rates, one work item's worth: per rate bucket, the calls beyond its
 * burst at its refill rate (buckets of one item run one after the other: an upper bound); calls AWS documents no
 * rate for cost `latencyMs` each, `concurrency` at a time.
 */
export function pacedSeconds(
  calls: CallCounts,
  options: { latencyMs: number; concurrency: number; rates?: RateLimits },
): number {
  const rates = options.rates ?? DOCUMENTED_RATE_LIMITS;
  const byBucket = new Map<string, { calls: number; capacity: number; refill: number }>();
  let unpaced = 0;
  for (const [key, count] of Object.entries(calls)) {
    const [service = '', operation = ''] = key.split(':');
    const bucket = bucketOf(rates, service, operation);
    if (!bucket) {
      unpaced += count;
      continue;
    }
    const known = byBucket.get(bucket.key) ?? {
      calls: 0,
      capacity: bucket.limit.capacity,
      refill: bucket.limit.refillPerSecond,
    };
    known.calls += count;
    byBucket.set(bucket.key, known);
  }
  let seconds = (unpaced * options.latencyMs) / 1000 / options.concurrency;
  for (const { calls: count, capacity, refill } of byBucket.values())
    seconds += Math.max(
      count * (options.latencyMs / 1000 / options.concurrency),
      (count - capacity) / refill,
    );
  return seconds;
}

/** The calls of one service (a family's `live.service`, the stand-in's key prefix). */
export function callsOf(calls: CallCounts, service: string): CallCounts {
  return Object.fromEntries(Object.entries(calls).filter(([key]) => key.startsWith(`${service}:`)));
}
