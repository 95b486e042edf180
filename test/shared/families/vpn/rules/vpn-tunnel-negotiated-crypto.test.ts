import { describe, expect, it } from 'vitest';
import { vpnTunnelNegotiatedCrypto } from '../../../../../shared/families/vpn/rules/vpn-tunnel-negotiated-crypto.js';
import {
  strongNegotiatedCrypto,
  TUNNEL_A_IP,
  TUNNEL_B_IP,
  vpnConnection,
  vpnRuleContext,
  vpnTunnel,
} from '../../../../helpers/vpn-fixtures.js';

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

describe('vpn-tunnel-negotiated-crypto wording and edge cases', () => {
  const LABEL = 'vpn-12345678901234567 (datacenter-east)';
  const STRICT = vpnRuleContext({
    vpn: {
      allowedEncryptionAlgorithms: ['AES256-GCM-16'],
      allowedIntegrityAlgorithms: ['SHA2-512'],
      allowedDHGroups: [21],
    },
  });

  it('declares every policy list it reads, and no peer mapping (RULES.md: none)', () => {
    // Assess
    expect(vpnTunnelNegotiatedCrypto.metadata.parameters.map(({ policyPath }) => policyPath)).toEqual([
      'vpn.allowedIkeVersions',
      'vpn.allowedEncryptionAlgorithms',
      'vpn.allowedIntegrityAlgorithms',
      'vpn.allowedDHGroups',
    ]);
    for (const parameter of vpnTunnelNegotiatedCrypto.metadata.parameters) {
      expect(parameter.description, parameter.policyPath).toMatch(/negotiate/);
    }
    expect(vpnTunnelNegotiatedCrypto.metadata.compliance).toMatchObject({ securityHub: [], configRules: [] });
  });

  it.each([
    ['phase1EncryptionAlgorithm', 'AES128', 'phase 1 encryption AES128'],
    ['phase1IntegrityAlgorithm', 'SHA2-256', 'phase 1 integrity SHA2-256'],
    ['phase1DHGroup', 14, 'phase 1 DH group 14'],
    ['phase2EncryptionAlgorithm', 'AES256', 'phase 2 encryption AES256'],
    ['phase2IntegrityAlgorithm', 'SHA2-384', 'phase 2 integrity SHA2-384'],
    ['phase2DHGroup', 20, 'phase 2 DH group 20'],
  ] as const)('names a negotiated %s outside the policy as "%s"', (field, value, words) => {
    // Prepare
    const negotiated = {
      ikeVersion: 'ikev2',
      phase1EncryptionAlgorithm: 'AES256-GCM-16',
      phase2EncryptionAlgorithm: 'AES256-GCM-16',
      phase1IntegrityAlgorithm: 'SHA2-512',
      phase2IntegrityAlgorithm: 'SHA2-512',
      phase1DHGroup: 21,
      phase2DHGroup: 21,
      [field]: value,
    };
    const connection = vpnConnection({ tunnels: [vpnTunnel({ outsideIpAddress: TUNNEL_A_IP, negotiated })] });

    // Act
    const outcome = vpnTunnelNegotiatedCrypto.evaluate(connection, STRICT);

    // Assess
    expect(outcome).toEqual({
      status: 'NON_COMPLIANT',
      reason: `VPN connection ${LABEL}: tunnel ${TUNNEL_A_IP} negotiated ${words}, outside the policy.`,
      details: {
        checkedTunnels: [TUNNEL_A_IP],
        tunnels: [{ tunnel: TUNNEL_A_IP, outsidePolicy: { [field]: value } }],
      },
    });
  });

  it('lists every weak value of a tunnel, and each weak tunnel, in one reason', () => {
    // Prepare
    const connection = vpnConnection({
      tunnels: [
        vpnTunnel({
          outsideIpAddress: TUNNEL_A_IP,
          negotiated: { ...strongNegotiatedCrypto(), ikeVersion: 'ikev1', phase1IntegrityAlgorithm: 'SHA1' },
        }),
        vpnTunnel({
          outsideIpAddress: TUNNEL_B_IP,
          negotiated: { ...strongNegotiatedCrypto(), phase2DHGroup: 2 },
        }),
      ],
    });

    // Act
    const outcome = vpnTunnelNegotiatedCrypto.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.reason).toBe(
      `VPN connection ${LABEL}: tunnel ${TUNNEL_A_IP} negotiated IKE version ikev1 and phase 1 integrity SHA1; tunnel ${TUNNEL_B_IP} negotiated phase 2 DH group 2, outside the policy.`,
    );
  });

  it('passes with a reason naming the tunnels it checked', () => {
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
    expect(outcome.reason).toBe(
      `VPN connection ${LABEL}: tunnels ${TUNNEL_A_IP} and ${TUNNEL_B_IP} negotiated crypto inside the policy.`,
    );
  });

  it('judges only the values GetActiveVpnTunnelStatus gave, skipping missing and blank ones', () => {
    // Prepare
    const connection = vpnConnection({
      tunnels: [
        vpnTunnel({
          negotiated: {
            ikeVersion: 'ikev2',
            phase1EncryptionAlgorithm: '',
            phase2EncryptionAlgorithm: '  ',
            phase1DHGroup: 20,
          },
        }),
      ],
    });

    // Act
    const outcome = vpnTunnelNegotiatedCrypto.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
    expect(outcome.details).toEqual({ checkedTunnels: [TUNNEL_A_IP], tunnels: [] });
  });

  it('fails a weak integrity negotiated without its phase encryption in the input', () => {
    // Prepare
    const connection = vpnConnection({
      tunnels: [vpnTunnel({ negotiated: { ikeVersion: 'ikev2', phase2IntegrityAlgorithm: 'SHA1' } })],
    });

    // Act
    const outcome = vpnTunnelNegotiatedCrypto.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.details).toMatchObject({
      tunnels: [{ outsidePolicy: { phase2IntegrityAlgorithm: 'SHA1' } }],
    });
  });

  it('does not count a phase 1 NONE integrity beside AES-GCM, however it is spelled', () => {
    // Prepare
    const connection = vpnConnection({
      tunnels: [
        vpnTunnel({ negotiated: { ...strongNegotiatedCrypto(), phase1IntegrityAlgorithm: ' none ' } }),
      ],
    });

    // Act
    const outcome = vpnTunnelNegotiatedCrypto.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
  });

  it('still fails SHA1 integrity beside AES-GCM: only NONE is the GCM placeholder', () => {
    // Prepare
    const connection = vpnConnection({
      tunnels: [vpnTunnel({ negotiated: { ...strongNegotiatedCrypto(), phase1IntegrityAlgorithm: 'SHA1' } })],
    });

    // Act
    const outcome = vpnTunnelNegotiatedCrypto.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.details).toMatchObject({
      tunnels: [{ outsidePolicy: { phase1IntegrityAlgorithm: 'SHA1' } }],
    });
  });

  it.each([
    ['the input does not give', undefined],
    ['is in lower case', 'up'],
    ['is unknown', 'x'],
  ])('judges the negotiated data of a tunnel whose status %s, never passing it', (_label, status) => {
    // Prepare
    const connection = vpnConnection({
      tunnels: [
        vpnTunnel({ outsideIpAddress: TUNNEL_A_IP, negotiated: strongNegotiatedCrypto() }),
        vpnTunnel({
          outsideIpAddress: TUNNEL_B_IP,
          status,
          negotiated: { ...strongNegotiatedCrypto(), ikeVersion: 'ikev1' },
        }),
      ],
    });

    // Act
    const outcome = vpnTunnelNegotiatedCrypto.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome).toEqual({
      status: 'NON_COMPLIANT',
      reason: `VPN connection ${LABEL}: tunnel ${TUNNEL_B_IP} negotiated IKE version ikev1, outside the policy.`,
      details: {
        checkedTunnels: [TUNNEL_A_IP, TUNNEL_B_IP],
        tunnels: [{ tunnel: TUNNEL_B_IP, outsidePolicy: { ikeVersion: 'ikev1' } }],
      },
    });
  });

  it('does not judge a connection without tunnel data: only GetActiveVpnTunnelStatus data is judged', () => {
    // Prepare
    const connection = vpnConnection({ tunnels: [] });

    // Act
    const outcome = vpnTunnelNegotiatedCrypto.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome).toEqual({
      status: 'NOT_APPLICABLE',
      reason: `VPN connection ${LABEL}: no tunnel with negotiated crypto (GetActiveVpnTunnelStatus) that is not DOWN in the input.`,
    });
  });

  it('names a tunnel without an outside IP by position, without repeating "tunnel"', () => {
    // Prepare
    const connection = vpnConnection({
      tunnels: [
        {
          outsideIpAddress: '',
          status: 'UP',
          negotiated: { ...strongNegotiatedCrypto(), ikeVersion: 'ikev1' },
        },
      ],
    });

    // Act
    const outcome = vpnTunnelNegotiatedCrypto.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.reason).toBe(
      `VPN connection ${LABEL}: tunnel 1 negotiated IKE version ikev1, outside the policy.`,
    );
  });
});
