import { describe, expect, it } from 'vitest';
import { closestMatch, didYouMean } from '../../../shared/policy/suggest.js';

describe('closestMatch', () => {
  it('finds the value a typo meant', () => {
    // Assess
    expect(closestMatch('remediat', ['off', 'notify', 'remediate', 'block'])).toBe('remediate');
    expect(closestMatch('TLS1.2', ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'])).toBe('TLSv1.2');
    expect(
      closestMatch('elbv2-listener-tls-polcy', ['elbv2-listener-tls-policy', 'elb-listener-tls-policy']),
    ).toBe('elbv2-listener-tls-policy');
  });

  it('prefers the one id that a truncated word starts', () => {
    // Assess
    expect(closestMatch('vpn-tunnel-ike', ['vpn-tunnel-down', 'vpn-tunnel-ike-version'])).toBe(
      'vpn-tunnel-ike-version',
    );
  });

  it('suggests nothing when no candidate is close', () => {
    // Assess
    expect(closestMatch('zebra', ['off', 'notify', 'remediate', 'block'])).toBeUndefined();
    expect(didYouMean('zebra', ['off'])).toBe('');
  });

  it('ignores case', () => {
    // Assess
    expect(didYouMean('NOTIFY', ['off', 'notify'])).toBe(' (did you mean "notify"?)');
  });
});
