/** The Direct Connect API calls that change a connection or LAG. AWS Config does not record Direct Connect. */
import type { FieldPath } from '../../events/errors.js';
import { fieldError } from '../../events/errors.js';
import {
  type ApiCall,
  type CallRoute,
  type FamilyEvents,
  refOf,
  stringAt,
} from '../../events/family-events.js';
import type { ResourceRef } from '../../model/ref.js';

const DX_KINDS = {
  connection: { prefixes: ['dxcon-'], expected: 'a dxcon- id' },
  lag: { prefixes: ['dxlag-'], expected: 'a dxlag- id' },
  either: { prefixes: ['dxcon-', 'dxlag-'], expected: 'a dxcon- or dxlag- id' },
} as const;

/** A Direct Connect id: dxcon- is a connection, dxlag- a LAG (MACsec keys go on either). */
function dxAt(call: ApiCall, path: FieldPath, kind: keyof typeof DX_KINDS): ResourceRef {
  const id = stringAt(call, [path]);
  const { prefixes, expected } = DX_KINDS[kind];
  if (!prefixes.some((prefix) => id.startsWith(prefix)))
    fieldError(['detail', ...path], expected, id, call.eventId);
  return id.startsWith('dxlag-')
    ? refOf(call, 'AWS::DirectConnect::Lag', id)
    : refOf(call, 'AWS::DirectConnect::Connection', id);
}

function connectionAndLag(call: ApiCall): ResourceRef[] {
  return [
    dxAt(call, ['requestParameters', 'connectionId'], 'connection'),
    dxAt(call, ['requestParameters', 'lagId'], 'lag'),
  ];
}

const CALLS = new Map<string, CallRoute>([
  ['CreateConnection', { refs: (c) => [dxAt(c, ['responseElements', 'connectionId'], 'connection')] }],
  ['UpdateConnection', { refs: (c) => [dxAt(c, ['requestParameters', 'connectionId'], 'connection')] }],
  ['AssociateMacSecKey', { refs: (c) => [dxAt(c, ['requestParameters', 'connectionId'], 'either')] }],
  ['DisassociateMacSecKey', { refs: (c) => [dxAt(c, ['requestParameters', 'connectionId'], 'either')] }],
  ['CreateLag', { refs: (c) => [dxAt(c, ['responseElements', 'lagId'], 'lag')] }],
  ['UpdateLag', { refs: (c) => [dxAt(c, ['requestParameters', 'lagId'], 'lag')] }],
  ['AssociateConnectionWithLag', { refs: connectionAndLag }],
  ['DisassociateConnectionFromLag', { refs: connectionAndLag }],
  // A hosted connection's owner accepts it: from now on it carries traffic.
  ['ConfirmConnection', { refs: (c) => [dxAt(c, ['requestParameters', 'connectionId'], 'connection')] }],
  [
    'DeleteConnection',
    { refs: (c) => [dxAt(c, ['requestParameters', 'connectionId'], 'connection')], deleted: true },
  ],
  ['DeleteLag', { refs: (c) => [dxAt(c, ['requestParameters', 'lagId'], 'lag')], deleted: true }],
]);

export const directConnectEvents: FamilyEvents = {
  apiCalls: [{ source: 'aws.directconnect', label: 'Direct Connect', routes: CALLS }],
};
