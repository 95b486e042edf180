/**
 * `npm run bench -- --only cost`: the monthly AWS cost of the deployed stacks (bench/cost/model.ts) for a small
 * account, a large account and the 50-account organization, line by line, with the price table it uses and the
 * fixed costs before and after issue #17's reductions. The last line printed is the figures as JSON.
 */
import { pathToFileURL } from 'node:url';
import {
  AFTER,
  BEFORE,
  costOf,
  LARGE,
  ORGANIZATION,
  organizationCost,
  SMALL,
  type StackSettings,
  type StackWorkload,
  stackUsage,
  totalOf,
} from './model.js';
import { PRICES, type PriceKey } from './prices.js';

/** The target of issue #17: a small account under $3 a month per account-region. */
export const SMALL_TARGET_USD = 3;

const usd = (value: number) => `$${value.toFixed(value < 10 ? 2 : 0)}`;

function stackTable(name: string, workload: StackWorkload, settings: StackSettings) {
  const usage = stackUsage(workload, settings);
  const costs = costOf(usage);
  console.log(`\n${name}: ${workload.changesPerDay} changes/day, ${workload.resources} resources`);
  for (const key of Object.keys(usage) as PriceKey[]) {
    const quantity = usage[key] ?? 0;
    console.log(
      `  ${key.padEnd(32)} ${Math.round(quantity).toLocaleString('en-US').padStart(12)} ${PRICES[key].unit.padEnd(60).slice(0, 60)} ${usd(costs[key] ?? 0).padStart(9)}`,
    );
  }
  const total = totalOf(costs);
  console.log(`  ${'total'.padEnd(106)} ${usd(total).padStart(9)}`);
  return total;
}

function main(): void {
  console.log('prices (us-east-1, list, no free tier):');
  for (const [key, price] of Object.entries(PRICES))
    console.log(
      `  ${key.padEnd(32)} $${Number(price.usd.toPrecision(6))} per ${price.unit} [${price.status}, ${price.checked}] ${price.source}`,
    );
  const small = stackTable('small account-region', SMALL, AFTER);
  const large = stackTable('large account-region', LARGE, AFTER);
  // The change-triggered Config rule is billed per evaluation: at 20,000 changes a day it is most of the bill.
  const largeWithoutRule = totalOf(costOf({ ...stackUsage(LARGE, AFTER), configRuleEvaluation: 0 }));
  console.log(
    `  without the Config rule (param configRule: 'false'; events and the sweep still cover every change): ${usd(largeWithoutRule)}`,
  );
  const org = organizationCost(ORGANIZATION, AFTER);
  console.log(
    `\norganization: ${ORGANIZATION.accounts} accounts x ${ORGANIZATION.regions} regions: ${org.stacks} member stacks of ${usd(org.member)} + the security account's ${usd(org.central)} = ${usd(org.total)} a month (${usd(org.total / org.stacks)} per account-region)`,
  );
  const before = totalOf(costOf(stackUsage(SMALL, BEFORE)));
  console.log(
    `\nsmall account-region: ${usd(small)} (target < ${usd(SMALL_TARGET_USD)}: ${small < SMALL_TARGET_USD ? 'met' : 'MISSED'}); before the fixed-cost reductions ${usd(before)}`,
  );
  console.log(JSON.stringify({ small, smallBefore: before, large, largeWithoutRule, organization: org }));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
