import type { InventoryBuilder } from '../../inventory/builder.js';
import type { Fields } from '../../inventory/fields.js';
import { displayName, readTags, requireString } from '../../inventory/record.js';
import type { DxConnection, DxLag, MacSecKey } from './model.js';

function mapMacSecKey(key: Fields): MacSecKey {
  return {
    secretArn: key.string('SecretARN'),
    ckn: key.string('Ckn'),
    state: key.string('State'),
    startOn: key.date('StartOn') ?? key.string('StartOn'),
  };
}

/** What connections and LAGs share: owner, region, bandwidth, MACsec. */
function dxCommon(record: Fields, bandwidthField: string) {
  return {
    macSecKeys: (record.objects('MacSecKeys') ?? []).map(mapMacSecKey),
    accountId: record.string('OwnerAccount'),
    region: record.string('Region'),
    location: record.string('Location'),
    bandwidth: record.string(bandwidthField),
    macSecCapable: record.boolean('MacSecCapable'),
    encryptionMode: record.string('EncryptionMode'),
  };
}

/** A connection: DescribeConnections, CreateConnection output, or a LAG member. */
function mapDxConnection(connection: Fields, source: string): DxConnection {
  const connectionId = requireString(connection, 'ConnectionId');
  const tags = readTags(connection, 'Tags');
  const partnerName = connection.string('PartnerName');
  return {
    resourceType: 'AWS::DirectConnect::Connection',
    resourceId: connectionId,
    tags,
    source,
    connectionId,
    ...dxCommon(connection, 'Bandwidth'),
    name: displayName(tags, connection.string('ConnectionName')),
    state: connection.string('ConnectionState'),
    lagId: connection.string('LagId'),
    portEncryptionStatus: connection.string('PortEncryptionStatus'),
    partnerName,
    // Only a hosted connection names the partner whose interconnect it rides on.
    hosted: partnerName ? true : undefined,
  };
}

/** A LAG: DescribeLags or CreateLag output; member connections give its member port status. */
function mapDxLag(lag: Fields, source: string): DxLag {
  const lagId = requireString(lag, 'LagId');
  const tags = readTags(lag, 'Tags');
  const members = (lag.objects('Connections') ?? []).map((member) => mapDxConnection(member, source));
  const memberPortEncryptionStatus = Object.fromEntries(
    members.map((member) => [member.connectionId, member.portEncryptionStatus]),
  );
  return {
    resourceType: 'AWS::DirectConnect::Lag',
    resourceId: lagId,
    tags,
    source,
    lagId,
    connectionIds: members.map((member) => member.connectionId),
    ...dxCommon(lag, 'ConnectionsBandwidth'),
    name: displayName(tags, lag.string('LagName')),
    state: lag.string('LagState'),
    memberPortEncryptionStatus: members.length > 0 ? memberPortEncryptionStatus : undefined,
  };
}

export function readDxConnections(
  records: Fields[],
  format: string,
  label: string,
  out: InventoryBuilder,
): void {
  out.eachRecord(format, 'connection', records, (record) => {
    out.resources.push(mapDxConnection(record, label));
  });
}

export function readDxLags(records: Fields[], format: string, label: string, out: InventoryBuilder): void {
  out.eachRecord(format, 'LAG', records, (record) => {
    out.resources.push(mapDxLag(record, label));
  });
}
