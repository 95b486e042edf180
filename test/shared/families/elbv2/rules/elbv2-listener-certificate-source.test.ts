import { describe, expect, it } from 'vitest';
import { elbv2ListenerCertificateSource as rule } from '../../../../../shared/families/elbv2/rules/elbv2-listener-certificate-source.js';
import {
  ACM_CERTIFICATE_ARN,
  albHttpListener,
  albHttpsListener,
  elbRuleContext,
  gwlbListener,
  IAM_SERVER_CERTIFICATE_ARN,
  nlbListener,
} from '../../../../helpers/elb-fixtures.js';

const context = elbRuleContext();

describe('elbv2-listener-certificate-source', () => {
  it('declares a low severity and no automatic response', () => {
    // Assess
    expect(rule.metadata).toMatchObject({ severity: 'low', defaultMode: 'notify', remediation: {} });
    expect(rule.metadata.remediation.remediate).toBeUndefined();
    expect(rule.metadata.remediation.block).toBeUndefined();
  });

  it('accepts a listener whose certificates all come from ACM, listing them', () => {
    // Act
    const outcome = rule.evaluate(albHttpsListener(), context);

    // Assess
    expect(outcome).toEqual({
      status: 'COMPLIANT',
      reason: 'Every certificate on listener HTTPS:443 comes from ACM.',
      details: { certificates: [ACM_CERTIFICATE_ARN] },
    });
  });

  it('flags an IAM server certificate', () => {
    // Prepare
    const listener = albHttpsListener({
      certificates: [{ certificateArn: IAM_SERVER_CERTIFICATE_ARN, isDefault: true }],
    });

    // Act
    const outcome = rule.evaluate(listener, context);

    // Assess
    expect(outcome).toEqual({
      status: 'NON_COMPLIANT',
      reason: 'Listener HTTPS:443 uses IAM server certificate legacy-web-2019, not an ACM certificate.',
      details: { nonAcmCertificates: [IAM_SERVER_CERTIFICATE_ARN] },
    });
  });

  it('flags an IAM certificate among ACM ones on an NLB TLS listener', () => {
    // Prepare
    const listener = nlbListener('TLS', 443, {
      certificates: [
        { certificateArn: ACM_CERTIFICATE_ARN, isDefault: true },
        { certificateArn: IAM_SERVER_CERTIFICATE_ARN, isDefault: false },
      ],
    });

    // Act
    const outcome = rule.evaluate(listener, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.details).toEqual({ nonAcmCertificates: [IAM_SERVER_CERTIFICATE_ARN] });
  });

  it('recognizes ACM certificates in other partitions', () => {
    // Prepare
    const listener = albHttpsListener({
      certificates: [{ certificateArn: ACM_CERTIFICATE_ARN.replace('arn:aws:', 'arn:aws-us-gov:') }],
    });

    // Act
    const outcome = rule.evaluate(listener, context);

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
  });

  it.each([
    ['an HTTPS listener without certificates in the input', albHttpsListener({ certificates: [] })],
    ['an HTTP listener', albHttpListener()],
    ['a GWLB listener', gwlbListener()],
  ])('does not apply to %s', (_label, listener) => {
    // Act
    const outcome = rule.evaluate(listener, context);

    // Assess
    expect(outcome.status).toBe('NOT_APPLICABLE');
  });

  it('names every IAM server certificate and says they are not ACM certificates', () => {
    // Prepare
    const older = IAM_SERVER_CERTIFICATE_ARN.replace('legacy-web-2019', 'legacy-api-2018');
    const listener = albHttpsListener({
      certificates: [
        { certificateArn: IAM_SERVER_CERTIFICATE_ARN, isDefault: true },
        { certificateArn: older, isDefault: false },
      ],
    });

    // Act
    const outcome = rule.evaluate(listener, context);

    // Assess
    expect(outcome.reason).toBe(
      'Listener HTTPS:443 uses IAM server certificate legacy-web-2019 and IAM server certificate legacy-api-2018, not ACM certificates.',
    );
    expect(outcome.details).toEqual({ nonAcmCertificates: [IAM_SERVER_CERTIFICATE_ARN, older] });
  });

  it.each([
    [
      'an HTTP listener',
      albHttpListener(),
      'Listener HTTP:80 does not terminate TLS; it has no certificate.',
    ],
    [
      'an HTTP listener that the input lists with a certificate',
      albHttpListener({ certificates: [{ certificateArn: IAM_SERVER_CERTIFICATE_ARN }] }),
      'Listener HTTP:80 does not terminate TLS; it has no certificate.',
    ],
    [
      'an HTTPS listener without certificates in the input',
      albHttpsListener({ certificates: [] }),
      'Listener HTTPS:443 has no certificate in the input.',
    ],
  ])('says why it does not apply to %s', (_label, listener, reason) => {
    // Act
    const outcome = rule.evaluate(listener, context);

    // Assess
    expect(outcome).toEqual({ status: 'NOT_APPLICABLE', reason });
  });
});
