import type { Clients } from '../../aws/clients.js';
import type { VpnNegotiatedCrypto } from '../../families/vpn/model.js';
import type { ResourceRef } from '../../model/ref.js';
import type { Resource } from '../../model/resource.js';
import type { InputError } from '../types.js';
import { apiError, isNotFound } from './errors.js';
import type { ReadPlan } from './plan.js';
import { type Clock, createLimiter, type RateLimit, REAL_CLOCK, TokenBucket } from './pool.js';
import { ADAPTIVE_START, bucketOf, isThrottling, type RateLimits, type Service } from './rates.js';

/** One API output, with the name of the call it came from (`api:DescribeListeners`). */
export interface ApiDocument {
  document: unknown;
  source: string;
}

/** What a tunnel negotiated (GetActiveVpnTunnelStatus), to attach after normalization. */
export interface NegotiatedTunnel {
  vpnConnectionId: string;
  outsideIpAddress: string;
  negotiated: VpnNegotiatedCrypto;
}

/**
 * Outputs normalized and linked together (a load balancer with its listeners and rules, a classic
 * load balancer with its policies), so nothing links across groups. `keep` picks the resources to
 * return: a read returns what was asked for, not the siblings read to judge it.
 */
export interface DocumentGroup {
  documents: ApiDocument[];
  keep?: (resource: Resource) => boolean;
}

/** What the family readers gather. */
export interface Collected {
  groups: DocumentGroup[];
  gone: ResourceRef[];
  errors: InputError[];
  negotiated: NegotiatedTunnel[];
  /** Set when a listener names a security policy the bundled TLS data does not know. */
  needsElbv2Policies?: boolean;
}

export function emptyCollected(): Collected {
  return { groups: [], gone: [], errors: [], negotiated: [] };
}

export function mergeCollected(parts: readonly Collected[]): Collected {
  return {
    groups: parts.flatMap((part) => part.groups),
    gone: parts.flatMap((part) => part.gone),
    errors: parts.flatMap((part) => part.errors),
    negotiated: parts.flatMap((part) => part.negotiated),
    needsElbv2Policies: parts.some((part) => part.needsElbv2Policies),
  };
}

/** The ref's resource is gone. */
export function goneRef(ref: ResourceRef): Collected {
  return { ...emptyCollected(), gone: [ref] };
}

/** A failed call, with the operation and the resource it was about, for the error report. */
export class ApiCallError extends Error {
  override name = 'ApiCallError';
  constructor(
    readonly operation: string,
    readonly subject: string,
    override readonly cause: unknown,
  ) {
    super(`${operation} ${subject}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/** Runs one AWS call through the service's limiter; a failure names the operation and the subject. */
export type ServiceCall = <T>(operation: string, subject: string, task: () => Promise<T>) => Promise<T>;

export type { Service } from './rates.js';

/** How often a call that AWS keeps throttling is tried again, each time slower, before it counts as failed. */
export const MAX_THROTTLE_RETRIES = 8;

/**
 * Client-side pacing stays this far under a documented rate: requests sent evenly can still reach AWS
 * bunched together (connection reuse, event-loop delays), and other callers share the bucket.
 */
export const PACING_MARGIN = 0.9;

const withMargin = (limit: RateLimit): RateLimit => ({
  capacity: Math.max(1, Math.floor(limit.capacity * PACING_MARGIN)),
  refillPerSecond: limit.refillPerSecond * PACING_MARGIN,
});

export interface CallerOptions {
  /** Calls in flight per service. */
  concurrency: number;
  /** Client-side pacing per operation; none for a service or call not named. */
  rateLimits?: RateLimits;
  clock?: Clock;
}

/**
 * One service's calls: at most `concurrency` in flight, each paced by its token bucket. A call that AWS
 * still throttles after the SDK's own (adaptive) retries slows its bucket down and is tried again, so a
 * throttled API makes the sweep slower, not incomplete.
 */
function serviceCall(service: Service, options: CallerOptions): ServiceCall {
  const limit = createLimiter(options.concurrency);
  const clock = options.clock ?? REAL_CLOCK;
  const buckets = new Map<string, TokenBucket>();
  const bucketFor = (operation: string, create: boolean): TokenBucket | undefined => {
    const configured = bucketOf(options.rateLimits ?? {}, service, operation);
    const key = configured?.key ?? `${service}:${operation}`;
    let bucket = buckets.get(key);
    if (!bucket && (configured || create)) {
      bucket = new TokenBucket(configured ? withMargin(configured.limit) : ADAPTIVE_START, clock);
      buckets.set(key, bucket);
    }
    return bucket;
  };
  return (operation, subject, task) =>
    limit(async () => {
      for (let attempt = 0; ; attempt++) {
        const bucket = bucketFor(operation, false);
        await bucket?.take();
        try {
          const result = await task();
          bucket?.succeeded();
          return result;
        } catch (error) {
          if (!isThrottling(error) || attempt >= MAX_THROTTLE_RETRIES) throw error;
          bucketFor(operation, true)?.throttled();
        }
      }
    }).catch((error: unknown) => {
      throw new ApiCallError(operation, subject, error);
    });
}

export interface RegionContext {
  region: string;
  clients: Clients;
  call: Record<Service, ServiceCall>;
  /** True when the bundled TLS data knows the ELBv2 security policy. */
  knowsElbv2Policy(name: string): boolean;
  /** Set once GetActiveVpnTunnelStatus proved unavailable in the region, so it is not asked again. */
  tunnelStatusUnavailable: boolean;
  /** What a sweep reads beyond the listings, decided from the enabled rules. */
  plan: ReadPlan;
  /** The clock of the read plan (certificate expiry windows). */
  now(): Date;
}

export function createCallers(options: CallerOptions | number): Record<Service, ServiceCall> {
  const resolved = typeof options === 'number' ? { concurrency: options } : options;
  return {
    elbv2: serviceCall('elbv2', resolved),
    elb: serviceCall('elb', resolved),
    ec2: serviceCall('ec2', resolved),
    directConnect: serviceCall('directConnect', resolved),
    acm: serviceCall('acm', resolved),
    config: serviceCall('config', resolved),
  };
}

/**
 * Runs the reading of one resource: not found becomes `gone`, any other failure an error for this
 * resource only.
 */
export async function readOne(ref: ResourceRef, read: () => Promise<Collected>): Promise<Collected> {
  try {
    return await read();
  } catch (error) {
    return failed(error, ref);
  }
}

/** A failure while listing or reading: `gone` when it says not found and a ref is given, else an error. */
export function failed(error: unknown, ref?: ResourceRef): Collected {
  const cause = error instanceof ApiCallError ? error.cause : error;
  if (ref && isNotFound(cause)) return { ...emptyCollected(), gone: [ref] };
  const operation = error instanceof ApiCallError ? error.operation : 'read';
  const subject = error instanceof ApiCallError ? error.subject : (ref?.resourceId ?? '');
  return { ...emptyCollected(), errors: [apiError(operation, subject, cause)] };
}
