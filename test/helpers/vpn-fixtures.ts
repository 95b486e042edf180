import type {
  VpnConnection,
  VpnNegotiatedCrypto,
  VpnTunnel,
  VpnTunnelOptions,
} from '../../shared/families/vpn/model.js';
import type { PolicyInput } from '../../shared/policy/schema.js';
import type { RuleContext } from '../../shared/rules/rule.js';
import { ruleContext } from './rule-context.js';

/** Outside IPs as in the AWS CLI ModifyVpnTunnelOptions example (documentation ranges). */
export const TUNNEL_A_IP = '203.0.113.17';
export const TUNNEL_B_IP = '203.0.114.19';

/** A tunnel nobody restricted: AWS returns every option list empty, which means "every value". */
export function awsDefaultTunnelOptions(): VpnTunnelOptions {
  return {
    ikeVersions: [],
    phase1EncryptionAlgorithms: [],
    phase2EncryptionAlgorithms: [],
    phase1IntegrityAlgorithms: [],
    phase2IntegrityAlgorithms: [],
    phase1DHGroupNumbers: [],
    phase2DHGroupNumbers: [],
    startupAction: 'add',
    dpdTimeoutAction: 'clear',
  };
}

/** A tunnel restricted to what the default policy allows: IKEv2, AES, SHA2, DH 14-21/23/24. */
export function hardenedTunnelOptions(): VpnTunnelOptions {
  return {
    ikeVersions: ['ikev2'],
    phase1EncryptionAlgorithms: ['AES256-GCM-16', 'AES128-GCM-16', 'AES256'],
    phase2EncryptionAlgorithms: ['AES256-GCM-16', 'AES128-GCM-16', 'AES256'],
    phase1IntegrityAlgorithms: ['SHA2-256', 'SHA2-384', 'SHA2-512'],
    phase2IntegrityAlgorithms: ['SHA2-256', 'SHA2-384', 'SHA2-512'],
    phase1DHGroupNumbers: [14, 19, 20, 21],
    phase2DHGroupNumbers: [14, 19, 20, 21],
    startupAction: 'add',
    dpdTimeoutAction: 'clear',
  };
}

/** What GetActiveVpnTunnelStatus reports for a tunnel that negotiated strong crypto. */
export function strongNegotiatedCrypto(): VpnNegotiatedCrypto {
  return {
    ikeVersion: 'ikev2',
    phase1EncryptionAlgorithm: 'AES256-GCM-16',
    phase2EncryptionAlgorithm: 'AES256-GCM-16',
    phase1IntegrityAlgorithm: 'SHA2-384',
    phase2IntegrityAlgorithm: 'SHA2-384',
    phase1DHGroup: 20,
    phase2DHGroup: 20,
  };
}

export function vpnTunnel(overrides: Partial<VpnTunnel> = {}): VpnTunnel {
  return {
    outsideIpAddress: TUNNEL_A_IP,
    status: 'UP',
    statusMessage: '2 BGP ROUTES',
    options: hardenedTunnelOptions(),
    ...overrides,
  };
}

/** An available VGW connection with two hardened UP tunnels. */
export function vpnConnection(overrides: Partial<VpnConnection> = {}): VpnConnection {
  return {
    resourceType: 'AWS::EC2::VPNConnection',
    resourceId: 'vpn-12345678901234567',
    vpnConnectionId: 'vpn-12345678901234567',
    name: 'datacenter-east',
    accountId: '123456789012',
    region: 'us-east-1',
    tags: { Name: 'datacenter-east' },
    source: 'test:vpn-fixtures',
    state: 'available',
    type: 'ipsec.1',
    customerGatewayId: 'cgw-aabbccddee1122334',
    vpnGatewayId: 'vgw-11223344556677889',
    tunnels: [vpnTunnel({ outsideIpAddress: TUNNEL_A_IP }), vpnTunnel({ outsideIpAddress: TUNNEL_B_IP })],
    ...overrides,
  };
}

export const vpnRuleContext = (policy: PolicyInput = {}): RuleContext => ruleContext(policy);
