/** The DataSync location in the normalized model (shared/model/resource.ts). */
import type { ResourceBase } from '../../model/resource.js';

/**
 * The location kinds this family reads, each with its CloudFormation / AWS Config resource type, its Describe
 * call and its LocationUri scheme where the API documents one (LocationListEntry pattern
 * `^(efs|nfs|s3|smb|hdfs|fsx[a-z0-9-]+)://`, https://docs.aws.amazon.com/datasync/latest/userguide/API_LocationListEntry.html).
 * Facts: ../shared/reference/datasync-location-transport.json. FSx for Windows, FSx for Lustre, FSx for OpenZFS
 * and Azure Blob locations are not read yet.
 */
export const LOCATION_KINDS = {
  ObjectStorage: { type: 'AWS::DataSync::LocationObjectStorage', describe: 'DescribeLocationObjectStorage' },
  Efs: { type: 'AWS::DataSync::LocationEFS', describe: 'DescribeLocationEfs', scheme: 'efs' },
  Hdfs: { type: 'AWS::DataSync::LocationHDFS', describe: 'DescribeLocationHdfs', scheme: 'hdfs' },
  Smb: { type: 'AWS::DataSync::LocationSMB', describe: 'DescribeLocationSmb', scheme: 'smb' },
  Nfs: { type: 'AWS::DataSync::LocationNFS', describe: 'DescribeLocationNfs', scheme: 'nfs' },
  S3: { type: 'AWS::DataSync::LocationS3', describe: 'DescribeLocationS3', scheme: 's3' },
  FsxOntap: { type: 'AWS::DataSync::LocationFSxONTAP', describe: 'DescribeLocationFsxOntap' },
} as const;

export type LocationKind = keyof typeof LOCATION_KINDS;
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
  /** EFS InTransitEncryption (NONE | TLS1_2); absent in the output means NONE (reference). */
  inTransitEncryption?: string;
  /** HDFS QopConfiguration.RpcProtection / DataTransferProtection; qop false: no QopConfiguration at all. */
  rpcProtection?: string;
  dataTransferProtection?: string;
  hasQopConfiguration?: boolean;
  /** SMB / NFS MountOptions.Version; FSx ONTAP Protocol.SMB or Protocol.NFS MountOptions.Version. */
  mountVersion?: string;
  /** FSx ONTAP: which protocol its Protocol names (NFS | SMB). */
  ontapProtocol?: 'NFS' | 'SMB';
}
