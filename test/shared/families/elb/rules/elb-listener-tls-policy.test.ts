import { describe, expect, it } from 'vitest';
import { elbListenerTlsPolicy as rule } from '../../../../../shared/families/elb/rules/elb-listener-tls-policy.js';
import {
  classicListener,
  classicLoadBalancer,
  elbRuleContext,
  negotiationPolicy,
  STRONG_CLASSIC_CIPHERS,
} from '../../../../helpers/elb-fixtures.js';

const context = elbRuleContext();

describe('elb-listener-tls-policy', () => {
  it('declares a high severity and sets a custom negotiation policy to remediate and to block', () => {
    // Assess
    expect(rule.metadata).toMatchObject({
      severity: 'high',
      defaultMode: 'notify',
      remediation: { remediate: 'set-classic-negotiation-policy', block: 'set-classic-negotiation-policy' },
      compliance: { securityHub: ['ELB.8'] },
    });
  });

  it('flags a listener on a predefined policy that accepts TLSv1 and TLSv1.1', () => {
    // Prepare
    const lb = classicLoadBalancer([classicListener('HTTPS', 443, ['ELBSecurityPolicy-2016-08'])]);

    // Act
    const outcome = rule.evaluate(lb, context);

    // Assess
    expect(outcome).toEqual({
      status: 'NON_COMPLIANT',
      reason:
        'Listener HTTPS:443 accepts TLSv1 and TLSv1.1 (policy ELBSecurityPolicy-2016-08); the minimum is TLSv1.2. Post-quantum key exchange: not offered.',
      details: {
        minimumVersion: 'TLSv1.2',
        failingListeners: [
          {
            listener: 'HTTPS:443',
            policyName: 'ELBSecurityPolicy-2016-08',
            protocolsBelowMinimum: ['TLSv1', 'TLSv1.1'],
          },
        ],
        postQuantum: false,
      },
      remediationTarget: 'custom negotiation policy',
    });
  });

  it('reads protocol attributes case-insensitively ("True")', () => {
    // Prepare
    const policy = negotiationPolicy('AWSConsole-SSLNegotiationPolicy-legacy-web', {
      protocols: ['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.2'],
      ciphers: STRONG_CLASSIC_CIPHERS,
      enabled: 'True',
    });
    const lb = classicLoadBalancer([classicListener('HTTPS', 443, [policy.policyName])], [policy]);

    // Act
    const outcome = rule.evaluate(lb, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain('accepts SSLv2, SSLv3 and TLSv1');
  });

  it('accepts a custom policy that enables TLSv1.2 only', () => {
    // Prepare
    const policy = negotiationPolicy('tls12-only', {
      protocols: ['TLSv1.2'],
      ciphers: STRONG_CLASSIC_CIPHERS,
    });
    const lb = classicLoadBalancer([classicListener('SSL', 465, [policy.policyName])], [policy]);

    // Act
    const outcome = rule.evaluate(lb, context);

    // Assess
    expect(outcome).toEqual({
      status: 'COMPLIANT',
      reason: 'Every HTTPS/SSL listener (SSL:465) accepts nothing below TLSv1.2.',
      details: { listeners: ['SSL:465'], minimumVersion: 'TLSv1.2', postQuantum: false },
    });
  });

  it('resolves a Reference-Security-Policy to the predefined policy it names', () => {
    // Prepare
    const tls12 = negotiationPolicy('ref-tls12', { reference: 'ELBSecurityPolicy-TLS-1-2-2017-01' });
    const legacy = negotiationPolicy('ref-2016', { reference: 'ELBSecurityPolicy-2016-08' });
    const compliantLb = classicLoadBalancer([classicListener('HTTPS', 443, ['ref-tls12'])], [tls12]);
    const weakLb = classicLoadBalancer([classicListener('HTTPS', 443, ['ref-2016'])], [legacy]);

    // Act
    const strong = rule.evaluate(compliantLb, context);
    const weak = rule.evaluate(weakLb, context);

    // Assess
    expect(strong.status).toBe('COMPLIANT');
    expect(weak.status).toBe('NON_COMPLIANT');
    expect(weak.details?.failingListeners).toEqual([
      expect.objectContaining({ policyName: 'ref-2016', reference: 'ELBSecurityPolicy-2016-08' }),
    ]);
  });

  it('names each failing listener and leaves out the compliant ones', () => {
    // Prepare
    const lb = classicLoadBalancer([
      classicListener('HTTPS', 443, ['ELBSecurityPolicy-2015-05']),
      classicListener('SSL', 465, ['ELBSecurityPolicy-TLS-1-2-2017-01']),
      classicListener('SSL', 8443, ['ELBSecurityPolicy-TLS-1-1-2017-01']),
      classicListener('HTTP', 80),
    ]);

    // Act
    const outcome = rule.evaluate(lb, context);

    // Assess
    expect(outcome.reason).toBe(
      'Listener HTTPS:443 accepts TLSv1 and TLSv1.1 (policy ELBSecurityPolicy-2015-05); listener SSL:8443 accepts TLSv1.1 (policy ELBSecurityPolicy-TLS-1-1-2017-01); the minimum is TLSv1.2. Post-quantum key exchange: not offered.',
    );
    expect(outcome.details?.failingListeners).toHaveLength(2);
  });

  it('never accepts a policy it cannot resolve', () => {
    // Prepare
    const lb = classicLoadBalancer([classicListener('HTTPS', 443, ['my-mystery-policy'])]);

    // Act
    const outcome = rule.evaluate(lb, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toMatch(/^Listener HTTPS:443 \(policy my-mystery-policy\) cannot be verified: /);
    expect(outcome.details?.failingListeners).toEqual([
      {
        listener: 'HTTPS:443',
        policyName: 'my-mystery-policy',
        unknownPolicy: true,
        why: expect.any(String),
      },
    ]);
  });

  it('flags an HTTPS listener that names no negotiation policy', () => {
    // Prepare
    const lb = classicLoadBalancer([classicListener('HTTPS', 443, [])]);

    // Act
    const outcome = rule.evaluate(lb, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain('Listener HTTPS:443 cannot be verified');
    expect(outcome.details?.failingListeners).toEqual([
      { listener: 'HTTPS:443', policyName: null, unknownPolicy: true, why: expect.any(String) },
    ]);
  });

  it('flags a TLS 1.2 policy when the minimum is TLSv1.3', () => {
    // Prepare
    const strict = elbRuleContext({ tls: { minimumVersion: 'TLSv1.3' } });
    const lb = classicLoadBalancer([classicListener('HTTPS', 443, ['ELBSecurityPolicy-TLS-1-2-2017-01'])]);

    // Act
    const outcome = rule.evaluate(lb, strict);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain('accepts TLSv1.2');
  });

  it.each([
    ['"x"', 'x', 'X:443'],
    ['"https " with a trailing space', 'https ', 'HTTPS :443'],
  ])('cannot verify a listener whose protocol is %s', (_label, protocol, label) => {
    // Prepare
    const lb = classicLoadBalancer([classicListener(protocol, 443, ['ELBSecurityPolicy-TLS-1-2-2017-01'])]);

    // Act
    const outcome = rule.evaluate(lb, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toMatch(
      `Listener ${label} cannot be verified: its protocol ${JSON.stringify(protocol)} is not a Classic Load Balancer listener protocol;`,
    );
    expect(outcome.details?.failingListeners).toEqual([
      {
        listener: label,
        policyName: null,
        unknownPolicy: true,
        why: `its protocol ${JSON.stringify(protocol)} is not a Classic Load Balancer listener protocol`,
      },
    ]);
  });

  it.each([
    [
      'only plaintext listeners',
      classicLoadBalancer([classicListener('HTTP', 80), classicListener('TCP', 25)]),
    ],
    ['no listeners', classicLoadBalancer([])],
  ])('does not apply to a load balancer with %s', (_label, lb) => {
    // Act
    const outcome = rule.evaluate(lb, context);

    // Assess
    expect(outcome).toEqual({
      status: 'NOT_APPLICABLE',
      reason: 'Load balancer legacy-web has no HTTPS or SSL listener.',
    });
  });
});

describe('elb-listener-tls-policy and tls.postQuantum', () => {
  const requirePq = elbRuleContext({ tls: { postQuantum: 'require' } });

  it('under require, fails a TLS 1.2-only classic listener: no classic policy has TLS 1.3, which ML-KEM needs', () => {
    // Prepare
    const lb = classicLoadBalancer([classicListener('HTTPS', 443, ['ELBSecurityPolicy-TLS-1-2-2017-01'])]);

    // Act
    const outcome = rule.evaluate(lb, requirePq);

    // Assess
    expect(outcome).toMatchObject({
      status: 'NON_COMPLIANT',
      reason:
        'Listener HTTPS:443 (policy ELBSecurityPolicy-TLS-1-2-2017-01): it offers no hybrid post-quantum (ML-KEM) key exchange, which tls.postQuantum requires.',
      details: { postQuantum: false },
    });
  });

  it('under report, passes the same listener (near miss) and records postQuantum: false', () => {
    // Prepare
    const lb = classicLoadBalancer([classicListener('HTTPS', 443, ['ELBSecurityPolicy-TLS-1-2-2017-01'])]);

    // Act
    const outcome = rule.evaluate(lb, context);

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
    expect(outcome.details).toMatchObject({ postQuantum: false });
  });

  it('under require, says both failures of an old policy once', () => {
    // Prepare
    const lb = classicLoadBalancer([classicListener('HTTPS', 443, ['ELBSecurityPolicy-2016-08'])]);

    // Act
    const outcome = rule.evaluate(lb, requirePq);

    // Assess
    expect(outcome.reason).toBe(
      'Listener HTTPS:443 accepts TLSv1 and TLSv1.1 (policy ELBSecurityPolicy-2016-08): it offers no hybrid post-quantum (ML-KEM) key exchange, which tls.postQuantum requires; the minimum is TLSv1.2.',
    );
  });

  it('leaves postQuantum out when a listener cannot be verified', () => {
    // Prepare
    const lb = classicLoadBalancer([classicListener('HTTPS', 443, ['my-mystery-policy'])]);

    // Act
    const outcome = rule.evaluate(lb, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.details).not.toHaveProperty('postQuantum');
  });
});
