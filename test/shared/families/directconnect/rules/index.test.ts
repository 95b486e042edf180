import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DX_RULES } from '../../../../../shared/families/directconnect/rules/index.js';

const ruleDir = fileURLToPath(
  new URL('../../../../../shared/families/directconnect/rules/', import.meta.url),
);

describe('DX_RULES', () => {
  it('holds one rule per rule file, each with the id of its file', () => {
    // Prepare
    const files = readdirSync(ruleDir)
      .filter((file) => file.startsWith('dx-') && file.endsWith('.ts'))
      .map((file) => file.replace(/\.ts$/, ''));

    // Act
    const ids = DX_RULES.map((rule) => rule.metadata.id);

    // Assess
    expect([...ids].sort()).toEqual(files.sort());
    expect(DX_RULES.every((rule) => rule.metadata.family === 'dx')).toBe(true);
  });

  it('applies every rule to both connections and LAGs', () => {
    for (const rule of DX_RULES) {
      expect(rule.metadata.resourceTypes).toEqual([
        'AWS::DirectConnect::Connection',
        'AWS::DirectConnect::Lag',
      ]);
      expect(rule.metadata.defaultMode).toBe('notify');
    }
  });
});
