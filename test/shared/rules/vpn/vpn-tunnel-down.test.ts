import { describe, expect, it } from 'vitest';
import { evaluateResource } from '../../../../shared/rules/engine.js';
import { vpnTunnelDown } from '../../../../shared/rules/vpn/vpn-tunnel-down.js';
import {
  TUNNEL_A_IP,
  TUNNEL_B_IP,
  vpnConnection,
  vpnRuleContext,
  vpnTunnel,
} from '../../../helpers/vpn-fixtures.js';

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
    const [evaluation] = evaluateResource(connection, [vpnTunnelDown], vpnRuleContext());

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
    expect(outcome.reason).toContain('tunnel 1 is DOWN');
  });

  it('passes UP tunnels and says which status is unknown', () => {
    // Prepare
    const connection = vpnConnection({
      tunnels: [
        vpnTunnel({ outsideIpAddress: TUNNEL_A_IP }),
        vpnTunnel({ outsideIpAddress: TUNNEL_B_IP, status: undefined }),
      ],
    });

    // Act
    const outcome = vpnTunnelDown.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
    expect(outcome.reason).toContain(`the status of tunnel ${TUNNEL_B_IP} is unknown`);
  });

  it('does not judge a connection whose tunnel status is unknown', () => {
    // Prepare
    const connection = vpnConnection({
      tunnels: [
        vpnTunnel({ status: undefined }),
        vpnTunnel({ outsideIpAddress: TUNNEL_B_IP, status: undefined }),
      ],
    });

    // Act
    const outcome = vpnTunnelDown.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.status).toBe('NOT_APPLICABLE');
  });

  it.each(['pending', 'deleting', 'deleted'])('does not judge a %s connection', (state) => {
    // Prepare
    const connection = vpnConnection({ state, tunnels: [vpnTunnel({ status: 'DOWN' })] });

    // Act
    const outcome = vpnTunnelDown.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.status).toBe('NOT_APPLICABLE');
    expect(outcome.reason).toContain('not available');
  });

  it('does not judge a connection with no tunnel data', () => {
    // Prepare
    const connection = vpnConnection({ tunnels: [] });

    // Act
    const outcome = vpnTunnelDown.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.status).toBe('NOT_APPLICABLE');
  });
});
