/**
 * docs/deploy.md's parameter table lists exactly the stack parameters serverless.yml declares (params.default),
 * so a parameter added to the stack is documented with its default, and a documented one exists.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFile(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('docs/deploy.md "Parameters"', () => {
  it('lists every parameter of serverless.yml and no other', async () => {
    // Prepare: the keys of params.default (four-space indent under "params:\n  default:")
    const serverless = await read('serverless.yml');
    const block = serverless.split(/^params:\n {2}default:\n/m)[1]?.split(/^\S/m)[0] ?? '';
    const declared = [...block.matchAll(/^ {4}(\w+):/gm)].map((match) => match[1]);
    const doc = await read('docs/deploy.md');
    const table = doc.split(/^## Parameters\n/m)[1]?.split(/^## /m)[0] ?? '';

    // Act
    const documented = [...table.matchAll(/^\| `(\w+)` \|/gm)].map((match) => match[1]);

    // Assess
    expect(declared.length).toBeGreaterThan(10);
    expect(documented.sort()).toEqual(declared.sort());
  });
});
