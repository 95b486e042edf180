import {
  type ActiveVpnTunnelStatus,
  DescribeVpnConnectionsCommand,
  GetActiveVpnTunnelStatusCommand,
  type VpnConnection,
} from '@aws-sdk/client-ec2';
import {
  ApiCallError,
  type Collected,
  emptyCollected,
  failed,
  goneRef,
  mergeCollected,
  type NegotiatedTunnel,
  type RegionContext,
  readOne,
} from '../../inventory/live/context.js';
import { isUnavailable } from '../../inventory/live/errors.js';
import { matchesRef } from '../../inventory/live/match.js';
import type { ResourceRef } from '../../model/ref.js';
import type { VpnNegotiatedCrypto } from './model.js';

const isDeleted = (connection: VpnConnection) => connection.State === 'deleted';

function negotiatedCrypto(status: ActiveVpnTunnelStatus): VpnNegotiatedCrypto {
  const crypto: VpnNegotiatedCrypto = {};
  if (status.IkeVersion) crypto.ikeVersion = status.IkeVersion;
  if (status.Phase1EncryptionAlgorithm) crypto.phase1EncryptionAlgorithm = status.Phase1EncryptionAlgorithm;
  if (status.Phase2EncryptionAlgorithm) crypto.phase2EncryptionAlgorithm = status.Phase2EncryptionAlgorithm;
  if (status.Phase1IntegrityAlgorithm) crypto.phase1IntegrityAlgorithm = status.Phase1IntegrityAlgorithm;
  if (status.Phase2IntegrityAlgorithm) crypto.phase2IntegrityAlgorithm = status.Phase2IntegrityAlgorithm;
  if (status.Phase1DHGroup !== undefined) crypto.phase1DHGroup = status.Phase1DHGroup;
  if (status.Phase2DHGroup !== undefined) crypto.phase2DHGroup = status.Phase2DHGroup;
  return crypto;
}

/**
 * What each UP tunnel negotiated. GetActiveVpnTunnelStatus is recent: where it is not available
 * (not granted, not offered in the region) the negotiated crypto stays unknown, silently.
 */
async function negotiatedTunnels(ctx: RegionContext, connection: VpnConnection): Promise<Collected> {
  const vpnConnectionId = connection.VpnConnectionId ?? '';
  const upTunnels = (connection.VgwTelemetry ?? []).filter(
    (telemetry) => telemetry.Status === 'UP' && telemetry.OutsideIpAddress,
  );
  const results = await Promise.all(
    upTunnels.map(async (telemetry): Promise<Collected> => {
      const outsideIpAddress = telemetry.OutsideIpAddress ?? '';
      if (ctx.tunnelStatusUnavailable) return emptyCollected();
      try {
        const output = await ctx.call.ec2(
          'GetActiveVpnTunnelStatus',
          `${vpnConnectionId} ${outsideIpAddress}`,
          () =>
            ctx.clients.ec2.send(
              new GetActiveVpnTunnelStatusCommand({
                VpnConnectionId: vpnConnectionId,
                VpnTunnelOutsideIpAddress: outsideIpAddress,
              }),
            ),
        );
        const status = output.ActiveVpnTunnelStatus;
        const negotiated: NegotiatedTunnel[] = status
          ? [{ vpnConnectionId, outsideIpAddress, negotiated: negotiatedCrypto(status) }]
          : [];
        return { ...emptyCollected(), negotiated };
      } catch (error) {
        if (error instanceof ApiCallError && isUnavailable(error.cause)) {
          ctx.tunnelStatusUnavailable = true;
          return emptyCollected();
        }
        // The connection itself was read: report the failure and judge it without negotiated data.
        return failed(error);
      }
    }),
  );
  return mergeCollected(results);
}

async function withTunnelStatus(
  ctx: RegionContext,
  connections: readonly VpnConnection[],
  readStatus = true,
): Promise<Collected> {
  const live = connections.filter((connection) => !isDeleted(connection));
  const tunnels = readStatus
    ? await Promise.all(live.map((connection) => negotiatedTunnels(ctx, connection)))
    : [];
  return mergeCollected([
    {
      ...emptyCollected(),
      groups: [{ documents: [{ document: { VpnConnections: live }, source: 'api:DescribeVpnConnections' }] }],
    },
    ...tunnels,
  ]);
}

async function readVpn(ctx: RegionContext, ref: ResourceRef): Promise<Collected> {
  const output = await ctx.call.ec2('DescribeVpnConnections', ref.resourceId, () =>
    ctx.clients.ec2.send(new DescribeVpnConnectionsCommand({ VpnConnectionIds: [ref.resourceId] })),
  );
  const connection = output.VpnConnections?.find((c) => c.VpnConnectionId === ref.resourceId);
  if (!connection || isDeleted(connection)) return goneRef(ref);
  const collected = await withTunnelStatus(ctx, [connection]);
  return {
    ...collected,
    groups: collected.groups.map((group) => ({ ...group, keep: (r) => matchesRef(r, ref) })),
  };
}

export async function readVpnConnections(
  ctx: RegionContext,
  refs: readonly ResourceRef[],
): Promise<Collected> {
  return mergeCollected(await Promise.all(refs.map((ref) => readOne(ref, () => readVpn(ctx, ref)))));
}

/** Every VPN connection of the region in one call; deleted ones (still listed for a while) are left out. */
export async function sweepVpn(ctx: RegionContext): Promise<Collected> {
  try {
    const output = await ctx.call.ec2('DescribeVpnConnections', ctx.region, () =>
      ctx.clients.ec2.send(new DescribeVpnConnectionsCommand({})),
    );
    return await withTunnelStatus(ctx, output.VpnConnections ?? [], ctx.plan.tunnelStatus);
  } catch (error) {
    return failed(error);
  }
}
