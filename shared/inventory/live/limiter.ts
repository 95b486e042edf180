/**
 * The one concurrency and rate limiter of the live reads, over the SDK's adaptive retry: per service and
 * region at most `concurrency` calls in flight, each call paced by the token bucket of the rate AWS documents
 * for it (the families declare them), and a call the SDK still gave up on for throttling slows its bucket and
 * is sent again, a bounded number of times.
 */
import { FAMILIES } from '../../families/index.js';
import { ApiCallError } from './errors.js';

/**
 * How many calls run at once against one service in one region, so a sweep stays under the API rate limits,
 * unless the service's family declares its own (`live.concurrency`).
 * @internal Exported for the org benchmark (bench/org), which models member sweeps with it, and the tests.
 */
export const DEFAULT_CONCURRENCY = 4;

type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * A tiny promise pool: at most `limit` tasks run at once, the others wait in order.
 * @internal Unit-tested directly: concurrency and pacing on a fake clock.
 */
export function createLimiter(limit: number): Limiter {
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    running--;
    waiting.shift()?.();
  };
  return async (task) => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      release();
    }
  };
}

/** A token bucket as AWS describes its API throttling: `capacity` tokens, refilled at `refillPerSecond`. */
interface RateLimit {
  capacity: number;
  refillPerSecond: number;
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const REAL_CLOCK: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** The slowest a bucket slows down to after repeated throttling. */
const MIN_REFILL_PER_SECOND = 0.5;
const SLOWDOWN_INTERVAL_MS = 500;

/**
 * A client-side token bucket that paces calls to an AWS rate limit, and adapts: a throttling answer
 * halves its refill rate (never below 0.5/s), each success wins back 5 % up to the rate it started
 * with. Waiters are served in order.
 * @internal Unit-tested directly: the pacing of one documented rate on a fake clock.
 */
export class TokenBucket {
  private tokens: number;
  private refill: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();
  private lastSlowdown = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly limit: RateLimit,
    private readonly clock: Clock = REAL_CLOCK,
  ) {
    this.tokens = limit.capacity;
    this.refill = limit.refillPerSecond;
    this.last = clock.now();
  }

  /** The refill rate in force now (calls per second). */
  get rate(): number {
    return this.refill;
  }

  /** Resolves when a call may go out. */
  take(): Promise<void> {
    const turn = this.queue.then(() => this.acquire());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /**
   * AWS answered Throttling: slow down. Calls in flight together are throttled together: the rate is
   * halved at most once per half second, not once per call.
   */
  throttled(): void {
    const now = this.clock.now();
    if (now - this.lastSlowdown >= SLOWDOWN_INTERVAL_MS) {
      this.refill = Math.max(MIN_REFILL_PER_SECOND, this.refill / 2);
      this.lastSlowdown = now;
    }
    this.topUp();
    this.tokens = Math.min(this.tokens, 0);
  }

  /** A call went through: speed up again, towards the configured rate. */
  succeeded(): void {
    this.refill = Math.min(this.limit.refillPerSecond, this.refill * 1.05);
  }

  private topUp(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.limit.capacity, this.tokens + ((now - this.last) / 1000) * this.refill);
    this.last = now;
  }

  private async acquire(): Promise<void> {
    this.topUp();
    while (this.tokens < 1) {
      await this.clock.sleep(Math.ceil(((1 - this.tokens) / this.refill) * 1000));
      this.topUp();
    }
    this.tokens -= 1;
  }
}

/**
 * Client-side pacing of one service: a bucket per operation named here, else one bucket shared by the
 * service's other operations (`shared`), else none until AWS throttles (then an adaptive one).
 */
export interface ServiceRates {
  shared?: RateLimit;
  operations?: Record<string, RateLimit>;
}

/** Pacing per service key (the `service` a family's live reads name, e.g. `ec2`). */
export type RateLimits = Readonly<Record<string, ServiceRates>>;

/** The request rates AWS documents for the read calls a sweep makes, per account and region (each family's). */
export const DOCUMENTED_RATE_LIMITS: RateLimits = Object.fromEntries(
  FAMILIES.flatMap((family) => (family.live.rates ? [[family.live.service, family.live.rates]] : [])),
);

/**
 * Calls in flight per service key, where a family declares its own instead of DEFAULT_CONCURRENCY.
 * @internal Unit-tested directly: the pacer runs each service's calls at its declared concurrency.
 */
export const SERVICE_CONCURRENCY: Readonly<Record<string, number>> = Object.fromEntries(
  FAMILIES.flatMap((family) =>
    family.live.concurrency ? [[family.live.service, family.live.concurrency]] : [],
  ),
);

/** Where an unpaced call starts once AWS throttles it; the bucket then halves on each further throttle. */
const ADAPTIVE_START: RateLimit = { capacity: 1, refillPerSecond: 10 };

/**
 * The bucket a call is paced by, and its limit: `undefined` when the call is not paced.
 * @internal Unit-tested directly: the bucket of each operation; the benchmark stand-in applies the same rates.
 */
export function bucketOf(
  limits: RateLimits,
  service: string,
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

/** @internal Unit-tested directly: which SDK errors count as throttling. */
export function isThrottling(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as Error & { Code?: string }).Code;
  return THROTTLING.has(error.name) || (code !== undefined && THROTTLING.has(code));
}

/** Runs one AWS call through the limiter; a failure names the operation and the subject. */
export type ServiceCall = <T>(operation: string, subject: string, task: () => Promise<T>) => Promise<T>;

/**
 * How often a call that AWS keeps throttling is tried again, each time slower, before it counts as failed.
 * @internal The fault tests (test/faults) bound the sends of a call by it.
 */
export const MAX_THROTTLE_RETRIES = 8;

/**
 * Client-side pacing stays this far under a documented rate: requests sent evenly can still reach AWS
 * bunched together (connection reuse, event-loop delays), and other callers share the bucket.
 */
const PACING_MARGIN = 0.9;

const withMargin = (limit: RateLimit): RateLimit => ({
  capacity: Math.max(1, Math.floor(limit.capacity * PACING_MARGIN)),
  refillPerSecond: limit.refillPerSecond * PACING_MARGIN,
});

interface PacingOptions {
  /**
   * Calls in flight per service, for every service (a caller that wants one call at a time). Default: the
   * service's own (SERVICE_CONCURRENCY), else DEFAULT_CONCURRENCY.
   */
  concurrency?: number;
  /** Client-side pacing per operation; none for a service or call not named. */
  rateLimits?: RateLimits;
  clock?: Clock;
}

/**
 * One service's calls: at most `concurrency` in flight, each paced by its token bucket. A call that AWS
 * still throttles after the SDK's own (adaptive) retries slows its bucket down and is tried again, so a
 * throttled API makes the sweep slower, not incomplete.
 */
function serviceCall(service: string, options: PacingOptions): ServiceCall {
  const limit = createLimiter(options.concurrency ?? SERVICE_CONCURRENCY[service] ?? DEFAULT_CONCURRENCY);
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

/** The paced calls of one region: one limiter per service, made when the service is first called. */
export function createPacer(options: PacingOptions): (service: string) => ServiceCall {
  const services = new Map<string, ServiceCall>();
  return (service) => {
    let call = services.get(service);
    if (!call) {
      call = serviceCall(service, options);
      services.set(service, call);
    }
    return call;
  };
}
