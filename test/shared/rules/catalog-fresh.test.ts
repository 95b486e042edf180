import { describe, expect, it } from 'vitest';
import type { AnyRule } from '../../../shared/rules/rule.js';
import { freshModule } from '../../helpers/fresh-module.js';

describe('rule catalog, as loaded', () => {
  it('maps every encryption rule to SEC09-BP02, NIST 800-53 SC-8 and SC-13 and PCI DSS v4 4.2.1', async () => {
    // Act
    const { SEC09_FRAMEWORKS } = await freshModule('shared/rules/rule.ts');

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
    const { RULES, findRule } = (await freshModule('shared/rules/index.ts')) as {
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
