/** The Site-to-Site VPN connection in the normalized model (shared/model/resource.ts). */
import type { ResourceBase } from '../../model/resource.js';

/**
 * Tunnel options as AWS reports them. An empty list means "AWS default": every value allowed
 * (including IKEv1, SHA1 and DH group 2).
 */
export interface VpnTunnelOptions {
  ikeVersions: string[];
  phase1EncryptionAlgorithms: string[];
  phase2EncryptionAlgorithms: string[];
  phase1IntegrityAlgorithms: string[];
  phase2IntegrityAlgorithms: string[];
  phase1DHGroupNumbers: number[];
  phase2DHGroupNumbers: number[];
  startupAction?: string;
  dpdTimeoutAction?: string;
}

/** What an UP tunnel actually negotiated (GetActiveVpnTunnelStatus). */
export interface VpnNegotiatedCrypto {
  ikeVersion?: string;
  phase1EncryptionAlgorithm?: string;
  phase2EncryptionAlgorithm?: string;
  phase1IntegrityAlgorithm?: string;
  phase2IntegrityAlgorithm?: string;
  phase1DHGroup?: number;
  phase2DHGroup?: number;
}

export interface VpnTunnel {
  outsideIpAddress: string;
  /** UP | DOWN (VgwTelemetry). */
  status?: string;
  statusMessage?: string;
  /** undefined when the input carried no tunnel options at all (cannot judge crypto). */
  options?: VpnTunnelOptions;
  negotiated?: VpnNegotiatedCrypto;
}

export interface VpnConnection extends ResourceBase {
  resourceType: 'AWS::EC2::VPNConnection';
  vpnConnectionId: string;
  /** pending | available | deleting | deleted */
  state?: string;
  type?: string;
  customerGatewayId?: string;
  vpnGatewayId?: string;
  transitGatewayId?: string;
  tunnels: VpnTunnel[];
  // Never: pre-shared keys or customerGatewayConfiguration. Normalizers drop them.
}
