import { vpcLatticeListenerPlaintext } from './vpc-lattice-listener-plaintext.js';
import { vpcLatticeListenerTlsPolicy } from './vpc-lattice-listener-tls-policy.js';

/** The VPC Lattice rules, in catalog order (RULES.md). */
export const LATTICE_RULES = [vpcLatticeListenerPlaintext, vpcLatticeListenerTlsPolicy];
