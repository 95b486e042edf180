import type { AnyRule } from '../../../rules/rule.js';
import { vpnTunnelDown } from './vpn-tunnel-down.js';
import { vpnTunnelIkeVersion } from './vpn-tunnel-ike-version.js';
import { vpnTunnelNegotiatedCrypto } from './vpn-tunnel-negotiated-crypto.js';
import { vpnTunnelWeakCrypto } from './vpn-tunnel-weak-crypto.js';

export const VPN_RULES: readonly AnyRule[] = [
  vpnTunnelIkeVersion,
  vpnTunnelWeakCrypto,
  vpnTunnelNegotiatedCrypto,
  vpnTunnelDown,
];
