import { describe, expect, it } from 'vitest';
import type { AnyRule } from '../../shared/rules/rule.js';

/** One rule of the catalog: its id, how to import it, and its mappings and parameters from ../shared/RULES.md. */
export type RuleMetadataCase = [
  id: string,
  load: () => Promise<AnyRule>,
  securityHub: string[],
  configRules: string[],
  parameters: string[],
];

/**
 * The metadata checks of a family's rules. Each rule module is imported inside its test, not at the top of the
 * file: a rule module that fails to load (a broken `defineRule` call) then fails these tests instead of only
 * breaking the collection of a file.
 */
export function describeRuleMetadata(title: string, rules: RuleMetadataCase[]): void {
  describe(title, () => {
    it.each(rules)('%s loads on its own and carries its id', async (id, load) => {
      // Act
      const rule = await load();

      // Assess
      expect(rule.metadata.id).toBe(id);
    });

    it.each(rules)(
      '%s maps to the Security Hub controls and Config rules of the catalog',
      async (_id, load, securityHub, configRules) => {
        // Act
        const rule = await load();

        // Assess
        expect(rule.metadata.compliance.securityHub).toEqual(securityHub);
        expect(rule.metadata.compliance.configRules).toEqual(configRules);
      },
    );

    it.each(rules)(
      '%s declares the policy settings it reads, each with a description',
      async (_id, load, _sh, _cr, parameters) => {
        // Act
        const rule = await load();

        // Assess
        expect(rule.metadata.parameters.map((parameter) => parameter.policyPath)).toEqual(parameters);
        for (const parameter of rule.metadata.parameters) {
          expect(parameter.description, parameter.policyPath).toMatch(/^[A-Z].{10,}\.$/);
        }
      },
    );
  });
}
