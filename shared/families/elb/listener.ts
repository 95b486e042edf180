/**
 * What kind a Classic Load Balancer listener is (TLS, plaintext, passthrough) and its label: the rules and the
 * remediators read them alike.
 */
import type { ClassicListener } from './model.js';

/** Front-end protocols where the load balancer terminates TLS with an SSL negotiation policy. */
const TLS_PROTOCOLS = new Set(['HTTPS', 'SSL']);

/** Front-end protocols on which clients talk to the load balancer without TLS. */
const PLAINTEXT_PROTOCOLS = new Set(['HTTP', 'TCP']);

/** A TCP front-end listener on a port of tls.tlsPassthroughPorts: TLS passes through to the instances. */
export function isClassicPassthroughListener(
  listener: ClassicListener,
  passthroughPorts: readonly number[],
): boolean {
  return listener.protocol.toUpperCase() === 'TCP' && passthroughPorts.includes(listener.loadBalancerPort);
}

/** HTTP, or TCP off the TLS-passthrough ports: clients talk to the load balancer without TLS. */
export function isClassicPlaintextListener(
  listener: ClassicListener,
  passthroughPorts: readonly number[],
): boolean {
  return (
    PLAINTEXT_PROTOCOLS.has(listener.protocol.toUpperCase()) &&
    !isClassicPassthroughListener(listener, passthroughPorts)
  );
}

/** Every front-end protocol a Classic Load Balancer listener can have (Listener.Protocol). */
const KNOWN_PROTOCOLS = new Set(['HTTP', 'HTTPS', 'TCP', 'SSL']);

/** "HTTP:80", the way the console names a front-end listener. */
export function classicListenerLabel(listener: ClassicListener): string {
  return `${listener.protocol.toUpperCase()}:${listener.loadBalancerPort}`;
}

export function isClassicTlsListener(listener: ClassicListener): boolean {
  return TLS_PROTOCOLS.has(listener.protocol.toUpperCase());
}

/**
 * Whether the protocol is one a classic listener can have. The ELB API takes them in any case ("http") and
 * reports them in upper case, so case is ignored; whitespace is not ("HTTP " is no protocol).
 */
export function isKnownClassicProtocol(listener: ClassicListener): boolean {
  return KNOWN_PROTOCOLS.has(listener.protocol.toUpperCase());
}
