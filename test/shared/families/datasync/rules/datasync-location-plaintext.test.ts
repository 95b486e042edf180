import { describe, expect, it } from 'vitest';
import {
  type DataSyncLocation,
  LOCATION_KINDS,
  type LocationKind,
} from '../../../../../shared/families/datasync/model.js';
import { datasyncLocationPlaintext as rule } from '../../../../../shared/families/datasync/rules/datasync-location-plaintext.js';
import { ruleContext } from '../../../../helpers/rule-context.js';

const ARN = 'arn:aws:datasync:eu-west-1:111122223333:location/loc-0a1b2c3d4e5f60001';

function location(kind: LocationKind, fields: Partial<DataSyncLocation> = {}): DataSyncLocation {
  return {
    resourceType: LOCATION_KINDS[kind].type,
    resourceId: ARN,
    arn: ARN,
    tags: {},
    source: 'test',
    locationArn: ARN,
    ...fields,
  };
}

const judge = (resource: DataSyncLocation) => rule.evaluate(resource, ruleContext());

describe('datasync-location-plaintext', () => {
  it.each<[string, DataSyncLocation, string]>([
    [
      'object storage on HTTP',
      location('ObjectStorage', { serverProtocol: 'HTTP' }),
      'ServerProtocol is HTTP',
    ],
    [
      'EFS with InTransitEncryption NONE',
      location('Efs', { inTransitEncryption: 'NONE' }),
      'InTransitEncryption is NONE',
    ],
    ['EFS without InTransitEncryption', location('Efs'), 'InTransitEncryption is absent (NONE)'],
    [
      'HDFS with data transfer INTEGRITY',
      location('Hdfs', {
        hasQopConfiguration: true,
        rpcProtection: 'PRIVACY',
        dataTransferProtection: 'INTEGRITY',
      }),
      'QopConfiguration.DataTransferProtection is INTEGRITY',
    ],
    [
      'HDFS with RPC DISABLED',
      location('Hdfs', {
        hasQopConfiguration: true,
        rpcProtection: 'DISABLED',
        dataTransferProtection: 'PRIVACY',
      }),
      'QopConfiguration.RpcProtection is DISABLED',
    ],
    ['SMB 2', location('Smb', { mountVersion: 'SMB2' }), 'MountOptions.Version is SMB2'],
    ['SMB 1', location('Smb', { mountVersion: 'SMB1' }), 'MountOptions.Version is SMB1'],
    [
      'FSx for ONTAP over SMB2_0',
      location('FsxOntap', { ontapProtocol: 'SMB', mountVersion: 'SMB2_0' }),
      'Protocol.SMB.MountOptions.Version is SMB2_0',
    ],
  ])('fails %s at medium, naming the field and its value', (_case, resource, said) => {
    // Act
    const outcome = judge(resource);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.unverified).toBeUndefined();
    expect(outcome.severity).toBeUndefined();
    expect(outcome.reason).toContain(said);
  });

  it.each([
    ['NFS', location('Nfs', { mountVersion: 'NFS4_1' }), 'an NFS location (any MountOptions.Version)'],
    [
      'FSx for ONTAP over NFS',
      location('FsxOntap', { ontapProtocol: 'NFS', mountVersion: 'NFS3' }),
      'FSx for ONTAP over NFS (Protocol.NFS) (any MountOptions.Version)',
    ],
    [
      'FSx for OpenZFS (NFS only)',
      location('FsxOpenZfs', { ontapProtocol: 'NFS', mountVersion: 'NFS4_1' }),
      'FSx for OpenZFS over NFS (its only protocol)',
    ],
  ])(
    'fails %s at low, saying it is informational unless VPN or MACsec carries it',
    (_case, resource, said) => {
      // Act
      const outcome = judge(resource);
      const versionless = judge({ ...resource, mountVersion: undefined });

      // Assess: the version decides nothing, so a location built from its listing entry is judged the same.
      expect(outcome).toMatchObject({ status: 'NON_COMPLIANT', severity: 'low' });
      expect(outcome.reason).toContain(said);
      expect(versionless).toEqual(outcome);
      expect(outcome.reason).toContain('informational unless');
      expect(outcome.reason).toContain('Direct Connect with MACsec');
    },
  );

  it.each<[string, DataSyncLocation, string]>([
    [
      'object storage on HTTPS',
      location('ObjectStorage', { serverProtocol: 'HTTPS' }),
      'ServerProtocol is HTTPS',
    ],
    ['EFS on TLS1_2', location('Efs', { inTransitEncryption: 'TLS1_2' }), 'InTransitEncryption is TLS1_2'],
    [
      'HDFS with both protections PRIVACY',
      location('Hdfs', {
        hasQopConfiguration: true,
        rpcProtection: 'PRIVACY',
        dataTransferProtection: 'PRIVACY',
      }),
      'both PRIVACY',
    ],
    ['S3', location('S3'), 'HTTPS'],
    ['Azure Blob', location('AzureBlob'), 'https:// container URL'],
  ])('passes %s', (_case, resource, said) => {
    // Act
    const outcome = judge(resource);

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
    expect(outcome.reason).toContain(said);
  });

  it.each<[string, DataSyncLocation, string]>([
    ['object storage without ServerProtocol', location('ObjectStorage'), 'ServerProtocol is absent'],
    [
      'object storage on "https"',
      location('ObjectStorage', { serverProtocol: 'https' }),
      'ServerProtocol is "https"',
    ],
    [
      'EFS on an unknown value',
      location('Efs', { inTransitEncryption: 'TLS1_3' }),
      'InTransitEncryption is "TLS1_3"',
    ],
    [
      'HDFS without QopConfiguration',
      location('Hdfs', { hasQopConfiguration: false }),
      'no QopConfiguration',
    ],
    [
      'HDFS with one protection missing',
      location('Hdfs', { hasQopConfiguration: true, rpcProtection: 'PRIVACY' }),
      'QopConfiguration.DataTransferProtection is absent',
    ],
    [
      'SMB3 (encryption is a server setting)',
      location('Smb', { mountVersion: 'SMB3' }),
      'DataSync cannot require it',
    ],
    ['SMB AUTOMATIC', location('Smb', { mountVersion: 'AUTOMATIC' }), 'MountOptions.Version is AUTOMATIC'],
    ['SMB without a version', location('Smb'), 'MountOptions.Version is absent'],
    ['FSx for ONTAP without Protocol', location('FsxOntap'), 'no Protocol'],
    [
      'FSx for Windows (SMB, no version field on the location)',
      location('FsxWindows'),
      'whether the file system encrypts SMB traffic is an FSx setting',
    ],
    ['FSx for Lustre (no transit setting)', location('FsxLustre'), 'Lustre protocol'],
    [
      'EFS read from an AWS Config item without InTransitEncryption (not NONE)',
      location('Efs', { fromConfig: true }),
      'its AWS Config item does not record InTransitEncryption',
    ],
  ])('cannot verify %s (never a pass)', (_case, resource, said) => {
    // Act
    const outcome = judge(resource);

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.unverified).toBe(true);
    expect(outcome.reason).toContain(said);
  });

  it.each<[LocationKind, string, string, string]>([
    [
      'ObjectStorage',
      'object-storage://minio.example.internal/archive/',
      'ServerProtocol',
      'describe-location-object-storage',
    ],
    ['Efs', 'efs://eu-west-1.fs-0a1b2c3d4e5f60002/exports/', 'InTransitEncryption', 'describe-location-efs'],
    [
      'Hdfs',
      'hdfs://namenode.example.internal:8020/warehouse/',
      'QopConfiguration',
      'describe-location-hdfs',
    ],
    ['Smb', 'smb://files.example.internal/finance/', 'MountOptions.Version', 'describe-location-smb'],
  ])(
    'cannot verify a %s location known from its list-locations entry alone, naming the describe command',
    (kind, uri, field, command) => {
      // Prepare: what mapLocation makes of a listing entry (no Describe* field; hasQopConfiguration unset).
      const listed = location(kind, { locationUri: uri, fromListing: true });

      // Act
      const outcome = judge(listed);

      // Assess: an EFS entry is not taken for InTransitEncryption NONE, an HDFS one not for "no QopConfiguration".
      expect(outcome).toMatchObject({ status: 'NON_COMPLIANT', unverified: true });
      expect(outcome.reason).toContain(`does not give ${field}, so encryption cannot be verified`);
      expect(outcome.reason).toContain(`aws datasync ${command} --location-arn ${ARN}`);
      expect(judge({ ...listed, fromListing: undefined }).reason).not.toContain('list-locations');
    },
  );

  it('judges an FSx for ONTAP listing entry by its scheme: fsxn-nfs:// fails (NFS), fsxn-smb:// names its describe command', () => {
    // Act
    const nfs = judge(
      location('FsxOntap', {
        locationUri: 'fsxn-nfs://svm-1.fs-1/vol/',
        ontapProtocol: 'NFS',
        fromListing: true,
      }),
    );
    const smb = judge(
      location('FsxOntap', {
        locationUri: 'fsxn-smb://svm-1.fs-1/share/',
        ontapProtocol: 'SMB',
        fromListing: true,
      }),
    );

    // Assess
    expect(nfs).toMatchObject({ status: 'NON_COMPLIANT', severity: 'low' });
    expect(nfs.unverified).toBeUndefined();
    expect(smb).toMatchObject({ status: 'NON_COMPLIANT', unverified: true });
    expect(smb.reason).toContain('does not give Protocol.SMB.MountOptions.Version');
    expect(smb.reason).toContain('aws datasync describe-location-fsx-ontap --location-arn');
  });

  it('is detect-only, in the datasync family, over every location type the family reads', () => {
    expect(rule.metadata.remediation.remediate).toBeUndefined();
    expect(rule.metadata.remediation.block).toBeUndefined();
    expect(rule.metadata.family).toBe('datasync');
    expect(rule.metadata.severity).toBe('medium');
    expect(rule.metadata.resourceTypes).toEqual(Object.values(LOCATION_KINDS).map((kind) => kind.type));
  });
});
