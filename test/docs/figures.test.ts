/**
 * Figures the docs state about the test suites come from the code that sets them, so a changed budget is a
 * changed doc: README.md and docs/evidence.md give the number of generated property cases per run.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { TOTAL_RUNS } from '../property/support.js';

const read = (path: string) => readFile(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('figures in the docs', () => {
  it.each([
    ['README.md', /\*\*([\d,]+) generated property cases per run\*\*/],
    ['docs/evidence.md', /Generated property cases per run: ([\d,]+)/],
  ])('%s states the property-case budget of test/property/support.ts', async (path, pattern) => {
    // Act
    const stated = pattern.exec(await read(path))?.[1];

    // Assess
    expect(stated?.replaceAll(',', '')).toBe(String(TOTAL_RUNS));
  });
});
