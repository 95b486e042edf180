import { describe, expect, it } from 'vitest';
import { freshRule } from '../../../../helpers/fresh-module.js';

// ../shared/RULES.md: no peer checks Direct Connect MACsec (no Security Hub control, no Config rule); SEC09-BP02,
// NIST 800-53 SC-8 / SC-13 and PCI DSS v4 4.2.1 apply to every encryption rule.
const SEC09 = [
  'AWS Well-Architected SEC09-BP02',
  'NIST 800-53 SC-8',
  'NIST 800-53 SC-13',
  'PCI DSS v4.0 4.2.1',
];

describe('Direct Connect rule metadata, as loaded', () => {
  it.each([
    ['dx-connection-macsec.ts', 'dxConnectionMacsec', 'dx-connection-macsec', []],
    [
      'dx-connection-macsec-fail-open.ts',
      'dxConnectionMacsecFailOpen',
      'dx-connection-macsec-fail-open',
      ['directConnect.requiredEncryptionMode'],
    ],
    ['dx-connection-macsec-down.ts', 'dxConnectionMacsecDown', 'dx-connection-macsec-down', []],
  ])(
    '%s maps to no peer control, only to the SEC09 frameworks, and names its parameters',
    async (file, name, id, paths) => {
      // Act
      const rule = await freshRule(`shared/families/directconnect/rules/${file}`, name);

      // Assess
      expect(rule.metadata.id).toBe(id);
      expect(rule.metadata.compliance).toEqual({ securityHub: [], configRules: [], frameworks: SEC09 });
      expect(rule.metadata.parameters.map((parameter) => parameter.policyPath)).toEqual(paths);
      for (const parameter of rule.metadata.parameters) {
        expect(parameter.description.length, parameter.policyPath).toBeGreaterThan(10);
      }
    },
  );
});
