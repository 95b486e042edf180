import { describe, expect, it } from 'vitest';
import { elbv2ListenerCertificateSource } from '../../../../../shared/families/elbv2/rules/elbv2-listener-certificate-source.js';
import { elbv2ListenerPlaintext } from '../../../../../shared/families/elbv2/rules/elbv2-listener-plaintext.js';
import { elbv2ListenerTcpPlaintext } from '../../../../../shared/families/elbv2/rules/elbv2-listener-tcp-plaintext.js';
import { elbv2ListenerTlsPolicy } from '../../../../../shared/families/elbv2/rules/elbv2-listener-tls-policy.js';
import { elbv2ListenerWeakCiphers } from '../../../../../shared/families/elbv2/rules/elbv2-listener-weak-ciphers.js';
import { listenerLabel } from '../../../../../shared/families/elbv2/rules/listener.js';
import { evaluateAndPlan } from '../../../../../shared/usecase/evaluate.js';
import {
  albHttpListener,
  elbRuleContext,
  gwlbListener,
  nlbListener,
} from '../../../../helpers/elb-fixtures.js';

const context = elbRuleContext();

const ELBV2_RULES = [
  elbv2ListenerPlaintext,
  elbv2ListenerTcpPlaintext,
  elbv2ListenerTlsPolicy,
  elbv2ListenerWeakCiphers,
  elbv2ListenerCertificateSource,
];

const GENEVE_REASON = 'Gateway Load Balancer listener (GENEVE): it relays packets and terminates no TLS.';

const GATEWAY_CASES = [
  ['a Gateway Load Balancer listener without protocol', gwlbListener()],
  ['a GENEVE listener on a Gateway Load Balancer', gwlbListener({ protocol: 'GENEVE', port: 6081 })],
  [
    'a GENEVE listener of unknown load balancer type',
    gwlbListener({ protocol: 'geneve', port: 6081, loadBalancerType: undefined }),
  ],
] as const;

/** What each rule says it cannot verify when the listener's protocol is missing or unknown. */
const ASPECTS = {
  'elbv2-listener-plaintext': 'whether it serves plaintext',
  'elbv2-listener-tcp-plaintext': 'whether it relays traffic without TLS',
  'elbv2-listener-tls-policy': 'the protocols it accepts',
  'elbv2-listener-weak-ciphers': 'the ciphers it offers',
  'elbv2-listener-certificate-source': 'where its certificate comes from',
} as const;

const NOT_ELBV2 = ', which is not an ELBv2 listener protocol';

const UNKNOWN_PROTOCOL_CASES = [
  ['"x"', albHttpListener({ protocol: 'x' }), 'X:80', `"x"${NOT_ELBV2}`],
  [
    '"HTTP " with a trailing space',
    albHttpListener({ protocol: 'HTTP ' }),
    'HTTP :80',
    `"HTTP "${NOT_ELBV2}`,
  ],
  ['an empty string', nlbListener('', 53), ':53', `""${NOT_ELBV2}`],
  [
    'GENEVE on a Network Load Balancer',
    nlbListener('GENEVE', 6081),
    'GENEVE:6081',
    '"GENEVE" (only a Gateway Load Balancer listener has it)',
  ],
] as const;

describe('ELBv2 listener scope', () => {
  describe.each(ELBV2_RULES.map((rule) => [rule.metadata.id, rule] as const))('%s', (id, rule) => {
    it.each(GATEWAY_CASES)('does not apply to %s, saying why', (_label, listener) => {
      // Act
      const outcome = rule.evaluate(listener, context);

      // Assess
      expect(outcome).toEqual({ status: 'NOT_APPLICABLE', reason: GENEVE_REASON });
    });

    it.each(UNKNOWN_PROTOCOL_CASES)(
      'cannot verify a listener whose protocol is %s',
      (_label, listener, label, shown) => {
        // Act
        const outcome = rule.evaluate(listener, context);

        // Assess
        expect(outcome).toEqual({
          status: 'NON_COMPLIANT',
          reason: `Listener ${label} has the protocol ${shown}, so ${ASPECTS[id as keyof typeof ASPECTS]} cannot be verified.`,
          details: { listener: label, protocol: listener.protocol, unknownProtocol: true },
          unverified: true,
        });
      },
    );

    it.each([
      ['an Application', albHttpListener({ protocol: undefined }), 'application', 'an Application'],
      ['a Network', nlbListener('TCP', 53, { protocol: undefined }), 'network', 'a Network'],
    ])('cannot verify %s Load Balancer listener without protocol', (_label, listener, _type, article) => {
      // Act
      const outcome = rule.evaluate(listener, context);

      // Assess
      expect(outcome).toEqual({
        status: 'NON_COMPLIANT',
        reason: `Listener ?:${listener.port} has no protocol in the input, though ${article} Load Balancer listener always has one, so ${ASPECTS[id as keyof typeof ASPECTS]} cannot be verified.`,
        details: { listener: `?:${listener.port}`, protocol: null, unknownProtocol: true },
        unverified: true,
      });
    });

    it('cannot verify a listener without protocol whose load balancer type the input does not give', () => {
      // Prepare
      const listener = gwlbListener({ loadBalancerType: undefined });

      // Act
      const outcome = rule.evaluate(listener, context);

      // Assess
      expect(outcome).toEqual({
        status: 'NON_COMPLIANT',
        reason: `Listener ?:? has no protocol in the input, and the input does not show a Gateway Load Balancer, so ${ASPECTS[id as keyof typeof ASPECTS]} cannot be verified.`,
        details: { listener: '?:?', protocol: null, unknownProtocol: true },
        unverified: true,
      });
    });
  });

  it('never deletes or rewrites a listener whose protocol it cannot verify, even in block mode', () => {
    // Prepare
    const modes = {
      'elbv2-listener-plaintext': 'block',
      'elbv2-listener-tcp-plaintext': 'block',
      'elbv2-listener-tls-policy': 'block',
      'elbv2-listener-weak-ciphers': 'remediate',
      'elbv2-listener-certificate-source': 'notify',
    } as const;
    const blocking = elbRuleContext({
      dryRun: false,
      rules: Object.fromEntries(Object.entries(modes).map(([id, mode]) => [id, { mode }])),
    });
    const note = 'no action on a configuration that cannot be verified; notifying only';

    // Act
    const evaluations = evaluateAndPlan(nlbListener('TCP ', 25), ELBV2_RULES, blocking);

    // Assess
    expect(
      evaluations.map((evaluation) => [evaluation.ruleId, evaluation.status, evaluation.response]),
    ).toEqual([
      ['elbv2-listener-plaintext', 'NON_COMPLIANT', { mode: 'block', status: 'notify', note }],
      ['elbv2-listener-tcp-plaintext', 'NON_COMPLIANT', { mode: 'block', status: 'notify', note }],
      ['elbv2-listener-tls-policy', 'NON_COMPLIANT', { mode: 'block', status: 'notify', note }],
      ['elbv2-listener-weak-ciphers', 'NON_COMPLIANT', { mode: 'remediate', status: 'notify', note }],
      ['elbv2-listener-certificate-source', 'NON_COMPLIANT', { mode: 'notify', status: 'notify' }],
    ]);
  });

  it.each([
    ['an ALB HTTP listener', albHttpListener(), 'HTTP:80'],
    ['an NLB listener whose protocol is in lower case', nlbListener('tcp_udp', 53), 'TCP_UDP:53'],
    ['a listener whose port is not in the input', albHttpListener({ port: undefined }), 'HTTP:?'],
    ['a Gateway Load Balancer listener without protocol or port', gwlbListener(), 'GENEVE:?'],
    ['an ALB listener without protocol', albHttpListener({ protocol: undefined }), '?:80'],
    ['a listener with an unknown protocol', albHttpListener({ protocol: 'quic2' }), 'QUIC2:80'],
  ])('labels %s as the console does', (_label, listener, label) => {
    // Act
    const text = listenerLabel(listener);

    // Assess
    expect(text).toBe(label);
  });
});
