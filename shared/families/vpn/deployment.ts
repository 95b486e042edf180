/**
 * Site-to-Site VPN in the deployment: connection reads, the tunnel option writes, and the SCP statements that
 * deny weak tunnel options. Condition keys (Service Authorization Reference, list_amazonec2.html):
 * CreateVpnConnection / ModifyVpnTunnelOptions carry ec2:IKEVersions, ec2:Phase1EncryptionAlgorithms,
 * ec2:Phase2EncryptionAlgorithms, ec2:Phase1IntegrityAlgorithms, ec2:Phase2IntegrityAlgorithms, ec2:Phase1DHGroup,
 * ec2:Phase2DHGroup (all ArrayOfString; older VPN guides spell the DH keys ec2:Phase1DHGroupNumbers /
 * ec2:Phase2DHGroupNumbers). ModifyVpnTunnelOptions carries the same keys as CreateVpnConnection (vpn-connection
 * resource of both actions).
 * Tagging: EC2 checks ec2:CreateTags (with ec2:CreateAction) on a create call that carries tags; DeleteTags
 * removes them.
 */
import type {
  FamilyDeployment,
  ScpCondition,
  ScpContext,
  ScpStatement,
} from '../../infra/family-deployment.js';
import type { Policy } from '../../policy/schema.js';
import {
  AWS_DEFAULT_TUNNEL_OPTIONS,
  policyAllowedValues,
  type TunnelOptionList,
  valuesOutside,
} from './tunnels.js';

const TUNNEL_ACTIONS = ['ec2:CreateVpnConnection', 'ec2:ModifyVpnTunnelOptions'];

/** The tunnel crypto option lists, their condition keys and the Sid part of their statements. */
const CRYPTO_OPTIONS: readonly { list: TunnelOptionList; key: string; name: string }[] = [
  { list: 'phase1EncryptionAlgorithms', key: 'ec2:Phase1EncryptionAlgorithms', name: 'Phase1Encryption' },
  { list: 'phase2EncryptionAlgorithms', key: 'ec2:Phase2EncryptionAlgorithms', name: 'Phase2Encryption' },
  { list: 'phase1IntegrityAlgorithms', key: 'ec2:Phase1IntegrityAlgorithms', name: 'Phase1Integrity' },
  { list: 'phase2IntegrityAlgorithms', key: 'ec2:Phase2IntegrityAlgorithms', name: 'Phase2Integrity' },
  { list: 'phase1DHGroupNumbers', key: 'ec2:Phase1DHGroup', name: 'Phase1DHGroups' },
  { list: 'phase2DHGroupNumbers', key: 'ec2:Phase2DHGroup', name: 'Phase2DHGroups' },
];

/**
 * The values of a tunnel option list that the policy does not allow. AWS_DEFAULT_TUNNEL_OPTIONS holds every
 * value the EC2 API accepts for the list, which is also what AWS permits when a request leaves it out.
 */
function disallowedTunnelValues(policy: Policy, list: TunnelOptionList): string[] {
  const accepted: readonly (string | number)[] = AWS_DEFAULT_TUNNEL_OPTIONS[list];
  return valuesOutside(accepted, policyAllowedValues(policy.vpn, list)).map(String);
}

function weakTunnelOptions({ policy, ruleIsOn }: ScpContext): ScpStatement[] {
  const statements: ScpStatement[] = [];
  const deny = (Sid: string, Action: string[], Condition: ScpCondition) =>
    statements.push({ Sid, Effect: 'Deny', Action, Resource: '*', Condition });
  if (ruleIsOn('vpn-tunnel-ike-version')) {
    const ike = disallowedTunnelValues(policy, 'ikeVersions');
    if (ike.length > 0) {
      deny('VpnIkeVersions', TUNNEL_ACTIONS, {
        'ForAnyValue:StringEquals': { 'ec2:IKEVersions': ike },
      });
      // AWS's default tunnel options permit every IKE version.
      deny('VpnDefaultTunnelOptions', ['ec2:CreateVpnConnection'], {
        Null: { 'ec2:IKEVersions': 'true' },
      });
    }
  }
  if (ruleIsOn('vpn-tunnel-weak-crypto')) {
    const weak = CRYPTO_OPTIONS.map((option) => ({
      ...option,
      values: disallowedTunnelValues(policy, option.list),
    })).filter((option) => option.values.length > 0);
    for (const { key, name, values } of weak) {
      deny(`Vpn${name}`, TUNNEL_ACTIONS, { 'ForAnyValue:StringEquals': { [key]: values } });
    }
    // A list left out of CreateVpnConnection gets AWS's default, every value, the disallowed ones included. On
    // ModifyVpnTunnelOptions a list left out stays as it is (it was judged when it was set).
    for (const { key, name } of weak) {
      deny(`VpnDefault${name}`, ['ec2:CreateVpnConnection'], { Null: { [key]: 'true' } });
    }
  }
  return statements;
}

export const vpnDeployment: FamilyDeployment = {
  services: ['ec2'],
  reads: [
    {
      // ec2:DescribeVpnConnections supports only Resource "*"; the Service Authorization Reference lists no
      // resource type for ec2:GetActiveVpnTunnelStatus (read-only).
      sid: 'ReadVpnConnections',
      actions: ['ec2:DescribeVpnConnections', 'ec2:GetActiveVpnTunnelStatus'],
      resource: '*',
    },
  ],
  writes: [
    {
      sid: 'RemediateVpnTunnels',
      actions: ['ec2:ModifyVpnTunnelOptions'],
      resource: { service: 'ec2', resource: 'vpn-connection/*' },
    },
  ],
  scp: { statements: weakTunnelOptions },
};
