import { arnScope } from '../../aws/arn.js';
import { FieldError, type Fields } from '../../inventory/fields.js';
import { isLocationArn } from './arn.js';
import { type DataSyncLocation, LOCATION_KINDS, type LocationKind, schemeOf } from './model.js';

/**
 * Which kind a `describe-location-*` output is. The outputs carry no type field: object storage is told by its
 * ServerProtocol / ServerPort / ServerHostname fields, FSx for ONTAP by StorageVirtualMachineArn
 * (DescribeLocationFsxOntap), the others by their LocationUri scheme (model.ts).
 */
function kindOfRecord(record: Fields): LocationKind | undefined {
  if (record.has('StorageVirtualMachineArn')) return 'FsxOntap';
  if (['ServerProtocol', 'ServerPort', 'ServerHostname'].some((field) => record.has(field)))
    return 'ObjectStorage';
  return kindOfUri(record.string('LocationUri'));
}

const KNOWN_SCHEMES = Object.values(LOCATION_KINDS)
  .flatMap((kind) => kind.schemes)
  .join(', ');

export function kindOfUri(uri: string | undefined): LocationKind | undefined {
  const scheme = schemeOf(uri);
  if (scheme === undefined) return undefined;
  return (Object.keys(LOCATION_KINDS) as LocationKind[]).find((kind) =>
    (LOCATION_KINDS[kind].schemes as readonly string[]).includes(scheme),
  );
}

interface MapOptions {
  /** The kind the caller knows (a Config item's type, a ref's type); else told from the record. */
  kind?: LocationKind | undefined;
  /** The record is an AWS Config item's configuration (see DataSyncLocation.fromConfig). */
  fromConfig?: boolean;
  /** Where the item says the location is, when the record has no LocationArn of its own. */
  arn?: string | undefined;
  /** The record is a list-locations entry (see DataSyncLocation.fromListing): it has no Describe* field at all. */
  fromListing?: boolean;
}

/**
 * A location from its Describe* output (https://docs.aws.amazon.com/datasync/latest/userguide/API_Operations.html)
 * or its AWS Config item's configuration (the same PascalCase fields: awslabs/aws-config-resource-schema
 * AWS::DataSync::Location*.properties.json @ 81776fec): each kind's transit field, kept as given (an unknown value
 * is judged "cannot be verified", never a pass).
 */
export function mapLocation(record: Fields, source: string, options: MapOptions = {}): DataSyncLocation {
  const locationArn = record.string('LocationArn') ?? options.arn;
  if (!isLocationArn(locationArn))
    throw new FieldError(record.pathOf('LocationArn'), 'expected a DataSync location ARN');
  const kind = options.kind ?? kindOfRecord(record);
  if (!kind) {
    const scheme = schemeOf(record.string('LocationUri'));
    throw new FieldError(
      record.pathOf('LocationUri'),
      `a DataSync location of a kind transit-guard reads (URI scheme ${KNOWN_SCHEMES}), not ${scheme === undefined ? 'a URI without a scheme' : `the URI scheme "${scheme}"`}, so its transport cannot be verified`,
    );
  }
  const qop = record.object('QopConfiguration');
  const ontap = record.object('Protocol');
  // Without a Protocol (a ListLocations entry), FSx for ONTAP's scheme names it: fsxn-nfs:// or fsxn-smb:// (model.ts).
  const scheme = kind === 'FsxOntap' ? schemeOf(record.string('LocationUri')) : undefined;
  const ontapProtocol = ontap?.has('SMB')
    ? 'SMB'
    : ontap?.has('NFS')
      ? 'NFS'
      : scheme === 'fsxn-nfs'
        ? 'NFS'
        : scheme === 'fsxn-smb'
          ? 'SMB'
          : undefined;
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
    // A listing entry says nothing of QopConfiguration: left unset, it does not contradict the describe output.
    ...(options.fromListing ? {} : { hasQopConfiguration: qop !== undefined }),
    rpcProtection: qop?.string('RpcProtection'),
    dataTransferProtection: qop?.string('DataTransferProtection'),
    mountVersion: mountOptions?.string('Version'),
    ontapProtocol,
    ...(options.fromConfig ? { fromConfig: true } : {}),
    ...(options.fromListing ? { fromListing: true } : {}),
  };
}
