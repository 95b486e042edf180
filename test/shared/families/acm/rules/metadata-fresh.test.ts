import { describe, expect, it } from 'vitest';
import { freshModule, freshRule } from '../../../../helpers/fresh-module.js';

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
      const rule = await freshRule(`shared/families/acm/rules/${file}`, name);

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
    const { signatureHashes } = (await freshModule('shared/certificates/judge.ts')) as {
      signatureHashes: (signatureAlgorithm: string) => string[];
    };

    // Act
    const hashes = signatureHashes(name);

    // Assess
    expect(hashes).toEqual(expected);
  });
});
