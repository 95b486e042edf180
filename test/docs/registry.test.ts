/**
 * The docs name what the registry holds: every family, every CloudTrail call and native event that wakes an
 * inspector, every AWS Config type the Config rule is scoped to. A family added without its lines in the docs
 * fails here, so a reader of README.md or docs/deploy.md is never told a shorter story than the code runs.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CONFIG_RESOURCE_TYPES } from '../../shared/events/config.js';
import { FAMILIES } from '../../shared/families/index.js';

const read = (path: string) => readFile(new URL(`../../${path}`, import.meta.url), 'utf8');

/** The text of the section of `doc` whose heading starts with `heading`, up to the next heading of its level. */
function section(doc: string, level: string, heading: string): string {
  const part = doc.split(new RegExp(`^${level} `, 'm')).find((text) => text.startsWith(heading));
  if (part === undefined) throw new Error(`no "${level} ${heading}" section`);
  return part;
}

/** The table rows (lines starting with `|`) of a text. */
const tableOf = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .join('\n');

/** Each family's routed CloudTrail call names and native detail-types ("ACM Certificate Expired"). */
const triggers = FAMILIES.map((family) => ({
  id: family.id,
  calls: (family.events?.apiCalls ?? []).flatMap((api) => [...api.routes.keys()]),
  native: family.events?.native?.detailTypes ?? [],
}));

describe('docs/deploy.md', () => {
  it('lists every call and native event that wakes an inspector in its event-pattern table', async () => {
    // Prepare
    const table = tableOf(section(await read('docs/deploy.md'), '##', 'Event patterns'));

    // Act
    const missing = triggers.flatMap(({ id, calls, native }) => [
      ...calls.filter((call) => !new RegExp(`\\b${call}\\b`).test(table)).map((call) => `${id}: ${call}`),
      // The table shortens ACM's detail-types to what follows "ACM Certificate ".
      ...native
        .filter((type) => !table.includes(type.replace(/^ACM Certificate /, '')))
        .map((type) => `${id}: ${type}`),
    ]);

    // Assess
    expect(triggers.flatMap((family) => family.calls).length).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });

  it('names every AWS Config type the Config rule is scoped to among the prerequisites', async () => {
    // Prepare
    const prerequisites = section(await read('docs/deploy.md'), '##', 'Prerequisites');

    // Assess
    expect(CONFIG_RESOURCE_TYPES.filter((type) => !prerequisites.includes(`\`${type}\``))).toEqual([]);
  });
});

describe('README.md', () => {
  it('gives every family a row of "What wakes the inspectors", naming one of its calls', async () => {
    // Prepare
    const readme = await read('README.md');
    const table = tableOf(
      readme.slice(readme.indexOf('**What wakes the inspectors**')).split('\n\n')[1] ?? '',
    );

    // Act
    const rows = table.split('\n');
    const missing = triggers.filter(
      ({ calls }) => !rows.some((row) => calls.some((call) => new RegExp(`\\b${call}\\b`).test(row))),
    );

    // Assess
    expect(rows.length).toBeGreaterThanOrEqual(FAMILIES.length + 2);
    expect(missing.map((family) => family.id)).toEqual([]);
  });
});

describe('docs/architecture.md', () => {
  it('lists every family folder of the registry', async () => {
    // Prepare
    const doc = await read('docs/architecture.md');
    const listed = /shared\/families\/<id>\/\s+((?:[a-z0-9]+(?:\s*·\s*|\s+))+)/.exec(doc)?.[1] ?? '';

    // Assess
    expect(listed.split(/[\s·]+/).filter(Boolean)).toEqual(FAMILIES.map((family) => family.id));
  });
});
