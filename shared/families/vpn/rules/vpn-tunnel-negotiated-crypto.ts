import { joinWords } from '../../../model/words.js';
import type { Policy } from '../../../policy/schema.js';
import { compliant, defineRule, nonCompliant, notApplicable, SEC09_FRAMEWORKS } from '../../../rules/rule.js';
import type { VpnNegotiatedCrypto } from '../model.js';
import { isAllowed, isIntegrityPlaceholder, NEGOTIATED_FIELDS, nameTunnels, tunnelName } from '../tunnels.js';
import { connectionLabel, goneConnectionOutcome } from './connection.js';

type NegotiatedField = keyof VpnNegotiatedCrypto;

interface NegotiatedFinding {
  tunnel: string;
  outsidePolicy: Partial<Record<NegotiatedField, string | number>>;
}

function assessNegotiated(
  name: string,
  negotiated: VpnNegotiatedCrypto,
  policy: Policy['vpn'],
): NegotiatedFinding | undefined {
  const outsidePolicy: NegotiatedFinding['outsidePolicy'] = {};
  for (const { field, policyList, encryption } of NEGOTIATED_FIELDS) {
    const value = negotiated[field];
    if (value === undefined || String(value).trim() === '') continue;
    if (isIntegrityPlaceholder(negotiated, encryption, value)) continue;
    if (!isAllowed(value, policy[policyList])) outsidePolicy[field] = value;
  }
  return Object.keys(outsidePolicy).length > 0 ? { tunnel: name, outsidePolicy } : undefined;
}

function describeFinding(finding: NegotiatedFinding): string {
  const values = NEGOTIATED_FIELDS.flatMap(({ field, words }) => {
    const value = finding.outsidePolicy[field];
    return value === undefined ? [] : [`${words} ${value}`];
  });
  return `${nameTunnels([finding.tunnel])} negotiated ${joinWords(values)}`;
}

export const vpnTunnelNegotiatedCrypto = defineRule({
  metadata: {
    id: 'vpn-tunnel-negotiated-crypto',
    title: 'VPN tunnel negotiated weak crypto',
    family: 'vpn',
    resourceTypes: ['AWS::EC2::VPNConnection'],
    severity: 'high',
    description:
      'A Site-to-Site VPN tunnel (not DOWN) whose negotiated IKE version, encryption, integrity algorithm or DH group (GetActiveVpnTunnelStatus) is outside the policy. Judged only where the negotiated values are known.',
    rationale:
      'This is the crypto protecting traffic right now, not what the options permit: a weak negotiated value means the traffic in flight is exposed today, and the peer is choosing the weak option.',
    parameters: [
      { policyPath: 'vpn.allowedIkeVersions', description: 'IKE versions a tunnel may negotiate.' },
      {
        policyPath: 'vpn.allowedEncryptionAlgorithms',
        description: 'Encryption algorithms a tunnel may negotiate.',
      },
      {
        policyPath: 'vpn.allowedIntegrityAlgorithms',
        description: 'Integrity algorithms a tunnel may negotiate.',
      },
      { policyPath: 'vpn.allowedDHGroups', description: 'DH groups a tunnel may negotiate.' },
    ],
    remediation: {
      guidance:
        'Restrict the tunnel options to the allowed values (vpn-tunnel-ike-version and vpn-tunnel-weak-crypto fix them) and align the customer gateway so it proposes them; the tunnel renegotiates after the change.',
    },
    defaultMode: 'notify',
    references: [
      'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_GetActiveVpnTunnelStatus.html',
      'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ActiveVpnTunnelStatus.html',
      'https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html',
    ],
    compliance: { securityHub: [], configRules: [], frameworks: SEC09_FRAMEWORKS },
  },
  evaluate(connection, context) {
    // Only what GetActiveVpnTunnelStatus gave is judged: describe output and Config items never carry it, so
    // a connection without it (or without tunnel data at all) is not applicable, not "cannot be verified";
    // what its tunnels may negotiate is judged by vpn-tunnel-ike-version and vpn-tunnel-weak-crypto.
    const gone = goneConnectionOutcome(connection);
    if (gone) return gone;

    const label = connectionLabel(connection);
    // Negotiated data of a DOWN tunnel is stale; of a tunnel whose status is missing or unknown, it is judged.
    const checked = connection.tunnels.flatMap((tunnel, index) =>
      tunnel.negotiated && tunnel.status !== 'DOWN'
        ? [{ name: tunnelName(tunnel, index), negotiated: tunnel.negotiated }]
        : [],
    );
    if (checked.length === 0) {
      return notApplicable(
        `VPN connection ${label}: no tunnel with negotiated crypto (GetActiveVpnTunnelStatus) that is not DOWN in the input.`,
      );
    }

    const findings = checked.flatMap(({ name, negotiated }) => {
      const finding = assessNegotiated(name, negotiated, context.policy.vpn);
      return finding ? [finding] : [];
    });
    const details = { checkedTunnels: checked.map(({ name }) => name), tunnels: findings };
    if (findings.length === 0) {
      return compliant(
        `VPN connection ${label}: ${nameTunnels(details.checkedTunnels)} negotiated crypto inside the policy.`,
        details,
      );
    }
    return nonCompliant(
      `VPN connection ${label}: ${findings.map(describeFinding).join('; ')}, outside the policy.`,
      { details },
    );
  },
});
