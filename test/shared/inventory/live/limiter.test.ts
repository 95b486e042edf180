import { describe, expect, it } from 'vitest';
import {
  createLimiter,
  createPacer,
  DEFAULT_CONCURRENCY,
  SERVICE_CONCURRENCY,
  type ServiceCall,
  TokenBucket,
} from '../../../../shared/inventory/live/limiter.js';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

describe('createLimiter', () => {
  it('never runs more tasks at once than the limit', async () => {
    // Prepare
    const limit = createLimiter(3);
    let running = 0;
    let peak = 0;
    const task = async (value: number) => {
      running++;
      peak = Math.max(peak, running);
      await tick();
      running--;
      return value * 2;
    };

    // Act
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => limit(() => task(i))));

    // Assess
    expect(peak).toBe(3);
    expect(results).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
  });

  it('frees the slot of a failed task so the others still run', async () => {
    // Prepare
    const limit = createLimiter(1);

    // Act
    const failing = limit(async () => {
      throw new Error('Throttling');
    });
    const next = limit(async () => 'done');

    // Assess
    await expect(failing).rejects.toThrow('Throttling');
    await expect(next).resolves.toBe('done');
  });
});

/** A clock that only moves when a caller sleeps: the bucket's waits take no real time. */
function fakeClock() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
  };
}

describe('TokenBucket', () => {
  it('lets a burst of its capacity through at once, then paces at its refill rate', async () => {
    // Prepare
    const clock = fakeClock();
    const bucket = new TokenBucket({ capacity: 2, refillPerSecond: 10 }, clock);

    // Act
    for (let call = 0; call < 4; call++) await bucket.take();

    // Assess
    expect(clock.sleeps).toEqual([100, 100]);
  });

  it('halves its rate once when calls in flight together are throttled, and wins it back on success', () => {
    // Prepare
    const clock = fakeClock();
    const bucket = new TokenBucket({ capacity: 10, refillPerSecond: 10 }, clock);

    // Act
    bucket.throttled();
    bucket.throttled();
    const slowed = bucket.rate;
    for (let call = 0; call < 20; call++) bucket.succeeded();

    // Assess
    expect(slowed).toBe(5);
    expect(bucket.rate).toBe(10);
  });

  it('never slows down below half a call per second', () => {
    // Prepare
    const clock = fakeClock();
    const bucket = new TokenBucket({ capacity: 1, refillPerSecond: 1 }, clock);

    // Act
    for (let round = 0; round < 5; round++) {
      bucket.throttled();
      clock.now = (
        (value) => () =>
          value
      )(clock.now() + 1000);
    }

    // Assess
    expect(bucket.rate).toBe(0.5);
  });
});

describe('createPacer', () => {
  /** The most calls of `call` in flight at once while `count` of them are sent together. */
  async function peakInFlight(call: ServiceCall, count: number): Promise<number> {
    let inFlight = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: count }, (_, i) =>
        call('GetBucketPolicy', `bucket-${i}`, async () => {
          inFlight++;
          peak = Math.max(peak, inFlight);
          await tick();
          inFlight--;
        }),
      ),
    );
    return peak;
  }

  it('runs as many calls of S3 at once as its family declares, more than the default', async () => {
    // Prepare
    const pace = createPacer({ rateLimits: {} });

    // Act
    const peak = await peakInFlight(pace('s3'), 40);

    // Assess
    expect(SERVICE_CONCURRENCY.s3).toBeGreaterThan(DEFAULT_CONCURRENCY);
    expect(peak).toBe(SERVICE_CONCURRENCY.s3);
  });

  it('keeps a service that declares nothing (EC2, with its documented buckets) at the default', async () => {
    // Prepare
    const pace = createPacer({ rateLimits: {} });

    // Act
    const peak = await peakInFlight(pace('ec2'), 40);

    // Assess
    expect(SERVICE_CONCURRENCY.ec2).toBeUndefined();
    expect(peak).toBe(DEFAULT_CONCURRENCY);
  });

  it("applies a caller's concurrency to every service, S3 included", async () => {
    // Prepare
    const pace = createPacer({ concurrency: 1, rateLimits: {} });

    // Act
    const peaks = [await peakInFlight(pace('s3'), 10), await peakInFlight(pace('ec2'), 10)];

    // Assess
    expect(peaks).toEqual([1, 1]);
  });
});
