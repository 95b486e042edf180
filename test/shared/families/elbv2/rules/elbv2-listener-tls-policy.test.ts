import { describe, expect, it } from 'vitest';
import { elbv2ListenerTlsPolicy as rule } from '../../../../../shared/families/elbv2/rules/elbv2-listener-tls-policy.js';
import { createTlsCatalog } from '../../../../../shared/tls/index.js';
import { evaluateAndPlan } from '../../../../../shared/usecase/evaluate.js';
import {
  albHttpListener,
  albHttpsListener,
  elbRuleContext,
  gwlbListener,
  nlbListener,
} from '../../../../helpers/elb-fixtures.js';

const context = elbRuleContext();

describe('elbv2-listener-tls-policy', () => {
  it('declares a high severity and sets the security policy to remediate and to block', () => {
    // Assess
    expect(rule.metadata).toMatchObject({
      severity: 'high',
      defaultMode: 'notify',
      remediation: { remediate: 'set-ssl-policy', block: 'set-ssl-policy' },
      compliance: { securityHub: ['ELB.17'] },
    });
  });

  it('flags a policy that accepts TLSv1 and TLSv1.1', () => {
    // Prepare
    const listener = albHttpsListener({ sslPolicy: 'ELBSecurityPolicy-2016-08' });

    // Act
    const outcome = rule.evaluate(listener, context);

    // Assess
    expect(outcome).toEqual({
      status: 'NON_COMPLIANT',
      reason:
        'Policy ELBSecurityPolicy-2016-08 accepts TLSv1 and TLSv1.1; the minimum is TLSv1.2. Post-quantum key exchange: not offered.',
      details: {
        sslPolicy: 'ELBSecurityPolicy-2016-08',
        protocols: ['TLSv1', 'TLSv1.1', 'TLSv1.2'],
        minimumVersion: 'TLSv1.2',
        protocolsBelowMinimum: ['TLSv1', 'TLSv1.1'],
        postQuantum: false,
      },
      remediationTarget: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
    });
  });

  it.each([
    'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
    'ELBSecurityPolicy-TLS13-1-2-2021-06',
    'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04',
  ])('accepts %s, which accepts TLSv1.2 and later only', (sslPolicy) => {
    // Act
    const outcome = rule.evaluate(albHttpsListener({ sslPolicy }), context);

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
    expect(outcome.reason).toBe(
      `Policy ${sslPolicy} accepts only TLSv1.2 and TLSv1.3; the minimum is TLSv1.2.`,
    );
  });

  it('flags an NLB TLS listener on a TLS 1.0 policy', () => {
    // Prepare
    const listener = nlbListener('TLS', 443, { sslPolicy: 'ELBSecurityPolicy-TLS13-1-0-2021-06' });

    // Act
    const outcome = rule.evaluate(listener, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.details).toMatchObject({ protocolsBelowMinimum: ['TLSv1', 'TLSv1.1'] });
  });

  it('targets the FIPS policy when the listener is on a FIPS policy', () => {
    // Prepare
    const listener = albHttpsListener({ sslPolicy: 'ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04' });

    // Act
    const outcome = rule.evaluate(listener, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.remediationTarget).toBe('ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04');
  });

  it('takes the targets from the policy file', () => {
    // Prepare
    const custom = elbRuleContext({ tls: { targetPolicy: 'ELBSecurityPolicy-TLS13-1-3-2021-06' } });

    // Act
    const outcome = rule.evaluate(albHttpsListener({ sslPolicy: 'ELBSecurityPolicy-2016-08' }), custom);

    // Assess
    expect(outcome.remediationTarget).toBe('ELBSecurityPolicy-TLS13-1-3-2021-06');
  });

  it('flags a TLS 1.2 policy when the minimum is TLSv1.3', () => {
    // Prepare
    const strict = elbRuleContext({ tls: { minimumVersion: 'TLSv1.3' } });

    // Act
    const outcome = rule.evaluate(albHttpsListener(), strict);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toBe(
      'Policy ELBSecurityPolicy-TLS13-1-2-Res-2021-06 accepts TLSv1.2; the minimum is TLSv1.3. Post-quantum key exchange: not offered.',
    );
  });

  it('never accepts a policy it does not know', () => {
    // Prepare
    const listener = albHttpsListener({ sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Future-2030-01' });

    // Act
    const outcome = rule.evaluate(listener, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toBe(
      'Policy ELBSecurityPolicy-TLS13-1-2-Future-2030-01 is unknown, so the protocols it accepts cannot be verified.',
    );
    expect(outcome.details).toMatchObject({ unknownPolicy: true });
  });

  it('flags an HTTPS listener whose security policy is missing from the input', () => {
    // Prepare
    const listener = albHttpsListener({ sslPolicy: undefined });

    // Act
    const outcome = rule.evaluate(listener, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain('has no security policy in the input');
    expect(outcome.remediationTarget).toBe('ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09');
  });

  it('plans setting the target policy once the policy opts the rule in to remediate', () => {
    // Prepare
    const listener = albHttpsListener({ sslPolicy: 'ELBSecurityPolicy-2016-08' });
    const remediate = elbRuleContext({ rules: { [rule.metadata.id]: { mode: 'remediate' } } });

    // Act
    const [evaluation] = evaluateAndPlan(listener, [rule], remediate);

    // Assess
    expect(evaluation?.response).toMatchObject({
      mode: 'remediate',
      action: 'set-ssl-policy',
      target: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
    });
  });

  it.each([
    ['an HTTP listener', albHttpListener()],
    ['an NLB TCP listener', nlbListener('TCP', 443)],
    ['a GWLB listener', gwlbListener()],
  ])('does not apply to %s', (_label, listener) => {
    // Act
    const outcome = rule.evaluate(listener, context);

    // Assess
    expect(outcome.status).toBe('NOT_APPLICABLE');
  });
});

describe('elbv2-listener-tls-policy and tls.postQuantum', () => {
  const requirePq = elbRuleContext({ tls: { postQuantum: 'require' } });

  it.each([
    ['ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09', true],
    ['ELBSecurityPolicy-TLS13-1-2-Res-2021-06', false],
    ['ELBSecurityPolicy-2016-08', false],
  ])('says in details.postQuantum whether %s offers hybrid ML-KEM key exchange', (sslPolicy, offered) => {
    // Act
    const outcome = rule.evaluate(albHttpsListener({ sslPolicy }), context);

    // Assess
    expect(outcome.details).toMatchObject({ postQuantum: offered });
  });

  it('under require, fails a TLS 1.2+ policy without post-quantum key exchange and says why', () => {
    // Act
    const outcome = rule.evaluate(
      albHttpsListener({ sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06' }),
      requirePq,
    );

    // Assess
    expect(outcome).toMatchObject({
      status: 'NON_COMPLIANT',
      reason:
        'Policy ELBSecurityPolicy-TLS13-1-2-Res-2021-06 accepts only TLSv1.2 and TLSv1.3, but it offers no hybrid post-quantum (ML-KEM) key exchange, which tls.postQuantum requires.',
      details: { postQuantum: false, protocolsBelowMinimum: [] },
      remediationTarget: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
    });
  });

  it('under require, accepts its PQ twin (near miss: same protocols and ciphers)', () => {
    // Act
    const outcome = rule.evaluate(
      albHttpsListener({ sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09' }),
      requirePq,
    );

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
    expect(outcome.details).toMatchObject({ postQuantum: true });
  });

  it('under require, names both failures of an old policy and targets the FIPS PQ policy for a FIPS listener', () => {
    // Act
    const plain = rule.evaluate(albHttpsListener({ sslPolicy: 'ELBSecurityPolicy-2016-08' }), requirePq);
    const fips = rule.evaluate(
      albHttpsListener({ sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04' }),
      requirePq,
    );

    // Assess
    expect(plain.reason).toBe(
      'Policy ELBSecurityPolicy-2016-08 accepts TLSv1 and TLSv1.1; the minimum is TLSv1.2. Also, it offers no hybrid post-quantum (ML-KEM) key exchange, which tls.postQuantum requires.',
    );
    expect(fips).toMatchObject({
      status: 'NON_COMPLIANT',
      remediationTarget: 'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09',
    });
  });

  it('under require, never passes a live policy whose key exchange the data does not know', () => {
    // Prepare: DescribeSSLPolicies output of a name the bundled data lacks, with TLS 1.3
    const live = {
      ...requirePq,
      tls: createTlsCatalog({
        tlsPolicies: [
          {
            name: 'ELBSecurityPolicy-TLS13-1-2-Res-2099-01',
            protocols: ['TLSv1.2', 'TLSv1.3'],
            ciphers: ['TLS_AES_128_GCM_SHA256', 'ECDHE-RSA-AES128-GCM-SHA256'],
            fips: false,
            origin: 'live',
          },
        ],
      }),
    };

    // Act
    const outcome = rule.evaluate(
      albHttpsListener({ sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-2099-01' }),
      live,
    );

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain(
      'whether it offers hybrid post-quantum (ML-KEM) key exchange cannot be verified, and tls.postQuantum requires it',
    );
    expect(outcome.details).not.toHaveProperty('postQuantum');
  });

  it('under ignore, adds no note to a finding but still records the fact', () => {
    // Act
    const outcome = rule.evaluate(
      albHttpsListener({ sslPolicy: 'ELBSecurityPolicy-2016-08' }),
      elbRuleContext({ tls: { postQuantum: 'ignore' } }),
    );

    // Assess
    expect(outcome.reason).toBe(
      'Policy ELBSecurityPolicy-2016-08 accepts TLSv1 and TLSv1.1; the minimum is TLSv1.2.',
    );
    expect(outcome.details).toMatchObject({ postQuantum: false });
  });

  it('under report, notes an offered PQ exchange on a finding of a PQ policy below the minimum', () => {
    // Act
    const outcome = rule.evaluate(
      albHttpsListener({ sslPolicy: 'ELBSecurityPolicy-TLS13-1-0-PQ-2025-09' }),
      context,
    );

    // Assess
    expect(outcome.reason).toBe(
      'Policy ELBSecurityPolicy-TLS13-1-0-PQ-2025-09 accepts TLSv1 and TLSv1.1; the minimum is TLSv1.2. Post-quantum key exchange: offered.',
    );
  });
});
