import { describe, expect, it } from 'vitest';
import { elbv2ListenerCertificateSource } from '../../../../shared/rules/elbv2/elbv2-listener-certificate-source.js';
import { elbv2ListenerPlaintext } from '../../../../shared/rules/elbv2/elbv2-listener-plaintext.js';
import { elbv2ListenerTcpPlaintext } from '../../../../shared/rules/elbv2/elbv2-listener-tcp-plaintext.js';
import { elbv2ListenerTlsPolicy } from '../../../../shared/rules/elbv2/elbv2-listener-tls-policy.js';
import { elbv2ListenerWeakCiphers } from '../../../../shared/rules/elbv2/elbv2-listener-weak-ciphers.js';
import { listenerLabel } from '../../../../shared/rules/elbv2/listener.js';
import { albHttpListener, elbRuleContext, gwlbListener, nlbListener } from '../../../helpers/elb-fixtures.js';

const context = elbRuleContext();

const ELBV2_RULES = [
  elbv2ListenerPlaintext,
  elbv2ListenerTcpPlaintext,
  elbv2ListenerTlsPolicy,
  elbv2ListenerWeakCiphers,
  elbv2ListenerCertificateSource,
];

const GENEVE_REASON = 'Gateway Load Balancer listener (GENEVE): it relays packets and terminates no TLS.';
const NO_PROTOCOL_REASON =
  'Listener has no protocol in the input, as a Gateway Load Balancer listener; it is not judged as plaintext.';

const GATEWAY_CASES = [
  ['a Gateway Load Balancer listener without protocol', gwlbListener(), GENEVE_REASON],
  [
    'a GENEVE listener on a Gateway Load Balancer',
    gwlbListener({ protocol: 'GENEVE', port: 6081 }),
    GENEVE_REASON,
  ],
  [
    'a GENEVE listener of unknown load balancer type',
    gwlbListener({ protocol: 'geneve', port: 6081, loadBalancerType: undefined }),
    GENEVE_REASON,
  ],
  [
    'a listener without protocol of unknown load balancer type',
    gwlbListener({ loadBalancerType: undefined }),
    NO_PROTOCOL_REASON,
  ],
] as const;

describe('ELBv2 listener scope', () => {
  describe.each(ELBV2_RULES.map((rule) => [rule.metadata.id, rule] as const))('%s', (_id, rule) => {
    it.each(GATEWAY_CASES)('does not apply to %s, saying why', (_label, listener, reason) => {
      // Act
      const outcome = rule.evaluate(listener, context);

      // Assess
      expect(outcome).toEqual({ status: 'NOT_APPLICABLE', reason });
    });
  });

  it.each([
    ['an ALB HTTP listener', albHttpListener(), 'HTTP:80'],
    ['an NLB listener whose protocol is in lower case', nlbListener('tcp_udp', 53), 'TCP_UDP:53'],
    ['a listener whose port is not in the input', albHttpListener({ port: undefined }), 'HTTP:?'],
    ['a Gateway Load Balancer listener without protocol or port', gwlbListener(), 'GENEVE:?'],
  ])('labels %s as the console does', (_label, listener, label) => {
    // Act
    const text = listenerLabel(listener);

    // Assess
    expect(text).toBe(label);
  });
});
