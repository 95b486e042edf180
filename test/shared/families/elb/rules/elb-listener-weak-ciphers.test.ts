import { describe, expect, it } from 'vitest';
import { elbListenerWeakCiphers as rule } from '../../../../../shared/families/elb/rules/elb-listener-weak-ciphers.js';
import {
  classicListener,
  classicLoadBalancer,
  elbRuleContext,
  negotiationPolicy,
  STRONG_CLASSIC_CIPHERS,
} from '../../../../helpers/elb-fixtures.js';

const context = elbRuleContext();

describe('elb-listener-weak-ciphers', () => {
  it('declares a medium severity and sets a custom negotiation policy to remediate and to block', () => {
    // Assess
    expect(rule.metadata).toMatchObject({
      severity: 'medium',
      defaultMode: 'notify',
      remediation: { remediate: 'set-classic-negotiation-policy', block: 'set-classic-negotiation-policy' },
      compliance: { configRules: ['elb-custom-security-policy-ssl-check'] },
    });
  });

  it('flags ELBSecurityPolicy-2015-05, naming its 3DES cipher first', () => {
    // Prepare
    const lb = classicLoadBalancer([classicListener('HTTPS', 443, ['ELBSecurityPolicy-2015-05'])]);

    // Act
    const outcome = rule.evaluate(lb, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toMatch(
      /^Listener HTTPS:443 \(policy ELBSecurityPolicy-2015-05\) enables \d+ ciphers outside the allowed classes: DES-CBC3-SHA, /,
    );
    expect(outcome.reason).toMatch(/ and \d+ more; allowed: tls13, ecdhe-aead\.$/);
    expect(outcome.details?.failingListeners).toEqual([
      expect.objectContaining({
        listener: 'HTTPS:443',
        weakCiphers: expect.arrayContaining([{ name: 'DES-CBC3-SHA', cipherClass: 'legacy' }]),
      }),
    ]);
    expect(outcome.remediationTarget).toBe('custom negotiation policy');
  });

  it('accepts a custom policy with ECDHE AES-GCM ciphers only', () => {
    // Prepare
    const policy = negotiationPolicy('aead-only', {
      protocols: ['TLSv1.2'],
      ciphers: STRONG_CLASSIC_CIPHERS,
    });
    const lb = classicLoadBalancer(
      [classicListener('HTTPS', 443, [policy.policyName]), classicListener('SSL', 465, [policy.policyName])],
      [policy],
    );

    // Act
    const outcome = rule.evaluate(lb, context);

    // Assess
    expect(outcome).toEqual({
      status: 'COMPLIANT',
      reason:
        'Every HTTPS/SSL listener (HTTPS:443 and SSL:465) enables only ciphers in the allowed classes (tls13, ecdhe-aead).',
      details: { listeners: ['HTTPS:443', 'SSL:465'], allowedCipherClasses: ['tls13', 'ecdhe-aead'] },
    });
  });

  it('reads cipher attributes case-insensitively ("True")', () => {
    // Prepare
    const policy = negotiationPolicy('console-policy', {
      protocols: ['TLSv1.2'],
      ciphers: [...STRONG_CLASSIC_CIPHERS, 'DES-CBC3-SHA'],
      enabled: 'True',
    });
    const lb = classicLoadBalancer([classicListener('HTTPS', 443, [policy.policyName])], [policy]);

    // Act
    const outcome = rule.evaluate(lb, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain('enables 1 cipher outside the allowed classes: DES-CBC3-SHA');
  });

  it('flags the CBC suites of ELBSecurityPolicy-TLS-1-2-2017-01 (no predefined classic policy is AEAD-only)', () => {
    // Prepare
    const lb = classicLoadBalancer([classicListener('SSL', 465, ['ELBSecurityPolicy-TLS-1-2-2017-01'])]);

    // Act
    const outcome = rule.evaluate(lb, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
  });

  it('accepts ECDHE CBC-SHA2 suites once the policy allows their class', () => {
    // Prepare
    const widened = elbRuleContext({
      tls: { allowedCipherClasses: ['tls13', 'ecdhe-aead', 'ecdhe-cbc-sha2'] },
    });
    const policy = negotiationPolicy('with-cbc', {
      protocols: ['TLSv1.2'],
      ciphers: [...STRONG_CLASSIC_CIPHERS, 'ECDHE-RSA-AES128-SHA256'],
    });
    const lb = classicLoadBalancer([classicListener('HTTPS', 443, [policy.policyName])], [policy]);

    // Act
    const strict = rule.evaluate(lb, context);
    const relaxed = rule.evaluate(lb, widened);

    // Assess
    expect(strict.status).toBe('NON_COMPLIANT');
    expect(relaxed.status).toBe('COMPLIANT');
  });

  it('names each failing listener once per load balancer', () => {
    // Prepare
    const strong = negotiationPolicy('aead-only', {
      protocols: ['TLSv1.2'],
      ciphers: STRONG_CLASSIC_CIPHERS,
    });
    const lb = classicLoadBalancer(
      [
        classicListener('HTTPS', 443, ['aead-only']),
        classicListener('SSL', 465, ['ELBSecurityPolicy-2016-08']),
        classicListener('SSL', 993, ['unknown-policy']),
      ],
      [strong],
    );

    // Act
    const outcome = rule.evaluate(lb, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toMatch(
      /^Listener SSL:465 \(policy ELBSecurityPolicy-2016-08\) enables .*; listener SSL:993 \(policy unknown-policy\) cannot be verified: /,
    );
    expect(outcome.reason).not.toContain('HTTPS:443');
    expect(outcome.details?.failingListeners).toEqual([
      expect.objectContaining({ listener: 'SSL:465' }),
      expect.objectContaining({ listener: 'SSL:993', unknownPolicy: true }),
    ]);
  });

  it('cannot verify a listener whose protocol is unknown', () => {
    // Prepare
    const lb = classicLoadBalancer([classicListener('SSL ', 465, ['ELBSecurityPolicy-TLS-1-2-2017-01'])]);

    // Act
    const outcome = rule.evaluate(lb, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toMatch(
      /^Listener SSL :465 cannot be verified: its protocol "SSL " is not a Classic Load Balancer listener protocol; allowed: /,
    );
  });

  it('does not apply to a load balancer without HTTPS or SSL listeners', () => {
    // Prepare
    const lb = classicLoadBalancer([classicListener('HTTP', 80)]);

    // Act
    const outcome = rule.evaluate(lb, context);

    // Assess
    expect(outcome).toEqual({
      status: 'NOT_APPLICABLE',
      reason: 'Load balancer legacy-web has no HTTPS or SSL listener.',
    });
  });
});
