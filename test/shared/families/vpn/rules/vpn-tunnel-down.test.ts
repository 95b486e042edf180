import { describe, expect, it } from 'vitest';
import { vpnTunnelDown } from '../../../../../shared/families/vpn/rules/vpn-tunnel-down.js';
import { evaluateAndPlan } from '../../../../../shared/usecase/evaluate.js';
import {
  TUNNEL_A_IP,
  TUNNEL_B_IP,
  vpnConnection,
  vpnRuleContext,
  vpnTunnel,
} from '../../../../helpers/vpn-fixtures.js';

describe('vpn-tunnel-down', () => {
  it('passes an available connection with both tunnels UP', () => {
    // Prepare
    const connection = vpnConnection();

    // Act
    const outcome = vpnTunnelDown.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
    expect(outcome.reason).toContain(`tunnels ${TUNNEL_A_IP} and ${TUNNEL_B_IP} are UP`);
  });

  it('fails an available connection with one tunnel DOWN, naming it and its status message', () => {
    // Prepare
    const connection = vpnConnection({
      tunnels: [
        vpnTunnel({ outsideIpAddress: TUNNEL_A_IP, status: 'DOWN', statusMessage: 'IPSEC IS DOWN' }),
        vpnTunnel({ outsideIpAddress: TUNNEL_B_IP }),
      ],
    });

    // Act
    const [evaluation] = evaluateAndPlan(connection, [vpnTunnelDown], vpnRuleContext());

    // Assess
    expect(evaluation?.status).toBe('NON_COMPLIANT');
    expect(evaluation?.severity).toBe('medium');
    expect(evaluation?.reason).toContain(`tunnel ${TUNNEL_A_IP} is DOWN (IPSEC IS DOWN)`);
    expect(evaluation?.reason).toContain('redundant');
    expect(evaluation?.reason).not.toContain(TUNNEL_B_IP);
    expect(evaluation?.response).toEqual({ mode: 'notify', status: 'notify' });
  });

  it('says the connection carries no traffic when every tunnel is DOWN', () => {
    // Prepare
    const connection = vpnConnection({
      tunnels: [
        vpnTunnel({ outsideIpAddress: TUNNEL_A_IP, status: 'DOWN' }),
        vpnTunnel({ outsideIpAddress: TUNNEL_B_IP, status: 'DOWN' }),
      ],
    });

    // Act
    const outcome = vpnTunnelDown.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain('are DOWN');
    expect(outcome.reason).toContain('no tunnel is UP');
  });

  it('judges a minimal Config item that carries telemetry but no state or outside IPs', () => {
    // Prepare: as the AWS Labs VPC_VPN_2_TUNNELS_UP test event
    const connection = vpnConnection({
      state: undefined,
      tunnels: [
        { outsideIpAddress: '', status: 'DOWN', statusMessage: 'IPSEC IS DOWN' },
        { outsideIpAddress: '', status: 'UP', statusMessage: 'IPSEC IS UP' },
      ],
    });

    // Act
    const outcome = vpnTunnelDown.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain(
      'VPN connection vpn-12345678901234567 (datacenter-east): tunnel 1 is DOWN',
    );
  });

  it.each([
    ['not in the input', undefined, 'none'],
    ['in lower case', 'up', '"up"'],
    ['unknown', 'x', '"x"'],
  ])('cannot verify an UP tunnel beside one whose status is %s', (_label, status, shown) => {
    // Prepare
    const connection = vpnConnection({
      tunnels: [
        vpnTunnel({ outsideIpAddress: TUNNEL_A_IP }),
        vpnTunnel({ outsideIpAddress: TUNNEL_B_IP, status }),
      ],
    });

    // Act
    const outcome = vpnTunnelDown.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toBe(
      `VPN connection vpn-12345678901234567 (datacenter-east): tunnel ${TUNNEL_B_IP} has no status UP or DOWN in the input (${shown}), so whether it is UP cannot be verified.`,
    );
  });

  it('cannot verify a connection none of whose tunnels reports a status', () => {
    // Prepare
    const connection = vpnConnection({
      tunnels: [vpnTunnel({ status: undefined }), vpnTunnel({ outsideIpAddress: TUNNEL_B_IP, status: 'Up' })],
    });

    // Act
    const outcome = vpnTunnelDown.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome).toEqual({
      status: 'NON_COMPLIANT',
      reason: `VPN connection vpn-12345678901234567 (datacenter-east): tunnels ${TUNNEL_A_IP} and ${TUNNEL_B_IP} have no status UP or DOWN in the input (none and "Up"), so whether they are UP cannot be verified.`,
      details: {
        state: 'available',
        tunnels: [
          { tunnel: TUNNEL_A_IP, status: 'unknown', statusMessage: '2 BGP ROUTES' },
          { tunnel: TUNNEL_B_IP, status: 'Up', statusMessage: '2 BGP ROUTES' },
        ],
      },
      unverified: true,
    });
  });

  it.each(['Available', 'available ', 'x'])(
    'cannot verify a connection whose state %j is not an EC2 VPN state',
    (state) => {
      // Prepare
      const connection = vpnConnection({ state });

      // Act
      const outcome = vpnTunnelDown.evaluate(connection, vpnRuleContext());

      // Assess
      expect(outcome).toEqual({
        status: 'NON_COMPLIANT',
        reason: `VPN connection vpn-12345678901234567 (datacenter-east) has the state ${JSON.stringify(state)}, which is not a VPN connection state, so whether its tunnels should be UP cannot be verified.`,
        details: { state },
        unverified: true,
      });
    },
  );

  it.each(['pending', 'modifying', 'deleting', 'deleted'])('does not judge a %s connection', (state) => {
    // Prepare
    const connection = vpnConnection({ state, tunnels: [vpnTunnel({ status: 'DOWN' })] });

    // Act
    const outcome = vpnTunnelDown.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.status).toBe('NOT_APPLICABLE');
    expect(outcome.reason).toContain('not available');
  });

  it('cannot verify an available connection with no tunnel data', () => {
    // Prepare
    const connection = vpnConnection({ tunnels: [] });

    // Act
    const outcome = vpnTunnelDown.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
  });
});

describe('vpn-tunnel-down wording and details', () => {
  const LABEL = 'vpn-12345678901234567 (datacenter-east)';

  it('declares the EC2.20 and vpc-vpn-2-tunnels-up mapping of RULES.md', () => {
    // Assess
    expect(vpnTunnelDown.metadata).toMatchObject({
      severity: 'medium',
      defaultMode: 'notify',
      parameters: [],
      compliance: { securityHub: ['EC2.20'], configRules: ['vpc-vpn-2-tunnels-up'] },
    });
  });

  it('says the input has no tunnel data, not that the status is missing, for a connection without tunnels', () => {
    // Prepare
    const connection = vpnConnection({ tunnels: [] });

    // Act
    const outcome = vpnTunnelDown.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome).toEqual({
      status: 'NON_COMPLIANT',
      reason: `VPN connection ${LABEL}: the input has no tunnel data (no tunnel options, no VgwTelemetry), so whether its tunnels are UP cannot be verified.`,
      details: { tunnels: [], noTunnelData: true },
      unverified: true,
    });
  });

  it('says the VgwTelemetry status is missing when no tunnel reports one', () => {
    // Prepare
    const connection = vpnConnection({ tunnels: [vpnTunnel({ status: undefined })] });

    // Act
    const outcome = vpnTunnelDown.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.reason).toBe(
      `VPN connection ${LABEL}: tunnel ${TUNNEL_A_IP} has no status UP or DOWN in the input (none), so whether it is UP cannot be verified.`,
    );
  });

  it('names the DOWN tunnel without an empty bracket when telemetry gives no message, and lists every tunnel in details', () => {
    // Prepare
    const connection = vpnConnection({
      tunnels: [
        vpnTunnel({ outsideIpAddress: TUNNEL_A_IP, status: 'DOWN', statusMessage: undefined }),
        vpnTunnel({ outsideIpAddress: TUNNEL_B_IP, statusMessage: '2 BGP ROUTES' }),
      ],
    });

    // Act
    const outcome = vpnTunnelDown.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome).toEqual({
      status: 'NON_COMPLIANT',
      reason: `VPN connection ${LABEL} is available but tunnel ${TUNNEL_A_IP} is DOWN; traffic has lost its redundant encrypted path.`,
      details: {
        state: 'available',
        tunnels: [
          { tunnel: TUNNEL_A_IP, status: 'DOWN' },
          { tunnel: TUNNEL_B_IP, status: 'UP', statusMessage: '2 BGP ROUTES' },
        ],
      },
    });
  });

  it('gives each distinct status message of the DOWN tunnels once, separated by semicolons', () => {
    // Prepare
    const connection = vpnConnection({
      tunnels: [
        vpnTunnel({ outsideIpAddress: TUNNEL_A_IP, status: 'DOWN', statusMessage: 'IPSEC IS DOWN' }),
        vpnTunnel({ outsideIpAddress: TUNNEL_B_IP, status: 'DOWN', statusMessage: 'IKE NEGOTIATION FAILED' }),
        vpnTunnel({ outsideIpAddress: '198.51.100.7', status: 'DOWN', statusMessage: 'IPSEC IS DOWN' }),
      ],
    });

    // Act
    const outcome = vpnTunnelDown.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.reason).toBe(
      `VPN connection ${LABEL} is available but tunnels ${TUNNEL_A_IP}, ${TUNNEL_B_IP} and 198.51.100.7 are DOWN (IPSEC IS DOWN; IKE NEGOTIATION FAILED); no tunnel is UP, so the connection carries no traffic.`,
    );
  });

  it('does not claim the connection is available when the input has no state, and leaves the state out of details', () => {
    // Prepare
    const connection = vpnConnection({
      state: undefined,
      tunnels: [
        { outsideIpAddress: '', status: 'DOWN', statusMessage: 'IPSEC IS DOWN' },
        { outsideIpAddress: '', status: 'UP' },
      ],
    });

    // Act
    const outcome = vpnTunnelDown.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.reason).toBe(
      `VPN connection ${LABEL}: tunnel 1 is DOWN (IPSEC IS DOWN); traffic has lost its redundant encrypted path.`,
    );
    expect(outcome.details).toEqual({
      tunnels: [
        { tunnel: 'tunnel 1', status: 'DOWN', statusMessage: 'IPSEC IS DOWN' },
        { tunnel: 'tunnel 2', status: 'UP' },
      ],
    });
  });

  it('passes with the exact wording and every tunnel in details when all tunnels are UP', () => {
    // Prepare
    const connection = vpnConnection();

    // Act
    const outcome = vpnTunnelDown.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome).toEqual({
      status: 'COMPLIANT',
      reason: `VPN connection ${LABEL}: tunnels ${TUNNEL_A_IP} and ${TUNNEL_B_IP} are UP.`,
      details: {
        state: 'available',
        tunnels: [
          { tunnel: TUNNEL_A_IP, status: 'UP', statusMessage: '2 BGP ROUTES' },
          { tunnel: TUNNEL_B_IP, status: 'UP', statusMessage: '2 BGP ROUTES' },
        ],
      },
    });
  });

  it('says "is UP" of a single UP tunnel', () => {
    // Prepare
    const connection = vpnConnection({
      tunnels: [vpnTunnel({ outsideIpAddress: TUNNEL_A_IP, statusMessage: undefined })],
    });

    // Act
    const outcome = vpnTunnelDown.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.reason).toBe(`VPN connection ${LABEL}: tunnel ${TUNNEL_A_IP} is UP.`);
    expect(outcome.details).toEqual({ state: 'available', tunnels: [{ tunnel: TUNNEL_A_IP, status: 'UP' }] });
  });
});
