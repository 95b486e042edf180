import { describe, expect, it } from 'vitest';
import { SMALL_TARGET_USD } from '../../../bench/cost/main.js';
import {
  AFTER,
  BEFORE,
  costOf,
  LARGE,
  ORGANIZATION,
  organizationCost,
  SMALL,
  type StackWorkload,
  stackUsage,
  totalOf,
} from '../../../bench/cost/model.js';
import { PRICES } from '../../../bench/cost/prices.js';

const monthly = (workload: StackWorkload) => totalOf(costOf(stackUsage(workload, AFTER)));

/** The cost at x, 2x and 3x of one workload figure: a second difference above zero is superlinear growth. */
function secondDifference(at: (k: number) => number): number {
  return at(3) - 2 * at(2) + at(1);
}

describe('cost model', () => {
  it('keeps a small account-region under the target, and under what it cost before the reductions', () => {
    expect(monthly(SMALL)).toBeLessThan(SMALL_TARGET_USD);
    expect(totalOf(costOf(stackUsage(SMALL, BEFORE)))).toBeGreaterThan(monthly(SMALL) * 2);
  });

  it('grows no cost faster than linearly with changes, resources, sweeps, regions per stack or member accounts', () => {
    const cases: [string, (k: number) => number][] = [
      ['changes', (k) => monthly({ ...LARGE, changesPerDay: k * LARGE.changesPerDay })],
      ['resources', (k) => monthly({ ...LARGE, resources: k * LARGE.resources })],
      ['sweeps', (k) => monthly({ ...LARGE, sweepsPerDay: k * LARGE.sweepsPerDay })],
      // One stack per account covering every region (the org design): its resources grow with its regions.
      ['regions per stack', (k) => monthly({ ...LARGE, regions: 4 * k, resources: k * LARGE.resources })],
      ['accounts', (k) => organizationCost({ ...ORGANIZATION, accounts: k * 10 }, AFTER).total],
    ];
    for (const [name, at] of cases) expect(secondDifference(at), name).toBeLessThanOrEqual(1e-6);
  });

  it('prices every usage line from the table, with a source and a date', () => {
    const keys = Object.keys(stackUsage(SMALL, AFTER));
    for (const key of keys) {
      const price = PRICES[key as keyof typeof PRICES];
      expect(price, key).toBeDefined();
      expect(price.source, key).toMatch(/aws/i);
      expect(price.checked, key).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});
