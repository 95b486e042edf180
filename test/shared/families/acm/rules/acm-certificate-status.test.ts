import { describe, expect, it } from 'vitest';
import { acmCertificateStatus as rule } from '../../../../../shared/families/acm/rules/acm-certificate-status.js';
import {
  ALB_ARN,
  acmRuleContext,
  amazonIssuedCertificate,
  DISTRIBUTION_ARN,
  importedCertificate,
} from '../../../../helpers/acm-fixtures.js';

const context = acmRuleContext();

describe('acm-certificate-status', () => {
  it('declares a critical severity and no automatic action', () => {
    // Assess
    expect(rule.metadata).toMatchObject({ severity: 'critical', defaultMode: 'notify' });
    expect(rule.metadata.remediation.remediate).toBeUndefined();
  });

  it('passes an issued certificate in use', () => {
    // Prepare
    const certificate = amazonIssuedCertificate();

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome).toEqual({
      status: 'COMPLIANT',
      reason: 'Certificate www.example.com has status ISSUED.',
      details: { status: 'ISSUED', inUse: true, inUseBy: [ALB_ARN] },
    });
  });

  it('flags an expired certificate still used by a CloudFront distribution and a load balancer', () => {
    // Prepare
    const certificate = amazonIssuedCertificate({ status: 'EXPIRED', inUseBy: [DISTRIBUTION_ARN, ALB_ARN] });

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome).toEqual({
      status: 'NON_COMPLIANT',
      reason: `Certificate www.example.com has status EXPIRED and is still in use by ${DISTRIBUTION_ARN}, ${ALB_ARN}: TLS handshakes with it fail.`,
      details: { status: 'EXPIRED', inUse: true, inUseBy: [DISTRIBUTION_ARN, ALB_ARN] },
    });
    expect(outcome.severity).toBeUndefined();
  });

  it.each(['FAILED', 'REVOKED'])('flags a certificate with status %s that is in use', (status) => {
    // Prepare
    const certificate = importedCertificate({ status, inUseBy: [ALB_ARN] });

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
  });

  it('knows a certificate is in use from the InUse flag of a ListCertificates summary', () => {
    // Prepare
    const certificate = importedCertificate({ status: 'REVOKED' });
    delete certificate.inUseBy;
    certificate.inUse = true;

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome).toEqual({
      status: 'NON_COMPLIANT',
      reason:
        'Certificate legacy.example.com has status REVOKED and is still in use: TLS handshakes with it fail.',
      details: { status: 'REVOKED', inUse: true },
    });
  });

  it.each(['FAILED', 'REVOKED', 'EXPIRED'])(
    'passes a certificate with status %s that serves no traffic',
    (status) => {
      // Prepare
      const certificate = amazonIssuedCertificate({ status, inUseBy: [] });

      // Act
      const outcome = rule.evaluate(certificate, context);

      // Assess
      expect(outcome).toEqual({
        status: 'COMPLIANT',
        reason: `Certificate www.example.com has status ${status} but is not in use, so it serves no traffic.`,
        details: { status, inUse: false, inUseBy: [] },
      });
    },
  );

  it('does not judge a certificate whose status is not in the input', () => {
    // Prepare
    const certificate = amazonIssuedCertificate();
    delete certificate.status;

    // Act
    const outcome = rule.evaluate(certificate, context);

    // Assess
    expect(outcome).toEqual({
      status: 'NOT_APPLICABLE',
      reason: 'Certificate www.example.com: status not in the input.',
    });
  });
});
