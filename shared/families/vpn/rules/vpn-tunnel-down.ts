import { joinWords } from '../../../model/words.js';
import {
  cannotVerify,
  compliant,
  defineRule,
  nonCompliant,
  notApplicable,
  SEC09_FRAMEWORKS,
} from '../../../rules/rule.js';
import { nameTunnels, tunnelName } from '../tunnels.js';
import { connectionLabel, noTunnelDataOutcome, VPN_STATES } from './connection.js';

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
    const state = connection.state;
    if (state !== undefined && !VPN_STATES.has(state)) {
      return cannotVerify(
        `VPN connection ${label} has the state ${JSON.stringify(state)}, which is not a VPN connection state, so whether its tunnels should be UP cannot be verified.`,
        { state },
      );
    }
    // A minimal Config item carries telemetry without a state: judge what it shows.
    if (state !== undefined && state !== 'available') {
      return notApplicable(`VPN connection ${label} is ${state}, not available.`);
    }
    if (connection.tunnels.length === 0) return noTunnelDataOutcome(connection, 'whether its tunnels are UP');

    // VgwTelemetry.Status is UP or DOWN, written by EC2 in upper case only: anything else is compared exactly
    // and cannot be verified ("up" included).
    const tunnels = connection.tunnels.map((tunnel, index) => ({
      name: tunnelName(tunnel, index),
      status: tunnel.status,
      statusMessage: tunnel.statusMessage,
    }));
    const down = tunnels.filter((tunnel) => tunnel.status === 'DOWN');
    const up = tunnels.filter((tunnel) => tunnel.status === 'UP');
    const unknown = tunnels.filter((tunnel) => tunnel.status !== 'UP' && tunnel.status !== 'DOWN');

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
    if (unknown.length > 0) {
      const one = unknown.length === 1;
      const statuses = unknown.map((tunnel) =>
        tunnel.status === undefined ? 'none' : JSON.stringify(tunnel.status),
      );
      return cannotVerify(
        `VPN connection ${label}: ${nameTunnels(unknown.map((tunnel) => tunnel.name))} ${one ? 'has' : 'have'} no status UP or DOWN in the input (${joinWords(statuses)}), so whether ${one ? 'it is' : 'they are'} UP cannot be verified.`,
        details,
      );
    }
    return compliant(
      `VPN connection ${label}: ${nameTunnels(up.map((tunnel) => tunnel.name))} ${up.length === 1 ? 'is' : 'are'} UP.`,
      details,
    );
  },
});
