import { describe, expect, it } from 'vitest';
import { elbv2ListenerTlsPolicy } from '../../../../../shared/families/elbv2/rules/elbv2-listener-tls-policy.js';
import { elbv2ListenerWeakCiphers } from '../../../../../shared/families/elbv2/rules/elbv2-listener-weak-ciphers.js';
import {
  albHttpListener,
  albHttpsListener,
  elbRuleContext,
  nlbListener,
} from '../../../../helpers/elb-fixtures.js';

const context = elbRuleContext();

/** Both security-policy rules, with the aspect their "cannot be verified" reason names. */
const SECURITY_POLICY_RULES = [
  [elbv2ListenerTlsPolicy.metadata.id, elbv2ListenerTlsPolicy, 'protocols it accepts'],
  [elbv2ListenerWeakCiphers.metadata.id, elbv2ListenerWeakCiphers, 'ciphers it offers'],
] as const;

describe.each(SECURITY_POLICY_RULES)('%s scope and missing policies', (_id, rule, aspect) => {
  it.each([
    ['an ALB HTTP listener', albHttpListener(), 'HTTP:80'],
    ['an NLB TCP listener', nlbListener('TCP', 443), 'TCP:443'],
  ])('does not apply to %s, which terminates no TLS', (_label, listener, label) => {
    // Act
    const outcome = rule.evaluate(listener, context);

    // Assess
    expect(outcome).toEqual({
      status: 'NOT_APPLICABLE',
      reason: `Listener ${label} does not terminate TLS; no security policy applies.`,
    });
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
  ])(
    'flags a listener whose security policy is %s in the input, targeting the default policy',
    (_label, sslPolicy) => {
      // Prepare
      const listener = albHttpsListener({ sslPolicy });

      // Act
      const outcome = rule.evaluate(listener, context);

      // Assess
      expect(outcome).toEqual({
        status: 'NON_COMPLIANT',
        reason: `Listener HTTPS:443 has no security policy in the input, so the ${aspect} cannot be verified.`,
        details: { sslPolicy: null, unknownPolicy: true },
        remediationTarget: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
      });
    },
  );

  it('targets the FIPS policy when an unknown policy has a FIPS name', () => {
    // Prepare
    const listener = albHttpsListener({ sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-FIPS-2030-01' });

    // Act
    const outcome = rule.evaluate(listener, context);

    // Assess
    expect(outcome).toEqual({
      status: 'NON_COMPLIANT',
      reason: `Policy ELBSecurityPolicy-TLS13-1-2-FIPS-2030-01 is unknown, so the ${aspect} cannot be verified.`,
      details: { sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-FIPS-2030-01', unknownPolicy: true },
      remediationTarget: 'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04',
    });
  });
});
