import { describe, expect, it } from 'vitest';
import { vpnTunnelNegotiatedCrypto } from '../../../../shared/rules/vpn/vpn-tunnel-negotiated-crypto.js';
import {
  strongNegotiatedCrypto,
  TUNNEL_A_IP,
  TUNNEL_B_IP,
  vpnConnection,
  vpnRuleContext,
  vpnTunnel,
} from '../../../helpers/vpn-fixtures.js';

describe('vpn-tunnel-negotiated-crypto', () => {
  it('passes UP tunnels that negotiated IKEv2, AES-GCM, SHA2 and DH group 20', () => {
    // Prepare
    const connection = vpnConnection({
      tunnels: [
        vpnTunnel({ outsideIpAddress: TUNNEL_A_IP, negotiated: strongNegotiatedCrypto() }),
        vpnTunnel({ outsideIpAddress: TUNNEL_B_IP, negotiated: strongNegotiatedCrypto() }),
      ],
    });

    // Act
    const outcome = vpnTunnelNegotiatedCrypto.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
    expect(outcome.details).toEqual({ checkedTunnels: [TUNNEL_A_IP, TUNNEL_B_IP], tunnels: [] });
  });

  it('fails an UP tunnel that negotiated IKEv1, SHA1 and DH group 2, naming only that tunnel', () => {
    // Prepare
    const weak = {
      ...strongNegotiatedCrypto(),
      ikeVersion: 'ikev1',
      phase1EncryptionAlgorithm: 'AES128',
      phase1IntegrityAlgorithm: 'SHA1',
      phase1DHGroup: 2,
    };
    const connection = vpnConnection({
      tunnels: [
        vpnTunnel({ outsideIpAddress: TUNNEL_A_IP, negotiated: strongNegotiatedCrypto() }),
        vpnTunnel({ outsideIpAddress: TUNNEL_B_IP, negotiated: weak }),
      ],
    });

    // Act
    const outcome = vpnTunnelNegotiatedCrypto.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain(`tunnel ${TUNNEL_B_IP} negotiated IKE version ikev1`);
    expect(outcome.reason).not.toContain(TUNNEL_A_IP);
    expect(outcome.details).toMatchObject({
      tunnels: [
        {
          tunnel: TUNNEL_B_IP,
          outsidePolicy: { ikeVersion: 'ikev1', phase1IntegrityAlgorithm: 'SHA1', phase1DHGroup: 2 },
        },
      ],
    });
  });

  it('fails DH group 22 negotiated in phase 2', () => {
    // Prepare
    const connection = vpnConnection({
      tunnels: [vpnTunnel({ negotiated: { ...strongNegotiatedCrypto(), phase2DHGroup: 22 } })],
    });

    // Act
    const outcome = vpnTunnelNegotiatedCrypto.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain('phase 2 DH group 22');
  });

  it('applies a stricter AES-256-only policy to negotiated AES128', () => {
    // Prepare
    const connection = vpnConnection({
      tunnels: [
        vpnTunnel({
          negotiated: { ...strongNegotiatedCrypto(), phase2EncryptionAlgorithm: 'AES128-GCM-16' },
        }),
      ],
    });

    // Act
    const defaults = vpnTunnelNegotiatedCrypto.evaluate(connection, vpnRuleContext());
    const strict = vpnTunnelNegotiatedCrypto.evaluate(
      connection,
      vpnRuleContext({ vpn: { allowedEncryptionAlgorithms: ['AES256', 'AES256-GCM-16'] } }),
    );

    // Assess
    expect(defaults.status).toBe('COMPLIANT');
    expect(strict.status).toBe('NON_COMPLIANT');
    expect(strict.details).toMatchObject({
      tunnels: [{ outsidePolicy: { phase2EncryptionAlgorithm: 'AES128-GCM-16' } }],
    });
  });

  it('does not count a NONE integrity beside AES-GCM as weak, but does beside AES-CBC', () => {
    // Prepare
    const gcm = vpnConnection({
      tunnels: [vpnTunnel({ negotiated: { ...strongNegotiatedCrypto(), phase2IntegrityAlgorithm: 'NONE' } })],
    });
    const cbc = structuredClone(gcm);
    cbc.tunnels = [
      vpnTunnel({
        negotiated: {
          ...strongNegotiatedCrypto(),
          phase2EncryptionAlgorithm: 'AES256',
          phase2IntegrityAlgorithm: 'NONE',
        },
      }),
    ];

    // Act
    const gcmOutcome = vpnTunnelNegotiatedCrypto.evaluate(gcm, vpnRuleContext());
    const cbcOutcome = vpnTunnelNegotiatedCrypto.evaluate(cbc, vpnRuleContext());

    // Assess
    expect(gcmOutcome.status).toBe('COMPLIANT');
    expect(cbcOutcome.status).toBe('NON_COMPLIANT');
  });

  it('ignores negotiated data of a tunnel that is DOWN', () => {
    // Prepare
    const connection = vpnConnection({
      tunnels: [
        vpnTunnel({ outsideIpAddress: TUNNEL_A_IP, negotiated: strongNegotiatedCrypto() }),
        vpnTunnel({
          outsideIpAddress: TUNNEL_B_IP,
          status: 'DOWN',
          negotiated: { ...strongNegotiatedCrypto(), ikeVersion: 'ikev1' },
        }),
      ],
    });

    // Act
    const outcome = vpnTunnelNegotiatedCrypto.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
    expect(outcome.details).toMatchObject({ checkedTunnels: [TUNNEL_A_IP] });
  });

  it('does not judge a connection without negotiated data', () => {
    // Prepare
    const connection = vpnConnection();

    // Act
    const outcome = vpnTunnelNegotiatedCrypto.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.status).toBe('NOT_APPLICABLE');
    expect(outcome.reason).toContain('GetActiveVpnTunnelStatus');
  });

  it('does not judge a deleted connection', () => {
    // Prepare
    const connection = vpnConnection({
      state: 'deleted',
      tunnels: [vpnTunnel({ negotiated: { ...strongNegotiatedCrypto(), ikeVersion: 'ikev1' } })],
    });

    // Act
    const outcome = vpnTunnelNegotiatedCrypto.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.status).toBe('NOT_APPLICABLE');
  });
});
