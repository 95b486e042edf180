import { describe, expect, it } from 'vitest';
import { elbv2ListenerTcpPlaintext as rule } from '../../../../../shared/families/elbv2/rules/elbv2-listener-tcp-plaintext.js';
import {
  albHttpListener,
  elbRuleContext,
  gwlbListener,
  nlbListener,
} from '../../../../helpers/elb-fixtures.js';

const context = elbRuleContext();

describe('elbv2-listener-tcp-plaintext', () => {
  it('declares a medium severity, a block action and no remediation', () => {
    // Assess
    expect(rule.metadata).toMatchObject({
      severity: 'medium',
      defaultMode: 'notify',
      remediation: { block: 'delete-listener' },
      parameters: [expect.objectContaining({ policyPath: 'tls.tlsPassthroughPorts' })],
    });
    expect(rule.metadata.remediation.remediate).toBeUndefined();
  });

  it.each(['TCP', 'UDP', 'TCP_UDP', 'TCP_QUIC'])('flags an NLB %s listener', (protocol) => {
    // Prepare
    const listener = nlbListener(protocol, 53);

    // Act
    const outcome = rule.evaluate(listener, context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toBe(
      `Listener ${protocol}:53 relays traffic without TLS, and port 53 is not on the TLS-passthrough list (tls.tlsPassthroughPorts).`,
    );
  });

  it('accepts a TCP listener on a port the policy lists as TLS passthrough', () => {
    // Prepare
    const passthrough = elbRuleContext({ tls: { tlsPassthroughPorts: [443, 8443] } });

    // Act
    const outcome = rule.evaluate(nlbListener('TCP', 443), passthrough);

    // Assess
    expect(outcome).toEqual({
      status: 'COMPLIANT',
      reason:
        'Listener TCP:443 is on a TLS-passthrough port (tls.tlsPassthroughPorts): the targets terminate TLS.',
      details: { listener: 'TCP:443', protocol: 'TCP', port: 443, tlsPassthroughPorts: [443, 8443] },
    });
  });

  it('flags a TCP listener on a port that is not on the passthrough list', () => {
    // Prepare
    const passthrough = elbRuleContext({ tls: { tlsPassthroughPorts: [443] } });

    // Act
    const outcome = rule.evaluate(nlbListener('TCP', 80), passthrough);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.details).toEqual({
      listener: 'TCP:80',
      protocol: 'TCP',
      port: 80,
      tlsPassthroughPorts: [443],
    });
  });

  it('compares the protocol case-insensitively', () => {
    // Act
    const outcome = rule.evaluate(nlbListener('tcp', 25), context);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
  });

  it.each([
    ['an NLB TLS listener', nlbListener('TLS', 443)],
    ['an NLB QUIC listener (QUIC always carries TLS 1.3, to the targets)', nlbListener('QUIC', 443)],
    ['an ALB HTTP listener', albHttpListener()],
    ['a GWLB listener', gwlbListener()],
    ['a GENEVE listener', gwlbListener({ protocol: 'GENEVE', port: 6081 })],
  ])('does not apply to %s', (_label, listener) => {
    // Act
    const outcome = rule.evaluate(listener, context);

    // Assess
    expect(outcome.status).toBe('NOT_APPLICABLE');
  });

  it('flags a TCP listener whose port is not in the input, even with a passthrough list', () => {
    // Prepare
    const passthrough = elbRuleContext({ tls: { tlsPassthroughPorts: [443] } });

    // Act
    const outcome = rule.evaluate(nlbListener('TCP', 443, { port: undefined }), passthrough);

    // Assess
    expect(outcome).toEqual({
      status: 'NON_COMPLIANT',
      reason:
        'Listener TCP:? relays traffic without TLS, and port (unknown) is not on the TLS-passthrough list (tls.tlsPassthroughPorts).',
      details: { listener: 'TCP:?', protocol: 'TCP', port: null, tlsPassthroughPorts: [443] },
    });
  });

  it.each([
    ['an NLB TLS listener', nlbListener('TLS', 443), 'TLS:443'],
    ['an ALB HTTP listener', albHttpListener(), 'HTTP:80'],
  ])('says why it does not apply to %s', (_label, listener, label) => {
    // Act
    const outcome = rule.evaluate(listener, context);

    // Assess
    expect(outcome).toEqual({
      status: 'NOT_APPLICABLE',
      reason: `Listener ${label} is not a TCP, UDP, TCP_UDP or TCP_QUIC listener.`,
    });
  });
});
