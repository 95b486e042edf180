import { capitalize, joinWords } from '../../../model/words.js';
import { compliant, defineRule, nonCompliant, SEC09_FRAMEWORKS } from '../../../rules/rule.js';
import { nameTunnels, permittedValues, tunnelName, valuesOutside } from '../tunnels.js';
import { connectionLabel, inapplicableConnection } from './connection.js';

interface IkeVersionFinding {
  tunnel: string;
  permitted: string[];
  outsidePolicy: string[];
  awsDefault: boolean;
}

function describeFinding(finding: IkeVersionFinding): string {
  const source = finding.awsDefault
    ? ' (its IKE version list is empty: the AWS default allows ikev1 and ikev2)'
    : '';
  return `${nameTunnels([finding.tunnel])} permits ${joinWords(finding.outsidePolicy)}${source}`;
}

export const vpnTunnelIkeVersion = defineRule({
  metadata: {
    id: 'vpn-tunnel-ike-version',
    title: 'VPN tunnel permits a disallowed IKE version',
    family: 'vpn',
    resourceTypes: ['AWS::EC2::VPNConnection'],
    severity: 'high',
    description:
      'A Site-to-Site VPN tunnel whose IKE versions include one the policy does not allow (by default anything but IKEv2), either listed explicitly or through an empty list, which AWS reads as "ikev1 and ikev2".',
    rationale:
      'A tunnel that permits IKEv1 accepts the legacy key exchange (deprecated by RFC 9395) whenever the peer offers it, with weaker protection of the pre-shared key and against denial of service than IKEv2.',
    parameters: [{ policyPath: 'vpn.allowedIkeVersions', description: 'IKE versions a tunnel may permit.' }],
    remediation: {
      guidance:
        'Set the IKE versions of each tunnel to the allowed ones (ModifyVpnTunnelOptions), one tunnel at a time, waiting for the first to come back UP; update the customer gateway to IKEv2 first.',
      remediate: 'modify-vpn-tunnel-options',
      block: 'modify-vpn-tunnel-options',
    },
    defaultMode: 'notify',
    references: [
      'https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html',
      'https://docs.aws.amazon.com/vpn/latest/s2svpn/modify-vpn-tunnel-options.html',
      'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyVpnTunnelOptions.html',
      'https://docs.aws.amazon.com/config/latest/developerguide/ec2-vpn-connection-ike-version-check.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html',
    ],
    compliance: {
      securityHub: ['EC2.183'],
      configRules: ['ec2-vpn-connection-ike-version-check'],
      frameworks: SEC09_FRAMEWORKS,
    },
  },
  evaluate(connection, context) {
    const inapplicable = inapplicableConnection(connection, 'the IKE versions');
    if (inapplicable) return inapplicable;

    const allowed = context.policy.vpn.allowedIkeVersions;
    const label = connectionLabel(connection);
    const unverified: string[] = [];
    const findings: IkeVersionFinding[] = [];
    connection.tunnels.forEach((tunnel, index) => {
      const name = tunnelName(tunnel, index);
      if (!tunnel.options) {
        unverified.push(name);
        return;
      }
      const permitted = permittedValues(tunnel.options, 'ikeVersions');
      const outsidePolicy = valuesOutside(permitted.values, allowed);
      if (outsidePolicy.length > 0) {
        findings.push({
          tunnel: name,
          permitted: permitted.values,
          outsidePolicy,
          awsDefault: permitted.awsDefault,
        });
      }
    });

    const details = { allowedIkeVersions: allowed, tunnels: findings, unverifiedTunnels: unverified };
    if (findings.length === 0 && unverified.length === 0) {
      return compliant(
        `Every tunnel of VPN connection ${label} permits only ${joinWords(allowed)}.`,
        details,
      );
    }
    const sentences = [
      ...(findings.length > 0
        ? [`${findings.map(describeFinding).join('; ')}; the policy allows only ${joinWords(allowed)}.`]
        : []),
      ...(unverified.length > 0
        ? [
            `the tunnel options of ${nameTunnels(unverified)} are not in the input, so the IKE versions cannot be verified.`,
          ]
        : []),
    ];
    return nonCompliant(`VPN connection ${label}: ${sentences.map(capitalize).join(' ')}`, {
      details,
      remediationTarget: allowed.join(','),
    });
  },
});
