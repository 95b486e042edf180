import { describe, expect, it } from 'vitest';
import type { ClassicListener } from '../../../../../shared/families/elb/model.js';
import { elbListenerCertificateSource as rule } from '../../../../../shared/families/elb/rules/elb-listener-certificate-source.js';
import { classicListener, classicLoadBalancer, elbRuleContext } from '../../../../helpers/elb-fixtures.js';

const context = elbRuleContext();
const IAM_CERTIFICATE = 'arn:aws:iam::111122223333:server-certificate/legacy/www-2019';
const GOV_ACM_CERTIFICATE =
  'arn:aws-us-gov:acm:us-gov-west-1:111122223333:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

const withCertificate = (
  listener: ClassicListener,
  sslCertificateId: string | undefined,
): ClassicListener => {
  const { sslCertificateId: _old, ...rest } = listener;
  return sslCertificateId === undefined ? rest : { ...rest, sslCertificateId };
};

describe('elb-listener-certificate-source', () => {
  it('declares a low severity, no response, and maps to ELB.2', () => {
    // Assess
    expect(rule.metadata).toMatchObject({
      severity: 'low',
      defaultMode: 'notify',
      compliance: { securityHub: ['ELB.2'], configRules: ['elb-acm-certificate-required'] },
    });
    expect(rule.metadata.remediation).not.toHaveProperty('remediate');
    expect(rule.metadata.remediation).not.toHaveProperty('block');
  });

  it('flags an HTTPS listener with an IAM server certificate, naming it', () => {
    // Prepare
    const lb = classicLoadBalancer([
      withCertificate(classicListener('HTTPS', 443), IAM_CERTIFICATE),
      classicListener('SSL', 8443),
    ]);

    // Act
    const outcome = rule.evaluate(lb, context);

    // Assess
    expect(outcome).toEqual({
      status: 'NON_COMPLIANT',
      reason:
        'An IAM server certificate, not ACM, is on listener HTTPS:443 (IAM server certificate legacy/www-2019).',
      details: { iamCertificates: [{ listener: 'HTTPS:443', sslCertificateId: IAM_CERTIFICATE }] },
    });
  });

  it('passes ACM certificates in any partition (near miss: an ARN, but from ACM)', () => {
    // Prepare
    const lb = classicLoadBalancer([
      classicListener('HTTPS', 443),
      withCertificate(classicListener('SSL', 8443), GOV_ACM_CERTIFICATE),
      classicListener('HTTP', 80),
    ]);

    // Act
    const outcome = rule.evaluate(lb, context);

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
    expect(outcome.reason).toBe('Every HTTPS/SSL listener (HTTPS:443 and SSL:8443) uses an ACM certificate.');
  });

  it.each([
    ['no certificate in the input', undefined, 'Listener HTTPS:443 has no SSLCertificateId in the input'],
    [
      'a certificate id of no known kind',
      'arn:aws:iam::111122223333:user/alice',
      'neither an ACM nor an IAM server certificate ARN',
    ],
    [
      'an IAM ARN lookalike in the ACM service',
      'arn:aws:acm:us-east-1:111122223333:server-certificate/x',
      'neither',
    ],
  ])('cannot verify a listener with %s, and never passes it', (_case, sslCertificateId, says) => {
    // Prepare
    const lb = classicLoadBalancer([withCertificate(classicListener('HTTPS', 443), sslCertificateId)]);

    // Act
    const outcome = rule.evaluate(lb, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain(says);
    expect(outcome.reason).toContain('cannot be verified');
  });

  it('cannot verify a listener whose protocol it does not know, which might terminate TLS', () => {
    // Prepare
    const lb = classicLoadBalancer([classicListener('TLS', 443)]);

    // Act
    const outcome = rule.evaluate(lb, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain(
      'has the protocol "TLS", which is not a Classic Load Balancer listener protocol',
    );
  });

  it('flags the IAM certificate and still names the listener it cannot verify', () => {
    // Prepare
    const lb = classicLoadBalancer([
      withCertificate(classicListener('HTTPS', 443), IAM_CERTIFICATE),
      withCertificate(classicListener('SSL', 465), undefined),
    ]);

    // Act
    const outcome = rule.evaluate(lb, context);

    // Assess
    expect(outcome.reason).toBe(
      'An IAM server certificate, not ACM, is on listener HTTPS:443 (IAM server certificate legacy/www-2019); listener SSL:465 has no SSLCertificateId in the input, so its source cannot be verified.',
    );
    expect(outcome.details).toMatchObject({
      unknownCertificates: [{ listener: 'SSL:465', sslCertificateId: null }],
    });
  });

  it('does not apply to a load balancer with only HTTP and TCP listeners', () => {
    // Act
    const outcome = rule.evaluate(
      classicLoadBalancer([classicListener('HTTP', 80), classicListener('TCP', 25)]),
      context,
    );

    // Assess
    expect(outcome.status).toBe('NOT_APPLICABLE');
  });
});
