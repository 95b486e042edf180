/**
 * The DataSync rule through `transit-guard evaluate --format json` as a user runs it, in each input format the
 * family reads (each `describe-location-*` output alone, and beside `list-locations`): a failing location, a
 * compliant near miss and one that cannot be verified; `list-locations` alone (judged where the URI scheme
 * settles it, else "cannot be verified" naming the describe command) and beside describe outputs; then
 * `replay` of a CloudTrail CreateLocationObjectStorage against an inventory.
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../../../../shared/report/report.js';
import { replayAgainstInventory, runCliCaptured } from '../../../helpers/run-cli.js';

const INPUTS = new URL('../../../fixtures/inputs/datasync/', import.meta.url);
const EVENTS = new URL('../../../fixtures/events/', import.meta.url);
// biome-ignore lint/suspicious/noExplicitAny: fixtures are edited freely in tests
const input = (name: string): any => JSON.parse(readFileSync(new URL(name, INPUTS), 'utf8'));

const RULE = 'datasync-location-plaintext';

type Edit = Record<string, unknown>;

/**
 * Per describe output: the fixture, the failing edit of its transit field and what the reason then says, the
 * near-miss edit and the unknown one.
 */
const FORMATS: [string, string, Edit, string, Edit, Edit][] = [
  [
    'describe-location-object-storage',
    'describe-location-object-storage.json',
    { ServerProtocol: 'HTTP' },
    'ServerProtocol is HTTP',
    { ServerProtocol: 'HTTPS' },
    { ServerProtocol: 'FTP' },
  ],
  [
    'describe-location-efs',
    'describe-location-efs.json',
    { InTransitEncryption: 'NONE' },
    'InTransitEncryption is NONE',
    { InTransitEncryption: 'TLS1_2' },
    { InTransitEncryption: 'TLS1_3' },
  ],
  [
    'describe-location-hdfs',
    'describe-location-hdfs.json',
    { QopConfiguration: { RpcProtection: 'PRIVACY', DataTransferProtection: 'INTEGRITY' } },
    'QopConfiguration.DataTransferProtection is INTEGRITY',
    { QopConfiguration: { RpcProtection: 'PRIVACY', DataTransferProtection: 'PRIVACY' } },
    { QopConfiguration: undefined },
  ],
  [
    'describe-location-smb',
    'describe-location-smb.json',
    { MountOptions: { Version: 'SMB2' } },
    'MountOptions.Version is SMB2',
    // No SMB version proves encryption (a share setting): the nearest miss is SMB3, which cannot be verified.
    { MountOptions: { Version: 'SMB3' } },
    { MountOptions: {} },
  ],
  [
    'describe-location-fsx-ontap',
    'describe-location-fsx-ontap.json',
    { Protocol: { SMB: { MountOptions: { Version: 'SMB1' } } } },
    'Protocol.SMB.MountOptions.Version is SMB1',
    { Protocol: { SMB: { MountOptions: { Version: 'SMB3' } } } },
    { Protocol: {} },
  ],
];

describe('transit-guard evaluate on DataSync locations', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'transit-guard-datasync-'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  async function evaluate(...documents: unknown[]) {
    const paths = await Promise.all(
      documents.map(async (document, index) => {
        const path = join(directory, `input-${index}.json`);
        await writeFile(path, JSON.stringify(document));
        return path;
      }),
    );
    const run = await runCliCaptured(
      ['evaluate', ...paths, '--format', 'json', '--now', '2026-11-22T00:00:00Z'],
      {
        cwd: directory,
      },
    );
    const report = JSON.parse(run.stdout) as Report;
    const verdicts = report.evaluations.filter((e) => e.ruleId === RULE);
    return { code: run.code, report, verdict: verdicts[0], verdicts };
  }

  describe.each(FORMATS)('from %s output', (_format, file, failing, said, nearMiss, unknown) => {
    const listed = (document: { LocationArn: string; LocationUri: string }) => ({
      Locations: [{ LocationArn: document.LocationArn, LocationUri: document.LocationUri }],
    });

    it('fails the plaintext leg, naming the field and its value (exit 1)', async () => {
      // Prepare
      const document = { ...input(file), ...failing };

      // Act
      const alone = await evaluate(document);
      const withList = await evaluate(listed(document), document);

      // Assess
      for (const { code, verdict, report } of [alone, withList]) {
        expect(code).toBe(1);
        expect(report.errors).toEqual([]);
        expect(verdict).toMatchObject({ status: 'NON_COMPLIANT', severity: 'medium' });
        expect(verdict?.reason).toContain(said);
        expect(verdict?.reason).not.toContain('cannot be verified');
      }
    });

    it('judges the near miss apart from the failure', async () => {
      // Act
      const { verdict } = await evaluate({ ...input(file), ...nearMiss });

      // Assess
      if (JSON.stringify(nearMiss).includes('SMB3')) {
        expect(verdict).toMatchObject({ status: 'NON_COMPLIANT' });
        expect(verdict?.reason).toContain('SMB3');
        expect(verdict?.reason).toContain('cannot be verified');
      } else {
        expect(verdict?.status).toBe('COMPLIANT');
      }
    });

    it('cannot verify a missing or unknown value: NON_COMPLIANT, never a pass (exit 1)', async () => {
      // Act
      const { code, verdict } = await evaluate({ ...input(file), ...unknown });

      // Assess
      expect(code).toBe(1);
      expect(verdict?.status).toBe('NON_COMPLIANT');
      expect(verdict?.reason).toContain('cannot be verified');
    });
  });

  it('fails an NFS location at low severity, saying it is informational unless VPN or MACsec carries it', async () => {
    // Act
    const { code, verdict } = await evaluate(input('describe-location-nfs.json'));

    // Assess
    expect(code).toBe(1);
    expect(verdict).toMatchObject({ status: 'NON_COMPLIANT', severity: 'low' });
    expect(verdict?.reason).toContain('informational unless');
  });

  describe('from aws datasync list-locations alone, and beside describe outputs', () => {
    type Location = { LocationArn: string; LocationUri: string };
    const listing = (...locations: Location[]) => ({
      Locations: locations.map(({ LocationArn, LocationUri }) => ({ LocationArn, LocationUri })),
    });
    /** A verdict without the file it came from: the listing and the describe output are other files. */
    const judged = (verdict: Report['evaluations'][number] | undefined) => {
      const { inputFile: _file, ...rest } = verdict ?? {};
      return rest;
    };
    const ontap = input('describe-location-fsx-ontap.json');
    // FSx for ONTAP over NFS: the same SVM's NFS location, its Protocol naming NFS (DescribeLocationFsxOntap).
    const ontapNfs = {
      ...ontap,
      LocationArn: 'arn:aws:datasync:eu-west-1:123456789012:location/loc-0a1b2c3d4e5f6000b',
      LocationUri: ontap.LocationUri.replace('fsxn-smb://', 'fsxn-nfs://'),
      Protocol: { NFS: { MountOptions: { Version: 'NFS3' } } },
    };
    // describe-location-s3 (API_DescribeLocationS3): the rule reads no field of it beyond its kind.
    const s3 = {
      LocationArn: 'arn:aws:datasync:eu-west-1:123456789012:location/loc-0a1b2c3d4e5f6000c',
      LocationUri: 's3://example-transfer-bucket/incoming/',
      S3StorageClass: 'STANDARD',
      S3Config: { BucketAccessRoleArn: 'arn:aws:iam::123456789012:role/datasync-s3' },
      CreationTime: '2026-11-02T09:25:00+00:00',
    };

    /** The kinds whose LocationUri scheme settles the verdict: the listing alone is judged as the describe output is. */
    const SETTLED: [string, Location, string, string][] = [
      ['s3', s3, 'COMPLIANT', 'DataSync reaches Amazon S3 over HTTPS'],
      ['azure-blob', input('describe-location-azure-blob.json'), 'COMPLIANT', 'https:// container URL'],
      [
        'nfs',
        input('describe-location-nfs.json'),
        'NON_COMPLIANT',
        'an NFS location (any MountOptions.Version)',
      ],
      ['fsxz', input('describe-location-fsx-open-zfs.json'), 'NON_COMPLIANT', 'FSx for OpenZFS over NFS'],
      ['fsxn-nfs', ontapNfs, 'NON_COMPLIANT', 'FSx for ONTAP over NFS'],
      ['fsxw', input('describe-location-fsx-windows.json'), 'NON_COMPLIANT', 'cannot be verified'],
      ['fsxl', input('describe-location-fsx-lustre.json'), 'NON_COMPLIANT', 'cannot be verified'],
    ];

    it.each(SETTLED)(
      'judges a %s:// location from its listing entry as from its describe output',
      async (scheme, location, status, said) => {
        // Act
        const alone = await evaluate(listing(location));
        const described = await evaluate(location);
        const both = await evaluate(listing(location), location);

        // Assess
        expect(alone.report.errors).toEqual([]);
        expect(alone.verdicts).toHaveLength(1);
        expect(alone.verdict?.resourceId).toBe(location.LocationArn);
        expect(alone.verdict?.status).toBe(status);
        expect(alone.verdict?.reason).toContain(`${scheme}://`);
        expect(alone.verdict?.reason).toContain(said);
        expect(alone.verdict?.reason).not.toContain('list-locations');
        expect(judged(alone.verdict)).toEqual(judged(described.verdict));
        expect(both.verdicts).toHaveLength(1);
        expect(both.report.errors).toEqual([]);
        expect(judged(both.verdict)).toEqual(judged(described.verdict));
      },
    );

    /**
     * The kinds whose verdict rests on a Describe* field the URI does not carry: that field, the command that
     * prints it, the failing value, what the reason then says, and the compliant near miss (SMB has none: SMB3 is
     * the nearest and cannot be verified, for a reason of its own).
     */
    const UNSETTLED: [string, Location, string, string, Edit, string, Edit, string][] = [
      [
        'object-storage',
        input('describe-location-object-storage.json'),
        'ServerProtocol',
        'describe-location-object-storage',
        { ServerProtocol: 'HTTP' },
        'ServerProtocol is HTTP',
        { ServerProtocol: 'HTTPS' },
        'COMPLIANT',
      ],
      [
        'efs',
        input('describe-location-efs.json'),
        'InTransitEncryption',
        'describe-location-efs',
        { InTransitEncryption: 'NONE' },
        'InTransitEncryption is NONE',
        { InTransitEncryption: 'TLS1_2' },
        'COMPLIANT',
      ],
      [
        'hdfs',
        input('describe-location-hdfs.json'),
        'QopConfiguration',
        'describe-location-hdfs',
        { QopConfiguration: { RpcProtection: 'AUTHENTICATION', DataTransferProtection: 'PRIVACY' } },
        'QopConfiguration.RpcProtection is AUTHENTICATION',
        { QopConfiguration: { RpcProtection: 'PRIVACY', DataTransferProtection: 'PRIVACY' } },
        'COMPLIANT',
      ],
      [
        'smb',
        input('describe-location-smb.json'),
        'MountOptions.Version',
        'describe-location-smb',
        { MountOptions: { Version: 'SMB1' } },
        'MountOptions.Version is SMB1',
        { MountOptions: { Version: 'SMB3' } },
        'NON_COMPLIANT',
      ],
      [
        'fsxn-smb',
        ontap,
        'Protocol.SMB.MountOptions.Version',
        'describe-location-fsx-ontap',
        { Protocol: { SMB: { MountOptions: { Version: 'SMB2' } } } },
        'Protocol.SMB.MountOptions.Version is SMB2',
        { Protocol: { SMB: { MountOptions: { Version: 'SMB3' } } } },
        'NON_COMPLIANT',
      ],
    ];

    describe.each(UNSETTLED)(
      'a %s:// location',
      (scheme, location, field, command, failing, said, nearMiss, nearStatus) => {
        it('listed alone cannot be verified, naming the field and the describe command that settles it (exit 1)', async () => {
          // Act
          const { code, report, verdicts, verdict } = await evaluate(listing(location));

          // Assess
          expect(code).toBe(1);
          expect(report.errors).toEqual([]);
          expect(verdicts).toHaveLength(1);
          expect(verdict).toMatchObject({
            resourceId: location.LocationArn,
            status: 'NON_COMPLIANT',
            severity: 'medium',
          });
          expect(verdict?.reason).toContain(`${scheme}://`);
          expect(verdict?.reason).toContain(`does not give ${field}, so encryption cannot be verified`);
          expect(verdict?.reason).toContain(
            `add the output of aws datasync ${command} --location-arn ${location.LocationArn}`,
          );
          expect(verdict?.details).toEqual({
            unknownField: field,
            describeCommand: `aws datasync ${command}`,
          });
        });

        it('listed beside its describe output is judged on the describe fields, in either order', async () => {
          // Prepare
          const described = { ...location, ...failing };

          // Act
          const runs = [
            await evaluate(listing(described), described),
            await evaluate(described, listing(described)),
          ];

          // Assess
          for (const { code, report, verdicts, verdict } of runs) {
            expect(code).toBe(1);
            expect(report.errors).toEqual([]);
            expect(verdicts).toHaveLength(1);
            expect(verdict?.status).toBe('NON_COMPLIANT');
            expect(verdict?.reason).toContain(said);
            expect(verdict?.reason).not.toContain('list-locations');
          }
        });

        it('listed beside its near-miss describe output is judged apart from the listing alone', async () => {
          // Prepare
          const described = { ...location, ...nearMiss };

          // Act
          const { report, verdicts, verdict } = await evaluate(listing(described), described);

          // Assess
          expect(report.errors).toEqual([]);
          expect(verdicts).toHaveLength(1);
          expect(verdict?.status).toBe(nearStatus);
          expect(verdict?.reason).not.toContain('list-locations');
          expect(verdict?.reason).not.toContain(command);
        });
      },
    );

    it("near miss of the scheme: one SVM's fsxn-nfs:// location is judged from the listing, its fsxn-smb:// one asks for a describe output", async () => {
      // Act
      const { verdicts } = await evaluate(listing(ontapNfs, ontap));

      // Assess
      const byId = (id: string) => verdicts.find((v) => v.resourceId === id);
      expect(byId(ontapNfs.LocationArn)).toMatchObject({ status: 'NON_COMPLIANT', severity: 'low' });
      expect(byId(ontapNfs.LocationArn)?.reason).not.toContain('describe-location-fsx-ontap');
      expect(byId(ontap.LocationArn)).toMatchObject({ status: 'NON_COMPLIANT', severity: 'medium' });
      expect(byId(ontap.LocationArn)?.reason).toContain('describe-location-fsx-ontap');
    });

    it('judges the listing of several kinds, and only the ones listed', async () => {
      // Act
      const { code, report, verdicts } = await evaluate(
        input('list-locations.json'),
        input('describe-location-efs.json'),
      );

      // Assess: the EFS location on TLS1_2 from its describe output, the NFS one from its URI.
      expect(code).toBe(1);
      expect(report.errors).toEqual([]);
      expect(verdicts.map((v) => [v.resourceId.slice(-5), v.status, v.severity])).toEqual([
        ['60002', 'COMPLIANT', 'medium'],
        ['60005', 'NON_COMPLIANT', 'low'],
      ]);
    });

    it('an EFS listing beside its AWS Config item is judged from the item: Config does not record InTransitEncryption', async () => {
      // Prepare
      const { InTransitEncryption: _unrecorded, ...efs } = input('describe-location-efs.json');
      const item = {
        configurationItems: [
          {
            configuration: efs,
            configurationItemVersion: '1.3',
            configurationItemCaptureTime: '2026-11-21T23:14:05.512Z',
            awsAccountId: '123456789012',
            configurationItemStatus: 'OK',
            resourceType: 'AWS::DataSync::LocationEFS',
            resourceId: efs.LocationArn,
            ARN: efs.LocationArn,
            awsRegion: 'eu-west-1',
          },
        ],
      };

      // Act
      const { report, verdicts, verdict } = await evaluate(listing(efs), item);

      // Assess
      expect(report.errors).toEqual([]);
      expect(verdicts).toHaveLength(1);
      expect(verdict?.reason).toContain('its AWS Config item does not record InTransitEncryption');
      expect(verdict?.reason).not.toContain('list-locations');
    });

    it('says which listed location has a URI scheme of no kind it reads and no describe output, and judges nothing of it', async () => {
      // Prepare
      const ftp = {
        LocationArn: 'arn:aws:datasync:eu-west-1:123456789012:location/loc-0a1b2c3d4e5f6000d',
        LocationUri: 'ftp://files.example.internal/share/',
      };

      // Act
      const { report, verdicts } = await evaluate(
        listing(s3, ftp, { LocationArn: 'loc-0a1b2c3d4e5f6000e', LocationUri: 's3://x/' }),
      );

      // Assess
      expect(report.errors.map((error) => error.message)).toEqual([
        'datasync list-locations: Locations[2].LocationArn: expected a DataSync location ARN; the location is left out',
        expect.stringContaining(
          `Locations[1].LocationUri: DataSync location ftp://files.example.internal/share/ (${ftp.LocationArn}) has the URI scheme "ftp", which names no location kind transit-guard reads, and no describe-location output in the inputs, so its transport cannot be verified`,
        ),
      ]);
      expect(verdicts.map((v) => v.resourceId)).toEqual([s3.LocationArn]);
    });

    it('reads a listed location of an unknown scheme from its describe output, which names its kind by its fields', async () => {
      // Prepare: an object storage output is told by ServerProtocol, whatever its URI says.
      const odd = {
        ...input('describe-location-object-storage.json'),
        LocationUri: 'objstore://minio.example.internal/archive/',
      };

      // Act
      const { report, verdict } = await evaluate(listing(odd), odd);

      // Assess
      expect(report.errors).toEqual([]);
      expect(verdict?.reason).toContain('ServerProtocol is HTTP');
    });
  });

  it('names the URI scheme of a describe output whose kind it cannot tell, and judges nothing from it', async () => {
    // Prepare
    const path = join(directory, 'unknown.json');
    await writeFile(
      path,
      JSON.stringify({
        LocationArn: 'arn:aws:datasync:eu-west-1:123456789012:location/loc-0a1b2c3d4e5f60009',
        LocationUri: 'ftp://files.example.internal/share/',
      }),
    );

    // Act
    const run = await runCliCaptured(['evaluate', path, '--format', 'json'], { cwd: directory });

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('LocationUri');
    expect(run.stderr).toContain('not the URI scheme "ftp", so its transport cannot be verified');
  });

  describe('the FSx and Azure Blob describe outputs', () => {
    it('cannot verify FSx for Windows (SMB with no version field) nor FSx for Lustre, alone or listed', async () => {
      // Prepare
      const windows = input('describe-location-fsx-windows.json');
      const lustre = input('describe-location-fsx-lustre.json');
      const list = {
        Locations: [windows, lustre].map((l) => ({ LocationArn: l.LocationArn, LocationUri: l.LocationUri })),
      };

      // Act
      const { code, report, verdicts } = await evaluate(list, windows, lustre);

      // Assess
      expect(code).toBe(1);
      expect(report.errors).toEqual([]);
      const byId = (id: string) => verdicts.find((v) => v.resourceId === id);
      expect(byId(windows.LocationArn)).toMatchObject({ status: 'NON_COMPLIANT' });
      expect(byId(windows.LocationArn)?.reason).toContain('FSx for Windows File Server over SMB');
      expect(byId(windows.LocationArn)?.reason).toContain('cannot be verified');
      expect(byId(lustre.LocationArn)).toMatchObject({ status: 'NON_COMPLIANT' });
      expect(byId(lustre.LocationArn)?.reason).toContain('Lustre protocol');
      expect(byId(lustre.LocationArn)?.reason).toContain('cannot be verified');
    });

    it('fails FSx for OpenZFS at low severity: its leg is NFS, naming the field and its value', async () => {
      // Act
      const { code, verdict } = await evaluate(input('describe-location-fsx-open-zfs.json'));

      // Assess
      expect(code).toBe(1);
      expect(verdict).toMatchObject({ status: 'NON_COMPLIANT', severity: 'low' });
      expect(verdict?.reason).toContain(
        'FSx for OpenZFS over NFS (its only protocol) (any MountOptions.Version): DataSync has no NFS encryption option',
      );
      expect(verdict?.details).toEqual({ protocol: 'NFS' });
    });

    it('passes Azure Blob (an https:// container URL is all the API accepts), the near miss of the FSx kinds', async () => {
      // Act
      const { code, verdict, report } = await evaluate(input('describe-location-azure-blob.json'));

      // Assess
      expect(code).toBe(0);
      expect(verdict?.status).toBe('COMPLIANT');
      expect(report.summary.kpis.datasyncLocationsEncrypted).toMatchObject({ compliant: 1, total: 1 });
    });

    it('counts only encrypted legs in the KPI "DataSync locations with an encrypted protocol leg"', async () => {
      // Act
      const { report } = await evaluate(
        input('describe-location-azure-blob.json'),
        input('describe-location-fsx-open-zfs.json'),
        input('describe-location-fsx-windows.json'),
        { ...input('describe-location-efs.json'), InTransitEncryption: 'TLS1_2' },
      );

      // Assess: Azure Blob and EFS over TLS; NFS fails; FSx for Windows cannot be verified.
      expect(report.summary.kpis.datasyncLocationsEncrypted).toMatchObject({ compliant: 2, total: 4 });
    });
  });

  describe('from AWS Config items (the location types Config records)', () => {
    const item = (resourceType: string, configuration: Record<string, unknown>) => ({
      relatedEvents: [],
      relationships: [],
      configuration,
      supplementaryConfiguration: {},
      tags: {},
      configurationItemVersion: '1.3',
      configurationItemCaptureTime: '2026-11-21T23:14:05.512Z',
      awsAccountId: '123456789012',
      configurationItemStatus: 'OK',
      resourceType,
      resourceId: configuration.LocationArn,
      ARN: configuration.LocationArn,
      awsRegion: 'eu-west-1',
    });
    const snapshot = (...items: unknown[]) => ({
      fileVersion: '1.0',
      configSnapshotId: '6f7a8b9c-0d1e-4f2a-8b3c-4d5e6f7a8b9c',
      configurationItems: items,
    });
    const { ServerCertificate: _none, ...objectStorage } = input('describe-location-object-storage.json');

    it('fails SMB1, passes object storage over HTTPS (near miss) and cannot verify EFS, whose item has no InTransitEncryption', async () => {
      // Prepare
      const smb = { ...input('describe-location-smb.json'), MountOptions: { Version: 'SMB1' } };
      const { InTransitEncryption: _unrecorded, ...efs } = input('describe-location-efs.json');

      // Act
      const { code, report, verdicts } = await evaluate(
        snapshot(
          item('AWS::DataSync::LocationSMB', smb),
          item('AWS::DataSync::LocationObjectStorage', { ...objectStorage, ServerProtocol: 'HTTPS' }),
          item('AWS::DataSync::LocationEFS', efs),
        ),
      );

      // Assess
      expect(code).toBe(1);
      expect(report.errors).toEqual([]);
      const byId = (id: string) => verdicts.find((v) => v.resourceId === id);
      expect(byId(smb.LocationArn)).toMatchObject({ status: 'NON_COMPLIANT', severity: 'medium' });
      expect(byId(smb.LocationArn)?.reason).toContain('MountOptions.Version is SMB1');
      expect(byId(objectStorage.LocationArn)?.status).toBe('COMPLIANT');
      expect(byId(efs.LocationArn)).toMatchObject({ status: 'NON_COMPLIANT' });
      expect(byId(efs.LocationArn)?.reason).toContain(
        'its AWS Config item does not record InTransitEncryption, so encryption cannot be verified',
      );
    });

    it('fails object storage over HTTP from its item, and reads an FSx for Windows item as unverifiable', async () => {
      // Prepare
      const windows = input('describe-location-fsx-windows.json');

      // Act
      const { verdicts } = await evaluate(
        snapshot(
          item('AWS::DataSync::LocationObjectStorage', { ...objectStorage, ServerProtocol: 'HTTP' }),
          item('AWS::DataSync::LocationFSxWindows', windows),
        ),
      );

      // Assess
      expect(verdicts.map((v) => [v.resourceId, v.status, v.reason?.includes('cannot be verified')])).toEqual(
        expect.arrayContaining([
          [objectStorage.LocationArn, 'NON_COMPLIANT', false],
          [windows.LocationArn, 'NON_COMPLIANT', true],
        ]),
      );
    });
  });
});

describe('transit-guard replay of a DataSync CreateLocationObjectStorage', () => {
  let directory: string;
  const created = 'arn:aws:datasync:eu-west-1:111122223333:location/loc-0a1b2c3d4e5f60711';

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'transit-guard-datasync-replay-'));
    await mkdir(join(directory, 'inventory'));
    await writeFile(
      join(directory, 'inventory', 'object-storage.json'),
      JSON.stringify({ ...input('describe-location-object-storage.json'), LocationArn: created }),
    );
    await writeFile(
      join(directory, 'inventory', 'efs.json'),
      JSON.stringify({ ...input('describe-location-efs.json'), InTransitEncryption: 'NONE' }),
    );
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('judges nothing of a deleted location: the event is reported deleted, naming its ARN (DeleteLocation)', async () => {
    // Prepare: the inventory still holds the location the call deletes.
    const deleted = 'arn:aws:datasync:eu-west-1:111122223333:location/loc-0a1b2c3d4e5f60715';
    await writeFile(
      join(directory, 'inventory', 'nfs.json'),
      JSON.stringify({ ...input('describe-location-nfs.json'), LocationArn: deleted }),
    );

    // Act
    const run = await replayAgainstInventory(
      directory,
      new URL('cloudtrail-datasync-delete-location.json', EVENTS).pathname,
    );
    const report = JSON.parse(run.stdout) as Report & {
      events: { deleted?: boolean; refs: { resourceId: string }[] }[];
    };

    // Assess
    expect(report.evaluations).toEqual([]);
    expect(report.events).toEqual([
      expect.objectContaining({
        eventName: 'DeleteLocation',
        deleted: true,
        refs: [expect.objectContaining({ resourceId: deleted })],
      }),
    ]);
  });

  it('judges only the location the call created, from the inventory', async () => {
    // Act
    const run = await replayAgainstInventory(
      directory,
      new URL('cloudtrail-datasync-create-location-object-storage.json', EVENTS).pathname,
    );
    const report = JSON.parse(run.stdout) as Report;

    // Assess
    expect(run.code).toBe(1);
    expect(report.evaluations.map((e) => [e.resourceId, e.ruleId, e.status])).toEqual([
      [created, RULE, 'NON_COMPLIANT'],
    ]);
  });
});
