/**
 * bench/org: the security account's organization-wide sweep of 50 member accounts x 4 regions (200,000 recorded
 * resources) through the real SDK client and the sweep worker's use case, against the local stand-in's
 * organization aggregator: calls per sweep against the target (1 per 100 resources plus what Config cannot
 * provide: nothing, in aggregator mode), and every work item's time. Then the member accounts' own fanned-out
 * sweeps, modelled: each work item's calls at AWS's documented rates against Lambda's 15 minutes, with ACM's
 * worst case (10,000 certificates in one region).
 *
 *   node --import tsx bench/org/main.ts                # the full organization
 *   node --import tsx bench/org/main.ts --accounts 5   # fewer member accounts
 *
 * The last line printed is the figures as JSON (for bench/run.ts).
 */
import { pathToFileURL } from 'node:url';
import { createRegionalClients } from '../../shared/aws/clients.js';
import { FAMILIES } from '../../shared/families/index.js';
import { aggregatedFamilies, selectAggregatePage } from '../../shared/inventory/live/aggregator-select.js';
import {
  createPacer,
  DEFAULT_CONCURRENCY,
  DOCUMENTED_RATE_LIMITS,
} from '../../shared/inventory/live/limiter.js';
import { configTypesOf } from '../../shared/inventory/live/port.js';
import { policySchema } from '../../shared/policy/schema.js';
import { RULES } from '../../shared/rules/index.js';
import { createMemoryFindingStore } from '../../shared/state/memory-store.js';
import type { MonitorDeps } from '../../shared/usecase/deps.js';
import {
  type AggregatorItem,
  planAggregatorSweep,
  runAggregatorItem,
} from '../../shared/usecase/sweep-work.js';
import { peakRssMb } from '../figures.js';
import { generateAccount } from '../stand-in/account.js';
import { organizationSize } from '../stand-in/organization.js';
import { startStandIn } from '../stand-in/server.js';
import { type CallCounts, plannedCalls, total } from '../sweep/expected.js';
import { defaultReadPlan, STAND_IN_CREDENTIALS } from '../sweep/run-sweep.js';
import {
  aggregatorCallTarget,
  callsOf,
  LAMBDA_LIMIT_SECONDS,
  ORG_ACCOUNT_REGION,
  ORG_ACCOUNTS,
  ORG_REGIONS,
  pacedSeconds,
} from './model.js';

const AGGREGATOR = 'org-aggregator';
/** What an AWS call is assumed to take when no rate paces it (SelectAggregateResourceConfig: no documented rate). */
const LATENCY_MS = 300;
/** A DynamoDB read and write per evaluated resource, as the worker records findings (assumed latency). */
const STORE_MS_PER_RESOURCE = 2 * 10;

export interface OrgFigures {
  accounts: number;
  regions: number;
  resources: number;
  calls: CallCounts;
  totalCalls: number;
  targetCalls: number;
  items: number;
  /** The slowest work item here (evaluation and recording in memory, the stand-in answering at once). */
  slowestItemMs: number;
  wallMs: number;
  /** Each item modelled on AWS: its call at LATENCY_MS, its records at STORE_MS_PER_RESOURCE, what it took here. */
  modelledItemSeconds: number;
  modelledSweepMinutes: number;
  errors: number;
  peakRssMb: number;
  /** A member account-region's own fanned-out sweep: the slowest item per family at the documented rates. */
  memberItems: { family: string; seconds: number }[];
  acm10k: { items: number; secondsPerItem: number; oneItemSeconds: number };
}

async function aggregatorSweep(accounts: number) {
  const now = new Date();
  const template = generateAccount(ORG_ACCOUNT_REGION, {
    region: 'us-east-1',
    accountId: '999999999999',
    now,
  });
  const organization = { aggregator: AGGREGATOR, accounts, regions: ORG_REGIONS, template };
  const standIn = await startStandIn({
    account: template,
    organization,
    maxRequests: 1_000_000,
    idleMs: 600_000,
  });
  const endpointBefore = process.env.AWS_ENDPOINT_URL;
  process.env.AWS_ENDPOINT_URL = standIn.endpoint;
  try {
    const clients = createRegionalClients({ credentials: STAND_IN_CREDENTIALS })('us-east-1');
    const call = createPacer({ concurrency: 1, rateLimits: DOCUMENTED_RATE_LIMITS })('config');
    const families = aggregatedFamilies(FAMILIES);
    const deps: MonitorDeps = {
      source: {
        read: async () => Promise.reject(new Error('unused')),
        enumerate: async () => Promise.reject(new Error('unused')),
      },
      findings: createMemoryFindingStore(),
      publish: async () => {},
      policy: policySchema.parse({}),
      rules: RULES,
      now: () => now,
      scope: {},
    };
    let item: AggregatorItem | undefined = planAggregatorSweep({
      sweepId: 'org',
      aggregator: AGGREGATOR,
      now,
      digest: false,
    });
    let items = 0;
    let resources = 0;
    let errors = 0;
    let slowestItemMs = 0;
    const started = performance.now();
    while (item) {
      const itemStarted = performance.now();
      const current: AggregatorItem = item;
      const outcome = await runAggregatorItem(
        deps,
        current,
        (token) =>
          selectAggregatePage({
            aggregator: AGGREGATOR,
            region: 'us-east-1',
            clients,
            call,
            families,
            ...(token ? { token } : {}),
          }),
        families,
      );
      slowestItemMs = Math.max(slowestItemMs, performance.now() - itemStarted);
      items++;
      resources += outcome.resources;
      errors += outcome.errors.length;
      item = outcome.next;
    }
    return {
      expected: organizationSize(organization, families.flatMap(configTypesOf)),
      resources,
      items,
      errors,
      slowestItemMs: Math.round(slowestItemMs),
      wallMs: Math.round(performance.now() - started),
      calls: standIn.calls(),
      template,
    };
  } finally {
    if (endpointBefore === undefined) delete process.env.AWS_ENDPOINT_URL;
    else process.env.AWS_ENDPOINT_URL = endpointBefore;
    await standIn.close();
  }
}

/** The slowest work item of each family in one member account-region's own sweep, at the documented rates. */
function memberItems(template: ReturnType<typeof generateAccount>) {
  const calls = plannedCalls(template, defaultReadPlan(), 'describe');
  return FAMILIES.map((family) => ({
    family: family.id,
    seconds: Math.round(
      pacedSeconds(callsOf(calls, family.live.service), {
        latencyMs: LATENCY_MS,
        concurrency: family.live.concurrency ?? DEFAULT_CONCURRENCY,
      }),
    ),
  }));
}

/** ACM's worst case: 10,000 certificates in one region, every one described (the full read plan's worst). */
function acm10k() {
  const certificates = 10_000;
  const perPage = 1000;
  const page = { 'acm:ListCertificates': 1, 'acm:DescribeCertificate': perPage };
  const whole = { 'acm:ListCertificates': certificates / perPage, 'acm:DescribeCertificate': certificates };
  const options = { latencyMs: LATENCY_MS, concurrency: DEFAULT_CONCURRENCY };
  return {
    items: certificates / perPage,
    secondsPerItem: Math.round(pacedSeconds(page, options)),
    oneItemSeconds: Math.round(pacedSeconds(whole, options)),
  };
}

export async function runOrgBench(accounts: number): Promise<OrgFigures> {
  const swept = await aggregatorSweep(accounts);
  const totalCalls = total(swept.calls);
  const modelledItemSeconds =
    (LATENCY_MS + (swept.resources / swept.items) * STORE_MS_PER_RESOURCE + swept.slowestItemMs) / 1000;
  return {
    accounts,
    regions: ORG_REGIONS.length,
    resources: swept.resources,
    calls: swept.calls,
    totalCalls,
    // Aggregator mode describes nothing: what Config items lack is judged "cannot be verified" (bench/README.md, org).
    targetCalls: aggregatorCallTarget(swept.resources, 0),
    items: swept.items,
    slowestItemMs: swept.slowestItemMs,
    wallMs: swept.wallMs,
    modelledItemSeconds: Math.round(modelledItemSeconds * 10) / 10,
    modelledSweepMinutes: Math.round((modelledItemSeconds * swept.items) / 6) / 10,
    errors: swept.errors + (swept.resources === swept.expected ? 0 : 1),
    peakRssMb: peakRssMb(),
    memberItems: memberItems(swept.template),
    acm10k: acm10k(),
  };
}

function verdict(ok: boolean): string {
  return ok ? 'met' : 'MISSED';
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const accounts = args.includes('--accounts') ? Number(args[args.indexOf('--accounts') + 1]) : ORG_ACCOUNTS;
  const figures = await runOrgBench(accounts);
  console.log(
    `aggregator sweep: ${figures.accounts} accounts x ${figures.regions} regions, ${figures.resources} resources, ${figures.errors} errors`,
  );
  console.log(
    `  calls ${figures.totalCalls} (${Object.entries(figures.calls)
      .map(([api, n]) => `${api} ${n}`)
      .join(', ')}); target <= ${figures.targetCalls}: ${verdict(figures.totalCalls <= figures.targetCalls)}`,
  );
  console.log(
    `  ${figures.items} work items; slowest here ${figures.slowestItemMs} ms; modelled on AWS ${figures.modelledItemSeconds} s per item (limit ${LAMBDA_LIMIT_SECONDS} s: ${verdict(figures.modelledItemSeconds <= LAMBDA_LIMIT_SECONDS)}), ${figures.modelledSweepMinutes} min per sweep, one item after the other`,
  );
  console.log(`  wall here ${figures.wallMs} ms, peak RSS ${figures.peakRssMb} MB`);
  console.log('member account-region sweeps (one item per family and page, at the documented rates):');
  for (const { family, seconds } of figures.memberItems)
    console.log(
      `  ${family.padEnd(12)} ${String(seconds).padStart(5)} s  ${verdict(seconds <= LAMBDA_LIMIT_SECONDS)}`,
    );
  const { acm10k: acm } = figures;
  console.log(
    `  acm, 10,000 certificates: ${acm.items} items of ${acm.secondsPerItem} s (${verdict(acm.secondsPerItem <= LAMBDA_LIMIT_SECONDS)}); as one item ${acm.oneItemSeconds} s (${verdict(acm.oneItemSeconds <= LAMBDA_LIMIT_SECONDS)})`,
  );
  console.log(JSON.stringify(figures));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
