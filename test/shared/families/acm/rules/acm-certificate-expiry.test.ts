import { describe, expect, it } from 'vitest';
import { acmCertificateExpiry as rule } from '../../../../../shared/families/acm/rules/acm-certificate-expiry.js';
import { evaluateAndPlan } from '../../../../../shared/usecase/evaluate.js';
import {
  acmRuleContext,
  amazonIssuedCertificate,
  daysFromNow,
  importedCertificate,
  privateCertificate,
} from '../../../../helpers/acm-fixtures.js';

const context = acmRuleContext();

describe('acm-certificate-expiry', () => {
  it('declares a medium base severity, the ACM.1 mapping and the renew-certificate action', () => {
    // Assess
    expect(rule.metadata).toMatchObject({
      severity: 'medium',
      defaultMode: 'notify',
      remediation: { remediate: 'renew-certificate' },
      parameters: [{ policyPath: 'certificates.expiryDays' }],
      compliance: { securityHub: ['ACM.1'], configRules: ['acm-certificate-expiration-check'] },
    });
    expect(rule.metadata.remediation.block).toBeUndefined();
  });

  it('passes a certificate that expires after the threshold', () => {
    // Prepare
    const certificate = amazonIssuedCertificate({ notAfter: daysFromNow(200) });

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome).toEqual({
      status: 'COMPLIANT',
      reason: `Certificate www.example.com expires in 200 days (${daysFromNow(200)}), beyond the 30-day threshold.`,
      details: {
        daysToExpiry: 200,
        notAfter: daysFromNow(200),
        inUse: true,
        type: 'AMAZON_ISSUED',
        renewable: false,
      },
    });
  });

  it('flags a certificate in use that expires in exactly the threshold, at high severity', () => {
    // Prepare
    const certificate = amazonIssuedCertificate({ notAfter: daysFromNow(30) });

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome).toMatchObject({
      status: 'NON_COMPLIANT',
      severity: 'high',
      details: { daysToExpiry: 30 },
    });
    expect(outcome.reason).toBe(
      `Certificate www.example.com expires in 30 days (${daysFromNow(30)}), inside the 30-day threshold. ACM has not renewed it yet: check its renewal status and domain validation.`,
    );
  });

  it('passes a certificate that expires one day after the threshold', () => {
    // Prepare
    const certificate = amazonIssuedCertificate({ notAfter: daysFromNow(31) });

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
    expect(outcome.details?.daysToExpiry).toBe(31);
  });

  it('counts whole days, so part of a day past the threshold still falls inside it', () => {
    // Prepare
    const certificate = amazonIssuedCertificate({ notAfter: daysFromNow(30.75) });

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.details?.daysToExpiry).toBe(30);
  });

  it('reads the threshold from the policy', () => {
    // Prepare
    const certificate = amazonIssuedCertificate({ notAfter: daysFromNow(45) });
    const sixtyDays = acmRuleContext({ certificates: { expiryDays: 60 } });

    // Act
    const withDefault = rule.evaluate(certificate, context);
    const withSixtyDays = rule.evaluate(certificate, sixtyDays);

    // Assess
    expect(withDefault.status).toBe('COMPLIANT');
    expect(withSixtyDays.status).toBe('NON_COMPLIANT');
    expect(withSixtyDays.reason).toContain('inside the 60-day threshold');
  });

  it('puts the boundary of a 60-day policy between 60 and 61 days', () => {
    // Prepare
    const sixtyDays = acmRuleContext({ certificates: { expiryDays: 60 } });
    const atSixty = amazonIssuedCertificate({ notAfter: daysFromNow(60) });
    const atSixtyOne = amazonIssuedCertificate({ notAfter: daysFromNow(61) });

    // Act
    const inside = rule.evaluate(atSixty, sixtyDays);
    const outside = rule.evaluate(atSixtyOne, sixtyDays);

    // Assess
    expect(inside.status).toBe('NON_COMPLIANT');
    expect(outside.status).toBe('COMPLIANT');
  });

  it('takes the time from the context clock, not the machine clock', () => {
    // Prepare
    const certificate = amazonIssuedCertificate({ notAfter: '2020-01-07T07:00:00.000Z' });
    const in2019 = acmRuleContext({}, new Date('2019-05-06T18:45:10.000Z'));

    // Act
    const outcome = rule.evaluate(certificate, in2019);

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
    expect(outcome.details?.daysToExpiry).toBe(245);
  });

  it('keeps medium severity for an ACM-issued certificate that nothing uses', () => {
    // Prepare
    const certificate = amazonIssuedCertificate({
      notAfter: daysFromNow(10),
      inUseBy: [],
      renewalEligibility: 'INELIGIBLE',
    });

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome).toMatchObject({ status: 'NON_COMPLIANT', severity: 'medium' });
    expect(outcome.reason).toContain('ACM will not renew it');
  });

  it('raises an imported certificate near expiry to high even when nothing uses it', () => {
    // Prepare
    const certificate = importedCertificate({ notAfter: daysFromNow(12) });

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome).toMatchObject({
      status: 'NON_COMPLIANT',
      severity: 'high',
      details: { daysToExpiry: 12, inUse: false, type: 'IMPORTED', renewable: false },
    });
    expect(outcome.reason).toContain('ACM does not renew imported certificates');
  });

  it('raises an expired certificate that is still in use to critical', () => {
    // Prepare
    const certificate = amazonIssuedCertificate({ notAfter: daysFromNow(-3) });

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome).toEqual({
      status: 'NON_COMPLIANT',
      reason: `Certificate www.example.com expired 3 days ago (${daysFromNow(-3)}). It is still in use: clients get certificate errors.`,
      severity: 'critical',
      details: {
        daysToExpiry: -3,
        notAfter: daysFromNow(-3),
        inUse: true,
        type: 'AMAZON_ISSUED',
        renewable: false,
      },
    });
  });

  it('knows a certificate is in use from the InUse flag of a ListCertificates summary', () => {
    // Prepare
    const certificate = amazonIssuedCertificate({ notAfter: daysFromNow(-1) });
    delete certificate.inUseBy;
    certificate.inUse = true;

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome).toMatchObject({
      status: 'NON_COMPLIANT',
      severity: 'critical',
      details: { inUse: true },
    });
  });

  it('judges a certificate ACM marks EXPIRED by its date', () => {
    // Prepare
    const certificate = amazonIssuedCertificate({ status: 'EXPIRED', notAfter: daysFromNow(-40) });

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome).toMatchObject({
      status: 'NON_COMPLIANT',
      severity: 'critical',
      details: { daysToExpiry: -40 },
    });
  });

  it('flags an expired certificate nobody uses at medium, and an expired imported one at high', () => {
    // Prepare
    const unused = amazonIssuedCertificate({ notAfter: daysFromNow(-100), inUseBy: [] });
    const unusedImported = importedCertificate({ notAfter: daysFromNow(-100) });

    // Act
    const unusedOutcome = rule.evaluate(unused, context);
    const importedOutcome = rule.evaluate(unusedImported, context);

    // Assess
    expect(unusedOutcome).toMatchObject({ status: 'NON_COMPLIANT', severity: 'medium' });
    expect(unusedOutcome.reason).toContain('It is not in use');
    expect(importedOutcome).toMatchObject({ status: 'NON_COMPLIANT', severity: 'high' });
  });

  it('says "within a day" when less than a day is left', () => {
    // Prepare
    const certificate = amazonIssuedCertificate({ notAfter: daysFromNow(0.25) });

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome).toMatchObject({
      status: 'NON_COMPLIANT',
      severity: 'high',
      details: { daysToExpiry: 0 },
    });
    expect(outcome.reason).toContain('expires within a day');
  });

  it('marks an eligible private certificate as renewable', () => {
    // Prepare
    const certificate = privateCertificate({ notAfter: daysFromNow(20) });

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome).toMatchObject({
      status: 'NON_COMPLIANT',
      severity: 'high',
      details: { renewable: true },
    });
    expect(outcome.reason).toContain('RenewCertificate renews it now');
  });

  it.each([
    [
      'an ineligible private certificate',
      privateCertificate({ renewalEligibility: 'INELIGIBLE', notAfter: daysFromNow(20) }),
    ],
    ['an expired private certificate', privateCertificate({ notAfter: daysFromNow(-2) })],
    ['an eligible ACM-issued certificate', amazonIssuedCertificate({ notAfter: daysFromNow(20) })],
    ['an imported certificate', importedCertificate({ notAfter: daysFromNow(20) })],
  ])('does not mark %s as renewable', (_name, certificate) => {
    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.details?.renewable).toBe(false);
  });

  it('plans renew-certificate when the rule runs in remediate mode', () => {
    // Prepare
    const certificate = privateCertificate({ notAfter: daysFromNow(20) });
    const remediate = acmRuleContext({ rules: { [rule.metadata.id]: { mode: 'remediate' } } });

    // Act
    const [evaluation] = evaluateAndPlan(certificate, [rule], remediate);

    // Assess
    expect(evaluation?.response).toEqual({
      mode: 'remediate',
      status: 'dry-run',
      action: 'renew-certificate',
      calls: [
        {
          service: 'acm',
          command: 'RenewCertificate',
          input: { CertificateArn: certificate.certificateArn },
        },
      ],
      note: 'dry run: planned, not executed',
    });
  });

  it.each(['PENDING_VALIDATION', 'FAILED', 'VALIDATION_TIMED_OUT', 'REVOKED', 'INACTIVE'])(
    'does not judge the expiry of a certificate with status %s',
    (status) => {
      // Prepare
      const certificate = amazonIssuedCertificate({ status, notAfter: daysFromNow(5) });

      // Act
      const outcome = rule.evaluate(certificate, context);

      // Assess
      expect(outcome).toEqual({
        status: 'NOT_APPLICABLE',
        reason: `Certificate www.example.com has status ${status}: only issued or expired certificates are judged for expiry.`,
      });
    },
  );

  it('judges a certificate whose status the input does not give by its date', () => {
    // Prepare
    const certificate = amazonIssuedCertificate({ notAfter: daysFromNow(5) });
    delete certificate.status;

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
  });

  it.each([
    ['missing', undefined],
    ['not a date', 'datetime.datetime(2020, 4, 22, 13, 13, 17)'],
  ])('cannot verify the expiry of an issued certificate whose expiry date is %s', (_case, notAfter) => {
    // Prepare
    const certificate = amazonIssuedCertificate();
    if (notAfter === undefined) delete certificate.notAfter;
    else certificate.notAfter = notAfter;

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome).toEqual({
      status: 'NON_COMPLIANT',
      unverified: true,
      reason:
        'Certificate www.example.com: the input gives no expiry date (NotAfter; aws acm describe-certificate gives it), so whether it is expiring cannot be verified.',
      details: { status: 'ISSUED', notAfter: notAfter ?? null },
    });
  });

  it('cannot verify the expiry of a list-certificates summary of ARN and domain name only (no status, no NotAfter)', () => {
    // Prepare
    const certificate = amazonIssuedCertificate();
    delete certificate.notAfter;
    delete certificate.status;

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome).toMatchObject({ status: 'NON_COMPLIANT', unverified: true, details: { status: null } });
  });

  it('names the certificate by its ARN when the input has no domain name', () => {
    // Prepare
    const certificate = amazonIssuedCertificate({ notAfter: daysFromNow(5) });
    delete certificate.domainName;
    delete certificate.name;

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome.reason).toContain(`Certificate ${certificate.certificateArn} expires in 5 days`);
  });

  it('adds no outlook for an expiring public certificate whose renewal eligibility is not in the input', () => {
    // Prepare
    const certificate = amazonIssuedCertificate({ notAfter: daysFromNow(10), renewalEligibility: undefined });

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome.reason).toBe(
      `Certificate www.example.com expires in 10 days (${daysFromNow(10)}), inside the 30-day threshold.`,
    );
  });

  it('trusts status EXPIRED even while NotAfter is still ahead', () => {
    // Prepare
    const certificate = amazonIssuedCertificate({ status: 'EXPIRED', notAfter: daysFromNow(100) });

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.severity).toBe('critical');
    expect(outcome.reason).toBe(
      `Certificate www.example.com has status EXPIRED (NotAfter ${daysFromNow(100)}). It is still in use: clients get certificate errors.`,
    );
  });

  it.each([
    ['ISSUED', 'expires within a day', 'high'],
    ['EXPIRED', 'has status EXPIRED (NotAfter', 'critical'],
  ] as const)(
    'does not count a %s certificate as expired by the clock at the very instant of NotAfter',
    (status, when, severity) => {
      // Prepare
      const certificate = amazonIssuedCertificate({ status, notAfter: daysFromNow(0) });

      // Act
      const outcome = rule.evaluate(certificate, context);

      // Assess
      expect(outcome.status).toBe('NON_COMPLIANT');
      expect(outcome.severity).toBe(severity);
      expect(outcome.reason).toContain(`Certificate www.example.com ${when}`);
    },
  );
});
