import type { Family } from '../family.js';
import { VPN_COMMANDS } from './commands.js';
import { vpnDeployment } from './deployment.js';
import { vpnEvents } from './events.js';
import { vpnInputs } from './inputs.js';
import type { VpnReadPlan } from './live.js';
import { modifyVpnTunnelOptions } from './remediators/modify-vpn-tunnel-options.js';
import { vpnReport } from './report.js';
import { VPN_RULES } from './rules/index.js';

export const vpnFamily: Family = {
  id: 'vpn',
  label: 'Site-to-Site VPN',
  ruleFamily: 'vpn',
  resourceTypes: ['AWS::EC2::VPNConnection'],
  rules: VPN_RULES,
  remediators: [modifyVpnTunnelOptions],
  report: vpnReport,
  inputs: vpnInputs,
  events: vpnEvents,
  deployment: vpnDeployment,
  live: {
    service: 'ec2',
    // "Request throttling for the Amazon EC2 API": non-mutating actions 100 / 20 per second; unfiltered and
    // unpaginated non-mutating actions (DescribeVpnConnections without ids) 50 / 10.
    rates: {
      shared: { capacity: 100, refillPerSecond: 20 },
      operations: { DescribeVpnConnections: { capacity: 50, refillPerSecond: 10 } },
    },
    plan: {
      full: { tunnelStatus: true },
      for: (_policy, isOn): VpnReadPlan => ({ tunnelStatus: isOn('vpn-tunnel-negotiated-crypto') }),
    },
    notFoundCodes: ['InvalidVpnConnectionID.NotFound'],
    client: () => import('./client.js').then((module) => module.createClient),
    readers: () => import('./live.js').then((module) => module.vpnReaders),
  },
  commands: VPN_COMMANDS,
};
