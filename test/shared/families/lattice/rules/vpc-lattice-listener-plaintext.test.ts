import { describe, expect, it } from 'vitest';
import { vpcLatticeListenerPlaintext as rule } from '../../../../../shared/families/lattice/rules/vpc-lattice-listener-plaintext.js';
import { latticeListener } from '../../../../helpers/lattice-fixtures.js';
import { ruleContext } from '../../../../helpers/rule-context.js';

describe('vpc-lattice-listener-plaintext', () => {
  it('fails an HTTP listener, at medium, naming the port', () => {
    // Act
    const outcome = rule.evaluate(latticeListener({ protocol: 'HTTP', port: 8080 }), ruleContext());

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.unverified).toBeUndefined();
    expect(rule.metadata.severity).toBe('medium');
    expect(outcome.reason).toContain('listens on HTTP port 8080');
  });

  it.each(['HTTPS', 'TLS_PASSTHROUGH'])('passes a %s listener', (protocol) => {
    // Act
    const outcome = rule.evaluate(latticeListener({ protocol }), ruleContext());

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
    expect(outcome.reason).toContain(`listens on ${protocol}`);
  });

  it.each([
    ['missing', undefined, 'the input gives no protocol'],
    ['unknown', 'TCP', 'its protocol "TCP" is not one VPC Lattice documents'],
    ['padded', 'HTTPS ', 'its protocol "HTTPS " is not one VPC Lattice documents'],
    ['in lower case', 'http', 'its protocol "http" is not one VPC Lattice documents'],
  ])('cannot verify a listener whose protocol is %s', (_case, protocol, said) => {
    // Act
    const outcome = rule.evaluate(latticeListener({ protocol }), ruleContext());

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.unverified).toBe(true);
    expect(outcome.reason).toContain(said);
  });

  it('blocks by deleting the listener and remediates nothing', () => {
    expect(rule.metadata.remediation.block).toBe('delete-lattice-listener');
    expect(rule.metadata.remediation.remediate).toBeUndefined();
    expect(rule.metadata.family).toBe('vpc-lattice');
    expect(rule.metadata.resourceTypes).toEqual(['AWS::VpcLattice::Listener']);
  });
});
