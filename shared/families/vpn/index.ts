import type { Family } from '../family.js';
import { VPN_COMMANDS } from './commands.js';
import { modifyVpnTunnelOptions } from './remediators/modify-vpn-tunnel-options.js';
import { VPN_RULES } from './rules/index.js';

export const vpnFamily: Family = {
  id: 'vpn',
  label: 'Site-to-Site VPN',
  ruleFamily: 'vpn',
  resourceTypes: ['AWS::EC2::VPNConnection'],
  rules: VPN_RULES,
  remediators: [modifyVpnTunnelOptions],
  commands: VPN_COMMANDS,
};
