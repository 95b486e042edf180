/**
 * docs/report-formats.md shows each machine format by an example of what the CLI prints: the command it names is
 * run here and every example must be found in its output, so a format that changes without its documentation
 * fails. "..." in an example stands for what it leaves out: in a string, any text; as a key, any other keys; as
 * the last element of an array, any further elements.
 */
import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../helpers/run-cli.js';

const DOC = new URL('../../docs/report-formats.md', import.meta.url);
const EVENTS = 'test/fixtures/replay/events';

/** The doc's command, its glob expanded as a shell would (sorted). */
async function replay(format: string): Promise<string> {
  const events = (await readdir(EVENTS)).filter((name) => name.endsWith('.json')).sort();
  const result = await runCliCaptured([
    'replay',
    ...events.map((name) => `${EVENTS}/${name}`),
    '--inventory',
    'test/fixtures/replay/inventory',
    '--now',
    '2026-12-01T00:00:00Z',
    '--format',
    format,
  ]);
  expect(result.code).toBe(1);
  return result.stdout;
}

/** The first fenced block of `lang` in the section whose heading starts with `heading`. */
async function example(heading: string, lang: string): Promise<string> {
  const doc = await readFile(DOC, 'utf8');
  const section = doc.split(/^## /m).find((part) => part.startsWith(heading));
  const block = section?.split(`\`\`\`${lang}\n`)[1]?.split('\n```')[0];
  if (block === undefined)
    throw new Error(`docs/report-formats.md: no ${lang} example under "## ${heading}"`);
  return block;
}

/** Where `expected` (an example, with "..." for what it leaves out) differs from `actual`; [] when it matches. */
function mismatches(expected: unknown, actual: unknown, path = '$'): string[] {
  if (typeof expected === 'string' && expected.includes('...') && typeof actual === 'string') {
    let from = 0;
    for (const part of expected.split('...')) {
      const at = actual.indexOf(part, from);
      if (at < 0) return [`${path}: ${JSON.stringify(actual)} does not match ${JSON.stringify(expected)}`];
      from = at + part.length;
    }
    return [];
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const open = expected.at(-1) === '...';
    const items = open ? expected.slice(0, -1) : expected;
    if (open ? actual.length < items.length : actual.length !== items.length) {
      return [`${path}: ${actual.length} elements, the example has ${expected.length}`];
    }
    return items.flatMap((item, index) => mismatches(item, actual[index], `${path}[${index}]`));
  }
  if (
    expected &&
    typeof expected === 'object' &&
    actual &&
    typeof actual === 'object' &&
    !Array.isArray(actual)
  ) {
    const want = expected as Record<string, unknown>;
    const have = actual as Record<string, unknown>;
    const extra = '...' in want ? [] : Object.keys(have).filter((key) => !(key in want));
    return [
      ...extra.map((key) => `${path}.${key}: printed, not in the example`),
      ...Object.entries(want)
        .filter(([key]) => key !== '...')
        .flatMap(([key, value]) =>
          key in have ? mismatches(value, have[key], `${path}.${key}`) : [`${path}.${key}: not printed`],
        ),
    ];
  }
  return Object.is(expected, actual) || JSON.stringify(expected) === JSON.stringify(actual)
    ? []
    : [`${path}: printed ${JSON.stringify(actual)}, the example has ${JSON.stringify(expected)}`];
}

describe('docs/report-formats.md examples are what the CLI prints', () => {
  it('JSON: the evaluation', async () => {
    const shown = JSON.parse(await example('JSON', 'json')) as { findingId: string };
    const report = JSON.parse(await replay('json')) as { evaluations: { findingId: string }[] };
    const printed = report.evaluations.find((e) => e.findingId === shown.findingId);
    expect(mismatches(shown, printed)).toEqual([]);
  });

  it('SARIF: the result, and the rule its ruleIndex points to', async () => {
    const shown = JSON.parse(await example('SARIF', 'json')) as Record<string, unknown>;
    const log = JSON.parse(await replay('sarif')) as {
      runs: { results: Record<string, unknown>[]; tool: { driver: { rules: { id: string }[] } } }[];
    };
    const [run] = log.runs;
    const printed = run?.results.find(
      (r) => JSON.stringify(r.partialFingerprints) === JSON.stringify(shown.partialFingerprints),
    );
    // The index moves as the catalog grows (the doc says so): what must hold is the rule it points to.
    const { ruleIndex: _index, ...rest } = shown;
    expect(mismatches({ ...rest, '...': true }, printed)).toEqual([]);
    expect(printed && run?.tool.driver.rules[printed.ruleIndex as number]?.id).toBe(shown.ruleId);
  });

  it('CSV: the header and each row shown', async () => {
    const [header, ...rows] = (await example('CSV', 'csv')).split('\n');
    const printed = (await replay('csv')).split('\r\n');
    expect(printed[0]).toBe(header);
    for (const row of rows) expect(printed).toContain(row);
  });

  it.each([
    ['OCSF', 'ocsf', (f: Record<string, unknown>) => (f.finding_info as { uid: string }).uid],
    ['ASFF', 'asff', (f: Record<string, unknown>) => f.Id as string],
  ])('%s: the finding', async (heading, format, idOf) => {
    const shown = JSON.parse(await example(heading, 'json')) as Record<string, unknown>;
    const printed = (JSON.parse(await replay(format)) as Record<string, unknown>[]).find(
      (finding) => idOf(finding) === idOf(shown),
    );
    expect(mismatches(shown, printed)).toEqual([]);
  });
});
