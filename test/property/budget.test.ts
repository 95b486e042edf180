import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED, propertySeed, RUNS, TOTAL_RUNS } from './support.js';

describe('property test budget', () => {
  it('generates at least 10,000 cases per run across the property suites', () => {
    // Prepare
    const suites = Object.values(RUNS);

    // Act
    const total = suites.reduce((sum, runs) => sum + runs, 0);

    // Assess
    expect(total).toBe(TOTAL_RUNS);
    expect(TOTAL_RUNS).toBeGreaterThanOrEqual(10_000);
  });

  it('uses a fixed seed unless FC_SEED gives another, so every run is reproducible', () => {
    // Prepare
    const environments = [{}, { FC_SEED: '' }, { FC_SEED: '42' }, { FC_SEED: '-7' }];

    // Act
    const seeds = environments.map((env) => propertySeed(env));

    // Assess
    expect(seeds).toEqual([DEFAULT_SEED, DEFAULT_SEED, 42, -7]);
    expect(() => propertySeed({ FC_SEED: 'abc' })).toThrow('FC_SEED must be an integer, got "abc"');
  });
});
