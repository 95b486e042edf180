/** The DataSync location in the normalized model (shared/model/resource.ts). */
import type { ResourceBase } from '../../model/resource.js';

/**
 * The location kinds this family reads, each with its CloudFormation / AWS Config resource type, its Describe
 * call and the LocationUri schemes that name it. The API documents `^(efs|nfs|s3|smb|hdfs|fsx[a-z0-9-]+)://`
 * (LocationListEntry, https://docs.aws.amazon.com/datasync/latest/userguide/API_LocationListEntry.html) and the
 * OpenZFS example `fsxz://` (https://docs.aws.amazon.com/datasync/latest/userguide/API_DescribeLocationFsxOpenZfs.html);
 * the rest are what AWS returns in terraform-provider-aws's acceptance tests (internal/service/datasync:
 * `^fsxw://`, `^fsxl://`, `^fsxn-(nfs|smb)://` in location_fsx_*_test.go, `object-storage://<host>/<bucket>/` in
 * uri_test.go's decodeObjectStorageURI) and the AWS::DataSync::LocationAzureBlob resource schema (LocationUri
 * `^(azure-blob)://`, https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-datasync-locationazureblob.html).
 * Facts: ../shared/reference/datasync-location-transport.json.
 */
export const LOCATION_KINDS = {
  ObjectStorage: {
    type: 'AWS::DataSync::LocationObjectStorage',
    describe: 'DescribeLocationObjectStorage',
    schemes: ['object-storage'],
  },
  Efs: { type: 'AWS::DataSync::LocationEFS', describe: 'DescribeLocationEfs', schemes: ['efs'] },
  Hdfs: { type: 'AWS::DataSync::LocationHDFS', describe: 'DescribeLocationHdfs', schemes: ['hdfs'] },
  Smb: { type: 'AWS::DataSync::LocationSMB', describe: 'DescribeLocationSmb', schemes: ['smb'] },
  Nfs: { type: 'AWS::DataSync::LocationNFS', describe: 'DescribeLocationNfs', schemes: ['nfs'] },
  S3: { type: 'AWS::DataSync::LocationS3', describe: 'DescribeLocationS3', schemes: ['s3'] },
  FsxOntap: {
    type: 'AWS::DataSync::LocationFSxONTAP',
    describe: 'DescribeLocationFsxOntap',
    schemes: ['fsxn-nfs', 'fsxn-smb'],
  },
  FsxWindows: {
    type: 'AWS::DataSync::LocationFSxWindows',
    describe: 'DescribeLocationFsxWindows',
    schemes: ['fsxw'],
  },
  FsxLustre: {
    type: 'AWS::DataSync::LocationFSxLustre',
    describe: 'DescribeLocationFsxLustre',
    schemes: ['fsxl'],
  },
  FsxOpenZfs: {
    type: 'AWS::DataSync::LocationFSxOpenZFS',
    describe: 'DescribeLocationFsxOpenZfs',
    schemes: ['fsxz'],
  },
  AzureBlob: {
    type: 'AWS::DataSync::LocationAzureBlob',
    describe: 'DescribeLocationAzureBlob',
    schemes: ['azure-blob'],
  },
} as const;

export type LocationKind = keyof typeof LOCATION_KINDS;

/**
 * The LocationUri schemes whose kind alone decides datasync-location-plaintext (the rule reads none of their
 * Describe* fields): S3 and Azure Blob are reached over HTTPS, NFS, FSx for OpenZFS and FSx for ONTAP over NFS
 * are NFS (plaintext), FSx for Windows and Lustre have no transit field (cannot be verified). The sweep and an
 * `aws datasync list-locations` input judge these locations from their ListLocations entry, without a Describe*;
 * the other schemes' outputs decide (an entry alone is "cannot be verified", naming its describe command).
 */
export const DECIDED_BY_SCHEME: ReadonlySet<string> = new Set([
  's3',
  'azure-blob',
  'nfs',
  'fsxz',
  'fsxn-nfs',
  'fsxw',
  'fsxl',
]);

/** The scheme of a LocationUri (what precedes `://`), or undefined when it has none. */
export function schemeOf(uri: string | undefined): string | undefined {
  const at = uri?.indexOf('://') ?? -1;
  return uri && at > 0 ? uri.slice(0, at) : undefined;
}

/**
 * The AWS CLI command that prints a kind's Describe* output: the CLI names each operation in kebab case
 * (DescribeLocationFsxOpenZfs -> describe-location-fsx-open-zfs).
 */
export function describeCommand(kind: LocationKind): string {
  const operation = LOCATION_KINDS[kind].describe.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  return `aws datasync ${operation}`;
}
/**
 * The AWS resource type of each location kind.
 * @internal The routed-event table names its refs' types with it; production uses it only inside this module.
 */
export type DataSyncLocationType = (typeof LOCATION_KINDS)[LocationKind]['type'];

export const DATASYNC_LOCATION_TYPES = Object.values(LOCATION_KINDS).map((kind) => kind.type);

export function kindOfType(type: string): LocationKind | undefined {
  return (Object.keys(LOCATION_KINDS) as LocationKind[]).find((kind) => LOCATION_KINDS[kind].type === type);
}

export interface DataSyncLocation extends ResourceBase {
  resourceType: DataSyncLocationType;
  locationArn: string;
  locationUri?: string;
  /** ObjectStorage ServerProtocol (HTTPS | HTTP). */
  serverProtocol?: string;
  /** EFS InTransitEncryption (NONE | TLS1_2); absent in a describe output means NONE (reference). */
  inTransitEncryption?: string;
  /**
   * Read from an AWS Config item: a field Config does not record (EFS InTransitEncryption, reference configNote)
   * is unknown when absent, not its API default.
   */
  fromConfig?: boolean;
  /**
   * Read from an `aws datasync list-locations` entry alone (LocationArn and LocationUri): only a kind its URI scheme
   * settles (DECIDED_BY_SCHEME) is judged; the others cannot be verified until their describe output is given.
   * A describe output or Config item of the same location replaces this (inputs.ts merges them).
   */
  fromListing?: boolean;
  /** HDFS QopConfiguration.RpcProtection / DataTransferProtection; qop false: no QopConfiguration at all. */
  rpcProtection?: string;
  dataTransferProtection?: string;
  hasQopConfiguration?: boolean;
  /** SMB / NFS MountOptions.Version; FSx ONTAP / OpenZFS Protocol.SMB or Protocol.NFS MountOptions.Version. */
  mountVersion?: string;
  /** FSx ONTAP / OpenZFS: which protocol its Protocol names (NFS | SMB). */
  ontapProtocol?: 'NFS' | 'SMB';
}
