import { arnScope } from '../../aws/arn.js';
import { FieldError, type Fields } from '../../inventory/fields.js';
import { isLocationArn } from './arn.js';
import { type DataSyncLocation, LOCATION_KINDS, type LocationKind } from './model.js';

/**
 * Which kind a `describe-location-*` output is. The outputs carry no type field: the LocationUri scheme names
 * efs / nfs / smb / hdfs / s3 (LocationListEntry pattern); object storage is told by its ServerProtocol /
 * ServerPort / ServerHostname fields, FSx for ONTAP by StorageVirtualMachineArn (DescribeLocationFsxOntap).
 */
function kindOfRecord(record: Fields): LocationKind | undefined {
  if (record.has('StorageVirtualMachineArn')) return 'FsxOntap';
  if (['ServerProtocol', 'ServerPort', 'ServerHostname'].some((field) => record.has(field)))
    return 'ObjectStorage';
  return kindOfUri(record.string('LocationUri'));
}

export function kindOfUri(uri: string | undefined): LocationKind | undefined {
  const scheme = uri?.split('://')[0];
  return (Object.keys(LOCATION_KINDS) as LocationKind[]).find(
    (kind) => 'scheme' in LOCATION_KINDS[kind] && LOCATION_KINDS[kind].scheme === scheme,
  );
}

/**
 * A location from its Describe* output (https://docs.aws.amazon.com/datasync/latest/userguide/API_Operations.html):
 * each kind's transit field, kept as given (an unknown value is judged "cannot be verified", never a pass).
 */
export function mapLocation(record: Fields, source: string, kind = kindOfRecord(record)): DataSyncLocation {
  const locationArn = record.string('LocationArn');
  if (!isLocationArn(locationArn))
    throw new FieldError(record.pathOf('LocationArn'), 'expected a DataSync location ARN');
  if (!kind)
    throw new FieldError(
      record.pathOf('LocationUri'),
      'a DataSync location of a kind transit-guard reads (efs, nfs, smb, hdfs, s3 URI, object storage or FSx for ONTAP), so its transport cannot be verified',
    );
  const qop = record.object('QopConfiguration');
  const ontap = record.object('Protocol');
  const ontapProtocol = ontap?.has('SMB') ? 'SMB' : ontap?.has('NFS') ? 'NFS' : undefined;
  const mountOptions = ontapProtocol
    ? ontap?.object(ontapProtocol)?.object('MountOptions')
    : record.object('MountOptions');
  return {
    resourceType: LOCATION_KINDS[kind].type,
    resourceId: locationArn,
    arn: locationArn,
    ...arnScope(locationArn),
    tags: {},
    source,
    locationArn,
    locationUri: record.string('LocationUri'),
    serverProtocol: record.string('ServerProtocol'),
    inTransitEncryption: record.string('InTransitEncryption'),
    hasQopConfiguration: qop !== undefined,
    rpcProtection: qop?.string('RpcProtection'),
    dataTransferProtection: qop?.string('DataTransferProtection'),
    mountVersion: mountOptions?.string('Version'),
    ontapProtocol,
  };
}
