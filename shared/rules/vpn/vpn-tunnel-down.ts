import { compliant, defineRule, nonCompliant, notApplicable, SEC09_FRAMEWORKS } from '../rule.js';
import { connectionLabel, nameTunnels, tunnelName } from './tunnels.js';

export const vpnTunnelDown = defineRule({
  metadata: {
    id: 'vpn-tunnel-down',
    title: 'VPN tunnel down',
    family: 'vpn',
    resourceTypes: ['AWS::EC2::VPNConnection'],
    severity: 'medium',
    description:
      'A tunnel of an available Site-to-Site VPN connection reports status DOWN (VgwTelemetry), so the connection runs on fewer tunnels than it was built with.',
    rationale:
      'Traffic loses its redundant encrypted path: the next AWS endpoint maintenance or a fault on the remaining tunnel cuts the connection, and teams under pressure then route around the VPN unencrypted.',
    parameters: [],
    remediation: {
      guidance:
        'Check the customer gateway configuration and logs for the DOWN tunnel (IKE/IPsec parameters, pre-shared key, dead peer detection, routing) and bring it back UP.',
    },
    defaultMode: 'notify',
    references: [
      'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VgwTelemetry.html',
      'https://docs.aws.amazon.com/vpn/latest/s2svpn/monitoring-cloudwatch-vpn.html',
      'https://docs.aws.amazon.com/config/latest/developerguide/vpc-vpn-2-tunnels-up.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html',
    ],
    compliance: {
      securityHub: ['EC2.20'],
      configRules: ['vpc-vpn-2-tunnels-up'],
      frameworks: SEC09_FRAMEWORKS,
    },
  },
  evaluate(connection) {
    const label = connectionLabel(connection);
    const state = connection.state?.toLowerCase();
    // A minimal Config item carries telemetry without a state: judge what it shows.
    if (state !== undefined && state !== 'available') {
      return notApplicable(`VPN connection ${label} is ${state}, not available.`);
    }
    if (connection.tunnels.length === 0) {
      return notApplicable(`VPN connection ${label}: no tunnel data in the input.`);
    }

    const tunnels = connection.tunnels.map((tunnel, index) => ({
      name: tunnelName(tunnel, index),
      status: tunnel.status?.toUpperCase(),
      statusMessage: tunnel.statusMessage,
    }));
    const down = tunnels.filter((tunnel) => tunnel.status === 'DOWN');
    const up = tunnels.filter((tunnel) => tunnel.status === 'UP');
    const unknown = tunnels.filter((tunnel) => tunnel.status !== 'UP' && tunnel.status !== 'DOWN');
    if (down.length === 0 && up.length === 0) {
      return notApplicable(`VPN connection ${label}: tunnel status (VgwTelemetry) is not in the input.`);
    }

    const details = {
      ...(state ? { state } : {}),
      tunnels: tunnels.map(({ name, status, statusMessage }) => ({
        tunnel: name,
        status: status ?? 'unknown',
        ...(statusMessage ? { statusMessage } : {}),
      })),
    };
    if (down.length > 0) {
      const messages = down.flatMap((tunnel) => (tunnel.statusMessage ? [tunnel.statusMessage] : []));
      const why = messages.length > 0 ? ` (${[...new Set(messages)].join('; ')})` : '';
      const impact =
        up.length === 0
          ? 'no tunnel is UP, so the connection carries no traffic'
          : 'traffic has lost its redundant encrypted path';
      const subject =
        state === undefined ? `VPN connection ${label}:` : `VPN connection ${label} is available but`;
      return nonCompliant(
        `${subject} ${nameTunnels(down.map((tunnel) => tunnel.name))} ${down.length === 1 ? 'is' : 'are'} DOWN${why}; ${impact}.`,
        { details },
      );
    }
    const unknownNote =
      unknown.length > 0
        ? `; the status of ${nameTunnels(unknown.map((tunnel) => tunnel.name))} is unknown`
        : '';
    return compliant(
      `VPN connection ${label}: ${nameTunnels(up.map((tunnel) => tunnel.name))} ${up.length === 1 ? 'is' : 'are'} UP${unknownNote}.`,
      details,
    );
  },
});
