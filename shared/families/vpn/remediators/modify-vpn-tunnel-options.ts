import type { ModifyVpnTunnelOptionsSpecification } from '@aws-sdk/client-ec2';
import type { RemediationCall } from '../../../model/evaluation.js';
import { joinWords } from '../../../model/words.js';
import type { Policy } from '../../../policy/schema.js';
import { sdkCall } from '../../../response/calls.js';
import { defineRemediator } from '../../../response/remediator.js';
import { VPN_COMMANDS } from '../commands.js';
import type { VpnConnection, VpnNegotiatedCrypto, VpnTunnel, VpnTunnelOptions } from '../model.js';
import {
  AWS_DEFAULT_TUNNEL_OPTIONS,
  isAllowed,
  isIntegrityPlaceholder,
  NEGOTIATED_FIELDS,
  nameTunnels,
  permittedValues,
  policyAllowedValues,
  type TunnelOptionList,
  tunnelName,
  valuesOutside,
} from '../tunnels.js';

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
  const valid: readonly OptionValue[] = AWS_DEFAULT_TUNNEL_OPTIONS[list];
  return policyAllowedValues(policy, list).filter((value) => isAllowed(value, valid));
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

type TargetLists = Record<TunnelOptionList, readonly OptionValue[]>;

function targetLists(options: VpnTunnelOptions, policy: Policy['vpn']): TargetLists {
  const lists = {} as TargetLists;
  for (const list of LISTS) lists[list] = targetValues(options, policy, list);
  return lists;
}

function tunnelOptions(target: TargetLists): ModifyVpnTunnelOptionsSpecification {
  const spec: Record<string, { Value: OptionValue }[]> = {};
  for (const list of LISTS) spec[FIELDS[list]] = target[list].map((value) => ({ Value: value }));
  return spec as ModifyVpnTunnelOptionsSpecification;
}

/**
 * Whether the customer gateway can reconnect after the change, judged by what the tunnel negotiated: `loses`
 * (a negotiated value the new options no longer permit), `keeps` (every value known and still permitted) or
 * `unknown` (no or partial GetActiveVpnTunnelStatus data).
 */
type Fit = { kind: 'keeps' } | { kind: 'unknown' } | { kind: 'loses'; values: string[] };

/** Known-compatible tunnels first, unknown ones next (allowed, as without negotiated data), losing ones last. */
const FIT_ORDER: Record<Fit['kind'], number> = { keeps: 0, unknown: 1, loses: 2 };

function fitOf(negotiated: VpnNegotiatedCrypto, target: TargetLists): Fit {
  const lost: string[] = [];
  let unknown = false;
  for (const { field, list, words, encryption } of NEGOTIATED_FIELDS) {
    const value = negotiated[field];
    if (value === undefined || String(value).trim() === '') {
      unknown = true;
      continue;
    }
    if (isIntegrityPlaceholder(negotiated, encryption, value)) continue;
    if (!isAllowed(value, target[list])) lost.push(`${words} ${value}`);
  }
  if (lost.length > 0) return { kind: 'loses', values: lost };
  return unknown ? { kind: 'unknown' } : { kind: 'keeps' };
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
  iamActions: [VPN_COMMANDS.ModifyVpnTunnelOptions.iamAction],
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
    const changes = connection.tunnels.flatMap((tunnel, index) => {
      const options = tunnel.options;
      if (!options || !needsChange(options, policy.vpn)) return [];
      const target = targetLists(options, policy.vpn);
      return [
        { name: tunnelName(tunnel, index), tunnel, target, fit: fitOf(tunnel.negotiated ?? {}, target) },
      ];
    });
    if (changes.length === 0)
      return { kind: 'refused', note: 'every tunnel already permits only allowed values' };
    // A tunnel the customer gateway might not reconnect is never changed first: the other keeps the traffic.
    const ordered = [...changes].sort((a, b) => FIT_ORDER[a.fit.kind] - FIT_ORDER[b.fit.kind]);
    const losses = ordered.flatMap(({ name, fit }) =>
      fit.kind === 'loses' ? [`${nameTunnels([name])} negotiated ${joinWords(fit.values)}`] : [],
    );
    if (losses.length === ordered.length) {
      return {
        kind: 'refused',
        note: `no tunnel change: ${losses.join('; ')}, which the new tunnel options would no longer permit: the customer gateway might not reconnect; configure it to propose allowed values first`,
      };
    }
    const calls = ordered.map(({ tunnel, target }) =>
      sdkCall(VPN_COMMANDS, 'ModifyVpnTunnelOptions', {
        VpnConnectionId: connection.vpnConnectionId,
        VpnTunnelOutsideIpAddress: tunnel.outsideIpAddress,
        TunnelOptions: tunnelOptions(target),
      }),
    );
    const last =
      losses.length > 0
        ? `; changed last: ${losses.join('; ')}, which the new tunnel options no longer permit: such a tunnel may stay DOWN until the customer gateway proposes allowed values`
        : '';
    return {
      kind: 'calls',
      calls,
      note: `one tunnel at a time: ${calls.map(tunnelOf).join(', then ')}, each only after the one before is UP again${last}`,
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
    timeoutMs: (policy) => policy.vpn.tunnelUpTimeoutMinutes * 60_000,
  },
});
