import { describe, expect, it } from 'vitest';
import { normalizeKeyAlgorithm } from '../../../../../shared/certificates/judge.js';
import { acmCertificateKeyStrength as rule } from '../../../../../shared/families/acm/rules/acm-certificate-key-strength.js';
import {
  acmRuleContext,
  amazonIssuedCertificate,
  importedCertificate,
  privateCertificate,
} from '../../../../helpers/acm-fixtures.js';

const context = acmRuleContext();

describe('normalizeKeyAlgorithm', () => {
  it.each([
    ['RSA-2048', 'RSA_2048'],
    ['RSA_2048', 'RSA_2048'],
    ['rsa-1024', 'RSA_1024'],
    ['EC-prime256v1', 'EC_prime256v1'],
    ['EC_SECP384R1', 'EC_secp384r1'],
    ['EC-secp224r1', 'EC_secp224r1'],
  ])('turns %s into %s', (input, expected) => {
    // Act
    const normalized = normalizeKeyAlgorithm(input);

    // Assess
    expect(normalized).toBe(expected);
  });
});

describe('acm-certificate-key-strength', () => {
  it('declares a high severity, the ACM.2 mapping and no automatic action', () => {
    // Assess
    expect(rule.metadata).toMatchObject({
      severity: 'high',
      defaultMode: 'notify',
      parameters: [{ policyPath: 'certificates.allowedKeyAlgorithms' }],
      compliance: { securityHub: ['ACM.2'], configRules: ['acm-certificate-rsa-check'] },
    });
    expect(rule.metadata.remediation.remediate).toBeUndefined();
  });

  it('passes an RSA 2048 certificate', () => {
    // Prepare
    const certificate = amazonIssuedCertificate();

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome).toEqual({
      status: 'COMPLIANT',
      reason: 'Certificate www.example.com uses key algorithm RSA_2048, which the policy allows.',
      details: {
        keyAlgorithm: 'RSA_2048',
        allowedKeyAlgorithms: [
          'RSA_2048',
          'RSA_3072',
          'RSA_4096',
          'EC_prime256v1',
          'EC_secp384r1',
          'EC_secp521r1',
        ],
      },
    });
  });

  it.each(['EC_prime256v1', 'EC-prime256v1', 'EC_secp384r1', 'EC_secp521r1', 'RSA-3072', 'RSA_4096'])(
    'passes key algorithm %s',
    (keyAlgorithm) => {
      // Prepare
      const certificate = privateCertificate({ keyAlgorithm });

      // Act
      const outcome = rule.evaluate(certificate, context);

      // Assess
      expect(outcome.status).toBe('COMPLIANT');
    },
  );

  it('flags an imported RSA 1024 certificate', () => {
    // Prepare
    const certificate = importedCertificate({ keyAlgorithm: 'RSA_1024' });

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome).toMatchObject({ status: 'NON_COMPLIANT', details: { keyAlgorithm: 'RSA_1024' } });
    expect(outcome.reason).toBe(
      'Certificate legacy.example.com uses key algorithm RSA_1024, which the policy does not allow (allowed: RSA_2048, RSA_3072, RSA_4096, EC_prime256v1, EC_secp384r1, EC_secp521r1).',
    );
    expect(outcome.severity).toBeUndefined();
  });

  it.each(['RSA-1024', 'EC_secp224r1', 'EC-secp192r1'])('flags key algorithm %s', (keyAlgorithm) => {
    // Prepare
    const certificate = importedCertificate({ keyAlgorithm });

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
  });

  it('reads the allowed key algorithms from the policy', () => {
    // Prepare
    const ecOnly = acmRuleContext({
      certificates: { allowedKeyAlgorithms: ['EC_prime256v1', 'EC_secp384r1'] },
    });
    const certificate = amazonIssuedCertificate();

    // Act
    const outcome = rule.evaluate(certificate, ecOnly);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain('(allowed: EC_prime256v1, EC_secp384r1)');
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
  ])('does not judge a certificate whose key algorithm is %s', (_case, keyAlgorithm) => {
    // Prepare
    const certificate = amazonIssuedCertificate();
    if (keyAlgorithm === undefined) delete certificate.keyAlgorithm;
    else certificate.keyAlgorithm = keyAlgorithm;

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome).toEqual({
      status: 'NOT_APPLICABLE',
      reason: 'Certificate www.example.com: key algorithm not in the input.',
    });
  });

  it.each(['FAILED', 'VALIDATION_TIMED_OUT'])(
    'does not judge a certificate that was never issued (%s)',
    (status) => {
      // Prepare
      const certificate = amazonIssuedCertificate({ status, keyAlgorithm: 'RSA_1024', inUseBy: [] });

      // Act
      const outcome = rule.evaluate(certificate, context);

      // Assess
      expect(outcome).toEqual({
        status: 'NOT_APPLICABLE',
        reason: `Certificate www.example.com was never issued (status ${status}), so nothing can use it.`,
      });
    },
  );

  it('judges a certificate still pending validation, which ACM will issue with that key', () => {
    // Prepare
    const certificate = amazonIssuedCertificate({ status: 'PENDING_VALIDATION', keyAlgorithm: 'RSA_1024' });

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
  });

  it('cannot verify a key algorithm with spaces around it, never trimming it into a known one', () => {
    // Act
    const outcome = rule.evaluate(amazonIssuedCertificate({ keyAlgorithm: ' RSA-2048 ' }), context);

    // Assess
    expect(normalizeKeyAlgorithm(' RSA-2048 ')).toBe(' RSA-2048 ');
    expect(outcome).toEqual({
      status: 'NON_COMPLIANT',
      reason:
        'Certificate www.example.com has the key algorithm " RSA-2048 ", which is not an ACM key algorithm, so its strength cannot be verified.',
      details: { keyAlgorithm: ' RSA-2048 ', unknownKeyAlgorithm: true },
      unverified: true,
    });
  });

  it('does not judge a blank key algorithm', () => {
    // Act
    const outcome = rule.evaluate(amazonIssuedCertificate({ keyAlgorithm: '   ' }), context);

    // Assess
    expect(outcome).toEqual({
      status: 'NOT_APPLICABLE',
      reason: 'Certificate www.example.com: key algorithm not in the input.',
    });
  });
});
