import { describe, expect, it } from 'vitest';
import type { PendingTunnelStatus } from '../../../../shared/families/vpn/inputs.js';
import type { VpnConnection } from '../../../../shared/families/vpn/model.js';
import { emptyPending } from '../../../../shared/inventory/builder.js';
import { mergeResources } from '../../../../shared/inventory/dedupe.js';
import { linkInventory } from '../../../../shared/inventory/link.js';
import { normalizeFixture, only } from '../../inventory/fixtures.js';
import { OPTIONS, vpn } from '../../inventory/records.js';

const VPN = 'AWS::EC2::VPNConnection';

describe('linkInventory: two descriptions of one resource that contradict each other', () => {
  const VPN_ID = 'vpn-0a1b2c3d4e5f60718';
  const vpn = (source: string, state: string): VpnConnection => ({
    resourceType: 'AWS::EC2::VPNConnection',
    resourceId: VPN_ID,
    vpnConnectionId: VPN_ID,
    state,
    tags: {},
    source,
    tunnels: [{ outsideIpAddress: '203.0.113.60', status: 'UP' }],
  });

  it('links every description of a VPN connection to the tunnel status, and judges each', () => {
    // Prepare
    const negotiated = { ikeVersion: 'ikev1' };
    const tunnelStatuses: PendingTunnelStatus[] = [
      {
        vpnConnectionId: VPN_ID,
        outsideIpAddress: '203.0.113.60',
        negotiated,
        source: 'status.json',
        path: '',
      },
    ];
    const pending = { ...emptyPending(), tunnelStatuses };

    // Act
    const inventory = linkInventory({
      resources: [vpn('a.json', 'available'), vpn('b.json', 'pending')],
      errors: [],
      tlsPolicies: [],
      pending,
    });

    // Assess
    expect(inventory.resources).toMatchObject([
      { state: 'available', tunnels: [{ negotiated }] },
      { state: 'pending', tunnels: [{ negotiated }] },
    ]);
    expect(inventory.errors.map((error) => error.source)).toEqual(['a.json, b.json']);
  });

  it('reports a tunnel described twice differently once, however many descriptions its connection has', () => {
    // Prepare
    const tunnelStatuses: PendingTunnelStatus[] = [];
    const pending = { ...emptyPending(), tunnelStatuses };
    for (const [source, ikeVersion] of [
      ['s1.json', 'ikev1'],
      ['s2.json', 'ikev2'],
    ] as const) {
      tunnelStatuses.push({
        vpnConnectionId: VPN_ID,
        outsideIpAddress: '203.0.113.60',
        negotiated: { ikeVersion },
        source,
        path: '',
      });
    }

    // Act
    const inventory = linkInventory({
      resources: [vpn('a.json', 'available'), vpn('b.json', 'pending')],
      errors: [],
      tlsPolicies: [],
      pending,
    });

    // Assess
    expect(inventory.errors.map((error) => error.source)).toEqual(['a.json, b.json', 's1.json, s2.json']);
    expect(
      inventory.resources.every(
        (resource) => (resource as VpnConnection).tunnels[0]?.negotiated === undefined,
      ),
    ).toBe(true);
  });
});

describe('AWS Config snapshot', () => {
  it('reads a VPN item with camelCase tunnel options and its ARN, id and Name tag', () => {
    // Prepare, Act
    const connection = only(normalizeFixture('config-snapshot.json'), VPN, 'vpn-0e3f405162738495a');

    // Assess
    expect(connection).toMatchObject({
      arn: 'arn:aws:ec2:eu-west-1:111122223333:vpn-connection/vpn-0e3f405162738495a',
      accountId: '111122223333',
      region: 'eu-west-1',
      name: 'legacy-dc',
    });
    expect(connection.tunnels[0]?.options).toMatchObject({
      ikeVersions: ['ikev1'],
      phase1EncryptionAlgorithms: ['AES128'],
      phase1IntegrityAlgorithms: ['SHA1'],
      phase1DHGroupNumbers: [2],
    });
    expect(connection.tunnels[1]?.options?.ikeVersions).toEqual([]);
  });
});

describe('AWS Config configuration items', () => {
  it('reads a single item with only VPN telemetry, leaving tunnel options undefined', () => {
    // Prepare, Act
    const inventory = normalizeFixture('config-item-vpn-telemetry-only.json');

    // Assess
    const connection = only(inventory, VPN, 'vpn-0f405162738495a6b');
    expect(connection.source).toBe('config-item-vpn-telemetry-only.json (AWS Config configuration item)');
    expect(connection.tunnels).toEqual([
      { outsideIpAddress: '203.0.113.90', status: 'DOWN', statusMessage: 'IPSEC IS DOWN' },
      { outsideIpAddress: '203.0.113.91', status: 'UP', statusMessage: 'IPSEC IS UP' },
    ]);
  });
});

describe('mergeResources', () => {
  it('joins VPN tunnels by outside IP: telemetry from one input, options from the other', () => {
    // Prepare
    const options = vpn({ tunnels: [{ outsideIpAddress: '203.0.113.60', options: OPTIONS }] });
    const telemetry = vpn({
      source: 'b.json',
      tunnels: [
        { outsideIpAddress: '203.0.113.60', status: 'UP' },
        { outsideIpAddress: '203.0.113.61', status: 'DOWN' },
      ],
    });

    // Act
    const merged = mergeResources(options, telemetry, []);

    // Assess
    expect(merged.tunnels).toEqual([
      { outsideIpAddress: '203.0.113.60', status: 'UP', options: OPTIONS },
      { outsideIpAddress: '203.0.113.61', status: 'DOWN' },
    ]);
  });

  it('keeps the tunnels that know their options when a side does not give outside IPs', () => {
    // Prepare
    const withOptions = vpn({ tunnels: [{ outsideIpAddress: '203.0.113.60', options: OPTIONS }] });
    const anonymous = vpn({ tunnels: [{ outsideIpAddress: '', status: 'UP' }] });

    // Act, Assess
    expect(mergeResources(withOptions, anonymous, []).tunnels).toEqual(withOptions.tunnels);
    expect(mergeResources(anonymous, withOptions, []).tunnels).toEqual(withOptions.tunnels);
  });
});
