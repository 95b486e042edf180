import { afterPrefix, type FamilyReport } from '../../report/family-report.js';

export const vpnReport: FamilyReport = {
  resourceNoun: 'VPN connection',
  asffResourceTypes: { 'AWS::EC2::VPNConnection': 'AwsEc2VpnConnection' },
  // Tunnel pre-shared keys (PreSharedKey, pre_shared_key, Psk) and the CustomerGatewayConfiguration document that
  // spells them out (DescribeVpnConnections: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpnConnection.html).
  secretKeys: /presharedkey|psk|customergatewayconfiguration/,
  consoleLink({ arn, resourceId, origin, query }) {
    const id = arn ? afterPrefix(arn.resource, 'vpn-connection/') : resourceId;
    return id ? `${origin}/vpcconsole/home${query}#VpnConnections:search=${id}` : undefined;
  },
  kpis: [
    {
      kpi: {
        kind: 'share',
        key: 'vpnConnectionsStrongCrypto',
        label: 'VPN connections on allowed IKE versions and crypto',
        digestLabel: 'VPN connections with strong crypto',
      },
      rules: ['vpn-tunnel-ike-version', 'vpn-tunnel-weak-crypto'],
    },
  ],
};
