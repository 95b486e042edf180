import { describe, expect, it } from 'vitest';
import type { PendingTunnelStatus } from '../../../../shared/families/vpn/inputs.js';
import { normalizeDocument } from '../../../../shared/inventory/detect.js';
import type { Inventory } from '../../../../shared/inventory/types.js';
import { normalizeDocuments } from '../../../helpers/inventory.js';
import { fixture, fixtureText, normalizeFixture, only, plantedSecrets } from '../../inventory/fixtures.js';

/** The get-active-vpn-tunnel-status records an inventory keeps for linking. */
const tunnelStatuses = (inventory: Inventory) =>
  inventory.pending?.tunnelStatuses as PendingTunnelStatus[] | undefined;

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

describe('ec2 get-active-vpn-tunnel-status', () => {
  const HQ = 'vpn-0a1b2c3d4e5f60718';
  const LYON = 'vpn-0c1d2e3f405162738';
  const STATUS = 'ec2-get-active-vpn-tunnel-status.json';
  const STATUS_LIST = 'ec2-get-active-vpn-tunnel-status-list.json';
  const CONNECTIONS = 'ec2-describe-vpn-connections.json';

  function read(...inputs: { document: unknown; source: string }[]) {
    return normalizeDocuments([{ document: fixture(CONNECTIONS), source: CONNECTIONS }, ...inputs]);
  }

  it('gives the tunnel of the named connection what it negotiated, from the output wrapped with what was asked', () => {
    // Prepare, Act
    const inventory = read({ document: fixture(STATUS), source: STATUS });

    // Assess
    expect(inventory.errors).toEqual([]);
    const [first, second] = only(inventory, VPN, HQ).tunnels;
    expect(first).toMatchObject({
      outsideIpAddress: '203.0.113.60',
      status: 'UP',
      negotiated: {
        ikeVersion: 'ikev2',
        phase1EncryptionAlgorithm: 'AES256-GCM-16',
        phase2EncryptionAlgorithm: 'AES256-GCM-16',
        phase1IntegrityAlgorithm: 'SHA2-384',
        phase2IntegrityAlgorithm: 'SHA2-384',
        phase1DHGroup: 20,
        phase2DHGroup: 20,
      },
    });
    expect(second?.negotiated).toBeUndefined();
  });

  it('reads a list of such records, one per tunnel, and keeps nothing before it is linked', () => {
    // Prepare, Act
    const alone = normalizeFixture(STATUS_LIST);
    const inventory = read({ document: fixture(STATUS_LIST), source: STATUS_LIST });

    // Assess
    expect(alone.resources).toEqual([]);
    expect(tunnelStatuses(alone)?.map((status) => [status.outsideIpAddress, status.path])).toEqual([
      ['198.51.100.10', '[0]'],
      ['198.51.100.11', '[1]'],
    ]);
    expect(inventory.errors).toEqual([]);
    expect(only(inventory, VPN, LYON).tunnels.map((tunnel) => tunnel.negotiated)).toEqual([
      {
        ikeVersion: 'ikev1',
        phase1EncryptionAlgorithm: 'AES128',
        phase2EncryptionAlgorithm: 'AES128',
        phase1IntegrityAlgorithm: 'SHA1',
        phase2IntegrityAlgorithm: 'SHA1',
        phase1DHGroup: 2,
        phase2DHGroup: 2,
      },
      {
        ikeVersion: 'ikev2',
        phase1EncryptionAlgorithm: 'AES256',
        phase2EncryptionAlgorithm: 'AES256',
        phase1IntegrityAlgorithm: 'SHA2-256',
        phase2IntegrityAlgorithm: 'SHA2-256',
        phase1DHGroup: 14,
        phase2DHGroup: 14,
      },
    ]);
  });

  it('leaves fields AWS returns empty unknown', () => {
    // Prepare
    const status = structuredClone(fixture(STATUS));
    status.ActiveVpnTunnelStatus = {
      IkeVersion: 'ikev2',
      Phase1EncryptionAlgorithm: '',
      ProvisioningStatus: 'pending',
    };

    // Act
    const inventory = read({ document: status, source: STATUS });

    // Assess
    expect(only(inventory, VPN, HQ).tunnels[0]?.negotiated).toEqual({ ikeVersion: 'ikev2' });
  });

  it('reports the bare CLI output, which does not name its tunnel, by the missing field', () => {
    // Prepare
    const { ActiveVpnTunnelStatus } = fixture(STATUS);

    // Act
    const inventory = normalizeDocument({ ActiveVpnTunnelStatus }, 'status.json');

    // Assess
    expect(inventory.pending).toBeUndefined();
    expect(inventory.errors).toEqual([
      {
        source: 'status.json',
        message:
          'ec2 get-active-vpn-tunnel-status: VpnConnectionId: missing: get-active-vpn-tunnel-status output does not say which tunnel it describes; put VpnConnectionId and VpnTunnelOutsideIpAddress beside ActiveVpnTunnelStatus; the tunnel status is left out',
      },
    ]);
  });

  it('reports a value of the wrong type by its path and still reads the other records', () => {
    // Prepare
    const statuses = structuredClone(fixture(STATUS_LIST));
    statuses[0].ActiveVpnTunnelStatus.Phase1DHGroup = 'group2';
    statuses.push('not a record');

    // Act
    const inventory = read({ document: statuses, source: STATUS_LIST });

    // Assess
    expect(inventory.errors.map((error) => error.message)).toEqual([
      'ec2 get-active-vpn-tunnel-status: [2]: expected an object with ActiveVpnTunnelStatus; the entry is left out',
      'ec2 get-active-vpn-tunnel-status: [0].ActiveVpnTunnelStatus.Phase1DHGroup: expected a number, got "group2"; the tunnel status is left out',
    ]);
    const [weak, strong] = only(inventory, VPN, LYON).tunnels;
    expect(weak?.negotiated).toBeUndefined();
    expect(strong?.negotiated?.ikeVersion).toBe('ikev2');
  });

  it('reports a status whose connection or tunnel is not in the input, naming the field', () => {
    // Prepare
    const statuses = structuredClone(fixture(STATUS_LIST));
    statuses[0].VpnConnectionId = 'vpn-0ffffffffffffffff';
    statuses[1].VpnTunnelOutsideIpAddress = '192.0.2.1';

    // Act
    const inventory = read({ document: statuses, source: STATUS_LIST });

    // Assess
    expect(inventory.errors).toEqual([
      {
        source: STATUS_LIST,
        message:
          'ec2 get-active-vpn-tunnel-status: [0].VpnConnectionId: vpn-0ffffffffffffffff is not in the input (describe-vpn-connections output or its AWS Config item is needed beside it); the tunnel status is left out',
      },
      {
        source: STATUS_LIST,
        message: `ec2 get-active-vpn-tunnel-status: [1].VpnTunnelOutsideIpAddress: 192.0.2.1 is not the outside IP address of a tunnel of ${LYON} in the input; the tunnel status is left out`,
      },
    ]);
    expect(only(inventory, VPN, LYON).tunnels.every((tunnel) => tunnel.negotiated === undefined)).toBe(true);
  });

  it('uses neither of two different statuses of one tunnel, and accepts the same one twice', () => {
    // Prepare
    const later = structuredClone(fixture(STATUS));
    later.ActiveVpnTunnelStatus.IkeVersion = 'ikev1';

    // Act
    const same = read(
      { document: fixture(STATUS), source: 'a.json' },
      { document: fixture(STATUS), source: 'b.json' },
    );
    const differing = read(
      { document: fixture(STATUS), source: 'a.json' },
      { document: later, source: 'b.json' },
    );

    // Assess
    expect(same.errors).toEqual([]);
    expect(only(same, VPN, HQ).tunnels[0]?.negotiated?.ikeVersion).toBe('ikev2');
    expect(only(differing, VPN, HQ).tunnels[0]?.negotiated).toBeUndefined();
    expect(differing.errors).toEqual([
      {
        source: 'a.json, b.json',
        message: `ec2 get-active-vpn-tunnel-status: ActiveVpnTunnelStatus: tunnel 203.0.113.60 of ${HQ} is described differently in these inputs, and the output does not say when: neither is used`,
      },
    ]);
  });
});
