import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AnyRule } from '../../../../shared/rules/rule.js';

/**
 * A fresh copy of a module, evaluated anew rather than taken from the module graph the other test files share:
 * rule metadata and module-level regular expressions are built once when their module loads, and the mutation
 * run (vitest without isolation, see test/mutation/vitest.config.ts) would otherwise never see a change to them.
 */
async function fresh(file: string): Promise<Record<string, unknown>> {
  const url = `${new URL(`../../../../shared/rules/acm/${file}`, import.meta.url).href}?fresh=${randomUUID()}`;
  return (await import(/* @vite-ignore */ url)) as Record<string, unknown>;
}

async function freshRule(file: string, name: string): Promise<AnyRule> {
  const rule = (await fresh(file))[name] as AnyRule | undefined;
  if (!rule) throw new Error(`${file} exports no ${name}`);
  return rule;
}

// ../shared/RULES.md, mapping column; SEC09-BP02, NIST 800-53 SC-8 / SC-13 and PCI DSS v4 4.2.1 apply to all.
const SEC09 = [
  'AWS Well-Architected SEC09-BP02',
  'NIST 800-53 SC-8',
  'NIST 800-53 SC-13',
  'PCI DSS v4.0 4.2.1',
];

describe('ACM rule metadata, as loaded', () => {
  it.each([
    [
      'acm-certificate-expiry.ts',
      'acmCertificateExpiry',
      ['ACM.1'],
      ['acm-certificate-expiration-check'],
      ['certificates.expiryDays'],
    ],
    [
      'acm-certificate-key-strength.ts',
      'acmCertificateKeyStrength',
      ['ACM.2'],
      ['acm-certificate-rsa-check'],
      ['certificates.allowedKeyAlgorithms'],
    ],
    [
      'acm-certificate-signature.ts',
      'acmCertificateSignature',
      [],
      [],
      ['certificates.forbiddenSignatureHashes'],
    ],
    ['acm-certificate-renewal.ts', 'acmCertificateRenewal', [], [], []],
    ['acm-certificate-status.ts', 'acmCertificateStatus', [], [], []],
    [
      'acm-certificate-transparency.ts',
      'acmCertificateTransparency',
      [],
      ['acm_certificates_transparency_logs_enabled (Prowler)'],
      [],
    ],
  ])(
    '%s has the mapping of the catalog and describes its parameters',
    async (file, name, securityHub, configRules, paths) => {
      // Act
      const rule = await freshRule(file, name);

      // Assess
      expect(`${rule.metadata.id}.ts`).toBe(file);
      expect(rule.metadata.compliance).toEqual({ securityHub, configRules, frameworks: SEC09 });
      expect(rule.metadata.parameters.map((parameter) => parameter.policyPath)).toEqual(paths);
      for (const parameter of rule.metadata.parameters) {
        expect(parameter.description.length, parameter.policyPath).toBeGreaterThan(10);
      }
    },
  );

  it.each([
    ['SHA-256 with RSA', ['SHA256']],
    ['SHA_384WITHECDSA', ['SHA384']],
    ['SHA2-512', ['SHA512']],
    ['SHAX256WITHRSA', []],
  ])('finds the hash of %s with the hash pattern as loaded', async (name, expected) => {
    // Prepare
    const { signatureHashes } = (await fresh('acm-certificate-signature.ts')) as {
      signatureHashes: (signatureAlgorithm: string) => string[];
    };

    // Act
    const hashes = signatureHashes(name);

    // Assess
    expect(hashes).toEqual(expected);
  });
});
