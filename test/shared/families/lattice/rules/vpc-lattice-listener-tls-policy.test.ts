import { describe, expect, it } from 'vitest';
import { vpcLatticeListenerTlsPolicy as rule } from '../../../../../shared/families/lattice/rules/vpc-lattice-listener-tls-policy.js';
import { LATTICE_TLS_POLICY } from '../../../../../shared/families/lattice/tls-policy.js';
import type { PolicyInput } from '../../../../../shared/policy/schema.js';
import { latticeListener } from '../../../../helpers/lattice-fixtures.js';
import { ruleContext } from '../../../../helpers/rule-context.js';

const EVERY_CLASS_IT_OFFERS = {
  tls: { allowedCipherClasses: ['tls13', 'ecdhe-aead', 'ecdhe-cbc-sha1', 'rsa-aead', 'rsa-cbc'] },
} satisfies PolicyInput;

describe('vpc-lattice-listener-tls-policy', () => {
  it('reports an HTTPS listener under the default policy at info, with CBC and static RSA named and the way out', () => {
    // Act
    const outcome = rule.evaluate(latticeListener(), ruleContext());

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.severity).toBe('info');
    expect(outcome.unverified).toBeUndefined();
    expect(outcome.reason).toContain('6 ciphers outside the allowed classes (tls13, ecdhe-aead)');
    expect(outcome.reason).toContain('TLS_PASSTHROUGH');
    const details = outcome.details as { weakCiphers: { name: string; cipherClass: string }[] };
    const weak = details.weakCiphers.map((c) => c.cipherClass);
    expect(new Set(weak)).toEqual(new Set(['ecdhe-cbc-sha1', 'rsa-aead', 'rsa-cbc']));
  });

  it('passes the same listener under a policy that allows every class the fixed policy offers (near miss)', () => {
    // Act
    const outcome = rule.evaluate(latticeListener(), ruleContext(EVERY_CLASS_IT_OFFERS));

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
  });

  it('fails it again when the policy asks for TLS 1.3 only: the fixed policy offers TLS 1.2', () => {
    // Act
    const outcome = rule.evaluate(
      latticeListener(),
      ruleContext({ tls: { ...EVERY_CLASS_IT_OFFERS.tls, minimumVersion: 'TLSv1.3' } }),
    );

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain('TLSv1.2, below the minimum TLSv1.3');
  });

  it('fails it when the policy requires post-quantum key exchange: the documented policy names none', () => {
    // Act
    const outcome = rule.evaluate(
      latticeListener(),
      ruleContext({ tls: { ...EVERY_CLASS_IT_OFFERS.tls, postQuantum: 'require' } }),
    );

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain('no post-quantum key exchange');
  });

  it('passes a TLS_PASSTHROUGH listener: the service terminates TLS with its own policy', () => {
    // Act
    const outcome = rule.evaluate(latticeListener({ protocol: 'TLS_PASSTHROUGH' }), ruleContext());

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
  });

  it('does not apply to an HTTP listener (the plaintext rule judges it)', () => {
    expect(rule.evaluate(latticeListener({ protocol: 'HTTP' }), ruleContext()).status).toBe('NOT_APPLICABLE');
  });

  it.each([undefined, 'QUIC'])('cannot verify a listener whose protocol is %s', (protocol) => {
    // Act
    const outcome = rule.evaluate(latticeListener({ protocol }), ruleContext(EVERY_CLASS_IT_OFFERS));

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.unverified).toBe(true);
  });

  it('keeps the fixed policy as data with its source, and cites it', () => {
    expect(LATTICE_TLS_POLICY.source).toBe(
      'https://docs.aws.amazon.com/vpc-lattice/latest/ug/https-listeners.html',
    );
    expect(rule.metadata.references).toContain(LATTICE_TLS_POLICY.source);
    expect(rule.metadata.severity).toBe('info');
    expect(rule.metadata.remediation.remediate).toBeUndefined();
    expect(rule.metadata.remediation.block).toBeUndefined();
  });
});
