/** How the VPN rules label a connection and judge one that is going away or shows no tunnels. */
import { cannotVerify, notApplicable, type RuleOutcome } from '../../../rules/rule.js';
import type { VpnConnection } from '../model.js';

export function connectionLabel(connection: VpnConnection): string {
  return connection.name ? `${connection.vpnConnectionId} (${connection.name})` : connection.vpnConnectionId;
}

/**
 * VPN connection states (VpnState, and "modifying" that Modify* outputs show). EC2 only ever writes them in
 * lower case and takes no state as input, so they are compared exactly: "Deleted" is not a known state.
 */
export const VPN_STATES: ReadonlySet<string> = new Set([
  'pending',
  'available',
  'modifying',
  'deleting',
  'deleted',
]);

const GONE_STATES = new Set(['deleting', 'deleted']);

/** NOT_APPLICABLE for a connection that is going away (deleting, deleted); undefined otherwise. */
export function goneConnectionOutcome(connection: VpnConnection): RuleOutcome | undefined {
  const state = connection.state;
  if (state === undefined || !GONE_STATES.has(state)) return undefined;
  return notApplicable(`VPN connection ${connectionLabel(connection)} is ${state}.`);
}

/** NON_COMPLIANT for a connection the input shows no tunnel of: what its tunnels allow or do cannot be verified. */
export function noTunnelDataOutcome(connection: VpnConnection, aspect: string): RuleOutcome {
  return cannotVerify(
    `VPN connection ${connectionLabel(connection)}: the input has no tunnel data (no tunnel options, no VgwTelemetry), so ${aspect} cannot be verified.`,
    { tunnels: [], noTunnelData: true },
  );
}

/**
 * The outcome of the tunnel-options rules before judging: NOT_APPLICABLE for a connection going away,
 * NON_COMPLIANT "cannot be verified" for one without tunnel data; undefined to judge the tunnels.
 */
export function inapplicableConnection(connection: VpnConnection, aspect: string): RuleOutcome | undefined {
  const gone = goneConnectionOutcome(connection);
  if (gone) return gone;
  return connection.tunnels.length === 0 ? noTunnelDataOutcome(connection, aspect) : undefined;
}
