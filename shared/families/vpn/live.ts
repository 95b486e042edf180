import {
  type ActiveVpnTunnelStatus,
  DescribeVpnConnectionsCommand,
  GetActiveVpnTunnelStatusCommand,
  type VpnConnection,
} from '@aws-sdk/client-ec2';
import { type Collected, emptyCollected, failed, goneRef, readEach } from '../../inventory/live/context.js';
import { ApiCallError, isUnavailable } from '../../inventory/live/errors.js';
import type { FamilyContext, LiveReaders } from '../../inventory/live/family-live.js';
import { matchesRef } from '../../inventory/live/match.js';
import type { ResourceRef } from '../../model/ref.js';
import type { Resource } from '../../model/resource.js';
import { createClient } from './client.js';
import type { VpnNegotiatedCrypto } from './model.js';

/** GetActiveVpnTunnelStatus of UP tunnels (vpn-tunnel-negotiated-crypto). */
export interface VpnReadPlan {
  tunnelStatus: boolean;
}

type Ctx = FamilyContext<VpnReadPlan>;

/** Set once GetActiveVpnTunnelStatus proved unavailable in the region, so it is not asked again. */
const TUNNEL_STATUS_UNAVAILABLE = 'vpn:tunnel-status-unavailable';

/** What a tunnel negotiated (GetActiveVpnTunnelStatus), to attach after normalization. */
interface NegotiatedTunnel {
  vpnConnectionId: string;
  outsideIpAddress: string;
  negotiated: VpnNegotiatedCrypto;
}

function withNegotiated(resource: Resource, negotiated: readonly NegotiatedTunnel[]): Resource {
  if (resource.resourceType !== 'AWS::EC2::VPNConnection') return resource;
  const mine = negotiated.filter((tunnel) => tunnel.vpnConnectionId === resource.vpnConnectionId);
  if (mine.length === 0) return resource;
  return {
    ...resource,
    tunnels: resource.tunnels.map((tunnel) => {
      const found = mine.find((entry) => entry.outsideIpAddress === tunnel.outsideIpAddress);
      return found ? { ...tunnel, negotiated: found.negotiated } : tunnel;
    }),
  };
}

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

/** What the tunnels negotiated, and the failures of asking. */
interface TunnelReads {
  negotiated: NegotiatedTunnel[];
  errors: Collected['errors'];
}

/**
 * What each UP tunnel negotiated. GetActiveVpnTunnelStatus is recent: where it is not available
 * (not granted, not offered in the region) the negotiated crypto stays unknown, silently.
 */
async function negotiatedTunnels(ctx: Ctx, connection: VpnConnection): Promise<TunnelReads> {
  const vpnConnectionId = connection.VpnConnectionId ?? '';
  const upTunnels = (connection.VgwTelemetry ?? []).filter(
    (telemetry) => telemetry.Status === 'UP' && telemetry.OutsideIpAddress,
  );
  const results = await Promise.all(
    upTunnels.map(async (telemetry): Promise<TunnelReads> => {
      const outsideIpAddress = telemetry.OutsideIpAddress ?? '';
      if (ctx.flags.has(TUNNEL_STATUS_UNAVAILABLE)) return { negotiated: [], errors: [] };
      try {
        const output = await ctx.call(
          'GetActiveVpnTunnelStatus',
          `${vpnConnectionId} ${outsideIpAddress}`,
          () =>
            ctx.clients.get(createClient).send(
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
        return { negotiated, errors: [] };
      } catch (error) {
        if (error instanceof ApiCallError && isUnavailable(error.cause)) {
          ctx.flags.add(TUNNEL_STATUS_UNAVAILABLE);
          return { negotiated: [], errors: [] };
        }
        // The connection itself was read: report the failure and judge it without negotiated data.
        return { negotiated: [], errors: failed(error).errors };
      }
    }),
  );
  return {
    negotiated: results.flatMap((result) => result.negotiated),
    errors: results.flatMap((result) => result.errors),
  };
}

async function withTunnelStatus(
  ctx: Ctx,
  connections: readonly VpnConnection[],
  readStatus = true,
): Promise<Collected> {
  const live = connections.filter((connection) => !isDeleted(connection));
  const tunnels = readStatus
    ? await Promise.all(live.map((connection) => negotiatedTunnels(ctx, connection)))
    : [];
  const negotiated = tunnels.flatMap((tunnel) => tunnel.negotiated);
  return {
    ...emptyCollected(),
    groups: [{ documents: [{ document: { VpnConnections: live }, source: 'api:DescribeVpnConnections' }] }],
    errors: tunnels.flatMap((tunnel) => tunnel.errors),
    amend: negotiated.length > 0 ? [(resource) => withNegotiated(resource, negotiated)] : [],
  };
}

async function readVpn(ctx: Ctx, ref: ResourceRef): Promise<Collected> {
  const output = await ctx.call('DescribeVpnConnections', ref.resourceId, () =>
    ctx.clients
      .get(createClient)
      .send(new DescribeVpnConnectionsCommand({ VpnConnectionIds: [ref.resourceId] })),
  );
  const connection = output.VpnConnections?.find((c) => c.VpnConnectionId === ref.resourceId);
  if (!connection || isDeleted(connection)) return goneRef(ref);
  const collected = await withTunnelStatus(ctx, [connection]);
  return {
    ...collected,
    groups: collected.groups.map((group) => ({ ...group, keep: (r) => matchesRef(r, ref) })),
  };
}

async function readVpnConnections(ctx: Ctx, refs: readonly ResourceRef[]): Promise<Collected> {
  return readEach(refs, (ref) => readVpn(ctx, ref));
}

/** Every VPN connection of the region in one call; deleted ones (still listed for a while) are left out. */
async function sweepVpn(ctx: Ctx): Promise<Collected> {
  try {
    const output = await ctx.call('DescribeVpnConnections', ctx.region, () =>
      ctx.clients.get(createClient).send(new DescribeVpnConnectionsCommand({})),
    );
    return await withTunnelStatus(ctx, output.VpnConnections ?? [], ctx.plan.tunnelStatus);
  } catch (error) {
    return failed(error);
  }
}

export const vpnReaders: LiveReaders<VpnReadPlan> = { read: readVpnConnections, sweep: sweepVpn };
