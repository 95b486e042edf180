import type { ModifyVpnTunnelOptionsSpecification } from '@aws-sdk/client-ec2';
import type { RemediationCall } from '../../model/evaluation.js';
import type { VpnConnection, VpnTunnel, VpnTunnelOptions } from '../../model/resource.js';
import type { Policy } from '../../policy/schema.js';
import {
  AWS_DEFAULT_TUNNEL_OPTIONS,
  isAllowed,
  permittedValues,
  policyAllowedValues,
  type TunnelOptionList,
  tunnelName,
  valuesOutside,
} from '../../rules/vpn/tunnels.js';
import { joinWords } from '../../rules/wording.js';
import { sdkCall } from '../calls.js';
import { defineRemediator } from '../remediator.js';

type OptionValue = string | number;

/** Each tunnel option list and the ModifyVpnTunnelOptions field that sets it. */
const FIELDS = {
  ikeVersions: 'IKEVersions',
  phase1EncryptionAlgorithms: 'Phase1EncryptionAlgorithms',
  phase2EncryptionAlgorithms: 'Phase2EncryptionAlgorithms',
  phase1IntegrityAlgorithms: 'Phase1IntegrityAlgorithms',
  phase2IntegrityAlgorithms: 'Phase2IntegrityAlgorithms',
  phase1DHGroupNumbers: 'Phase1DHGroupNumbers',
  phase2DHGroupNumbers: 'Phase2DHGroupNumbers',
} as const satisfies Record<TunnelOptionList, keyof ModifyVpnTunnelOptionsSpecification>;

const LISTS = Object.keys(FIELDS) as TunnelOptionList[];

/**
 * The values the policy allows that ModifyVpnTunnelOptions accepts for this list (the EC2 API's valid
 * sets: phase 1 takes no DH group 5, phase 2 does).
 */
function settableValues(policy: Policy['vpn'], list: TunnelOptionList): readonly OptionValue[] {
  const allowed = policyAllowedValues(policy, list);
  const known = settableByPolicyList.get(allowed)?.get(list);
  if (known && sameValues(known.allowed, allowed)) return known.settable;
  const valid: readonly OptionValue[] = AWS_DEFAULT_TUNNEL_OPTIONS[list];
  const settable = allowed.filter((value) => isAllowed(value, valid));
  const byList = settableByPolicyList.get(allowed) ?? new Map();
  byList.set(list, { allowed: [...allowed], settable });
  settableByPolicyList.set(allowed, byList);
  return settable;
}

/**
 * settableValues of the policy lists planned with so far: one policy is planned for every connection of a
 * run. Each is kept with a copy of the list it was made from, so that a list changed since is noticed.
 */
const settableByPolicyList = new WeakMap<
  readonly OptionValue[],
  Map<TunnelOptionList, { allowed: readonly OptionValue[]; settable: readonly OptionValue[] }>
>();

function sameValues(a: readonly OptionValue[], b: readonly OptionValue[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

function needsChange(options: VpnTunnelOptions, policy: Policy['vpn']): boolean {
  return LISTS.some((list) => {
    const permitted: readonly OptionValue[] = permittedValues(options, list).values;
    return valuesOutside(permitted, policyAllowedValues(policy, list)).length > 0;
  });
}

/**
 * The new list: what the tunnel permits now, narrowed to the policy (so a customer gateway keeps the values
 * it was set up for); the policy's whole list when nothing the tunnel permits is allowed.
 */
function targetValues(
  options: VpnTunnelOptions,
  policy: Policy['vpn'],
  list: TunnelOptionList,
): readonly OptionValue[] {
  const settable = settableValues(policy, list);
  const permitted: readonly OptionValue[] = permittedValues(options, list).values;
  const kept = settable.filter((value) => isAllowed(value, permitted));
  return kept.length > 0 ? kept : settable;
}

function tunnelOptions(
  options: VpnTunnelOptions,
  policy: Policy['vpn'],
): ModifyVpnTunnelOptionsSpecification {
  const spec: Record<string, { Value: OptionValue }[]> = {};
  for (const list of LISTS) {
    spec[FIELDS[list]] = targetValues(options, policy, list).map((value) => ({ Value: value }));
  }
  return spec as ModifyVpnTunnelOptionsSpecification;
}

const isUp = (tunnel: VpnTunnel) => tunnel.status?.toUpperCase() === 'UP';

/** The tunnel a ModifyVpnTunnelOptions call changes, by its outside IP address. */
function tunnelOf(call: RemediationCall): string {
  return String(call.input.VpnTunnelOutsideIpAddress);
}

/** The lists a call sets are what the tunnel now reports (compared as sets, case-insensitively). */
function optionsApplied(tunnel: VpnTunnel, call: RemediationCall): boolean {
  const requested = call.input.TunnelOptions as Record<string, { Value?: OptionValue }[] | undefined>;
  const options = tunnel.options;
  if (!options) return false;
  return LISTS.every((list) => {
    const wanted = (requested[FIELDS[list]] ?? []).map((entry) => entry.Value ?? '');
    const actual: readonly OptionValue[] = options[list];
    return (
      wanted.length === actual.length &&
      wanted.every((value) => isAllowed(value, actual)) &&
      actual.every((value) => isAllowed(value, wanted))
    );
  });
}

export const modifyVpnTunnelOptions = defineRemediator({
  id: 'modify-vpn-tunnel-options',
  iamActions: ['ec2:ModifyVpnTunnelOptions'],
  resourceTypes: ['AWS::EC2::VPNConnection'],
  // Changing a tunnel restarts it: only while every tunnel is UP, so the other one carries the traffic.
  safety(connection) {
    const state = connection.state?.toLowerCase();
    if (state !== undefined && state !== 'available') {
      return `no tunnel change: VPN connection ${connection.vpnConnectionId} is ${state}`;
    }
    const notUp = connection.tunnels
      .map((tunnel, index) => ({ tunnel, name: tunnelName(tunnel, index) }))
      .filter(({ tunnel }) => !isUp(tunnel));
    if (notUp.length === 0) return undefined;
    const states = notUp.map(({ tunnel, name }) => `${name} is ${tunnel.status ?? 'of unknown status'}`);
    return `no tunnel change: ${joinWords(states)}; changing a tunnel now could cut the connection (every tunnel must be UP)`;
  },
  plan({ resource: connection, policy }) {
    const unknown = connection.tunnels
      .map((tunnel, index) => (tunnel.options ? undefined : tunnelName(tunnel, index)))
      .filter((name) => name !== undefined);
    if (unknown.length > 0) {
      return {
        kind: 'refused',
        note: `the tunnel options of ${joinWords(unknown)} are not in the input; read the connection from the EC2 API first`,
      };
    }
    const impossible = LISTS.filter((list) => settableValues(policy.vpn, list).length === 0);
    if (impossible.length > 0) {
      return {
        kind: 'refused',
        note: `the policy allows no value ModifyVpnTunnelOptions accepts for ${impossible.join(', ')} (phase 1 takes no DH group 5)`,
      };
    }
    const calls = connection.tunnels.flatMap((tunnel) => {
      const options = tunnel.options;
      if (!options || !needsChange(options, policy.vpn)) return [];
      return [
        sdkCall('ec2', 'ModifyVpnTunnelOptions', {
          VpnConnectionId: connection.vpnConnectionId,
          VpnTunnelOutsideIpAddress: tunnel.outsideIpAddress,
          TunnelOptions: tunnelOptions(options, policy.vpn),
        }),
      ];
    });
    if (calls.length === 0)
      return { kind: 'refused', note: 'every tunnel already permits only allowed values' };
    return {
      kind: 'calls',
      calls,
      note: `one tunnel at a time: ${calls.map(tunnelOf).join(', then ')}, each only after the one before is UP again`,
    };
  },
  settle: {
    isSettled(after: VpnConnection | undefined, call) {
      const state = after?.state?.toLowerCase();
      if (!after || (state !== undefined && state !== 'available')) return false;
      const tunnel = after.tunnels.find((candidate) => candidate.outsideIpAddress === tunnelOf(call));
      return tunnel !== undefined && isUp(tunnel) && optionsApplied(tunnel, call);
    },
    failure: (call) => `tunnel ${tunnelOf(call)} did not come back UP`,
  },
});
