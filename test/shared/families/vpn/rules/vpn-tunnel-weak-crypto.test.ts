import { describe, expect, it } from 'vitest';
import { vpnTunnelWeakCrypto } from '../../../../../shared/families/vpn/rules/vpn-tunnel-weak-crypto.js';
import type { PolicyInput } from '../../../../../shared/policy/schema.js';
import { evaluateAndPlan } from '../../../../../shared/usecase/evaluate.js';
import {
  awsDefaultTunnelOptions,
  hardenedTunnelOptions,
  TUNNEL_A_IP,
  TUNNEL_B_IP,
  vpnConnection,
  vpnRuleContext,
  vpnTunnel,
} from '../../../../helpers/vpn-fixtures.js';

const AES256_ONLY: PolicyInput = { vpn: { allowedEncryptionAlgorithms: ['AES256', 'AES256-GCM-16'] } };

describe('vpn-tunnel-weak-crypto', () => {
  it('passes tunnels restricted to AES, SHA2 and DH groups 14 and up', () => {
    // Prepare
    const connection = vpnConnection();

    // Act
    const outcome = vpnTunnelWeakCrypto.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
  });

  it('fails empty option lists: the AWS defaults permit SHA1 and DH groups 2, 5 and 22', () => {
    // Prepare
    const connection = vpnConnection({
      tunnels: [vpnTunnel({ outsideIpAddress: TUNNEL_A_IP, options: awsDefaultTunnelOptions() })],
    });

    // Act
    const outcome = vpnTunnelWeakCrypto.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain('AWS defaults');
    expect(outcome.details).toEqual({
      tunnels: [
        {
          tunnel: TUNNEL_A_IP,
          // Phase 1 never offers group 5.
          phase1: { integrityAlgorithms: ['SHA1'], dhGroups: [2, 22] },
          phase2: { integrityAlgorithms: ['SHA1'], dhGroups: [2, 5, 22] },
          awsDefaultLists: [
            'phase1IntegrityAlgorithms',
            'phase1DHGroupNumbers',
            'phase2IntegrityAlgorithms',
            'phase2DHGroupNumbers',
          ],
        },
      ],
      unverifiedTunnels: [],
    });
  });

  it('fails DH group 22 even when it is listed among strong groups', () => {
    // Prepare
    const options = hardenedTunnelOptions();
    options.phase2DHGroupNumbers = [14, 20, 22];
    const connection = vpnConnection({ tunnels: [vpnTunnel({ outsideIpAddress: TUNNEL_A_IP, options })] });

    // Act
    const outcome = vpnTunnelWeakCrypto.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain('phase 2 DH groups 22');
    expect(outcome.details).toMatchObject({ tunnels: [{ tunnel: TUNNEL_A_IP, phase2: { dhGroups: [22] } }] });
  });

  it('fails SHA1 listed explicitly for phase 1 and names the phase', () => {
    // Prepare
    const options = hardenedTunnelOptions();
    options.phase1IntegrityAlgorithms = ['SHA1', 'SHA2-256'];
    const connection = vpnConnection({ tunnels: [vpnTunnel({ outsideIpAddress: TUNNEL_A_IP, options })] });

    // Act
    const outcome = vpnTunnelWeakCrypto.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain('phase 1 integrity SHA1');
    expect(outcome.reason).not.toContain('phase 2');
    expect(outcome.reason).not.toContain('AWS defaults');
  });

  it('names only the default tunnel when the other one is hardened (partially hardened)', () => {
    // Prepare: as the AWS CLI example, one tunnel restricted to DH 14-18, the other untouched
    const partial = awsDefaultTunnelOptions();
    partial.phase1DHGroupNumbers = [14, 15, 16, 17, 18];
    partial.phase2DHGroupNumbers = [14, 15, 16, 17, 18];
    const connection = vpnConnection({
      tunnels: [
        vpnTunnel({ outsideIpAddress: TUNNEL_A_IP, options: hardenedTunnelOptions() }),
        vpnTunnel({ outsideIpAddress: TUNNEL_B_IP, options: awsDefaultTunnelOptions() }),
      ],
    });
    const cliExample = structuredClone(connection);
    cliExample.tunnels = [
      vpnTunnel({ outsideIpAddress: TUNNEL_A_IP, options: partial }),
      vpnTunnel({ outsideIpAddress: TUNNEL_B_IP, options: awsDefaultTunnelOptions() }),
    ];

    // Act
    const outcome = vpnTunnelWeakCrypto.evaluate(connection, vpnRuleContext());
    const cliOutcome = vpnTunnelWeakCrypto.evaluate(cliExample, vpnRuleContext());

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain(TUNNEL_B_IP);
    expect(outcome.reason).not.toContain(TUNNEL_A_IP);
    expect(cliOutcome.status).toBe('NON_COMPLIANT');
    expect(cliOutcome.details).toMatchObject({
      tunnels: [
        {
          tunnel: TUNNEL_A_IP,
          phase1: { integrityAlgorithms: ['SHA1'] },
          phase2: { integrityAlgorithms: ['SHA1'] },
        },
        { tunnel: TUNNEL_B_IP, phase1: { dhGroups: [2, 22] } },
      ],
    });
  });

  it('applies a stricter AES-256-only policy', () => {
    // Prepare
    const connection = vpnConnection({ tunnels: [vpnTunnel({ outsideIpAddress: TUNNEL_A_IP })] });

    // Act
    const defaults = vpnTunnelWeakCrypto.evaluate(connection, vpnRuleContext());
    const strict = vpnTunnelWeakCrypto.evaluate(connection, vpnRuleContext(AES256_ONLY));

    // Assess
    expect(defaults.status).toBe('COMPLIANT');
    expect(strict.status).toBe('NON_COMPLIANT');
    expect(strict.details).toMatchObject({
      tunnels: [
        {
          tunnel: TUNNEL_A_IP,
          phase1: { encryptionAlgorithms: ['AES128-GCM-16'] },
          phase2: { encryptionAlgorithms: ['AES128-GCM-16'] },
        },
      ],
    });
  });

  it('passes an AES-256-only tunnel under the AES-256-only policy', () => {
    // Prepare
    const options = hardenedTunnelOptions();
    options.phase1EncryptionAlgorithms = ['AES256-GCM-16'];
    options.phase2EncryptionAlgorithms = ['AES256-GCM-16', 'AES256'];
    const connection = vpnConnection({ tunnels: [vpnTunnel({ options })] });

    // Act
    const outcome = vpnTunnelWeakCrypto.evaluate(connection, vpnRuleContext(AES256_ONLY));

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
  });

  it('fails an empty encryption list under the AES-256-only policy', () => {
    // Prepare
    const options = hardenedTunnelOptions();
    options.phase2EncryptionAlgorithms = [];
    const connection = vpnConnection({ tunnels: [vpnTunnel({ outsideIpAddress: TUNNEL_A_IP, options })] });

    // Act
    const outcome = vpnTunnelWeakCrypto.evaluate(connection, vpnRuleContext(AES256_ONLY));

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.details).toMatchObject({
      tunnels: [
        {
          phase1: { encryptionAlgorithms: ['AES128-GCM-16'] },
          phase2: { encryptionAlgorithms: ['AES128', 'AES128-GCM-16'] },
          awsDefaultLists: ['phase2EncryptionAlgorithms'],
        },
      ],
    });
  });

  it('fails closed, naming the tunnel, when the input carries no tunnel options', () => {
    // Prepare: a minimal Config item shows telemetry but no options
    const connection = vpnConnection({
      tunnels: [
        vpnTunnel({ outsideIpAddress: TUNNEL_A_IP }),
        vpnTunnel({ outsideIpAddress: TUNNEL_B_IP, options: undefined }),
      ],
    });

    // Act
    const outcome = vpnTunnelWeakCrypto.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain(`tunnel ${TUNNEL_B_IP} are not in the input`);
    expect(outcome.reason).toContain('cannot be verified');
    expect(outcome.details).toEqual({ tunnels: [], unverifiedTunnels: [TUNNEL_B_IP] });
  });

  it.each(['deleted', 'deleting'])('does not judge a %s connection', (state) => {
    // Prepare
    const connection = vpnConnection({ state, tunnels: [vpnTunnel({ options: awsDefaultTunnelOptions() })] });

    // Act
    const outcome = vpnTunnelWeakCrypto.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.status).toBe('NOT_APPLICABLE');
  });

  it('cannot verify a connection with no tunnel data (describe output without Options.TunnelOptions or VgwTelemetry)', () => {
    // Prepare
    const connection = vpnConnection({ tunnels: [] });

    // Act
    const [evaluation] = evaluateAndPlan(connection, [vpnTunnelWeakCrypto], vpnRuleContext());

    // Assess
    expect(evaluation).toMatchObject({
      status: 'NON_COMPLIANT',
      reason:
        'VPN connection vpn-12345678901234567 (datacenter-east): the input has no tunnel data (no tunnel options, no VgwTelemetry), so the crypto cannot be verified.',
      details: { tunnels: [], noTunnelData: true },
    });
    expect(evaluation?.response?.calls).toBeUndefined();
  });

  it('still judges a pending connection, whose defaults are weak from the start', () => {
    // Prepare
    const connection = vpnConnection({
      state: 'pending',
      tunnels: [vpnTunnel({ options: awsDefaultTunnelOptions() })],
    });

    // Act
    const outcome = vpnTunnelWeakCrypto.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
  });

  it('plans ModifyVpnTunnelOptions with the allowed sets as the target', () => {
    // Prepare
    const connection = vpnConnection({ tunnels: [vpnTunnel({ options: awsDefaultTunnelOptions() })] });

    // Act
    const [evaluation] = evaluateAndPlan(
      connection,
      [vpnTunnelWeakCrypto],
      vpnRuleContext({ rules: { [vpnTunnelWeakCrypto.metadata.id]: { mode: 'remediate' } } }),
    );

    // Assess
    expect(evaluation?.response?.action).toBe('modify-vpn-tunnel-options');
    expect(evaluation?.response?.target).toContain('DH groups 14,15,16,17,18,19,20,21,23,24');
  });
});

describe('vpn-tunnel-weak-crypto wording', () => {
  const LABEL = 'vpn-12345678901234567 (datacenter-east)';

  it('declares the three policy lists it reads, and no peer mapping (RULES.md: none)', () => {
    // Assess
    expect(vpnTunnelWeakCrypto.metadata.parameters.map(({ policyPath }) => policyPath)).toEqual([
      'vpn.allowedEncryptionAlgorithms',
      'vpn.allowedIntegrityAlgorithms',
      'vpn.allowedDHGroups',
    ]);
    for (const parameter of vpnTunnelWeakCrypto.metadata.parameters) {
      expect(parameter.description, parameter.policyPath).toMatch(/^Phase 1 and 2 /);
    }
    expect(vpnTunnelWeakCrypto.metadata.compliance).toMatchObject({ securityHub: [], configRules: [] });
  });

  it('passes with a reason that says every tunnel is restricted', () => {
    // Act
    const outcome = vpnTunnelWeakCrypto.evaluate(vpnConnection(), vpnRuleContext());

    // Assess
    expect(outcome.reason).toBe(
      `Every tunnel of VPN connection ${LABEL} permits only the allowed algorithms and DH groups.`,
    );
  });

  it('spells out each offending value, kind and phase, and the allowed sets as the target', () => {
    // Prepare
    const options = hardenedTunnelOptions();
    options.phase1IntegrityAlgorithms = ['SHA1', 'SHA2-256'];
    options.phase1DHGroupNumbers = [2, 14, 22];
    options.phase2EncryptionAlgorithms = ['AES256'];
    options.phase2IntegrityAlgorithms = ['SHA2-512'];
    options.phase2DHGroupNumbers = [20];
    const connection = vpnConnection({ tunnels: [vpnTunnel({ outsideIpAddress: TUNNEL_A_IP, options })] });
    const policy: PolicyInput = {
      vpn: {
        allowedEncryptionAlgorithms: ['AES256-GCM-16', 'AES128-GCM-16'],
        allowedIntegrityAlgorithms: ['SHA2-256', 'SHA2-512'],
        allowedDHGroups: [14, 20],
      },
    };

    // Act
    const outcome = vpnTunnelWeakCrypto.evaluate(connection, vpnRuleContext(policy));

    // Assess
    expect(outcome.reason).toBe(
      `VPN connection ${LABEL}: Tunnel ${TUNNEL_A_IP} permits phase 1 encryption AES256 and integrity SHA1 and DH groups 2, 22; phase 2 encryption AES256.`,
    );
    expect(outcome.remediationTarget).toBe(
      'encryption AES256-GCM-16,AES128-GCM-16; integrity SHA2-256,SHA2-512; DH groups 14,20',
    );
  });

  it('says only the phase that has offending values', () => {
    // Prepare
    const options = hardenedTunnelOptions();
    options.phase2DHGroupNumbers = [5, 14];
    const connection = vpnConnection({ tunnels: [vpnTunnel({ outsideIpAddress: TUNNEL_A_IP, options })] });

    // Act
    const outcome = vpnTunnelWeakCrypto.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.reason).toBe(
      `VPN connection ${LABEL}: Tunnel ${TUNNEL_A_IP} permits phase 2 DH groups 5.`,
    );
  });

  it('gives one sentence per weak tunnel and one for the tunnels it cannot verify', () => {
    // Prepare
    const options = awsDefaultTunnelOptions();
    options.phase1IntegrityAlgorithms = ['SHA2-256'];
    options.phase2IntegrityAlgorithms = ['SHA2-256'];
    options.phase2DHGroupNumbers = [14];
    const connection = vpnConnection({
      tunnels: [
        vpnTunnel({ outsideIpAddress: TUNNEL_A_IP, options }),
        vpnTunnel({ outsideIpAddress: TUNNEL_B_IP, options: undefined }),
      ],
    });

    // Act
    const outcome = vpnTunnelWeakCrypto.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.reason).toBe(
      `VPN connection ${LABEL}: Tunnel ${TUNNEL_A_IP} permits phase 1 DH groups 2, 22 (empty option lists: the AWS defaults allow every value). The tunnel options of tunnel ${TUNNEL_B_IP} are not in the input, so the crypto cannot be verified.`,
    );
  });

  it('names a tunnel without an outside IP by position, without repeating "tunnel"', () => {
    // Prepare
    const connection = vpnConnection({
      tunnels: [{ outsideIpAddress: '', status: 'UP', options: awsDefaultTunnelOptions() }],
    });

    // Act
    const outcome = vpnTunnelWeakCrypto.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.reason).toMatch(/^VPN connection \S+ \(datacenter-east\): Tunnel 1 permits phase 1 /);
  });

  it('judges a connection whose state the input does not give', () => {
    // Prepare
    const connection = vpnConnection({
      state: undefined,
      tunnels: [vpnTunnel({ options: awsDefaultTunnelOptions() })],
    });

    // Act
    const outcome = vpnTunnelWeakCrypto.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
  });
});
