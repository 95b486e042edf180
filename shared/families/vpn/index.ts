import type { Family } from '../family.js';
import { vpnDeployment } from './deployment.js';
import { vpnEvents } from './events.js';
import { vpnInputs } from './inputs.js';
import { modifyVpnTunnelOptions } from './remediators/modify-vpn-tunnel-options.js';
import { vpnReport } from './report.js';
import { VPN_RULES } from './rules/index.js';

export const vpnFamily: Family = {
  id: 'vpn',
  label: 'Site-to-Site VPN',
  resourceTypes: ['AWS::EC2::VPNConnection'],
  rules: VPN_RULES,
  remediators: [modifyVpnTunnelOptions],
  report: vpnReport,
  inputs: vpnInputs,
  events: vpnEvents,
  deployment: vpnDeployment,
};
