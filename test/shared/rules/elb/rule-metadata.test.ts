import { describe, expect, it } from 'vitest';
import type { AnyRule } from '../../../../shared/rules/rule.js';

/**
 * Each rule module is imported inside its test, not at the top of the file: a rule module that fails to load
 * (a broken `defineRule` call) then fails these tests instead of only breaking the collection of a file.
 * Mappings and parameters are those of ../shared/RULES.md.
 */
const RULES: [
  id: string,
  load: () => Promise<AnyRule>,
  securityHub: string[],
  configRules: string[],
  parameters: string[],
][] = [
  [
    'elb-listener-plaintext',
    async () => (await import('../../../../shared/rules/elb/elb-listener-plaintext.js')).elbListenerPlaintext,
    ['ELB.3'],
    ['elb-tls-https-listeners-only'],
    [],
  ],
  [
    'elb-listener-tls-policy',
    async () =>
      (await import('../../../../shared/rules/elb/elb-listener-tls-policy.js')).elbListenerTlsPolicy,
    ['ELB.8'],
    ['elb-predefined-security-policy-ssl-check'],
    ['tls.minimumVersion'],
  ],
  [
    'elb-listener-weak-ciphers',
    async () =>
      (await import('../../../../shared/rules/elb/elb-listener-weak-ciphers.js')).elbListenerWeakCiphers,
    [],
    ['elb-custom-security-policy-ssl-check'],
    ['tls.allowedCipherClasses'],
  ],
];

describe('Classic ELB rule metadata', () => {
  it.each(RULES)('%s loads on its own and carries its id', async (id, load) => {
    // Act
    const rule = await load();

    // Assess
    expect(rule.metadata.id).toBe(id);
  });

  it.each(RULES)(
    '%s maps to the Security Hub controls and Config rules of the catalog',
    async (_id, load, securityHub, configRules) => {
      // Act
      const rule = await load();

      // Assess
      expect(rule.metadata.compliance.securityHub).toEqual(securityHub);
      expect(rule.metadata.compliance.configRules).toEqual(configRules);
    },
  );

  it.each(RULES)(
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
