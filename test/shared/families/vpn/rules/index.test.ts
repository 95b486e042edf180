import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { VPN_RULES } from '../../../../../shared/families/vpn/rules/index.js';

const ruleDir = fileURLToPath(new URL('../../../../../shared/families/vpn/rules/', import.meta.url));

describe('VPN_RULES', () => {
  it('holds one rule per rule file, each with the id of its file', () => {
    // Prepare
    const files = readdirSync(ruleDir)
      .filter((file) => file.startsWith('vpn-') && file.endsWith('.ts'))
      .map((file) => file.replace(/\.ts$/, ''));

    // Act
    const ids = VPN_RULES.map((rule) => rule.metadata.id);

    // Assess
    expect([...ids].sort()).toEqual(files.sort());
    expect(VPN_RULES.every((rule) => rule.metadata.family === 'vpn')).toBe(true);
  });

  it('defaults every rule to notify: remediation is opt-in in the policy file', () => {
    for (const rule of VPN_RULES) {
      expect(rule.metadata.defaultMode).toBe('notify');
    }
  });
});
