import { describe, expect, it } from 'vitest';
import { acmCertificateRenewal as rule } from '../../../../../shared/families/acm/rules/acm-certificate-renewal.js';
import {
  acmRuleContext,
  amazonIssuedCertificate,
  daysFromNow,
  importedCertificate,
  privateCertificate,
} from '../../../../helpers/acm-fixtures.js';

const context = acmRuleContext();

describe('acm-certificate-renewal', () => {
  it('declares a high severity and no automatic action', () => {
    // Assess
    expect(rule.metadata).toMatchObject({ severity: 'high', defaultMode: 'notify' });
    expect(rule.metadata.remediation.remediate).toBeUndefined();
  });

  it('flags a managed renewal blocked by a CAA record, with the reason ACM gives', () => {
    // Prepare
    const certificate = amazonIssuedCertificate({
      notAfter: daysFromNow(30),
      renewalSummary: {
        renewalStatus: 'FAILED',
        renewalStatusReason: 'CAA_ERROR',
        updatedAt: '2026-11-21T09:00:00.000Z',
      },
    });

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome).toEqual({
      status: 'NON_COMPLIANT',
      reason:
        'Managed renewal of certificate www.example.com failed (CAA_ERROR): it will expire unless the cause is fixed or it is replaced.',
      details: {
        renewalStatus: 'FAILED',
        renewalStatusReason: 'CAA_ERROR',
        renewalEligibility: 'ELIGIBLE',
        inUse: true,
        type: 'AMAZON_ISSUED',
      },
    });
  });

  it('flags a managed renewal waiting for domain validation', () => {
    // Prepare
    const certificate = amazonIssuedCertificate({ renewalSummary: { renewalStatus: 'PENDING_VALIDATION' } });

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toBe(
      'Managed renewal of certificate www.example.com waits for domain validation: ACM cannot renew it until the domains validate.',
    );
  });

  it.each([
    ['an ACM-issued', amazonIssuedCertificate({ renewalEligibility: 'INELIGIBLE' })],
    ['a private', privateCertificate({ renewalEligibility: 'INELIGIBLE' })],
  ])('flags %s certificate in use that is ineligible for renewal', (_type, certificate) => {
    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain('is in use but ineligible for managed renewal');
  });

  it('passes an ineligible certificate that nothing uses', () => {
    // Prepare
    const certificate = amazonIssuedCertificate({ renewalEligibility: 'INELIGIBLE', inUseBy: [] });

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
    expect(outcome.reason).toBe(
      'Certificate www.example.com is ineligible for managed renewal but not in use.',
    );
  });

  it('leaves an imported certificate in use to the expiry rule, since ACM never renews it', () => {
    // Prepare
    const certificate = importedCertificate({ inUseBy: [] });
    certificate.inUse = true;

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome).toEqual({
      status: 'NOT_APPLICABLE',
      reason:
        'Certificate legacy.example.com is imported: ACM never renews it, so acm-certificate-expiry tracks its expiry instead.',
    });
  });

  it.each(['SUCCESS', 'PENDING_AUTO_RENEWAL'])('passes a managed renewal in state %s', (renewalStatus) => {
    // Prepare
    const certificate = amazonIssuedCertificate({ renewalSummary: { renewalStatus } });

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome).toMatchObject({ status: 'COMPLIANT', details: { renewalStatus } });
  });

  it('passes an eligible certificate that has not been renewed yet', () => {
    // Prepare
    const certificate = amazonIssuedCertificate();

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
    expect(outcome.reason).toBe('Certificate www.example.com is ELIGIBLE for managed renewal.');
  });

  it('does not judge a certificate whose input has no renewal data', () => {
    // Prepare
    const certificate = amazonIssuedCertificate();
    delete certificate.renewalEligibility;

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome).toEqual({
      status: 'NOT_APPLICABLE',
      reason: 'Certificate www.example.com: renewal eligibility and renewal status not in the input.',
    });
  });

  it.each(['EXPIRED', 'PENDING_VALIDATION', 'FAILED'])(
    'does not judge the renewal of a certificate with status %s',
    (status) => {
      // Prepare
      const certificate = amazonIssuedCertificate({
        status,
        renewalEligibility: 'INELIGIBLE',
        renewalSummary: { renewalStatus: 'FAILED' },
      });

      // Act
      const outcome = rule.evaluate(certificate, context);

      // Assess
      expect(outcome).toEqual({
        status: 'NOT_APPLICABLE',
        reason: `Certificate www.example.com has status ${status}: managed renewal applies only to issued certificates.`,
      });
    },
  );

  it('judges a certificate whose status is not in the input by its renewal', () => {
    // Prepare
    const certificate = amazonIssuedCertificate({
      status: undefined,
      renewalSummary: { renewalStatus: 'FAILED' },
    });

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
  });

  it.each([
    [
      'renewal waiting for validation',
      amazonIssuedCertificate({ renewalSummary: { renewalStatus: 'PENDING_VALIDATION' } }),
      { renewalStatus: 'PENDING_VALIDATION', renewalEligibility: 'ELIGIBLE', inUse: true },
    ],
    [
      'an ineligible certificate in use',
      amazonIssuedCertificate({ renewalEligibility: 'INELIGIBLE' }),
      { renewalStatus: undefined, renewalEligibility: 'INELIGIBLE', inUse: true },
    ],
  ])('gives the renewal facts in the details of %s', (_, certificate, facts) => {
    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.details).toMatchObject({ ...facts, type: 'AMAZON_ISSUED' });
  });

  it.each([
    ['SUCCESS', 'Managed renewal of certificate www.example.com is SUCCESS.'],
    ['PENDING_AUTO_RENEWAL', 'Managed renewal of certificate www.example.com is PENDING_AUTO_RENEWAL.'],
  ])(
    'passes an eligible certificate whose renewal is %s, naming the renewal status',
    (renewalStatus, reason) => {
      // Prepare
      const certificate = amazonIssuedCertificate({ renewalSummary: { renewalStatus } });

      // Act
      const outcome = rule.evaluate(certificate, context);

      // Assess
      expect(outcome.status).toBe('COMPLIANT');
      expect(outcome.reason).toBe(reason);
    },
  );

  it('passes an eligible certificate with no renewal under way', () => {
    // Act
    const outcome = rule.evaluate(amazonIssuedCertificate(), context);

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
    expect(outcome.reason).toBe('Certificate www.example.com is ELIGIBLE for managed renewal.');
  });
});
