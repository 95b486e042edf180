import type { InventoryBuilder } from '../../inventory/builder.js';
import type { Fields } from '../../inventory/fields.js';
import { displayName, readTags, requireString } from '../../inventory/record.js';
import type { VpnConnection, VpnNegotiatedCrypto, VpnTunnel, VpnTunnelOptions } from './model.js';

// Only the fields below are ever read. PreSharedKey (in TunnelOptions) and CustomerGatewayConfiguration
// hold the tunnels' secrets; they must never reach the model, an error message or a log.

/** Tunnel options; an absent list is [] (AWS default: every value allowed). */
function mapTunnelOptions(tunnel: Fields): VpnTunnelOptions {
  return {
    ikeVersions: tunnel.strings('IkeVersions') ?? [],
    phase1EncryptionAlgorithms: tunnel.strings('Phase1EncryptionAlgorithms') ?? [],
    phase2EncryptionAlgorithms: tunnel.strings('Phase2EncryptionAlgorithms') ?? [],
    phase1IntegrityAlgorithms: tunnel.strings('Phase1IntegrityAlgorithms') ?? [],
    phase2IntegrityAlgorithms: tunnel.strings('Phase2IntegrityAlgorithms') ?? [],
    phase1DHGroupNumbers: tunnel.numbers('Phase1DHGroupNumbers') ?? [],
    phase2DHGroupNumbers: tunnel.numbers('Phase2DHGroupNumbers') ?? [],
    startupAction: tunnel.string('StartupAction'),
    dpdTimeoutAction: tunnel.string('DpdTimeoutAction'),
  };
}

/**
 * Tunnels from Options.TunnelOptions joined with VgwTelemetry by outside IP address. Without
 * TunnelOptions (older outputs, minimal Config items) a tunnel's options stay undefined: unknown, not
 * default. A tunnel whose outside IP the input does not give has outsideIpAddress "" and joins nothing.
 */
function mapTunnels(vpn: Fields): VpnTunnel[] {
  const tunnels: VpnTunnel[] = (vpn.object('Options')?.objects('TunnelOptions') ?? []).map((tunnel) => ({
    outsideIpAddress: tunnel.string('OutsideIpAddress') ?? '',
    options: mapTunnelOptions(tunnel),
  }));
  for (const telemetry of vpn.objects('VgwTelemetry') ?? []) {
    const outsideIpAddress = telemetry.string('OutsideIpAddress') ?? '';
    const status = telemetry.string('Status');
    const statusMessage = telemetry.string('StatusMessage');
    const tunnel = outsideIpAddress
      ? tunnels.find((candidate) => candidate.outsideIpAddress === outsideIpAddress)
      : undefined;
    if (tunnel) {
      tunnel.status = status;
      tunnel.statusMessage = statusMessage;
    } else {
      tunnels.push({ outsideIpAddress, status, statusMessage });
    }
  }
  return tunnels;
}

export interface VpnScope {
  arn?: string;
  accountId?: string;
  region?: string;
}

/** A VPN connection: DescribeVpnConnections, Create/ModifyVpn* output, or a Config item's configuration. */
export function mapVpnConnection(document: Fields, source: string, scope: VpnScope = {}): VpnConnection {
  const vpn = document.redacted();
  const vpnConnectionId = requireString(vpn, 'VpnConnectionId');
  const tags = readTags(vpn, 'Tags');
  return {
    resourceType: 'AWS::EC2::VPNConnection',
    resourceId: vpnConnectionId,
    tags,
    source,
    vpnConnectionId,
    tunnels: mapTunnels(vpn),
    arn: scope.arn,
    accountId: scope.accountId,
    region: scope.region,
    name: displayName(tags, undefined),
    state: vpn.string('State'),
    type: vpn.string('Type'),
    customerGatewayId: vpn.string('CustomerGatewayId'),
    vpnGatewayId: vpn.string('VpnGatewayId'),
    transitGatewayId: vpn.string('TransitGatewayId'),
  };
}

export function readVpnConnections(
  records: Fields[],
  format: string,
  label: string,
  out: InventoryBuilder,
): void {
  out.eachRecord(format, 'VPN connection', records, (record) => {
    out.resources.push(mapVpnConnection(record, label));
  });
}

/** The format name get-active-vpn-tunnel-status records are reported under. */
export const TUNNEL_STATUS_FORMAT = 'ec2 get-active-vpn-tunnel-status';

type NegotiatedText = Exclude<keyof VpnNegotiatedCrypto, 'phase1DHGroup' | 'phase2DHGroup'>;

const NEGOTIATED_TEXT: readonly (readonly [string, NegotiatedText])[] = [
  ['IkeVersion', 'ikeVersion'],
  ['Phase1EncryptionAlgorithm', 'phase1EncryptionAlgorithm'],
  ['Phase2EncryptionAlgorithm', 'phase2EncryptionAlgorithm'],
  ['Phase1IntegrityAlgorithm', 'phase1IntegrityAlgorithm'],
  ['Phase2IntegrityAlgorithm', 'phase2IntegrityAlgorithm'],
];

/** What the tunnel negotiated; fields AWS leaves empty stay unknown (as the live scan reads them). */
export function mapNegotiatedCrypto(status: Fields): VpnNegotiatedCrypto {
  const crypto: VpnNegotiatedCrypto = {};
  for (const [name, field] of NEGOTIATED_TEXT) {
    const value = status.string(name);
    if (value) crypto[field] = value;
  }
  const phase1DHGroup = status.number('Phase1DHGroup');
  if (phase1DHGroup !== undefined) crypto.phase1DHGroup = phase1DHGroup;
  const phase2DHGroup = status.number('Phase2DHGroup');
  if (phase2DHGroup !== undefined) crypto.phase2DHGroup = phase2DHGroup;
  return crypto;
}
