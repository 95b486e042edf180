import { readFileSync } from 'node:fs';
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
  DescribeLocationS3Command,
  DescribeLocationSmbCommand,
  ListLocationsCommand,
} from '@aws-sdk/client-datasync';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { type DataSyncLocation, LOCATION_KINDS } from '../../../../shared/families/datasync/model.js';
import { datasyncLocationPlaintext as rule } from '../../../../shared/families/datasync/rules/datasync-location-plaintext.js';
import type { Resource } from '../../../../shared/model/resource.js';
import { ruleContext } from '../../../helpers/rule-context.js';
import { ACCOUNT_ID, awsError, mockedSource, REGION, ref } from '../../inventory/live/sdk-outputs.js';

const datasync = mockClient(DataSyncClient);
const arn = (n: number) => `arn:aws:datasync:${REGION}:${ACCOUNT_ID}:location/loc-0a1b2c3d4e5f6000${n}`;
// biome-ignore lint/suspicious/noExplicitAny: fixtures are edited freely in tests
const output = (name: string): any =>
  JSON.parse(readFileSync(new URL(`../../../fixtures/inputs/datasync/${name}`, import.meta.url), 'utf8'));
const ontap = output('describe-location-fsx-ontap.json');

/**
 * The kinds whose scheme decides their verdict: URI, type, Describe* and its full output (the fixtures, an S3
 * output per API_DescribeLocationS3, ONTAP's turned to NFS per API_FsxProtocol), in the order of the verdicts.
 */
const DECIDED = [
  [
    's3://amzn-s3-demo-bucket/transfers/',
    LOCATION_KINDS.S3.type,
    DescribeLocationS3Command,
    {
      LocationUri: 's3://amzn-s3-demo-bucket/transfers/',
      S3StorageClass: 'STANDARD',
      S3Config: { BucketAccessRoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/datasync-s3` },
      CreationTime: '2026-11-02T09:25:00+00:00',
    },
  ],
  [
    'azure-blob://examplestorage.blob.core.windows.net/transfers/',
    LOCATION_KINDS.AzureBlob.type,
    DescribeLocationAzureBlobCommand,
    output('describe-location-azure-blob.json'),
  ],
  [
    'nfs://nas.example.internal/exports/media/',
    LOCATION_KINDS.Nfs.type,
    DescribeLocationNfsCommand,
    output('describe-location-nfs.json'),
  ],
  [
    'fsxz://eu-west-1.fs-0a1b2c3d4e5f60009/fsx/vol1/',
    LOCATION_KINDS.FsxOpenZfs.type,
    DescribeLocationFsxOpenZfsCommand,
    output('describe-location-fsx-open-zfs.json'),
  ],
  [
    'fsxn-nfs://svm-0a1b2c3d4e5f60006.fs-0a1b2c3d4e5f60006.fsx.eu-west-1.amazonaws.com/vol1/',
    LOCATION_KINDS.FsxOntap.type,
    DescribeLocationFsxOntapCommand,
    {
      ...ontap,
      LocationUri: 'fsxn-nfs://svm-0a1b2c3d4e5f60006.fs-0a1b2c3d4e5f60006.fsx.eu-west-1.amazonaws.com/vol1/',
      Protocol: { NFS: { MountOptions: { Version: 'NFS3' } } },
    },
  ],
  [
    'fsxw://eu-west-1.fs-0a1b2c3d4e5f60007/share/',
    LOCATION_KINDS.FsxWindows.type,
    DescribeLocationFsxWindowsCommand,
    output('describe-location-fsx-windows.json'),
  ],
  [
    'fsxl://eu-west-1.fs-0a1b2c3d4e5f60008/scratch/',
    LOCATION_KINDS.FsxLustre.type,
    DescribeLocationFsxLustreCommand,
    output('describe-location-fsx-lustre.json'),
  ],
] as const;

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

  it('sweeps S3, Azure Blob, NFS, FSx for OpenZFS, Windows, Lustre and ONTAP over NFS from the listing alone: no Describe*', async () => {
    // Prepare: the kinds whose verdict their scheme decides (DECIDED_BY_SCHEME).
    datasync.on(ListLocationsCommand).resolves({
      Locations: DECIDED.map(([uri], index) => ({ LocationArn: arn(index + 1), LocationUri: uri })),
    });

    // Act
    const result = await mockedSource().enumerate(REGION, ['datasync']);

    // Assess
    expect(result.errors).toEqual([]);
    expect(datasync.calls()).toHaveLength(1);
    expect(result.resources.map((r) => [r.resourceId, r.resourceType, r.source])).toEqual(
      DECIDED.map(([, type], index) => [
        arn(index + 1),
        type,
        'api:ListLocations (datasync describe-location)',
      ]),
    );
  });

  it('judges a location built from its listing entry exactly as the one read with its Describe*', async () => {
    // Prepare: the same locations listed, and described with every field their Describe* gives.
    datasync.on(ListLocationsCommand).resolves({
      Locations: DECIDED.map(([uri], index) => ({ LocationArn: arn(index + 1), LocationUri: uri })),
    });
    DECIDED.forEach(([, , command, output], index) => {
      datasync
        // biome-ignore lint/suspicious/noExplicitAny: one answer shape per Describe*Command
        .on(command as any, { LocationArn: arn(index + 1) })
        .resolves({ ...output, LocationArn: arn(index + 1) });
    });
    const verdicts = (resources: readonly Resource[]) =>
      resources.map((resource) => {
        const { status, severity, reason, details, unverified } = rule.evaluate(
          resource as DataSyncLocation,
          ruleContext(),
        );
        return {
          id: resource.resourceId,
          type: resource.resourceType,
          status,
          severity,
          reason,
          details,
          unverified,
        };
      });

    // Act
    const listed = await mockedSource().enumerate(REGION, ['datasync']);
    const described = await mockedSource().read(DECIDED.map(([, type], index) => ref(type, arn(index + 1))));

    // Assess: the read described each one; both paths give the same verdicts, reasons and details.
    expect(described.errors).toEqual([]);
    expect(datasync.calls()).toHaveLength(1 + DECIDED.length);
    expect(verdicts(listed.resources)).toEqual(verdicts(described.resources));
    expect(
      verdicts(listed.resources).map((v) => [v.status, v.severity ?? null, v.unverified ?? false]),
    ).toEqual([
      ['COMPLIANT', null, false],
      ['COMPLIANT', null, false],
      ['NON_COMPLIANT', 'low', false],
      ['NON_COMPLIANT', 'low', false],
      ['NON_COMPLIANT', 'low', false],
      ['NON_COMPLIANT', null, true],
      ['NON_COMPLIANT', null, true],
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

    // Assess: ONTAP over NFS is plaintext whatever its output says: only the SMB one is described.
    expect(result.errors).toEqual([]);
    expect(datasync.commandCalls(DescribeLocationFsxOntapCommand)).toHaveLength(1);
    expect(datasync.commandCalls(DescribeLocationFsxOntapCommand)[0]?.args[0].input).toEqual({
      LocationArn: arn(2),
    });
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
        { LocationArn: arn(2), LocationUri: 'smb://files.example.internal/share/' },
        { LocationArn: arn(3), LocationUri: 'efs://eu-west-1.fs-0456/' },
      ],
    });
    datasync.on(DescribeLocationSmbCommand).rejects(awsError('AccessDeniedException'));
    datasync
      .on(DescribeLocationEfsCommand)
      .resolves({ LocationArn: arn(3), LocationUri: 'efs://eu-west-1.fs-0456/' });

    // Act
    const result = await mockedSource().enumerate(REGION, ['datasync']);

    // Assess
    expect(result.errors.map((error) => error.source)).toEqual(
      expect.arrayContaining([`api:ListLocations ${arn(1)}`, expect.stringContaining('DescribeLocationSmb')]),
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
