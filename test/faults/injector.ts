/**
 * Seeded fault injection for AWS calls. Whether an attempt fails, and how, is a hash of the seed, the
 * operation, its input and the attempt number: the same attempt fails the same way on every run,
 * whatever order concurrent calls happen to run in (the SDK's retry jitter changes that order).
 */

export type FaultKind = 'throttling' | 'server' | 'timeout';

const FAULT_KINDS: readonly FaultKind[] = ['throttling', 'server', 'timeout'];

/** The seed of the fault sweeps; FC_SEED overrides it like the property suites'. */
export function faultSeed(env: NodeJS.ProcessEnv = process.env): number {
  const seed = Number(env.FC_SEED?.trim() || 20_261_122);
  if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer, got "${env.FC_SEED}"`);
  return seed;
}

/** FNV-1a with murmur3's final mix, 32 bits: a stable, evenly spread hash of a string. */
function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** Throttling names as each protocol spells them; all are in the SDK's throttling list. */
const THROTTLING_NAMES: Record<string, string> = {
  elbv2: 'Throttling',
  elb: 'Throttling',
  ec2: 'RequestLimitExceeded',
  directConnect: 'ThrottlingException',
  acm: 'ThrottlingException',
};

/** The error the SDK would throw for the fault (name, fault side, HTTP status in $metadata). */
export function faultError(kind: FaultKind, service: string, operation: string): Error {
  switch (kind) {
    case 'throttling':
      return Object.assign(new Error(`Rate exceeded (${operation})`), {
        name: THROTTLING_NAMES[service] ?? 'ThrottlingException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
      });
    case 'server':
      return Object.assign(new Error(`Service Unavailable (${operation})`), {
        name: 'ServiceUnavailable',
        $fault: 'server',
        $metadata: { httpStatusCode: 503 },
      });
    case 'timeout':
      return Object.assign(new Error(`socket timed out after 5000 ms (${operation})`), {
        name: 'TimeoutError',
        code: 'ETIMEDOUT',
        $metadata: {},
      });
  }
}

export interface Attempt {
  /** "elbv2:DescribeListeners {\"LoadBalancerArn\":...}": the operation and its exact input. */
  key: string;
  operation: string;
  /** 1 for the first request with this operation and input, 2 for the next (a retry), ... */
  attempt: number;
  fault?: FaultKind;
}

/** Decides the fault of each attempt and keeps the log of every attempt made. */
export function createInjector(options: { seed: number; rate: number }) {
  const attempts: Attempt[] = [];
  const counts = new Map<string, number>();
  return {
    attempts,
    /** The fault for the next attempt of this call, or undefined when it succeeds; recorded either way. */
    decide(operation: string, input: unknown): FaultKind | undefined {
      const key = `${operation} ${JSON.stringify(input)}`;
      const attempt = (counts.get(key) ?? 0) + 1;
      counts.set(key, attempt);
      const draw = hash32(`${options.seed}|${key}|${attempt}`) / 2 ** 32;
      const fault =
        draw < options.rate ? FAULT_KINDS[Math.floor((draw / options.rate) * FAULT_KINDS.length)] : undefined;
      attempts.push({ key, operation, attempt, ...(fault ? { fault } : {}) });
      return fault;
    },
    faults: () => attempts.filter((attempt) => attempt.fault !== undefined),
    /** The attempts of each call (operation and input), in order. */
    byCall(): Map<string, Attempt[]> {
      const calls = new Map<string, Attempt[]>();
      for (const attempt of attempts) calls.set(attempt.key, [...(calls.get(attempt.key) ?? []), attempt]);
      return calls;
    },
  };
}

export type Injector = ReturnType<typeof createInjector>;
