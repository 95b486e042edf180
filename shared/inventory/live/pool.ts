/** How many calls run at once against one service in one region, so a sweep stays under the API rate limits. */
export const DEFAULT_CONCURRENCY = 4;

export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

/** A tiny promise pool: at most `limit` tasks run at once, the others wait in order. */
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
export interface RateLimit {
  capacity: number;
  refillPerSecond: number;
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const REAL_CLOCK: Clock = {
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
