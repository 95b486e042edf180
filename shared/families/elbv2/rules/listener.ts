import { cannotVerify, notApplicable, type RuleOutcome } from '../../../rules/rule.js';
import type { Elbv2Listener } from '../model.js';

/** Protocols where the load balancer terminates TLS and a security policy applies. */
const TLS_PROTOCOLS = new Set(['HTTPS', 'TLS']);

/** Every protocol the ELBv2 API documents for a listener (Listener.Protocol, valid values). */
const KNOWN_PROTOCOLS = new Set([
  'HTTP',
  'HTTPS',
  'TCP',
  'TLS',
  'UDP',
  'TCP_UDP',
  'GENEVE',
  'QUIC',
  'TCP_QUIC',
]);

/** What a rule would judge about a listener, for the "cannot be verified" reason: "the protocols it accepts". */
export type ListenerAspect =
  | 'whether it serves plaintext'
  | 'whether it relays traffic without TLS'
  | 'the protocols it accepts'
  | 'the ciphers it offers'
  | 'where its certificate comes from';

/**
 * The listener protocol in upper case; undefined when the input has none. ELB takes listener protocols in
 * any case ("http" works in CreateListener and templates) and reports them in upper case, so they are
 * compared case-insensitively; never trimmed: "HTTP " is no protocol ELB knows.
 */
export function listenerProtocol(listener: Elbv2Listener): string | undefined {
  return listener.protocol?.toUpperCase();
}

/** "HTTP:80", the way the console names a listener; "?" for a protocol or port the input does not give. */
export function listenerLabel(listener: Elbv2Listener): string {
  const protocol = listenerProtocol(listener) ?? (listener.loadBalancerType === 'gateway' ? 'GENEVE' : '?');
  return `${protocol}:${listener.port ?? '?'}`;
}

export function isTlsListener(listener: Elbv2Listener): boolean {
  return TLS_PROTOCOLS.has(listenerProtocol(listener) ?? '');
}

const LOAD_BALANCER_KIND = { application: 'an Application', network: 'a Network' } as const;

/** Why the protocol of a listener that is not a Gateway Load Balancer's is not one to judge; undefined when it is. */
function protocolProblem(listener: Elbv2Listener, protocol: string | undefined): string | undefined {
  const type = listener.loadBalancerType;
  if (protocol === undefined) {
    return type === 'application' || type === 'network'
      ? `has no protocol in the input, though ${LOAD_BALANCER_KIND[type]} Load Balancer listener always has one`
      : 'has no protocol in the input, and the input does not show a Gateway Load Balancer';
  }
  if (protocol === 'GENEVE') {
    return `has the protocol ${JSON.stringify(listener.protocol)} (only a Gateway Load Balancer listener has it)`;
  }
  if (!KNOWN_PROTOCOLS.has(protocol)) {
    return `has the protocol ${JSON.stringify(listener.protocol)}, which is not an ELBv2 listener protocol`;
  }
  return undefined;
}

/**
 * The outcome every ELBv2 rule gives before judging, or undefined to judge: NOT_APPLICABLE for a Gateway
 * Load Balancer listener (it relays GENEVE packets between appliances and has neither plaintext nor TLS of
 * its own); NON_COMPLIANT for a missing or unknown protocol, which is never read as GWLB nor as a pass.
 */
export function listenerScopeOutcome(
  listener: Elbv2Listener,
  aspect: ListenerAspect,
): RuleOutcome | undefined {
  const protocol = listenerProtocol(listener);
  const type = listener.loadBalancerType;
  if (type === 'gateway' || (type === undefined && protocol === 'GENEVE')) {
    return notApplicable('Gateway Load Balancer listener (GENEVE): it relays packets and terminates no TLS.');
  }
  const problem = protocolProblem(listener, protocol);
  if (problem === undefined) return undefined;
  const label = listenerLabel(listener);
  return cannotVerify(`Listener ${label} ${problem}, so ${aspect} cannot be verified.`, {
    listener: label,
    protocol: listener.protocol ?? null,
    unknownProtocol: true,
  });
}
