import type { Elbv2Listener } from '../../model/resource.js';
import { notApplicable, type RuleOutcome } from '../rule.js';

/** Protocols where the load balancer terminates TLS and a security policy applies. */
const TLS_PROTOCOLS = new Set(['HTTPS', 'TLS']);

/** The listener protocol in upper case; undefined when the input has none (Gateway Load Balancer). */
export function listenerProtocol(listener: Elbv2Listener): string | undefined {
  return listener.protocol?.toUpperCase();
}

/** "HTTP:80", the way the console names a listener. */
export function listenerLabel(listener: Elbv2Listener): string {
  return `${listenerProtocol(listener) ?? 'GENEVE'}:${listener.port ?? '?'}`;
}

export function isTlsListener(listener: Elbv2Listener): boolean {
  return TLS_PROTOCOLS.has(listenerProtocol(listener) ?? '');
}

/**
 * NOT_APPLICABLE for a Gateway Load Balancer listener: it relays GENEVE packets between appliances and
 * has neither plaintext nor TLS of its own. A missing protocol is read as GWLB, never as plaintext.
 */
export function gatewayListenerOutcome(listener: Elbv2Listener): RuleOutcome | undefined {
  const protocol = listenerProtocol(listener);
  if (listener.loadBalancerType === 'gateway' || protocol === 'GENEVE') {
    return notApplicable('Gateway Load Balancer listener (GENEVE): it relays packets and terminates no TLS.');
  }
  if (protocol === undefined) {
    return notApplicable(
      'Listener has no protocol in the input, as a Gateway Load Balancer listener; it is not judged as plaintext.',
    );
  }
  return undefined;
}
