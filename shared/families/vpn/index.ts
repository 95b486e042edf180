import type { Family } from '../family.js';
import { vpnDeployment } from './deployment.js';
import { vpnEvents } from './events.js';
import { modifyVpnTunnelOptions } from './remediators/modify-vpn-tunnel-options.js';
import { VPN_RULES } from './rules/index.js';

export const vpnFamily: Family = {
  id: 'vpn',
  label: 'Site-to-Site VPN',
  resourceTypes: ['AWS::EC2::VPNConnection'],
  rules: VPN_RULES,
  remediators: [modifyVpnTunnelOptions],
  events: vpnEvents,
  deployment: vpnDeployment,
};
