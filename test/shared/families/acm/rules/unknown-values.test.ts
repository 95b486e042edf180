/**
 * Unknown is never a pass: an ACM enum value the API does not have (lower-case "expired", "x", a trailing
 * space) is NON_COMPLIANT "cannot be verified" in every rule whose verdict depends on it. ACM writes its
 * enums in upper case only and documents no other spelling, so they are compared exactly.
 */
import { describe, expect, it } from 'vitest';
import { acmCertificateExpiry } from '../../../../../shared/families/acm/rules/acm-certificate-expiry.js';
import { acmCertificateKeyStrength } from '../../../../../shared/families/acm/rules/acm-certificate-key-strength.js';
import { acmCertificateRenewal } from '../../../../../shared/families/acm/rules/acm-certificate-renewal.js';
import { acmCertificateStatus } from '../../../../../shared/families/acm/rules/acm-certificate-status.js';
import { acmCertificateTransparency } from '../../../../../shared/families/acm/rules/acm-certificate-transparency.js';
import { evaluateAndPlan } from '../../../../../shared/usecase/evaluate.js';
import { acmRuleContext, amazonIssuedCertificate, daysFromNow } from '../../../../helpers/acm-fixtures.js';

const context = acmRuleContext();
const LABEL = 'www.example.com';

const UNKNOWN_STATUSES = [
  ['in lower case', 'expired'],
  ['unknown', 'x'],
  ['with a trailing space', 'ISSUED '],
] as const;

describe('ACM rules with a certificate status ACM does not have', () => {
  it.each(UNKNOWN_STATUSES)('acm-certificate-status cannot verify a status %s', (_label, status) => {
    // Act
    const outcome = acmCertificateStatus.evaluate(amazonIssuedCertificate({ status }), context);

    // Assess
    expect(outcome).toEqual({
      status: 'NON_COMPLIANT',
      reason: `Certificate ${LABEL} has the status ${JSON.stringify(status)}, which is not an ACM certificate status, so whether it can still secure a connection cannot be verified.`,
      details: { status, unknownStatus: true },
      unverified: true,
    });
  });

  it.each(UNKNOWN_STATUSES)('acm-certificate-expiry cannot verify a status %s', (_label, status) => {
    // Act
    const outcome = acmCertificateExpiry.evaluate(amazonIssuedCertificate({ status }), context);

    // Assess
    expect(outcome).toEqual({
      status: 'NON_COMPLIANT',
      reason: `Certificate ${LABEL} has the status ${JSON.stringify(status)}, which is not an ACM certificate status, so whether it is expiring cannot be verified.`,
      details: { status, unknownStatus: true },
      unverified: true,
    });
  });

  it.each(UNKNOWN_STATUSES)('acm-certificate-renewal cannot verify a status %s', (_label, status) => {
    // Act
    const outcome = acmCertificateRenewal.evaluate(amazonIssuedCertificate({ status }), context);

    // Assess
    expect(outcome).toEqual({
      status: 'NON_COMPLIANT',
      reason: `Certificate ${LABEL} has the status ${JSON.stringify(status)}, which is not an ACM certificate status, so whether managed renewal applies cannot be verified.`,
      details: { status, unknownStatus: true },
      unverified: true,
    });
  });

  it('plans no renewal of a private certificate whose status it cannot verify', () => {
    // Prepare
    const certificate = amazonIssuedCertificate({
      type: 'PRIVATE',
      status: 'issued',
      notAfter: daysFromNow(3),
    });

    // Act
    const [evaluation] = evaluateAndPlan(
      certificate,
      [acmCertificateExpiry],
      acmRuleContext({ dryRun: false }),
    );

    // Assess
    expect(evaluation?.status).toBe('NON_COMPLIANT');
    expect(evaluation?.response?.calls).toBeUndefined();
  });
});

describe('acm-certificate-status with a bad status', () => {
  it('cannot verify an expired certificate when the input does not say whether it is in use', () => {
    // Prepare
    const certificate = amazonIssuedCertificate({ status: 'EXPIRED', inUseBy: undefined, inUse: undefined });

    // Act
    const outcome = acmCertificateStatus.evaluate(certificate, context);

    // Assess
    expect(outcome).toEqual({
      status: 'NON_COMPLIANT',
      reason: `Certificate ${LABEL} has status EXPIRED, and the input does not say whether it is in use (no InUseBy or InUse), so whether TLS handshakes with it fail cannot be verified.`,
      details: { status: 'EXPIRED', inUse: null },
      unverified: true,
    });
  });
});

describe('acm-certificate-renewal with unknown renewal values', () => {
  it.each([
    ['in lower case', 'failed'],
    ['unknown', 'x'],
  ])('cannot verify a renewal status %s', (_label, renewalStatus) => {
    // Prepare
    const certificate = amazonIssuedCertificate({ renewalSummary: { renewalStatus } });

    // Act
    const outcome = acmCertificateRenewal.evaluate(certificate, context);

    // Assess
    expect(outcome).toEqual({
      status: 'NON_COMPLIANT',
      reason: `Certificate ${LABEL} has the renewal status ${JSON.stringify(renewalStatus)}, which is not an ACM renewal status, so the state of its managed renewal cannot be verified.`,
      details: { renewalStatus, renewalEligibility: 'ELIGIBLE', unknownRenewalStatus: true },
      unverified: true,
    });
  });

  it.each([
    ['in lower case', 'eligible'],
    ['unknown', 'x'],
  ])('cannot verify a renewal eligibility %s', (_label, renewalEligibility) => {
    // Prepare
    const certificate = amazonIssuedCertificate({ renewalEligibility });

    // Act
    const outcome = acmCertificateRenewal.evaluate(certificate, context);

    // Assess
    expect(outcome).toEqual({
      status: 'NON_COMPLIANT',
      reason: `Certificate ${LABEL} has the renewal eligibility ${JSON.stringify(renewalEligibility)}, which ACM does not have (ELIGIBLE, INELIGIBLE), so whether anything renews it cannot be verified.`,
      details: { renewalEligibility, unknownRenewalEligibility: true },
      unverified: true,
    });
  });

  it('cannot verify an ineligible certificate when the input does not say whether it is in use', () => {
    // Prepare
    const certificate = amazonIssuedCertificate({
      renewalEligibility: 'INELIGIBLE',
      inUseBy: undefined,
      inUse: undefined,
    });

    // Act
    const outcome = acmCertificateRenewal.evaluate(certificate, context);

    // Assess
    expect(outcome).toEqual({
      status: 'NON_COMPLIANT',
      reason: `Certificate ${LABEL} is ineligible for managed renewal, and the input does not say whether it is in use (no InUseBy or InUse), so whether it can expire in service cannot be verified.`,
      details: { renewalEligibility: 'INELIGIBLE', inUse: null },
      unverified: true,
    });
  });
});

describe('acm-certificate-transparency with unknown values', () => {
  it.each([
    ['in lower case', 'amazon_issued'],
    ['unknown', 'x'],
  ])('cannot verify a certificate type %s', (_label, type) => {
    // Prepare
    const certificate = amazonIssuedCertificate({ type, transparencyLoggingPreference: 'DISABLED' });

    // Act
    const outcome = acmCertificateTransparency.evaluate(certificate, context);

    // Assess
    expect(outcome).toEqual({
      status: 'NON_COMPLIANT',
      reason: `Certificate ${LABEL} has the type ${JSON.stringify(type)}, which is not an ACM certificate type, so whether transparency logging applies cannot be verified.`,
      details: { type, unknownType: true },
      unverified: true,
    });
  });

  it.each([
    ['in lower case', 'enabled'],
    ['unknown', 'x'],
    ['empty', ''],
  ])('cannot verify a transparency logging preference %s', (_label, preference) => {
    // Prepare
    const certificate = amazonIssuedCertificate({ transparencyLoggingPreference: preference });

    // Act
    const outcome = acmCertificateTransparency.evaluate(certificate, context);

    // Assess
    expect(outcome).toEqual({
      status: 'NON_COMPLIANT',
      reason: `Certificate ${LABEL} has the transparency logging preference ${JSON.stringify(preference)}, which ACM does not have (ENABLED, DISABLED), so whether it is logged cannot be verified.`,
      details: { transparencyLoggingPreference: preference, unknownPreference: true },
      unverified: true,
    });
  });
});

describe('acm-certificate-key-strength with an unknown key algorithm', () => {
  it.each(['x', 'RSA_9999', 'RSA 2048 '])('cannot verify the key algorithm %j', (keyAlgorithm) => {
    // Act
    const outcome = acmCertificateKeyStrength.evaluate(amazonIssuedCertificate({ keyAlgorithm }), context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toMatch(
      /, which is not an ACM key algorithm, so its strength cannot be verified\.$/,
    );
    expect(outcome.unverified).toBe(true);
  });
});
