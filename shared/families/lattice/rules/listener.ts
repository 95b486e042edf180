import type { LatticeListener } from '../model.js';

/** The listener protocols GetListener documents (ListenerProtocol). */
export const LATTICE_PROTOCOLS = ['HTTP', 'HTTPS', 'TLS_PASSTHROUGH'] as const;

/** How a reason names a listener: "VPC Lattice listener http-80 (listener-0ccf...) of svc-0285...". */
export function listenerLabel(listener: LatticeListener): string {
  const id = listener.listenerId ?? listener.listenerArn;
  const named = listener.name ? `${listener.name} (${id})` : id;
  return listener.serviceId
    ? `VPC Lattice listener ${named} of ${listener.serviceId}`
    : `VPC Lattice listener ${named}`;
}

/**
 * The protocol when it is exactly one GetListener documents; undefined when missing or anything else (a
 * lower-case or padded value is not what the API returns, so it is not guessed at).
 */
export function knownProtocol(listener: LatticeListener): (typeof LATTICE_PROTOCOLS)[number] | undefined {
  return LATTICE_PROTOCOLS.find((known) => known === listener.protocol);
}
