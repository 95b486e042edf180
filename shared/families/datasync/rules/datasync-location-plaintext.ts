import type { RuleOutcome } from '../../../rules/rule.js';
import { cannotVerify, compliant, defineRule, nonCompliant, SEC09_FRAMEWORKS } from '../../../rules/rule.js';
import {
  DATASYNC_LOCATION_TYPES,
  type DataSyncLocation,
  DECIDED_BY_SCHEME,
  describeCommand,
  kindOfType,
  type LocationKind,
  schemeOf,
} from '../model.js';

// Facts and values: ../shared/reference/datasync-location-transport.json (API shapes from botocore datasync
// 2018-11-09, https://docs.aws.amazon.com/datasync/latest/userguide/encryption-in-transit.html: "when connecting
// with a location, DataSync uses the most secure options provided by that location's data access protocol").
// FsxProtocol (https://docs.aws.amazon.com/datasync/latest/userguide/API_FsxProtocol.html): NFS for FSx for OpenZFS
// and ONTAP, SMB for ONTAP only. Azure Blob: the container URL must match `^https://` (AWS::DataSync::LocationAzureBlob
// schema, https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-datasync-locationazureblob.html).
const SMB_PLAINTEXT = ['SMB1', 'SMB2', 'SMB2_0'];
const SMB_CAPABLE = ['SMB3', 'AUTOMATIC'];
const HDFS_PLAINTEXT = ['DISABLED', 'AUTHENTICATION', 'INTEGRITY'];
const NFS_NOTE =
  'DataSync has no NFS encryption option, so this leg is plaintext; informational unless the agent reaches the server over a path that is not already encrypted (a VPN, or Direct Connect with MACsec, encrypts it)';

type Verdict = RuleOutcome;

function label(location: DataSyncLocation): string {
  return `DataSync location ${location.locationUri ? `${location.locationUri} (${location.locationArn})` : location.locationArn}`;
}

const show = (value: string | undefined) => (value === undefined ? 'absent' : JSON.stringify(value));

function smb(
  name: string,
  field: string,
  version: string | undefined,
  details: Record<string, unknown>,
): Verdict {
  if (version !== undefined && SMB_PLAINTEXT.includes(version)) {
    return nonCompliant(
      `${name}: ${field} is ${version}, an SMB version without encryption: files cross the network in plaintext.`,
      { details },
    );
  }
  if (version !== undefined && SMB_CAPABLE.includes(version)) {
    return cannotVerify(
      `${name}: ${field} is ${version}: SMB 3 can encrypt, but DataSync cannot require it and whether the share encrypts is a file-server setting, so encryption cannot be verified.`,
      details,
    );
  }
  return cannotVerify(
    `${name}: ${field} is ${show(version)}, not a version DataSync documents, so encryption cannot be verified.`,
    details,
  );
}

// Every NFS version is plaintext to DataSync, so neither the reason nor the details name the version: a location
// the sweep or a list-locations input builds from its ListLocations entry (DECIDED_BY_SCHEME) is judged as its
// Describe* output is.
const nfs = (name: string, what: string): Verdict =>
  nonCompliant(`${name}: ${what} (any MountOptions.Version): ${NFS_NOTE}.`, {
    severity: 'low',
    details: { protocol: 'NFS' },
  });

function hdfs(name: string, location: DataSyncLocation, details: Record<string, unknown>): Verdict {
  if (!location.hasQopConfiguration) {
    return cannotVerify(
      `${name}: the input gives no QopConfiguration (its default is not documented), so whether RPC and data transfer are encrypted cannot be verified.`,
      details,
    );
  }
  const fields = [
    ['QopConfiguration.RpcProtection', location.rpcProtection],
    ['QopConfiguration.DataTransferProtection', location.dataTransferProtection],
  ] as const;
  const weak = fields.filter(([, value]) => value !== undefined && HDFS_PLAINTEXT.includes(value));
  if (weak.length > 0) {
    const said = weak.map(([field, value]) => `${field} is ${value}`).join(' and ');
    return nonCompliant(`${name}: ${said}, below PRIVACY: only PRIVACY encrypts Hadoop traffic.`, {
      details,
    });
  }
  const unknown = fields.filter(([, value]) => value !== 'PRIVACY');
  if (unknown.length > 0) {
    const said = unknown.map(([field, value]) => `${field} is ${show(value)}`).join(' and ');
    return cannotVerify(`${name}: ${said}, so encryption cannot be verified.`, details);
  }
  return compliant(`${name}: RPC and data transfer protection are both PRIVACY (encrypted).`, details);
}

/**
 * The field a location's verdict rests on, for the kinds whose LocationUri does not settle it (a URI is
 * `TYPE://GLOBAL_ID/SUBDIR`, API_LocationListEntry: no protocol, port, encryption, QOP nor version in it).
 */
function unsettledField(kind: LocationKind, location: DataSyncLocation): string {
  switch (kind) {
    case 'ObjectStorage':
      return 'ServerProtocol';
    case 'Efs':
      return 'InTransitEncryption';
    case 'Hdfs':
      return 'QopConfiguration';
    case 'Smb':
      return 'MountOptions.Version';
    case 'FsxOntap':
      return location.ontapProtocol === 'SMB' ? 'Protocol.SMB.MountOptions.Version' : 'Protocol';
    default:
      return 'its transit setting';
  }
}

/** A location known from its list-locations entry alone, of a kind its URI scheme does not settle. */
function listedOnly(name: string, kind: LocationKind, location: DataSyncLocation): Verdict {
  const field = unsettledField(kind, location);
  const command = describeCommand(kind);
  return cannotVerify(
    `${name}: only its aws datasync list-locations entry is in the inputs, and a LocationUri does not give ${field}, so encryption cannot be verified; add the output of ${command} --location-arn ${location.locationArn}.`,
    { unknownField: field, describeCommand: command },
  );
}

export const datasyncLocationPlaintext = defineRule({
  metadata: {
    id: 'datasync-location-plaintext',
    title: 'DataSync location whose own protocol leg is plaintext',
    family: 'datasync',
    resourceTypes: DATASYNC_LOCATION_TYPES,
    severity: 'medium',
    description:
      'A DataSync location whose storage protocol leg is plaintext: object storage ServerProtocol HTTP, EFS InTransitEncryption NONE (or absent), HDFS RPC or data-transfer protection below PRIVACY, SMB below SMB3, NFS including FSx for OpenZFS (low: DataSync cannot encrypt NFS). SMB3 / AUTOMATIC, FSx for Windows (SMB, no version field), FSx for Lustre and a value the input does not give cannot be verified; S3 and Azure Blob are always HTTPS.',
    rationale:
      "DataSync encrypts the agent-to-service hop itself, but reads and writes each location over its own storage protocol with only that protocol's security: a plaintext leg exposes the data being transferred.",
    parameters: [],
    remediation: {
      guidance:
        'Update the location: ServerProtocol HTTPS (UpdateLocationObjectStorage), InTransitEncryption TLS1_2 (UpdateLocationEfs), QopConfiguration PRIVACY matching the cluster (UpdateLocationHdfs), MountOptions.Version SMB3 with share encryption on the server (UpdateLocationSmb); carry NFS over a VPN or MACsec Direct Connect.',
    },
    defaultMode: 'notify',
    references: [
      'https://docs.aws.amazon.com/datasync/latest/userguide/encryption-in-transit.html',
      'https://docs.aws.amazon.com/datasync/latest/userguide/API_DescribeLocationObjectStorage.html',
    ],
    compliance: { securityHub: [], configRules: [], frameworks: SEC09_FRAMEWORKS },
  },
  evaluate(location) {
    const name = label(location);
    const kind = kindOfType(location.resourceType);
    if (kind && location.fromListing && !DECIDED_BY_SCHEME.has(schemeOf(location.locationUri) ?? ''))
      return listedOnly(name, kind, location);
    switch (kind) {
      case 'ObjectStorage': {
        const details = { serverProtocol: location.serverProtocol ?? null };
        if (location.serverProtocol === 'HTTP')
          return nonCompliant(`${name}: ServerProtocol is HTTP: objects cross the network in plaintext.`, {
            details,
          });
        if (location.serverProtocol === 'HTTPS')
          return compliant(`${name}: ServerProtocol is HTTPS.`, details);
        return cannotVerify(
          `${name}: ServerProtocol is ${show(location.serverProtocol)}, so encryption cannot be verified.`,
          details,
        );
      }
      case 'Efs': {
        const details = { inTransitEncryption: location.inTransitEncryption ?? null };
        if (location.inTransitEncryption === 'TLS1_2')
          return compliant(`${name}: InTransitEncryption is TLS1_2.`, details);
        // AWS Config's LocationEFS has no InTransitEncryption property: absent there is unknown, not NONE.
        if (location.inTransitEncryption === undefined && location.fromConfig)
          return cannotVerify(
            `${name}: its AWS Config item does not record InTransitEncryption, so encryption cannot be verified (read aws datasync describe-location-efs).`,
            details,
          );
        if (location.inTransitEncryption === undefined || location.inTransitEncryption === 'NONE') {
          const said = location.inTransitEncryption === undefined ? 'absent (NONE)' : 'NONE';
          return nonCompliant(`${name}: InTransitEncryption is ${said}: NFS to EFS in plaintext.`, {
            details,
          });
        }
        return cannotVerify(
          `${name}: InTransitEncryption is ${show(location.inTransitEncryption)}, not a value DataSync documents, so encryption cannot be verified.`,
          details,
        );
      }
      case 'Hdfs':
        return hdfs(name, location, {
          rpcProtection: location.rpcProtection ?? null,
          dataTransferProtection: location.dataTransferProtection ?? null,
        });
      case 'Smb':
        return smb(name, 'MountOptions.Version', location.mountVersion, {
          mountVersion: location.mountVersion ?? null,
        });
      case 'Nfs':
        return nfs(name, 'an NFS location');
      case 'S3':
        return compliant(`${name}: DataSync reaches Amazon S3 over HTTPS (no protocol option).`, {});
      case 'FsxOntap': {
        const details = {
          protocol: location.ontapProtocol ?? null,
          mountVersion: location.mountVersion ?? null,
        };
        if (location.ontapProtocol === 'SMB')
          return smb(name, 'Protocol.SMB.MountOptions.Version', location.mountVersion, details);
        if (location.ontapProtocol === 'NFS') return nfs(name, 'FSx for ONTAP over NFS (Protocol.NFS)');
        return cannotVerify(
          `${name}: the input gives no Protocol (NFS or SMB), so encryption cannot be verified.`,
          details,
        );
      }
      case 'FsxWindows':
        // FSx for Windows File Server is reached over SMB; the location has no SMB version or encryption field.
        return cannotVerify(
          `${name}: DataSync reaches FSx for Windows File Server over SMB and the location has no SMB version or encryption setting; whether the file system encrypts SMB traffic is an FSx setting, so encryption cannot be verified.`,
          {},
        );
      case 'FsxLustre':
        return cannotVerify(
          `${name}: DataSync reaches FSx for Lustre over the Lustre protocol and the location has no transit setting; in-transit encryption depends on the file system and the instances it runs on, so it cannot be verified.`,
          {},
        );
      case 'FsxOpenZfs':
        // DataSync reaches FSx for OpenZFS over NFS only (FsxProtocol: SMB is for FSx for ONTAP).
        return nfs(name, 'FSx for OpenZFS over NFS (its only protocol)');
      case 'AzureBlob':
        return compliant(
          `${name}: DataSync reaches Azure Blob Storage at an https:// container URL (the only scheme the API accepts).`,
          {},
        );
      default:
        return cannotVerify(`${name}: ${location.resourceType} is not a location kind this rule knows.`, {});
    }
  },
});
