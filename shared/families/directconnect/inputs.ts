import type { InventoryBuilder } from '../../inventory/builder.js';
import type { FamilyInputs } from '../../inventory/family-inputs.js';
import { Fields, type JsonObject } from '../../inventory/fields.js';
import { itself, unionBy } from '../../inventory/merge.js';
import type { Resource } from '../../model/resource.js';
import { readDxConnections, readDxLags } from './describe.js';
import type { DxConnection, DxLag } from './model.js';

const CONNECTION = 'AWS::DirectConnect::Connection';
const LAG = 'AWS::DirectConnect::Lag';

/** CreateConnection / CreateLag (and Describe... of one) return the object itself. */
function readDirectConnectObject(document: JsonObject, out: InventoryBuilder): boolean {
  const root = new Fields(document, '');
  if (typeof document.lagId === 'string' && ('lagState' in document || 'lagName' in document)) {
    readDxLags([root], 'directconnect lag', out.labelOf('directconnect lag'), out);
    return true;
  }
  if (typeof document.connectionId === 'string' && 'connectionState' in document) {
    readDxConnections([root], 'directconnect connection', out.labelOf('directconnect connection'), out);
    return true;
  }
  return false;
}

const isLag = (resource: Resource): resource is DxLag => resource.resourceType === LAG;
const isConnection = (resource: Resource): resource is DxConnection => resource.resourceType === CONNECTION;

/** A LAG's members: the ones it lists and the connections that name it; their port status, when known. */
function linkLags(resources: readonly Resource[]): Map<Resource, Resource> {
  const lags = resources.filter(isLag);
  const connections = resources.filter(isConnection);
  const linked = new Map<Resource, Resource>();
  for (const lag of lags) {
    const members = connections.filter(
      (connection) => connection.lagId === lag.lagId || lag.connectionIds.includes(connection.connectionId),
    );
    const connectionIds = [
      ...new Set([...lag.connectionIds, ...members.map((member) => member.connectionId)]),
    ];
    if (connectionIds.length === 0) {
      linked.set(lag, lag);
      continue;
    }
    const status: Record<string, string | undefined> = {};
    for (const id of connectionIds) {
      const member = members.find((candidate) => candidate.connectionId === id);
      status[id] = member?.portEncryptionStatus ?? lag.memberPortEncryptionStatus?.[id];
    }
    linked.set(lag, { ...lag, connectionIds, memberPortEncryptionStatus: status });
  }
  return linked;
}

export const directConnectInputs: FamilyInputs = {
  formats: [
    {
      key: 'connections',
      format: 'directconnect describe-connections',
      read: (records, format, label, out) => readDxConnections(records, format, label, out),
    },
    {
      key: 'lags',
      format: 'directconnect describe-lags',
      read: (records, format, label, out) => readDxLags(records, format, label, out),
    },
  ],
  // A LAG object has a `connections` list of its own: objects are recognized before describe-connections.
  objects: [
    {
      expected: 'a Direct Connect connection or LAG object (connectionId, lagId)',
      read: readDirectConnectObject,
    },
  ],
  // AWS Config does not record Direct Connect: its items are out of scope.
  link: (resources) => linkLags(resources),
  mergeLists: {
    [LAG]: (earlier, later, merged) => ({
      ...(merged as DxLag),
      connectionIds: unionBy((earlier as DxLag).connectionIds, (later as DxLag).connectionIds, itself) ?? [],
    }),
  },
  mapFields: ['memberPortEncryptionStatus'],
};
