import { capitalize } from '../../../model/words.js';
import type { Policy } from '../../../policy/schema.js';
import { compliant, defineRule, nonCompliant, SEC09_FRAMEWORKS } from '../../../rules/rule.js';
import type { VpnTunnelOptions } from '../model.js';
import {
  nameTunnels,
  permittedValues,
  policyAllowedValues,
  type TunnelOptionList,
  tunnelName,
  valuesOutside,
} from '../tunnels.js';
import { connectionLabel, inapplicableConnection } from './connection.js';

const PHASES = [
  {
    phase: 'phase1',
    label: 'phase 1',
    encryptionAlgorithms: 'phase1EncryptionAlgorithms',
    integrityAlgorithms: 'phase1IntegrityAlgorithms',
    dhGroups: 'phase1DHGroupNumbers',
  },
  {
    phase: 'phase2',
    label: 'phase 2',
    encryptionAlgorithms: 'phase2EncryptionAlgorithms',
    integrityAlgorithms: 'phase2IntegrityAlgorithms',
    dhGroups: 'phase2DHGroupNumbers',
  },
] as const satisfies readonly {
  phase: string;
  label: string;
  encryptionAlgorithms: TunnelOptionList;
  integrityAlgorithms: TunnelOptionList;
  dhGroups: TunnelOptionList;
}[];

const KINDS = [
  { key: 'encryptionAlgorithms', words: 'encryption' },
  { key: 'integrityAlgorithms', words: 'integrity' },
  { key: 'dhGroups', words: 'DH groups' },
] as const;

type Kind = (typeof KINDS)[number]['key'];

/** The offending values of one phase, by kind; a kind with nothing outside the policy is left out. */
type PhaseFinding = Partial<Record<Kind, (string | number)[]>>;

interface TunnelCryptoFinding {
  tunnel: string;
  phase1?: PhaseFinding;
  phase2?: PhaseFinding;
  /** Option lists that were empty, so AWS's defaults (every value) apply. */
  awsDefaultLists: TunnelOptionList[];
}

function assessTunnel(
  name: string,
  options: VpnTunnelOptions,
  policy: Policy['vpn'],
): TunnelCryptoFinding | undefined {
  const finding: TunnelCryptoFinding = { tunnel: name, awsDefaultLists: [] };
  for (const phase of PHASES) {
    const phaseFinding: PhaseFinding = {};
    for (const { key } of KINDS) {
      const list = phase[key];
      const permitted = permittedValues(options, list);
      const outside = valuesOutside<string | number>(permitted.values, policyAllowedValues(policy, list));
      if (outside.length === 0) continue;
      phaseFinding[key] = outside;
      if (permitted.awsDefault) finding.awsDefaultLists.push(list);
    }
    if (Object.keys(phaseFinding).length > 0) finding[phase.phase] = phaseFinding;
  }
  return finding.phase1 || finding.phase2 ? finding : undefined;
}

function describeFinding(finding: TunnelCryptoFinding): string {
  const phases: string[] = [];
  for (const phase of PHASES) {
    const phaseFinding = finding[phase.phase];
    if (!phaseFinding) continue;
    const kinds: string[] = [];
    for (const { key, words } of KINDS) {
      const values = phaseFinding[key];
      if (values) kinds.push(`${words} ${values.join(', ')}`);
    }
    phases.push(`${phase.label} ${kinds.join(' and ')}`);
  }
  const defaults =
    finding.awsDefaultLists.length > 0 ? ' (empty option lists: the AWS defaults allow every value)' : '';
  return `${capitalize(nameTunnels([finding.tunnel]))} permits ${phases.join('; ')}${defaults}.`;
}

function describePolicy(policy: Policy['vpn']): string {
  return [
    `encryption ${policy.allowedEncryptionAlgorithms.join(',')}`,
    `integrity ${policy.allowedIntegrityAlgorithms.join(',')}`,
    `DH groups ${policy.allowedDHGroups.join(',')}`,
  ].join('; ');
}

export const vpnTunnelWeakCrypto = defineRule({
  metadata: {
    id: 'vpn-tunnel-weak-crypto',
    title: 'VPN tunnel permits weak IKE/IPsec algorithms',
    family: 'vpn',
    resourceTypes: ['AWS::EC2::VPNConnection'],
    severity: 'high',
    description:
      'A Site-to-Site VPN tunnel that permits, in phase 1 (IKE) or phase 2 (IPsec), an encryption algorithm, integrity algorithm or Diffie-Hellman group outside the policy. An empty option list is the AWS default and permits every value, including SHA1 and DH groups 2, 5 and 22.',
    rationale:
      'The tunnel negotiates whatever both ends permit: while SHA1 or a 1024/1536-bit MODP group (2, 5, 22) is permitted, a misconfigured or downgraded peer ends up with keys an attacker who records the traffic can hope to break later.',
    parameters: [
      { policyPath: 'vpn.allowedEncryptionAlgorithms', description: 'Phase 1 and 2 encryption algorithms.' },
      { policyPath: 'vpn.allowedIntegrityAlgorithms', description: 'Phase 1 and 2 integrity algorithms.' },
      { policyPath: 'vpn.allowedDHGroups', description: 'Phase 1 and 2 Diffie-Hellman group numbers.' },
    ],
    remediation: {
      guidance:
        'Set the phase 1 and phase 2 encryption, integrity and DH group lists of each tunnel to the allowed values (ModifyVpnTunnelOptions), one tunnel at a time, after checking that the customer gateway supports them.',
      remediate: 'modify-vpn-tunnel-options',
      block: 'modify-vpn-tunnel-options',
    },
    defaultMode: 'notify',
    references: [
      'https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html',
      'https://docs.aws.amazon.com/vpn/latest/s2svpn/modify-vpn-tunnel-options.html',
      'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyVpnTunnelOptions.html',
      'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpnTunnelOptionsSpecification.html',
    ],
    compliance: { securityHub: [], configRules: [], frameworks: SEC09_FRAMEWORKS },
  },
  evaluate(connection, context) {
    const inapplicable = inapplicableConnection(connection, 'the crypto');
    if (inapplicable) return inapplicable;

    const policy = context.policy.vpn;
    const label = connectionLabel(connection);
    const unverified: string[] = [];
    const findings: TunnelCryptoFinding[] = [];
    connection.tunnels.forEach((tunnel, index) => {
      const name = tunnelName(tunnel, index);
      if (!tunnel.options) {
        unverified.push(name);
        return;
      }
      const finding = assessTunnel(name, tunnel.options, policy);
      if (finding) findings.push(finding);
    });

    const details = { tunnels: findings, unverifiedTunnels: unverified };
    if (findings.length === 0 && unverified.length === 0) {
      return compliant(
        `Every tunnel of VPN connection ${label} permits only the allowed algorithms and DH groups.`,
        details,
      );
    }
    const sentences = [
      ...findings.map(describeFinding),
      ...(unverified.length > 0
        ? [
            `The tunnel options of ${nameTunnels(unverified)} are not in the input, so the crypto cannot be verified.`,
          ]
        : []),
    ];
    return nonCompliant(`VPN connection ${label}: ${sentences.join(' ')}`, {
      details,
      remediationTarget: describePolicy(policy),
    });
  },
});
