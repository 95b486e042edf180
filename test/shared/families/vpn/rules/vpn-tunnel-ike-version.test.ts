import { describe, expect, it } from 'vitest';
import { vpnTunnelIkeVersion } from '../../../../../shared/families/vpn/rules/vpn-tunnel-ike-version.js';
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

describe('vpn-tunnel-ike-version', () => {
  it('passes a connection whose tunnels both permit only IKEv2', () => {
    // Prepare
    const connection = vpnConnection();

    // Act
    const outcome = vpnTunnelIkeVersion.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
    expect(outcome.reason).toContain('ikev2');
  });

  it('fails a tunnel that lists ikev1 explicitly', () => {
    // Prepare
    const options = hardenedTunnelOptions();
    options.ikeVersions = ['ikev1', 'ikev2'];
    const connection = vpnConnection({
      tunnels: [
        vpnTunnel({ outsideIpAddress: TUNNEL_A_IP, options }),
        vpnTunnel({ outsideIpAddress: TUNNEL_B_IP }),
      ],
    });

    // Act
    const outcome = vpnTunnelIkeVersion.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain(`Tunnel ${TUNNEL_A_IP} permits ikev1;`);
    expect(outcome.reason).not.toContain(TUNNEL_B_IP);
    expect(outcome.details).toMatchObject({
      tunnels: [{ tunnel: TUNNEL_A_IP, outsidePolicy: ['ikev1'], awsDefault: false }],
    });
  });

  it('fails an empty IKE version list, because the AWS default permits ikev1', () => {
    // Prepare
    const connection = vpnConnection({
      tunnels: [
        vpnTunnel({ outsideIpAddress: TUNNEL_A_IP, options: awsDefaultTunnelOptions() }),
        vpnTunnel({ outsideIpAddress: TUNNEL_B_IP, options: awsDefaultTunnelOptions() }),
      ],
    });

    // Act
    const outcome = vpnTunnelIkeVersion.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain(TUNNEL_A_IP);
    expect(outcome.reason).toContain(TUNNEL_B_IP);
    expect(outcome.reason).toContain('AWS default');
    expect(outcome.details).toMatchObject({
      tunnels: [
        { tunnel: TUNNEL_A_IP, permitted: ['ikev1', 'ikev2'], outsidePolicy: ['ikev1'], awsDefault: true },
        { tunnel: TUNNEL_B_IP, permitted: ['ikev1', 'ikev2'], outsidePolicy: ['ikev1'], awsDefault: true },
      ],
    });
  });

  it('names only the default tunnel when the other one is hardened', () => {
    // Prepare
    const connection = vpnConnection({
      tunnels: [
        vpnTunnel({ outsideIpAddress: TUNNEL_A_IP, options: hardenedTunnelOptions() }),
        vpnTunnel({ outsideIpAddress: TUNNEL_B_IP, options: awsDefaultTunnelOptions() }),
      ],
    });

    // Act
    const outcome = vpnTunnelIkeVersion.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain(TUNNEL_B_IP);
    expect(outcome.reason).not.toContain(TUNNEL_A_IP);
  });

  it('judges every tunnel, not only the first two', () => {
    // Prepare
    const third = '198.51.100.7';
    const connection = vpnConnection();
    connection.tunnels.push(vpnTunnel({ outsideIpAddress: third, options: awsDefaultTunnelOptions() }));

    // Act
    const outcome = vpnTunnelIkeVersion.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain(third);
  });

  it('fails closed when the input carries no tunnel options', () => {
    // Prepare
    const connection = vpnConnection({
      tunnels: [
        vpnTunnel({ outsideIpAddress: TUNNEL_A_IP, options: undefined }),
        vpnTunnel({ outsideIpAddress: TUNNEL_B_IP, options: undefined }),
      ],
    });

    // Act
    const outcome = vpnTunnelIkeVersion.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain('not in the input');
    expect(outcome.reason).toContain('cannot be verified');
    expect(outcome.details).toMatchObject({ tunnels: [], unverifiedTunnels: [TUNNEL_A_IP, TUNNEL_B_IP] });
  });

  it('accepts ikev1 when the policy allows it', () => {
    // Prepare
    const connection = vpnConnection({
      tunnels: [vpnTunnel({ options: awsDefaultTunnelOptions() })],
    });

    // Act
    const outcome = vpnTunnelIkeVersion.evaluate(
      connection,
      vpnRuleContext({ vpn: { allowedIkeVersions: ['ikev1', 'ikev2'] } }),
    );

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
  });

  it('compares IKE versions without regard to case', () => {
    // Prepare
    const options = hardenedTunnelOptions();
    options.ikeVersions = ['IKEv2'];
    const connection = vpnConnection({ tunnels: [vpnTunnel({ options })] });

    // Act
    const outcome = vpnTunnelIkeVersion.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
  });

  it.each(['deleted', 'deleting'])('does not judge a %s connection', (state) => {
    // Prepare
    const connection = vpnConnection({ state, tunnels: [vpnTunnel({ options: awsDefaultTunnelOptions() })] });

    // Act
    const outcome = vpnTunnelIkeVersion.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.status).toBe('NOT_APPLICABLE');
  });

  it('cannot verify a connection with no tunnel data (describe output without Options.TunnelOptions or VgwTelemetry)', () => {
    // Prepare
    const connection = vpnConnection({ tunnels: [] });

    // Act
    const [evaluation] = evaluateAndPlan(connection, [vpnTunnelIkeVersion], vpnRuleContext());

    // Assess
    expect(evaluation).toMatchObject({
      status: 'NON_COMPLIANT',
      reason:
        'VPN connection vpn-12345678901234567 (datacenter-east): the input has no tunnel data (no tunnel options, no VgwTelemetry), so the IKE versions cannot be verified.',
      details: { tunnels: [], noTunnelData: true },
    });
    expect(evaluation?.response?.calls).toBeUndefined();
  });

  it('plans ModifyVpnTunnelOptions with the allowed IKE versions', () => {
    // Prepare
    const connection = vpnConnection({ tunnels: [vpnTunnel({ options: awsDefaultTunnelOptions() })] });

    // Act
    const [evaluation] = evaluateAndPlan(
      connection,
      [vpnTunnelIkeVersion],
      vpnRuleContext({ rules: { [vpnTunnelIkeVersion.metadata.id]: { mode: 'remediate' } } }),
    );

    // Assess
    expect(evaluation?.severity).toBe('high');
    expect(evaluation?.response).toMatchObject({
      mode: 'remediate',
      action: 'modify-vpn-tunnel-options',
      target: 'ikev2',
    });
  });
});

describe('vpn-tunnel-ike-version wording', () => {
  const LABEL = 'vpn-12345678901234567 (datacenter-east)';

  it('declares the EC2.183 and ec2-vpn-connection-ike-version-check mapping and the policy list it reads', () => {
    // Assess
    expect(vpnTunnelIkeVersion.metadata).toMatchObject({
      parameters: [
        { policyPath: 'vpn.allowedIkeVersions', description: expect.stringMatching(/IKE versions/) },
      ],
      compliance: { securityHub: ['EC2.183'], configRules: ['ec2-vpn-connection-ike-version-check'] },
    });
  });

  it('gives each weak tunnel in one sentence that ends with what the policy allows', () => {
    // Prepare
    const explicit = hardenedTunnelOptions();
    explicit.ikeVersions = ['ikev1', 'ikev2'];
    const connection = vpnConnection({
      tunnels: [
        vpnTunnel({ outsideIpAddress: TUNNEL_A_IP, options: explicit }),
        vpnTunnel({ outsideIpAddress: TUNNEL_B_IP, options: awsDefaultTunnelOptions() }),
      ],
    });

    // Act
    const outcome = vpnTunnelIkeVersion.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.reason).toBe(
      `VPN connection ${LABEL}: Tunnel ${TUNNEL_A_IP} permits ikev1; tunnel ${TUNNEL_B_IP} permits ikev1 (its IKE version list is empty: the AWS default allows ikev1 and ikev2); the policy allows only ikev2.`,
    );
    expect(outcome.remediationTarget).toBe('ikev2');
  });

  it('says only that the options are missing when no tunnel shows a weak version', () => {
    // Prepare
    const connection = vpnConnection({
      tunnels: [
        vpnTunnel({ outsideIpAddress: TUNNEL_A_IP }),
        vpnTunnel({ outsideIpAddress: TUNNEL_B_IP, options: undefined }),
      ],
    });

    // Act
    const outcome = vpnTunnelIkeVersion.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.reason).toBe(
      `VPN connection ${LABEL}: The tunnel options of tunnel ${TUNNEL_B_IP} are not in the input, so the IKE versions cannot be verified.`,
    );
  });

  it('gives the weak tunnel and the unverified one as two sentences', () => {
    // Prepare
    const connection = vpnConnection({
      tunnels: [
        vpnTunnel({ outsideIpAddress: TUNNEL_A_IP, options: awsDefaultTunnelOptions() }),
        vpnTunnel({ outsideIpAddress: TUNNEL_B_IP, options: undefined }),
      ],
    });

    // Act
    const outcome = vpnTunnelIkeVersion.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.reason).toBe(
      `VPN connection ${LABEL}: Tunnel ${TUNNEL_A_IP} permits ikev1 (its IKE version list is empty: the AWS default allows ikev1 and ikev2); the policy allows only ikev2. The tunnel options of tunnel ${TUNNEL_B_IP} are not in the input, so the IKE versions cannot be verified.`,
    );
  });

  it('targets every allowed IKE version, comma-separated, when it cannot verify a tunnel', () => {
    // Prepare
    const connection = vpnConnection({ tunnels: [vpnTunnel({ options: undefined })] });

    // Act
    const outcome = vpnTunnelIkeVersion.evaluate(
      connection,
      vpnRuleContext({ vpn: { allowedIkeVersions: ['ikev1', 'ikev2'] } }),
    );

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.remediationTarget).toBe('ikev1,ikev2');
  });

  it('names a tunnel without an outside IP by position, without repeating "tunnel"', () => {
    // Prepare
    const connection = vpnConnection({
      tunnels: [{ outsideIpAddress: '', status: 'UP', options: awsDefaultTunnelOptions() }],
    });

    // Act
    const outcome = vpnTunnelIkeVersion.evaluate(connection, vpnRuleContext());

    // Assess
    expect(outcome.reason).toMatch(/^VPN connection \S+ \(datacenter-east\): Tunnel 1 permits ikev1 /);
  });
});
