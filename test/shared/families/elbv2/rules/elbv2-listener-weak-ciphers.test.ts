import { describe, expect, it } from 'vitest';
import { elbv2ListenerWeakCiphers as rule } from '../../../../../shared/families/elbv2/rules/elbv2-listener-weak-ciphers.js';
import {
  albHttpListener,
  albHttpsListener,
  elbRuleContext,
  gwlbListener,
  nlbListener,
} from '../../../../helpers/elb-fixtures.js';

const context = elbRuleContext();

describe('elbv2-listener-weak-ciphers', () => {
  it('declares a medium severity and sets the security policy to remediate and to block', () => {
    // Assess
    expect(rule.metadata).toMatchObject({
      severity: 'medium',
      defaultMode: 'notify',
      remediation: { remediate: 'set-ssl-policy', block: 'set-ssl-policy' },
    });
  });

  it('flags ELBSecurityPolicy-TLS13-1-2-2021-06 for its CBC suites', () => {
    // Prepare
    const listener = albHttpsListener({ sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' });

    // Act
    const outcome = rule.evaluate(listener, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toBe(
      'Policy ELBSecurityPolicy-TLS13-1-2-2021-06 offers 4 ciphers outside the allowed classes (tls13, ecdhe-aead): ECDHE-ECDSA-AES128-SHA256, ECDHE-RSA-AES128-SHA256, ECDHE-ECDSA-AES256-SHA384 and ECDHE-RSA-AES256-SHA384.',
    );
    expect(outcome.details?.weakCiphers).toEqual([
      { name: 'ECDHE-ECDSA-AES128-SHA256', cipherClass: 'ecdhe-cbc-sha2' },
      { name: 'ECDHE-RSA-AES128-SHA256', cipherClass: 'ecdhe-cbc-sha2' },
      { name: 'ECDHE-ECDSA-AES256-SHA384', cipherClass: 'ecdhe-cbc-sha2' },
      { name: 'ECDHE-RSA-AES256-SHA384', cipherClass: 'ecdhe-cbc-sha2' },
    ]);
    expect(outcome.remediationTarget).toBe('ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09');
  });

  it.each(['ELBSecurityPolicy-TLS13-1-2-Res-2021-06', 'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04'])(
    'accepts %s, which offers TLS 1.3 and ECDHE AEAD suites only',
    (sslPolicy) => {
      // Act
      const outcome = rule.evaluate(albHttpsListener({ sslPolicy }), context);

      // Assess
      expect(outcome).toEqual({
        status: 'COMPLIANT',
        reason: `Policy ${sslPolicy} offers only ciphers in the allowed classes (tls13, ecdhe-aead).`,
        details: { sslPolicy, allowedCipherClasses: ['tls13', 'ecdhe-aead'] },
      });
    },
  );

  it('names five weak ciphers in the reason and lists all of them in the details', () => {
    // Prepare
    const listener = albHttpsListener({ sslPolicy: 'ELBSecurityPolicy-2016-08' });

    // Act
    const outcome = rule.evaluate(listener, context);

    // Assess
    expect(outcome.reason).toMatch(/offers 14 ciphers outside .*: (?:[\w-]+, ){4}[\w-]+ and 9 more\.$/);
    expect(outcome.details?.weakCiphers).toHaveLength(14);
    expect(outcome.details?.weakCiphers).toContainEqual({ name: 'AES128-SHA', cipherClass: 'rsa-cbc' });
  });

  it('accepts the CBC suites once the policy allows their class', () => {
    // Prepare
    const widened = elbRuleContext({
      tls: { allowedCipherClasses: ['tls13', 'ecdhe-aead', 'ecdhe-cbc-sha2'] },
    });
    const listener = albHttpsListener({ sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' });

    // Act
    const outcome = rule.evaluate(listener, widened);

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
  });

  it('judges an NLB TLS listener the same way', () => {
    // Prepare
    const listener = nlbListener('TLS', 443, { sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' });

    // Act
    const outcome = rule.evaluate(listener, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
  });

  it('targets the FIPS policy when the listener is on a FIPS policy', () => {
    // Prepare
    const listener = albHttpsListener({ sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04' });

    // Act
    const outcome = rule.evaluate(listener, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.remediationTarget).toBe('ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04');
  });

  it('never accepts a policy it does not know', () => {
    // Prepare
    const listener = albHttpsListener({ sslPolicy: 'Custom-Policy-Name' });

    // Act
    const outcome = rule.evaluate(listener, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toBe(
      'Policy Custom-Policy-Name is unknown, so the ciphers it offers cannot be verified.',
    );
  });

  it.each([
    ['an HTTP listener', albHttpListener()],
    ['an NLB UDP listener', nlbListener('UDP', 53)],
    ['a GWLB listener', gwlbListener()],
  ])('does not apply to %s', (_label, listener) => {
    // Act
    const outcome = rule.evaluate(listener, context);

    // Assess
    expect(outcome.status).toBe('NOT_APPLICABLE');
  });
});
