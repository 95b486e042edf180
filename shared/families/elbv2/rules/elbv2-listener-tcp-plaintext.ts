import { compliant, defineRule, nonCompliant, notApplicable, SEC09_FRAMEWORKS } from '../../../rules/rule.js';
import { listenerLabel, listenerProtocol, listenerScopeOutcome } from './listener.js';

/** NLB protocols that relay bytes without TLS at the load balancer (TCP_QUIC's TCP side too; QUIC carries TLS 1.3). */
const PLAINTEXT_NLB_PROTOCOLS = new Set(['TCP', 'UDP', 'TCP_UDP', 'TCP_QUIC']);

export const elbv2ListenerTcpPlaintext = defineRule({
  metadata: {
    id: 'elbv2-listener-tcp-plaintext',
    title: 'NLB listener without TLS',
    family: 'elbv2',
    resourceTypes: ['AWS::ElasticLoadBalancingV2::Listener'],
    severity: 'medium',
    description:
      'A Network Load Balancer TCP, UDP, TCP_UDP or TCP_QUIC listener, which relays traffic without TLS at the load balancer, on a port the policy does not list as TLS passthrough.',
    rationale:
      'Unless the targets terminate TLS themselves, traffic through a TCP or UDP listener crosses the network in plaintext, open to reading and tampering.',
    parameters: [
      {
        policyPath: 'tls.tlsPassthroughPorts',
        description: 'Ports where TCP is allowed because TLS passes through to the targets.',
      },
    ],
    remediation: {
      guidance:
        'Replace the listener with a TLS listener and an ACM certificate, or, if the targets terminate TLS themselves, add the port to tls.tlsPassthroughPorts.',
      block: 'delete-listener',
    },
    defaultMode: 'notify',
    references: [
      'https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-listeners.html',
      'https://docs.aws.amazon.com/elasticloadbalancing/latest/network/create-tls-listener.html',
      'https://docs.aws.amazon.com/config/latest/developerguide/elb-tls-https-listeners-only.html',
    ],
    compliance: {
      securityHub: [],
      configRules: ['elb-tls-https-listeners-only'],
      frameworks: SEC09_FRAMEWORKS,
    },
  },
  evaluate(listener, context) {
    const scope = listenerScopeOutcome(listener, 'whether it relays traffic without TLS');
    if (scope) return scope;
    const label = listenerLabel(listener);
    const protocol = listenerProtocol(listener) ?? '';
    if (!PLAINTEXT_NLB_PROTOCOLS.has(protocol)) {
      return notApplicable(`Listener ${label} is not a TCP, UDP, TCP_UDP or TCP_QUIC listener.`);
    }
    const passthroughPorts = context.policy.tls.tlsPassthroughPorts;
    const details = {
      listener: label,
      protocol,
      port: listener.port ?? null,
      tlsPassthroughPorts: passthroughPorts,
    };
    if (listener.port !== undefined && passthroughPorts.includes(listener.port)) {
      return compliant(
        `Listener ${label} is on a TLS-passthrough port (tls.tlsPassthroughPorts): the targets terminate TLS.`,
        details,
      );
    }
    return nonCompliant(
      `Listener ${label} relays traffic without TLS, and port ${listener.port ?? '(unknown)'} is not on the TLS-passthrough list (tls.tlsPassthroughPorts).`,
      { details },
    );
  },
});
