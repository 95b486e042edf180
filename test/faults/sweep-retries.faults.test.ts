/**
 * Fault injection on the scheduled sweep, under the SDK's own retry strategy: real SDK clients whose
 * only transport is a middleware inside the retry loop, failing 30% of attempts by throttling, a 5xx or
 * a timeout (seeded). At most maxAttempts attempts per SDK call; the product sends a call again only
 * after the SDK gave up on throttling; every one of the 500 resources is evaluated or listed unreadable.
 */
import { describe, expect, it, vi } from 'vitest';
import { createRegionalClients, type RegionClients, type SdkClient } from '../../shared/aws/clients.js';
import { createV2Client } from '../../shared/families/apigateway/client.js';
import { FAMILIES } from '../../shared/families/index.js';
import { createGreengrassClient } from '../../shared/families/iot/client.js';
import { MAX_THROTTLE_RETRIES } from '../../shared/inventory/live/limiter.js';
import { COUNTS, generateAccount, REGION } from './account.js';
import { type Attempt, createInjector, faultError, faultSeed, type Injector } from './injector.js';
import {
  CREDENTIALS,
  dropped,
  evaluatedCount,
  FAULT_RATE,
  FAULT_REASON,
  runSweep,
  unboundedResends,
} from './sweep-support.js';

/** The attempts per SDK call every client makes by default (AwsClientsConfig.maxAttempts). */
const DEFAULT_MAX_ATTEMPTS = 5;

/** One send of an SDK command (a logical call), with each attempt the SDK made for it. */
interface LogicalCall {
  operation: string;
  attempts: Attempt[];
}

/**
 * Real SDK clients whose only transport is a middleware inside the retry loop: it answers from the
 * account or fails the attempt, so the SDK's own retry strategy (adaptive, maxAttempts) runs for real.
 * Each family's client gets the middleware when the source first asks for it.
 */
async function faultyClients(injector: Injector, answer: ReturnType<typeof generateAccount>['answer']) {
  const regional = createRegionalClients({ credentials: CREDENTIALS })(REGION);
  const calls: LogicalCall[] = [];
  const serviceOf = new Map<unknown, string>(
    await Promise.all(
      FAMILIES.map(async (family) => [await family.live.client(), family.live.service] as const),
    ),
  );
  // API Gateway's sweep also lists domain names through its v2 client (GetDomainNamesV2 to the account).
  serviceOf.set(createV2Client, 'apigateway');
  // The IoT sweep lists Greengrass core devices through its second client.
  serviceOf.set(createGreengrassClient, 'greengrass');
  const instrumented = new Set<unknown>();
  const v2Client = regional.get(createV2Client);
  const instrument = (service: string, client: SdkClient) => {
    const stack = (
      client as unknown as { middlewareStack: { add(m: unknown, o: Record<string, unknown>): void } }
    ).middlewareStack;
    stack.add(
      (next: (args: unknown) => Promise<unknown>, context: Record<string, unknown>) =>
        async (args: unknown) => {
          const v2 = client === v2Client ? 'V2' : '';
          const operation = `${service}:${String(context.commandName).replace(/Command$/, '')}${v2}`;
          context.logicalCall = { operation, attempts: [] } satisfies LogicalCall;
          calls.push(context.logicalCall as LogicalCall);
          return next(args);
        },
      { step: 'initialize', priority: 'high', name: 'faultsLogicalCall' },
    );
    stack.add(
      (_next: unknown, context: Record<string, unknown>) =>
        async (args: { input: Record<string, unknown> }) => {
          const call = context.logicalCall as LogicalCall;
          const name = call.operation.slice(call.operation.indexOf(':') + 1);
          const fault = injector.decide(call.operation, args.input);
          call.attempts.push(injector.attempts.at(-1) as Attempt);
          if (fault) throw faultError(fault, service, name);
          return {
            output: { ...answer(call.operation, args.input), $metadata: { httpStatusCode: 200 } },
            response: { statusCode: 200, headers: {} },
          };
        },
      // Inside finalizeRequest (the retry middleware), before the deserializer: no HTTP is ever made.
      { step: 'deserialize', priority: 'high', name: 'faultsTransport' },
    );
  };
  const clients: RegionClients = {
    region: REGION,
    get(create) {
      const client = regional.get(create);
      const service = serviceOf.get(create);
      if (service && !instrumented.has(client)) {
        instrument(service, client);
        instrumented.add(client);
      }
      return client;
    },
  };
  return { clients, calls };
}

/** Runs `act` on a fake clock that jumps ahead while the SDK waits between attempts. */
async function withoutWaiting<T>(act: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  try {
    let settled = false;
    const pending = act().finally(() => {
      settled = true;
    });
    while (!settled) {
      await vi.advanceTimersByTimeAsync(250);
      await new Promise((resolve) => setImmediate(resolve));
    }
    return await pending;
  } finally {
    vi.useRealTimers();
  }
}

describe('sweep of a 500-resource account with faults under the SDK retry strategy', () => {
  it('makes at most maxAttempts attempts per SDK call, resends only throttled calls, and accounts for every resource', async () => {
    // Prepare
    const account = generateAccount();
    const injector = createInjector({ seed: faultSeed(), rate: FAULT_RATE });
    const { clients, calls } = await faultyClients(injector, account.answer);

    // Act
    const { outcome } = await withoutWaiting(() => runSweep(() => clients));

    // Assess
    // About 30% of attempts failed, of all three kinds.
    const faults = injector.faults();
    expect(faults.length / injector.attempts.length).toBeGreaterThan(0.2);
    expect(faults.length / injector.attempts.length).toBeLessThan(0.4);
    expect(new Set(faults.map((attempt) => attempt.fault))).toEqual(
      new Set(['throttling', 'server', 'timeout']),
    );
    expect(dropped(account.resources, outcome)).toEqual([]);
    for (const error of outcome.errors) expect(error.message).toMatch(FAULT_REASON);
    const attempts = calls.map((call) => call.attempts.length);
    expect(Math.max(...attempts)).toBeLessThanOrEqual(DEFAULT_MAX_ATTEMPTS);
    expect(attempts.some((count) => count > 1)).toBe(true);
    // Every attempt the injector saw belongs to an SDK call.
    expect(injector.attempts).toHaveLength(attempts.reduce((sum, count) => sum + count, 0));
    // The product sends a call again only after the SDK gave up on throttling, and a bounded number of times.
    const sends = new Map<string, (Attempt | undefined)[]>();
    for (const call of calls) {
      const key = call.attempts[0]?.key ?? call.operation;
      sends.set(key, [...(sends.get(key) ?? []), call.attempts.at(-1)]);
    }
    expect(unboundedResends(sends)).toEqual([]);
    for (const attemptsOfCall of injector.byCall().values()) {
      expect(attemptsOfCall.length).toBeLessThanOrEqual(DEFAULT_MAX_ATTEMPTS * (1 + MAX_THROTTLE_RETRIES));
    }
    // With retries most of the account is read despite 30% of attempts failing.
    expect(evaluatedCount(account.resources, outcome)).toBeGreaterThan(COUNTS.certificates);
  });
});
