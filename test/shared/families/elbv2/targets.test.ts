import { describe, expect, it } from 'vitest';
import { targetSecurityPolicy } from '../../../../shared/families/elbv2/targets.js';
import { type PolicyInput, policySchema } from '../../../../shared/policy/schema.js';

const tlsOf = (input: PolicyInput = {}) => policySchema.parse(input).tls;

describe('targetSecurityPolicy', () => {
  it.each(['application', 'network', undefined])(
    'defaults to the post-quantum Res policy where the load balancer type (%s) takes it',
    (type) => {
      // Assess
      expect(targetSecurityPolicy(type, false, tlsOf())).toBe('ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09');
      expect(targetSecurityPolicy(type, true, tlsOf())).toBe('ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04');
    },
  );

  it('falls back to ELBSecurityPolicy-TLS13-1-2-Res-2021-06 for a type the PQ policy does not support', () => {
    // Assess: the bundled SupportedLoadBalancerTypes of the PQ policy are application and network
    expect(targetSecurityPolicy('gateway', false, tlsOf())).toBe('ELBSecurityPolicy-TLS13-1-2-Res-2021-06');
  });

  it('under tls.postQuantum: require, targets only PQ variants, FIPS too', () => {
    // Prepare
    const tls = tlsOf({ tls: { postQuantum: 'require' } });

    // Assess
    expect(targetSecurityPolicy('application', false, tls)).toBe(
      'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
    );
    expect(targetSecurityPolicy('gateway', false, tls)).toBe('ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09');
    expect(targetSecurityPolicy('network', true, tls)).toBe(
      'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09',
    );
  });

  it('takes the targets the policy names, whatever the type', () => {
    // Prepare
    const tls = tlsOf({
      tls: {
        targetPolicy: 'ELBSecurityPolicy-TLS13-1-3-2021-06',
        targetFipsPolicy: 'ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04',
      },
    });

    // Assess
    expect(targetSecurityPolicy('network', false, tls)).toBe('ELBSecurityPolicy-TLS13-1-3-2021-06');
    expect(targetSecurityPolicy('gateway', true, tls)).toBe('ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04');
  });
});
