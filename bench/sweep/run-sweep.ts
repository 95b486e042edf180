/**
 * One sweep of a generated account through the real SDK clients against the local stand-in: what
 * transit-guard's scheduled sweep reads, with the calls counted by the stand-in.
 */
import { createRegionalClients } from '../../shared/aws/clients.js';
import type { RateLimits } from '../../shared/inventory/live/limiter.js';
import { type ReadPlan, readPlanFor } from '../../shared/inventory/live/plan.js';
import { createAwsInventorySource } from '../../shared/inventory/live/source.js';
import type { InventoryMode } from '../../shared/inventory/live/source-core.js';
import type { Resource } from '../../shared/model/resource.js';
import { policySchema } from '../../shared/policy/schema.js';
import { RULES } from '../../shared/rules/index.js';
import type { GeneratedAccount } from '../stand-in/account.js';
import { startStandIn } from '../stand-in/server.js';
import { sweptRegions } from './expected.js';

/** Static fake credentials: the stand-in checks no signature. */
export const STAND_IN_CREDENTIALS = { accessKeyId: 'AKIDSTANDIN', secretAccessKey: 'stand-in-secret' };

export interface SweepRun {
  account: GeneratedAccount;
  mode: InventoryMode;
  latencyMs?: number;
  /** What the stand-in enforces (AWS's side). Default: nothing. */
  serverLimits?: RateLimits;
  /** How transit-guard paces itself. Default: the documented rates. */
  clientLimits?: RateLimits;
  /** Attempts per call inside the SDK (adaptive retry mode). Default: the clients' default. */
  maxAttempts?: number;
  plan?: ReadPlan;
  concurrency?: number;
  /**
   * Regions swept, one after the other as the deployed sweep does (`TG_REGIONS`). Default in describe mode: the
   * account's region and each global family's (CloudFront: us-east-1), the regions a deployment must list to
   * see every resource of the account; in Config mode the account's region alone (the stand-in has no Config
   * items for a global family).
   */
  regions?: readonly string[];
}

export interface SweepFigures {
  mode: InventoryMode;
  calls: Record<string, number>;
  throttled: Record<string, number>;
  totalCalls: number;
  wallMs: number;
  regions: string[];
  resources: Resource[];
  errors: { source: string; message: string }[];
}

/** The read plan of the default policy with every rule: what the deployed sweep reads. */
export function defaultReadPlan(): ReadPlan {
  return readPlanFor(policySchema.parse({}), RULES);
}

export async function runSweep(run: SweepRun): Promise<SweepFigures> {
  const standIn = await startStandIn({
    account: run.account,
    latencyMs: run.latencyMs ?? 0,
    ...(run.serverLimits ? { rateLimits: run.serverLimits } : {}),
    idleMs: 60_000,
  });
  // The clients find the stand-in the way a user points the SDK elsewhere: AWS_ENDPOINT_URL, which the SDK
  // reads itself (transit-guard's clients set no endpoint of their own).
  const endpointBefore = process.env.AWS_ENDPOINT_URL;
  process.env.AWS_ENDPOINT_URL = standIn.endpoint;
  try {
    const clientsFor = createRegionalClients({
      credentials: STAND_IN_CREDENTIALS,
      ...(run.maxAttempts ? { maxAttempts: run.maxAttempts } : {}),
    });
    const source = createAwsInventorySource(clientsFor, {
      accountId: run.account.accountId,
      inventoryMode: run.mode,
      plan: run.plan ?? defaultReadPlan(),
      now: () => run.account.now,
      ...(run.clientLimits ? { rateLimits: run.clientLimits } : {}),
      ...(run.concurrency ? { concurrency: run.concurrency } : {}),
    });
    const regions =
      run.regions ?? (run.mode === 'describe' ? sweptRegions(run.account) : [run.account.region]);
    const started = performance.now();
    const resources: Resource[] = [];
    const errors: SweepFigures['errors'] = [];
    for (const region of regions) {
      const result = await source.enumerate(region);
      resources.push(...result.resources);
      errors.push(...result.errors);
    }
    const wallMs = Math.round(performance.now() - started);
    const calls = standIn.calls();
    return {
      mode: run.mode,
      calls,
      throttled: standIn.throttled(),
      totalCalls: Object.values(calls).reduce((sum, count) => sum + count, 0),
      wallMs,
      regions: [...regions],
      resources,
      errors,
    };
  } finally {
    if (endpointBefore === undefined) delete process.env.AWS_ENDPOINT_URL;
    else process.env.AWS_ENDPOINT_URL = endpointBefore;
    await standIn.close();
  }
}
