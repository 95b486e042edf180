import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AnyRule } from '../../../shared/rules/rule.js';

/**
 * A fresh copy of a module, evaluated anew rather than taken from the module graph the other test files share:
 * module-level constants are built once when their module loads, and the mutation run (vitest without
 * isolation, see test/mutation/vitest.config.ts) would otherwise never see a change to them.
 */
async function fresh(file: string): Promise<Record<string, unknown>> {
  const url = `${new URL(`../../../shared/rules/${file}`, import.meta.url).href}?fresh=${randomUUID()}`;
  return (await import(/* @vite-ignore */ url)) as Record<string, unknown>;
}

describe('rule catalog, as loaded', () => {
  it('maps every encryption rule to SEC09-BP02, NIST 800-53 SC-8 and SC-13 and PCI DSS v4 4.2.1', async () => {
    // Act
    const { SEC09_FRAMEWORKS } = await fresh('rule.ts');

    // Assess: ../shared/RULES.md, compliance mapping columns
    expect(SEC09_FRAMEWORKS).toEqual([
      'AWS Well-Architected SEC09-BP02',
      'NIST 800-53 SC-8',
      'NIST 800-53 SC-13',
      'PCI DSS v4.0 4.2.1',
    ]);
  });

  it('finds every rule of the catalog by its id', async () => {
    // Prepare
    const { RULES, findRule } = (await fresh('index.ts')) as {
      RULES: readonly AnyRule[];
      findRule: (id: string) => AnyRule | undefined;
    };

    // Act
    const found = RULES.map((rule) => findRule(rule.metadata.id));

    // Assess
    expect(RULES.length).toBeGreaterThan(20);
    expect(found).toEqual(RULES);
    expect(findRule('no-such-rule')).toBeUndefined();
  });
});
