import {
  DataSyncClient,
  DescribeLocationAzureBlobCommand,
  DescribeLocationEfsCommand,
  DescribeLocationFsxLustreCommand,
  DescribeLocationFsxOntapCommand,
  DescribeLocationFsxOpenZfsCommand,
  DescribeLocationFsxWindowsCommand,
  DescribeLocationNfsCommand,
  DescribeLocationObjectStorageCommand,
  DescribeLocationSmbCommand,
  ListLocationsCommand,
} from '@aws-sdk/client-datasync';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { ACCOUNT_ID, awsError, mockedSource, REGION, ref } from '../../inventory/live/sdk-outputs.js';

const datasync = mockClient(DataSyncClient);
const arn = (n: number) => `arn:aws:datasync:${REGION}:${ACCOUNT_ID}:location/loc-0a1b2c3d4e5f6000${n}`;

describe('live DataSync reads', () => {
  afterEach(() => {
    datasync.reset();
  });

  it('sweeps a region: ListLocations pages of 100, then the one Describe* each LocationUri scheme names', async () => {
    // Prepare
    datasync
      .on(ListLocationsCommand, { MaxResults: 100 })
      .resolvesOnce({
        Locations: [{ LocationArn: arn(1), LocationUri: 'efs://eu-west-1.fs-0123/' }],
        NextToken: 'p2',
      })
      .on(ListLocationsCommand, { MaxResults: 100, NextToken: 'p2' })
      .resolves({ Locations: [{ LocationArn: arn(2), LocationUri: 'smb://files.example.internal/share/' }] });
    datasync.on(DescribeLocationEfsCommand, { LocationArn: arn(1) }).resolves({
      LocationArn: arn(1),
      LocationUri: 'efs://eu-west-1.fs-0123/',
      InTransitEncryption: 'TLS1_2',
      CreationTime: new Date('2026-11-02T09:16:00Z'),
    });
    datasync.on(DescribeLocationSmbCommand, { LocationArn: arn(2) }).resolves({
      LocationArn: arn(2),
      LocationUri: 'smb://files.example.internal/share/',
      MountOptions: { Version: 'SMB1' },
    });

    // Act
    const result = await mockedSource().enumerate(REGION, ['datasync']);

    // Assess
    expect(datasync.commandCalls(ListLocationsCommand)).toHaveLength(2);
    expect(datasync.commandCalls(DescribeLocationEfsCommand)).toHaveLength(1);
    expect(datasync.commandCalls(DescribeLocationSmbCommand)).toHaveLength(1);
    expect(datasync.commandCalls(DescribeLocationNfsCommand)).toHaveLength(0);
    expect(result.errors).toEqual([]);
    expect(result.resources.map((r) => [r.resourceType, r.resourceId]).sort()).toEqual(
      [
        ['AWS::DataSync::LocationEFS', arn(1)],
        ['AWS::DataSync::LocationSMB', arn(2)],
      ].sort(),
    );
  });

  it('sweeps FSx for Windows, FSx for Lustre, FSx for OpenZFS and Azure Blob with the Describe* of their scheme', async () => {
    // Prepare
    const listed = [
      ['fsxw://eu-west-1.fs-0123/share/', DescribeLocationFsxWindowsCommand, {}],
      ['fsxl://eu-west-1.fs-0456/scratch/', DescribeLocationFsxLustreCommand, {}],
      [
        'fsxz://eu-west-1.fs-0789/fsx/vol1/',
        DescribeLocationFsxOpenZfsCommand,
        { Protocol: { NFS: { MountOptions: { Version: 'NFS4_1' } } } },
      ],
      ['azure-blob://example.blob.core.windows.net/transfers/', DescribeLocationAzureBlobCommand, {}],
    ] as const;
    datasync.on(ListLocationsCommand).resolves({
      Locations: listed.map(([uri], index) => ({ LocationArn: arn(index + 1), LocationUri: uri })),
    });
    listed.forEach(([uri, command, fields], index) => {
      // biome-ignore lint/suspicious/noExplicitAny: one answer shape per Describe*Command
      datasync.on(command as any, { LocationArn: arn(index + 1) }).resolves({
        LocationArn: arn(index + 1),
        LocationUri: uri,
        ...fields,
      });
    });

    // Act
    const result = await mockedSource().enumerate(REGION, ['datasync']);

    // Assess
    expect(result.errors).toEqual([]);
    for (const [, command] of listed) expect(datasync.commandCalls(command as never)).toHaveLength(1);
    expect(result.resources.map((r) => [r.resourceId, r.resourceType])).toEqual([
      [arn(1), 'AWS::DataSync::LocationFSxWindows'],
      [arn(2), 'AWS::DataSync::LocationFSxLustre'],
      [arn(3), 'AWS::DataSync::LocationFSxOpenZFS'],
      [arn(4), 'AWS::DataSync::LocationAzureBlob'],
    ]);
  });

  it('sweeps object storage and FSx for ONTAP (NFS and SMB) by their URI schemes too', async () => {
    // Prepare
    datasync.on(ListLocationsCommand).resolves({
      Locations: [
        { LocationArn: arn(1), LocationUri: 'object-storage://archive.example.internal/backups/' },
        {
          LocationArn: arn(2),
          LocationUri: 'fsxn-smb://svm-0123.fs-0123.fsx.eu-west-1.amazonaws.com/share/',
        },
        { LocationArn: arn(3), LocationUri: 'fsxn-nfs://svm-0123.fs-0123.fsx.eu-west-1.amazonaws.com/vol1/' },
      ],
    });
    datasync.on(DescribeLocationObjectStorageCommand).resolves({
      LocationArn: arn(1),
      LocationUri: 'object-storage://archive.example.internal/backups/',
      ServerProtocol: 'HTTPS',
    });
    datasync.on(DescribeLocationFsxOntapCommand).callsFake(({ LocationArn }) => ({
      LocationArn,
      LocationUri: 'fsxn-nfs://svm-0123.fs-0123.fsx.eu-west-1.amazonaws.com/vol1/',
      StorageVirtualMachineArn: `arn:aws:fsx:${REGION}:${ACCOUNT_ID}:storage-virtual-machine/fs-0123/svm-0123`,
      Protocol: { NFS: { MountOptions: { Version: 'NFS3' } } },
    }));

    // Act
    const result = await mockedSource().enumerate(REGION, ['datasync']);

    // Assess
    expect(result.errors).toEqual([]);
    expect(datasync.commandCalls(DescribeLocationFsxOntapCommand)).toHaveLength(2);
    expect(result.resources.map((r) => [r.resourceId, r.resourceType])).toEqual([
      [arn(1), 'AWS::DataSync::LocationObjectStorage'],
      [arn(2), 'AWS::DataSync::LocationFSxONTAP'],
      [arn(3), 'AWS::DataSync::LocationFSxONTAP'],
    ]);
  });

  it('names the URI scheme of a listed location it does not know: it cannot be verified, never skipped', async () => {
    // Prepare
    datasync.on(ListLocationsCommand).resolves({
      Locations: [
        { LocationArn: arn(1), LocationUri: 'fsxq://eu-west-1.fs-0123/share/' },
        { LocationArn: arn(2), LocationUri: 'no-scheme-at-all' },
      ],
    });

    // Act
    const result = await mockedSource().enumerate(REGION, ['datasync']);

    // Assess: no Describe* is guessed.
    expect(datasync.calls()).toHaveLength(1);
    expect(result.resources).toEqual([]);
    expect(result.errors.map((error) => [error.source, error.message])).toEqual([
      [
        `api:ListLocations ${arn(1)}`,
        expect.stringContaining('the URI scheme "fsxq" names no location kind'),
      ],
      [`api:ListLocations ${arn(2)}`, expect.stringContaining('its LocationUri has no scheme')],
    ]);
    expect(result.errors[0]?.message).toContain('so its transport cannot be verified');
  });

  it('reports a listed location whose URI names no kind it reads, and a Describe* that fails, and keeps the others', async () => {
    // Prepare
    datasync.on(ListLocationsCommand).resolves({
      Locations: [
        { LocationArn: arn(1), LocationUri: 'fsxn://fs-0123/share/' },
        { LocationArn: arn(2), LocationUri: 'nfs://nas.example.internal/exports/' },
        { LocationArn: arn(3), LocationUri: 'efs://eu-west-1.fs-0456/' },
      ],
    });
    datasync.on(DescribeLocationNfsCommand).rejects(awsError('AccessDeniedException'));
    datasync
      .on(DescribeLocationEfsCommand)
      .resolves({ LocationArn: arn(3), LocationUri: 'efs://eu-west-1.fs-0456/' });

    // Act
    const result = await mockedSource().enumerate(REGION, ['datasync']);

    // Assess
    expect(result.errors.map((error) => error.source)).toEqual(
      expect.arrayContaining([`api:ListLocations ${arn(1)}`, expect.stringContaining('DescribeLocationNfs')]),
    );
    expect(result.errors.find((error) => error.source.includes(arn(1)))?.message).toContain(
      'cannot be verified',
    );
    expect(result.resources.map((r) => r.resourceId)).toEqual([arn(3)]);
  });

  it('reads a ref again with the Describe* of its resource type (object storage), never another', async () => {
    // Prepare
    datasync.on(DescribeLocationObjectStorageCommand, { LocationArn: arn(4) }).resolves({
      LocationArn: arn(4),
      LocationUri: 'object-storage://archive.example.internal/backups/',
      ServerProtocol: 'HTTP',
      ServerPort: 80,
      ServerCertificate: new Uint8Array([1, 2, 3]),
    });

    // Act
    const result = await mockedSource().read([ref('AWS::DataSync::LocationObjectStorage', arn(4))]);

    // Assess
    expect(datasync.calls()).toHaveLength(1);
    expect(result.errors).toEqual([]);
    expect(result.resources).toEqual([
      expect.objectContaining({
        resourceId: arn(4),
        serverProtocol: 'HTTP',
        source: 'api:DescribeLocationObjectStorage (datasync describe-location)',
      }),
    ]);
  });
});
