import { describe, expect, it } from 'vitest';
import { signatureHashes } from '../../../../../shared/certificates/judge.js';
import { acmCertificateSignature as rule } from '../../../../../shared/families/acm/rules/acm-certificate-signature.js';
import {
  acmRuleContext,
  amazonIssuedCertificate,
  importedCertificate,
} from '../../../../helpers/acm-fixtures.js';

const context = acmRuleContext();

describe('signatureHashes', () => {
  it.each([
    ['SHA256WITHRSA', ['SHA256']],
    ['SHA1WITHRSA', ['SHA1']],
    ['MD5WITHRSA', ['MD5']],
    ['MD2WITHRSA', ['MD2']],
    ['SHA384WITHECDSA', ['SHA384']],
    ['SHA224WITHRSA', ['SHA224']],
    ['RSASSA-PSS-SHA256', ['SHA256']],
    ['ecdsa-with-SHA1', ['SHA1']],
    ['sha512WithRSAEncryption', ['SHA512']],
    ['SHA-1 with RSA', ['SHA1']],
    ['SHA2-256', ['SHA256']],
  ])('finds the hash of %s', (name, expected) => {
    // Act
    const hashes = signatureHashes(name);

    // Assess
    expect(hashes).toEqual(expected);
  });

  it.each(['SHA128WITHRSA', 'SHA3-256WITHRSA', 'ED25519'])('finds no known hash in %s', (name) => {
    // Act
    const hashes = signatureHashes(name);

    // Assess
    expect(hashes).toEqual([]);
  });
});

describe('acm-certificate-signature', () => {
  it('declares a high severity and no automatic action', () => {
    // Assess
    expect(rule.metadata).toMatchObject({
      severity: 'high',
      defaultMode: 'notify',
      parameters: [{ policyPath: 'certificates.forbiddenSignatureHashes' }],
      compliance: { securityHub: [], configRules: [] },
    });
    expect(rule.metadata.remediation.remediate).toBeUndefined();
  });

  it('passes a certificate signed with SHA256WITHRSA', () => {
    // Prepare
    const certificate = amazonIssuedCertificate();

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome).toEqual({
      status: 'COMPLIANT',
      reason: 'Certificate www.example.com is signed with SHA256WITHRSA, whose hash the policy allows.',
      details: { signatureAlgorithm: 'SHA256WITHRSA', hashes: ['SHA256'], forbiddenHashes: [] },
    });
  });

  it('flags an imported certificate signed with SHA1WITHRSA', () => {
    // Prepare
    const certificate = importedCertificate({ signatureAlgorithm: 'SHA1WITHRSA' });

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome).toEqual({
      status: 'NON_COMPLIANT',
      reason:
        'Certificate legacy.example.com is signed with SHA1WITHRSA, which uses SHA1, a hash the policy forbids.',
      details: { signatureAlgorithm: 'SHA1WITHRSA', hashes: ['SHA1'], forbiddenHashes: ['SHA1'] },
    });
  });

  it.each(['MD5WITHRSA', 'MD2WITHRSA', 'ecdsa-with-SHA1'])(
    'flags signature algorithm %s',
    (signatureAlgorithm) => {
      // Prepare
      const certificate = importedCertificate({ signatureAlgorithm });

      // Act
      const outcome = rule.evaluate(certificate, context);

      // Assess
      expect(outcome.status).toBe('NON_COMPLIANT');
    },
  );

  it.each(['SHA256WITHECDSA', 'SHA384WITHRSA', 'SHA512WITHRSA', 'RSASSA-PSS-SHA256'])(
    'passes signature algorithm %s',
    (signatureAlgorithm) => {
      // Prepare
      const certificate = importedCertificate({ signatureAlgorithm });

      // Act
      const outcome = rule.evaluate(certificate, context);

      // Assess
      expect(outcome.status).toBe('COMPLIANT');
    },
  );

  it('reads the forbidden hashes from the policy', () => {
    // Prepare
    const stricter = acmRuleContext({
      certificates: { forbiddenSignatureHashes: ['MD5', 'SHA1', 'SHA224'] },
    });
    const certificate = importedCertificate({ signatureAlgorithm: 'SHA224WITHRSA' });

    // Act
    const withDefault = rule.evaluate(certificate, context);
    const withStricter = rule.evaluate(certificate, stricter);

    // Assess
    expect(withDefault.status).toBe('COMPLIANT');
    expect(withStricter.status).toBe('NON_COMPLIANT');
  });

  it('cannot verify a signature algorithm whose hash it does not recognize', () => {
    // Prepare
    const certificate = importedCertificate({ signatureAlgorithm: 'SHA128WITHRSA' });

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome).toEqual({
      status: 'NON_COMPLIANT',
      reason:
        'Certificate legacy.example.com: the hash of signature algorithm SHA128WITHRSA is not recognized, so whether the policy forbids it cannot be verified.',
      details: { signatureAlgorithm: 'SHA128WITHRSA', hashes: [] },
      unverified: true,
    });
  });

  it('does not judge a certificate whose signature algorithm is not in the input', () => {
    // Prepare
    const certificate = amazonIssuedCertificate({ status: 'PENDING_VALIDATION' });
    delete certificate.signatureAlgorithm;

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome).toEqual({
      status: 'NOT_APPLICABLE',
      reason: 'Certificate www.example.com: signature algorithm not in the input.',
    });
  });

  it('does not judge a certificate that was never issued', () => {
    // Prepare
    const certificate = amazonIssuedCertificate({ status: 'FAILED', signatureAlgorithm: 'SHA1WITHRSA' });

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome.status).toBe('NOT_APPLICABLE');
  });

  it('does not judge a blank signature algorithm', () => {
    // Act
    const outcome = rule.evaluate(amazonIssuedCertificate({ signatureAlgorithm: '  ' }), context);

    // Assess
    expect(outcome).toEqual({
      status: 'NOT_APPLICABLE',
      reason: 'Certificate www.example.com: signature algorithm not in the input.',
    });
  });

  it('names every forbidden hash of a combined MD5-SHA1 signature', () => {
    // Act
    const outcome = rule.evaluate(
      amazonIssuedCertificate({ signatureAlgorithm: 'MD5-SHA1WITHRSA' }),
      context,
    );

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toBe(
      'Certificate www.example.com is signed with MD5-SHA1WITHRSA, which uses MD5 and SHA1, a hash the policy forbids.',
    );
  });
});
