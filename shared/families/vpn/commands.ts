import { writeCommand } from '../../response/calls.js';

/** The write call VPN remediation makes: Site-to-Site VPN is an EC2 API. */
export const VPN_COMMANDS = {
  ModifyVpnTunnelOptions: writeCommand({
    service: 'ec2',
    iamAction: 'ec2:ModifyVpnTunnelOptions',
    load: async () => (await import('./client.js')).ModifyVpnTunnelOptionsCommand,
  }),
};
