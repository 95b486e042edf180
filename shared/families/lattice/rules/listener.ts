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

/** The protocol in upper case when it is one GetListener documents; undefined when missing or unknown. */
export function knownProtocol(listener: LatticeListener): (typeof LATTICE_PROTOCOLS)[number] | undefined {
  const protocol = listener.protocol?.toUpperCase();
  return LATTICE_PROTOCOLS.find((known) => known === protocol);
}
