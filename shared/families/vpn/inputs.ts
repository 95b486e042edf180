import type { InventoryBuilder } from '../../inventory/builder.js';
import { type FamilyInputs, type PendingKind, pendingList } from '../../inventory/family-inputs.js';
import { FieldError, Fields, isObject, type JsonObject } from '../../inventory/fields.js';
import { mergeFields } from '../../inventory/merge.js';
import type { InputError } from '../../inventory/types.js';
import type { Resource } from '../../model/resource.js';
import {
  mapNegotiatedCrypto,
  mapVpnConnection,
  readVpnConnections,
  TUNNEL_STATUS_FORMAT,
} from './describe.js';
import type { VpnConnection, VpnNegotiatedCrypto, VpnTunnel } from './model.js';

const VPN_CONNECTION = 'AWS::EC2::VPNConnection';

/**
 * What one tunnel negotiated (get-active-vpn-tunnel-status output, with the connection id and tunnel
 * outside IP address it was asked for), waiting for the VPN connection it belongs to.
 * @internal Tests type the pending links they build and inspect with it.
 */
export interface PendingTunnelStatus {
  vpnConnectionId: string;
  outsideIpAddress: string;
  negotiated: VpnNegotiatedCrypto;
  /** The input (file name) and the record's path in it, for errors that name the field. */
  source: string;
  path: string;
}

const TUNNEL_STATUSES: PendingKind<PendingTunnelStatus> = {
  key: 'tunnelStatuses',
  label: 'VPN tunnel statuses',
};

/** The CLI output names neither the connection nor the tunnel: the record must carry what was asked for. */
function requireAsked(record: Fields, name: string): string {
  const value = record.string(name);
  if (value) return value;
  throw new FieldError(
    record.pathOf(name),
    'missing: get-active-vpn-tunnel-status output does not say which tunnel it describes; put VpnConnectionId and VpnTunnelOutsideIpAddress beside ActiveVpnTunnelStatus',
  );
}

/**
 * `aws ec2 get-active-vpn-tunnel-status` output with the two parameters it was called with:
 * {VpnConnectionId, VpnTunnelOutsideIpAddress, ActiveVpnTunnelStatus}. Linked to the tunnel later.
 */
function readActiveTunnelStatuses(records: Fields[], out: InventoryBuilder): void {
  out.eachRecord(TUNNEL_STATUS_FORMAT, 'tunnel status', records, (record) => {
    const status = record.object('ActiveVpnTunnelStatus');
    if (!status) throw new FieldError(record.pathOf('ActiveVpnTunnelStatus'), 'missing');
    pendingList(out.pending, TUNNEL_STATUSES).push({
      vpnConnectionId: requireAsked(record, 'VpnConnectionId'),
      outsideIpAddress: requireAsked(record, 'VpnTunnelOutsideIpAddress'),
      negotiated: mapNegotiatedCrypto(status),
      source: out.source,
      path: record.path,
    });
  });
}

const isTunnelStatus = (entry: unknown) => isObject(entry) && 'ActiveVpnTunnelStatus' in entry;

/** get-active-vpn-tunnel-status records collected into one list (one per tunnel, as `jq -s` writes them). */
function readTunnelStatusList(document: unknown[], out: InventoryBuilder): boolean {
  if (!document.some(isTunnelStatus)) return false;
  const statuses = document.flatMap((entry, index) => {
    if (isTunnelStatus(entry)) return [new Fields(entry as JsonObject, `[${index}]`)];
    out.error(
      `${TUNNEL_STATUS_FORMAT}: [${index}]: expected an object with ActiveVpnTunnelStatus; the entry is left out`,
    );
    return [];
  });
  readActiveTunnelStatuses(statuses, out);
  return true;
}

const isVpnConnection = (resource: Resource): resource is VpnConnection =>
  resource.resourceType === VPN_CONNECTION;

const fieldPath = (status: PendingTunnelStatus, name: string) =>
  status.path ? `${status.path}.${name}` : name;

/**
 * Tunnel statuses (get-active-vpn-tunnel-status) joined to the tunnel of the connection they name, by
 * outside IP address. A status whose connection or tunnel is not in the input, or one tunnel described
 * in two ways, is reported and not used.
 */
function linkTunnelStatuses(
  resources: readonly Resource[],
  statuses: readonly PendingTunnelStatus[],
  errors: InputError[],
): Map<Resource, Resource> {
  const connections = resources.filter(isVpnConnection);
  const leftOut = (status: PendingTunnelStatus, field: string, problem: string) =>
    errors.push({
      source: status.source,
      message: `${TUNNEL_STATUS_FORMAT}: ${fieldPath(status, field)}: ${problem}; the tunnel status is left out`,
    });
  // Every record of a connection: two descriptions that contradict each other are both judged.
  const byConnection = new Map<string, VpnConnection[]>();
  for (const connection of connections) {
    byConnection.set(connection.vpnConnectionId, [
      ...(byConnection.get(connection.vpnConnectionId) ?? []),
      connection,
    ]);
  }
  // The statuses of each tunnel, by connection id and outside IP address.
  const byTunnel = new Map<string, Map<string, PendingTunnelStatus[]>>();
  for (const status of statuses) {
    const records = byConnection.get(status.vpnConnectionId);
    if (!records) {
      leftOut(
        status,
        'VpnConnectionId',
        `${status.vpnConnectionId} is not in the input (describe-vpn-connections output or its AWS Config item is needed beside it)`,
      );
      continue;
    }
    const tunnelOf = (connection: VpnConnection) =>
      connection.tunnels.some((tunnel) => tunnel.outsideIpAddress === status.outsideIpAddress);
    if (!records.some(tunnelOf)) {
      leftOut(
        status,
        'VpnTunnelOutsideIpAddress',
        `${status.outsideIpAddress} is not the outside IP address of a tunnel of ${status.vpnConnectionId} in the input`,
      );
      continue;
    }
    const tunnels = byTunnel.get(status.vpnConnectionId) ?? new Map<string, PendingTunnelStatus[]>();
    byTunnel.set(status.vpnConnectionId, tunnels);
    tunnels.set(status.outsideIpAddress, [...(tunnels.get(status.outsideIpAddress) ?? []), status]);
  }
  const linked = new Map<Resource, Resource>();
  const reported = new Set<string>();
  const records = [...byTunnel.keys()].flatMap((id) => byConnection.get(id) ?? []);
  for (const connection of records) {
    const vpnConnectionId = connection.vpnConnectionId;
    const tunnels = byTunnel.get(vpnConnectionId) as Map<string, PendingTunnelStatus[]>;
    linked.set(connection, {
      ...connection,
      tunnels: connection.tunnels.map((tunnel) => {
        const found = tunnels.get(tunnel.outsideIpAddress);
        const [first, ...others] = found ?? [];
        if (!first) return tunnel;
        const key = JSON.stringify(first.negotiated);
        if (others.some((other) => JSON.stringify(other.negotiated) !== key)) {
          // Once per tunnel, however many descriptions of its connection the input has.
          if (reported.has(`${vpnConnectionId} ${tunnel.outsideIpAddress}`)) return tunnel;
          reported.add(`${vpnConnectionId} ${tunnel.outsideIpAddress}`);
          errors.push({
            source: [...new Set((found ?? []).map((status) => status.source))].join(', '),
            message: `${TUNNEL_STATUS_FORMAT}: ${fieldPath(first, 'ActiveVpnTunnelStatus')}: tunnel ${tunnel.outsideIpAddress} of ${vpnConnectionId} is described differently in these inputs, and the output does not say when: neither is used`,
          });
          return tunnel;
        }
        return { ...tunnel, negotiated: first.negotiated };
      }),
    });
  }
  return linked;
}

const knownIp = (tunnel: VpnTunnel) => tunnel.outsideIpAddress !== '';
const withOptions = (tunnels: readonly VpnTunnel[]) => tunnels.filter((tunnel) => tunnel.options).length;

/**
 * Tunnels are joined by outside IP address. When either side has a tunnel without one, nothing can be
 * joined safely: the list with more tunnel options known is kept (the later one on a tie).
 */
function mergeTunnels(earlier: VpnTunnel[], later: VpnTunnel[]): VpnTunnel[] {
  if (earlier.length === 0) return later;
  if (later.length === 0) return earlier;
  if (!earlier.every(knownIp) || !later.every(knownIp)) {
    return withOptions(earlier) > withOptions(later) ? earlier : later;
  }
  const merged = earlier.map((tunnel) => {
    const match = later.find((candidate) => candidate.outsideIpAddress === tunnel.outsideIpAddress);
    return match ? mergeFields(tunnel, match) : tunnel;
  });
  const added = later.filter(
    (tunnel) => !earlier.some((old) => old.outsideIpAddress === tunnel.outsideIpAddress),
  );
  return [...merged, ...added];
}

export const vpnInputs: FamilyInputs = {
  formats: [
    {
      key: 'VpnConnections',
      format: 'ec2 describe-vpn-connections',
      read: (records, format, label, out) => readVpnConnections(records, format, label, out),
    },
    {
      key: 'VpnConnection',
      format: 'ec2 create/modify-vpn-connection',
      holds: 'one',
      read: (records, format, label, out) => readVpnConnections(records, format, label, out),
    },
    {
      key: 'ActiveVpnTunnelStatus',
      format: TUNNEL_STATUS_FORMAT,
      holds: 'document',
      read: (records, _format, _label, out) => readActiveTunnelStatuses(records, out),
    },
  ],
  lists: [
    {
      expected:
        'a list of get-active-vpn-tunnel-status records (VpnConnectionId, VpnTunnelOutsideIpAddress, ActiveVpnTunnelStatus)',
      read: readTunnelStatusList,
    },
  ],
  configItems: {
    [VPN_CONNECTION]: ({ configuration, resourceId, scope, label }) =>
      mapVpnConnection(configuration.withDefault('VpnConnectionId', resourceId), label, scope),
  },
  pending: [TUNNEL_STATUSES],
  link: (resources, pending, errors) =>
    linkTunnelStatuses(resources, pendingList(pending, TUNNEL_STATUSES), errors),
  mergeLists: {
    [VPN_CONNECTION]: (earlier, later, merged) => ({
      ...(merged as VpnConnection),
      tunnels: mergeTunnels((earlier as VpnConnection).tunnels, (later as VpnConnection).tunnels),
    }),
  },
};
