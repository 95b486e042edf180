/**
 * The sweep under fault injection: the use case over the live inventory source with a paced-but-instant
 * clock, and the accounting that tells evaluated, unreadable and silently dropped resources apart.
 */
import type { RegionClients } from '../../shared/aws/clients.js';
import { MAX_THROTTLE_RETRIES } from '../../shared/inventory/live/limiter.js';
import { createAwsInventorySource } from '../../shared/inventory/live/source.js';
import { policySchema } from '../../shared/policy/schema.js';
import type { FindingMessage } from '../../shared/report/findings-bus.js';
import { RULES } from '../../shared/rules/index.js';
import { createMemoryFindingStore } from '../../shared/state/memory-store.js';
import { type SweepOutcome, sweep } from '../../shared/usecase/sweep.js';
import { ACCOUNT_ID, FAMILY_OPERATIONS, type GeneratedResource, REGION } from './account.js';
import type { Attempt } from './injector.js';

export const FAULT_RATE = 0.3;
export const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };
const NOW = new Date('2026-11-22T06:00:00.000Z');
export const FAULT_REASON =
  /^(Throttling|RequestLimitExceeded|ThrottlingException|ServiceUnavailable|TimeoutError): /;

/** A clock for the client-side pacing whose sleeps take no real time. */
function virtualClock() {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
  };
}

/** The sweep use case over the live source, an in-memory finding store and a captured findings bus. */
export async function runSweep(clientsFor: (region: string) => RegionClients) {
  const published: FindingMessage[] = [];
  const outcome = await sweep(
    {
      source: createAwsInventorySource(clientsFor, {
        accountId: ACCOUNT_ID,
        clock: virtualClock(),
        now: () => NOW,
      }),
      findings: createMemoryFindingStore(),
      publish: async (messages) => {
        published.push(...messages);
      },
      policy: policySchema.parse({}),
      rules: RULES,
      now: () => NOW,
      scope: { accountId: ACCOUNT_ID, regions: [REGION] },
    },
    { sweepId: 'sweep-faults', regions: [REGION] },
  );
  return { outcome, published };
}

/** Whether an unreadable-error names the resource: itself, its load balancer, or its family's listing. */
function namesResource(source: string, resource: GeneratedResource): boolean {
  const match = /^api:(\S+) (.+)$/.exec(source);
  if (!match) return false;
  const [, operation = '', subject = ''] = match;
  if (!FAMILY_OPERATIONS[resource.family].includes(operation)) return false;
  return resource.ids.includes(subject) || subject === resource.container || subject === REGION;
}

/** The generated resources neither evaluated nor listed as unreadable: silently dropped. */
export function dropped(resources: readonly GeneratedResource[], outcome: SweepOutcome): string[] {
  const evaluated = new Set(outcome.evaluations.map((evaluation) => evaluation.resourceId));
  return resources
    .filter((resource) => !resource.ids.some((id) => evaluated.has(id)))
    .filter((resource) => !outcome.errors.some((error) => namesResource(error.source, resource)))
    .map((resource) => resource.ids[0] as string);
}

/**
 * Calls (operation + input) the product sent again without the contract allowing it: more than
 * 1 + MAX_THROTTLE_RETRIES sends, or a send after one that did not end in throttling.
 */
export function unboundedResends(sends: ReadonlyMap<string, readonly (Attempt | undefined)[]>): string[] {
  const wrong: string[] = [];
  for (const [key, lastAttempts] of sends) {
    if (lastAttempts.length > 1 + MAX_THROTTLE_RETRIES)
      wrong.push(`${key}: sent ${lastAttempts.length} times`);
    lastAttempts.slice(0, -1).forEach((last, index) => {
      if (last?.fault !== 'throttling')
        wrong.push(`${key}: sent again after send ${index + 1} ended ${last?.fault ?? 'ok'}`);
    });
  }
  return wrong;
}

export function evaluatedCount(resources: readonly GeneratedResource[], outcome: SweepOutcome): number {
  const evaluated = new Set(outcome.evaluations.map((evaluation) => evaluation.resourceId));
  return resources.filter((resource) => resource.ids.some((id) => evaluated.has(id))).length;
}
