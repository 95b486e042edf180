import { describe, expect, it } from 'vitest';
import { normalizeDocument } from '../../../shared/inventory/index.js';
import { fixture, fixtureText, normalizeFixture, only, plantedSecrets } from './fixtures.js';

const VPN = 'AWS::EC2::VPNConnection';

describe('ec2 describe-vpn-connections', () => {
  it('joins tunnel options and telemetry by outside IP address, unwrapping {Value} lists', () => {
    // Prepare, Act
    const inventory = normalizeFixture('ec2-describe-vpn-connections.json');

    // Assess
    expect(inventory.errors).toEqual([]);
    const connection = only(inventory, VPN, 'vpn-0a1b2c3d4e5f60718');
    expect(connection).toMatchObject({
      vpnConnectionId: 'vpn-0a1b2c3d4e5f60718',
      name: 'hq-primary',
      tags: { Name: 'hq-primary', team: 'network' },
      state: 'available',
      type: 'ipsec.1',
      customerGatewayId: 'cgw-0e4f5a6071829304a',
      vpnGatewayId: 'vgw-0e4f5a60718293a4b',
      source: 'ec2-describe-vpn-connections.json (ec2 describe-vpn-connections)',
    });
    expect(connection.tunnels[0]).toEqual({
      outsideIpAddress: '203.0.113.60',
      status: 'UP',
      statusMessage: '',
      options: {
        ikeVersions: ['ikev2'],
        phase1EncryptionAlgorithms: ['AES256-GCM-16'],
        phase2EncryptionAlgorithms: ['AES256-GCM-16'],
        phase1IntegrityAlgorithms: ['SHA2-384'],
        phase2IntegrityAlgorithms: ['SHA2-384'],
        phase1DHGroupNumbers: [20],
        phase2DHGroupNumbers: [20],
        startupAction: 'start',
        dpdTimeoutAction: 'restart',
      },
    });
  });

  it('reads absent option lists as [] (the AWS default: everything allowed)', () => {
    // Prepare, Act
    const connection = only(
      normalizeFixture('ec2-describe-vpn-connections.json'),
      VPN,
      'vpn-0a1b2c3d4e5f60718',
    );

    // Assess
    expect(connection.tunnels[1]).toEqual({
      outsideIpAddress: '203.0.113.61',
      status: 'DOWN',
      statusMessage: 'IPSEC IS DOWN',
      options: {
        ikeVersions: [],
        phase1EncryptionAlgorithms: [],
        phase2EncryptionAlgorithms: [],
        phase1IntegrityAlgorithms: [],
        phase2IntegrityAlgorithms: [],
        phase1DHGroupNumbers: [],
        phase2DHGroupNumbers: [],
        startupAction: 'add',
        dpdTimeoutAction: 'clear',
      },
    });
  });

  it('leaves tunnel options undefined when the output has no TunnelOptions at all', () => {
    // Prepare, Act
    const connection = only(
      normalizeFixture('ec2-describe-vpn-connections.json'),
      VPN,
      'vpn-0c1d2e3f405162738',
    );

    // Assess
    expect(connection.transitGatewayId).toBe('tgw-00112233445566aab');
    expect(connection.tunnels).toEqual([
      { outsideIpAddress: '198.51.100.10', status: 'UP', statusMessage: '' },
      { outsideIpAddress: '198.51.100.11', status: 'UP', statusMessage: '' },
    ]);
  });

  it('keeps a tunnel whose options name no outside IP apart from the telemetry', () => {
    // Prepare
    const output = structuredClone(fixture('ec2-describe-vpn-connections.json'));
    output.VpnConnections[0].Options.TunnelOptions = [{}, {}];
    output.VpnConnections[0].VgwTelemetry = [];

    // Act
    const connection = only(normalizeDocument(output, 'vpn.json'), VPN, 'vpn-0a1b2c3d4e5f60718');

    // Assess
    expect(connection.tunnels.map((tunnel) => tunnel.outsideIpAddress)).toEqual(['', '']);
    expect(connection.tunnels.every((tunnel) => tunnel.options?.ikeVersions.length === 0)).toBe(true);
  });

  it('reports a bad option value by its path without echoing the value', () => {
    // Prepare
    const output = structuredClone(fixture('ec2-describe-vpn-connections.json'));
    output.VpnConnections[0].Options.TunnelOptions[0].Phase1DHGroupNumbers = [
      { Value: 'EXAMPLEpsk.Canary_misplaced' },
    ];

    // Act
    const inventory = normalizeDocument(output, 'vpn.json');

    // Assess
    expect(inventory.errors).toEqual([
      {
        source: 'vpn.json',
        message:
          'ec2 describe-vpn-connections: VpnConnections[0].Options.TunnelOptions[0].Phase1DHGroupNumbers[0]: expected a number, got a string of 27 characters; the VPN connection is left out',
      },
    ]);
    expect(inventory.resources.map((resource) => resource.resourceId)).toEqual(['vpn-0c1d2e3f405162738']);
  });
});

describe('ec2 create-vpn-connection / modify-vpn-* output', () => {
  it('reads the singular VpnConnection', () => {
    // Prepare, Act
    const inventory = normalizeFixture('ec2-create-vpn-connection.json');

    // Assess
    const connection = only(inventory, VPN, 'vpn-0d2e3f40516273849');
    expect(connection.state).toBe('pending');
    expect(connection.name).toBe('branch-cork');
    expect(connection.source).toBe('ec2-create-vpn-connection.json (ec2 create/modify-vpn-connection)');
    expect(connection.tunnels.map((tunnel) => tunnel.outsideIpAddress)).toEqual([
      '203.0.113.70',
      '203.0.113.71',
    ]);
  });
});

describe('VPN secrets', () => {
  it.each(['ec2-describe-vpn-connections.json', 'ec2-create-vpn-connection.json'])(
    'never copies a pre-shared key or the customer gateway configuration from %s',
    (name) => {
      // Prepare
      const secrets = plantedSecrets(fixtureText(name));

      // Act
      const output = JSON.stringify(normalizeFixture(name));

      // Assess
      expect(secrets.length).toBeGreaterThanOrEqual(3);
      for (const secret of secrets) expect(output).not.toContain(secret);
      expect(output).not.toMatch(/pre_?shared_?key|customerGatewayConfiguration|vpn_connection/i);
    },
  );
});
