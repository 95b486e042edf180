/** The EC2 API calls that change a Site-to-Site VPN connection, and its Config items. */
import { fieldError } from '../../events/errors.js';
import {
  type ApiCall,
  type CallRoute,
  type FamilyEvents,
  refOf,
  stringAt,
} from '../../events/family-events.js';
import type { ResourceRef } from '../../model/ref.js';

const VPN_CONNECTION = 'AWS::EC2::VPNConnection';
const VPN_ID_KEYS = ['vpnConnectionId', 'VpnConnectionId'];

/**
 * EC2 records requests flat in camelCase (`vpnConnectionId`), flat in PascalCase, or wrapped in
 * `<EventName>Request` (`ModifyVpnTunnelOptionsRequest.VpnConnectionId`); responses likewise.
 */
function vpnConnection(call: ApiCall, fromRequest: boolean): ResourceRef[] {
  const request = VPN_ID_KEYS.flatMap((key) => [
    ['requestParameters', key],
    ['requestParameters', `${call.eventName}Request`, key],
  ]);
  const response = [
    ['responseElements', 'vpnConnection', 'vpnConnectionId'],
    ['responseElements', `${call.eventName}Response`, 'vpnConnection', 'vpnConnectionId'],
  ];
  const candidates = fromRequest ? [...request, ...response] : response;
  const id = stringAt(call, candidates);
  if (!id.startsWith('vpn-')) fieldError(['detail', ...(candidates[0] ?? [])], 'a vpn- id', id, call.eventId);
  return [refOf(call, VPN_CONNECTION, id)];
}

const CALLS = new Map<string, CallRoute>([
  ['CreateVpnConnection', { refs: (c) => vpnConnection(c, false) }],
  ['ModifyVpnTunnelOptions', { refs: (c) => vpnConnection(c, true) }],
  ['ModifyVpnConnection', { refs: (c) => vpnConnection(c, true) }],
  ['ModifyVpnConnectionOptions', { refs: (c) => vpnConnection(c, true) }],
  ['DeleteVpnConnection', { refs: (c) => vpnConnection(c, true), deleted: true }],
]);

export const vpnEvents: FamilyEvents = {
  apiCalls: [{ source: 'aws.ec2', label: 'EC2', routes: CALLS }],
  config: {
    resourceTypes: [VPN_CONNECTION],
    // The vpn- id names the connection (its items carry no ARN the inventory uses).
    resourceOf: (item) => ({ resourceId: item.resourceId }),
  },
};
