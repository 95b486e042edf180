import { describe, expect, it } from 'vitest';
import { acmCertificateTransparency as rule } from '../../../../../shared/families/acm/rules/acm-certificate-transparency.js';
import {
  acmRuleContext,
  amazonIssuedCertificate,
  importedCertificate,
  privateCertificate,
} from '../../../../helpers/acm-fixtures.js';

const context = acmRuleContext();

describe('acm-certificate-transparency', () => {
  it('declares a low severity and the Prowler mapping', () => {
    // Assess
    expect(rule.metadata).toMatchObject({
      severity: 'low',
      defaultMode: 'notify',
      compliance: { securityHub: [], configRules: ['acm_certificates_transparency_logs_enabled (Prowler)'] },
    });
  });

  it('flags a public certificate that opts out of transparency logging', () => {
    // Prepare
    const certificate = amazonIssuedCertificate({ transparencyLoggingPreference: 'DISABLED' });

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome).toEqual({
      status: 'NON_COMPLIANT',
      reason:
        'Certificate www.example.com opts out of certificate transparency logging: mis-issuance for its domains goes unnoticed and browsers may reject it.',
      details: { transparencyLoggingPreference: 'DISABLED' },
    });
  });

  it('passes a public certificate with transparency logging enabled', () => {
    // Prepare
    const certificate = amazonIssuedCertificate();

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome).toEqual({
      status: 'COMPLIANT',
      reason: 'Certificate www.example.com has transparency logging ENABLED.',
      details: { transparencyLoggingPreference: 'ENABLED' },
    });
  });

  it('does not judge a public certificate whose input leaves the preference out (unknown is not a pass)', () => {
    // Prepare
    const certificate = amazonIssuedCertificate();
    delete certificate.transparencyLoggingPreference;

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome).toEqual({
      status: 'NOT_APPLICABLE',
      reason: 'Certificate www.example.com: transparency logging preference not in the input.',
    });
  });

  it.each([
    ['an imported', importedCertificate({ transparencyLoggingPreference: 'DISABLED' })],
    ['a private', privateCertificate({ transparencyLoggingPreference: 'DISABLED' })],
  ])('does not judge %s certificate', (_type, certificate) => {
    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome.status).toBe('NOT_APPLICABLE');
    expect(outcome.reason).toContain('transparency logging applies only to public ACM certificates');
  });

  it('does not judge a certificate whose type is not in the input', () => {
    // Prepare
    const certificate = amazonIssuedCertificate({ transparencyLoggingPreference: 'DISABLED' });
    delete certificate.type;

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome).toEqual({
      status: 'NOT_APPLICABLE',
      reason:
        'Certificate www.example.com is of a type not in the input: transparency logging applies only to public ACM certificates.',
    });
  });

  it('does not judge a public certificate that was never issued', () => {
    // Prepare
    const certificate = amazonIssuedCertificate({
      status: 'VALIDATION_TIMED_OUT',
      transparencyLoggingPreference: 'DISABLED',
    });

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome.status).toBe('NOT_APPLICABLE');
  });

  it.each([
    ['IMPORTED', importedCertificate(), 'legacy.example.com'],
    ['PRIVATE', privateCertificate(), 'api.corp.example.com'],
  ])('says a %s certificate is out of scope, naming its type', (type, certificate, label) => {
    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome).toEqual({
      status: 'NOT_APPLICABLE',
      reason: `Certificate ${label} is a ${type} certificate: transparency logging applies only to public ACM certificates.`,
    });
  });
});
