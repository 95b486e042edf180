import {
  DescribeVpnConnectionsCommand,
  EC2Client,
  GetActiveVpnTunnelStatusCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import type { VpnConnection } from '../../../../shared/families/vpn/model.js';
import { awsError, mockedSource, REGION, ref, vpnConnection } from '../../inventory/live/sdk-outputs.js';

const ec2 = mockClient(EC2Client);
const VPN = 'AWS::EC2::VPNConnection';
const ID = 'vpn-0a1b2c3d4e5f60718';

const negotiated = {
  ActiveVpnTunnelStatus: {
    IkeVersion: 'ikev2',
    Phase1EncryptionAlgorithm: 'AES256-GCM-16',
    Phase2EncryptionAlgorithm: 'AES256-GCM-16',
    Phase1IntegrityAlgorithm: 'SHA2-384',
    Phase2IntegrityAlgorithm: 'NONE',
    Phase1DHGroup: 20,
    Phase2DHGroup: 20,
    ProvisioningStatus: 'available' as const,
  },
};

describe('live VPN connection read', () => {
  afterEach(() => {
    ec2.reset();
  });

  it('reads the connection and what each UP tunnel negotiated', async () => {
    // Prepare
    ec2
      .on(DescribeVpnConnectionsCommand)
      .resolves({ VpnConnections: [vpnConnection(ID, 'available', ['UP', 'DOWN'])] });
    ec2.on(GetActiveVpnTunnelStatusCommand).resolves(negotiated);
    const source = mockedSource();

    // Act
    const result = await source.read([ref(VPN, ID)]);

    // Assess
    expect(ec2).toReceiveCommandWith(DescribeVpnConnectionsCommand, { VpnConnectionIds: [ID] });
    expect(ec2).toReceiveCommandExactlyOnceWith(GetActiveVpnTunnelStatusCommand, {
      VpnConnectionId: ID,
      VpnTunnelOutsideIpAddress: '203.0.113.17',
    });
    expect(ec2).toReceiveCommandTimes(GetActiveVpnTunnelStatusCommand, 1);
    const vpn = result.resources[0] as VpnConnection;
    expect(vpn.tunnels.find((tunnel) => tunnel.outsideIpAddress === '203.0.113.17')?.negotiated).toEqual({
      ikeVersion: 'ikev2',
      phase1EncryptionAlgorithm: 'AES256-GCM-16',
      phase2EncryptionAlgorithm: 'AES256-GCM-16',
      phase1IntegrityAlgorithm: 'SHA2-384',
      phase2IntegrityAlgorithm: 'NONE',
      phase1DHGroup: 20,
      phase2DHGroup: 20,
    });
    expect(
      vpn.tunnels.find((tunnel) => tunnel.outsideIpAddress === '203.0.114.19')?.negotiated,
    ).toBeUndefined();
    expect(JSON.stringify(result)).not.toContain('pre_shared_key');
  });

  it.each(['UnauthorizedOperation', 'UnsupportedOperation', 'InvalidAction'])(
    'leaves the negotiated crypto unknown, silently, when GetActiveVpnTunnelStatus answers %s',
    async (code) => {
      // Prepare
      ec2
        .on(DescribeVpnConnectionsCommand)
        .resolves({ VpnConnections: [vpnConnection(ID, 'available', ['UP', 'UP'])] });
      ec2.on(GetActiveVpnTunnelStatusCommand).rejects(awsError(code));
      const source = mockedSource();

      // Act
      const result = await source.read([ref(VPN, ID)]);

      // Assess
      expect(result.errors).toEqual([]);
      const vpn = result.resources[0] as VpnConnection;
      expect(vpn.tunnels.every((tunnel) => tunnel.negotiated === undefined)).toBe(true);
    },
  );

  it('stops asking for tunnel status in a region once it proved unavailable', async () => {
    // Prepare
    ec2
      .on(DescribeVpnConnectionsCommand)
      .resolves({ VpnConnections: [vpnConnection(ID, 'available', ['UP', 'DOWN'])] });
    ec2.on(GetActiveVpnTunnelStatusCommand).rejects(awsError('UnauthorizedOperation'));
    const source = mockedSource();

    // Act
    await source.read([ref(VPN, ID)]);
    await source.read([ref(VPN, ID)]);

    // Assess
    expect(ec2).toReceiveCommandTimes(GetActiveVpnTunnelStatusCommand, 1);
  });

  it('reports another tunnel status failure but still returns the connection', async () => {
    // Prepare
    ec2
      .on(DescribeVpnConnectionsCommand)
      .resolves({ VpnConnections: [vpnConnection(ID, 'available', ['UP', 'DOWN'])] });
    ec2.on(GetActiveVpnTunnelStatusCommand).rejects(awsError('InternalError', 'try later'));
    const source = mockedSource();

    // Act
    const result = await source.read([ref(VPN, ID)]);

    // Assess
    expect(result.resources).toHaveLength(1);
    expect(result.errors).toEqual([
      { source: `api:GetActiveVpnTunnelStatus ${ID} 203.0.113.17`, message: 'InternalError: try later' },
    ]);
  });

  it('reports a deleted connection as gone', async () => {
    // Prepare
    ec2
      .on(DescribeVpnConnectionsCommand)
      .resolves({ VpnConnections: [vpnConnection(ID, 'deleted', ['DOWN', 'DOWN'])] });
    const source = mockedSource();

    // Act
    const result = await source.read([ref(VPN, ID)]);

    // Assess
    expect(result.gone).toEqual([ref(VPN, ID)]);
    expect(result.resources).toEqual([]);
  });

  it('reports InvalidVpnConnectionID.NotFound as gone', async () => {
    // Prepare
    ec2.on(DescribeVpnConnectionsCommand).rejects(awsError('InvalidVpnConnectionID.NotFound'));
    const source = mockedSource();

    // Act
    const result = await source.read([ref(VPN, ID)]);

    // Assess
    expect(result.gone).toEqual([ref(VPN, ID)]);
    expect(result.errors).toEqual([]);
  });
});

describe('live VPN sweep', () => {
  afterEach(() => {
    ec2.reset();
  });

  it('lists every connection in one call and leaves out the deleted ones', async () => {
    // Prepare
    ec2.on(DescribeVpnConnectionsCommand).resolves({
      VpnConnections: [
        vpnConnection('vpn-11111111111111111', 'available', ['DOWN', 'DOWN']),
        vpnConnection('vpn-22222222222222222', 'deleted', ['DOWN', 'DOWN']),
      ],
    });
    const source = mockedSource();

    // Act
    const result = await source.enumerate(REGION, ['vpn']);

    // Assess
    expect(ec2).toReceiveCommandExactlyOnceWith(DescribeVpnConnectionsCommand, {});
    expect(result.resources.map((resource) => resource.resourceId)).toEqual(['vpn-11111111111111111']);
    expect(result.resources[0]?.region).toBe(REGION);
  });
});
