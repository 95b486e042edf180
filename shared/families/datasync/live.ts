import {
  type DataSyncClient,
  DescribeLocationAzureBlobCommand,
  DescribeLocationEfsCommand,
  DescribeLocationFsxLustreCommand,
  DescribeLocationFsxOntapCommand,
  DescribeLocationFsxOpenZfsCommand,
  DescribeLocationFsxWindowsCommand,
  DescribeLocationHdfsCommand,
  DescribeLocationNfsCommand,
  DescribeLocationObjectStorageCommand,
  DescribeLocationS3Command,
  DescribeLocationSmbCommand,
  ListLocationsCommand,
  type LocationListEntry,
} from '@aws-sdk/client-datasync';
import {
  type Collected,
  emptyCollected,
  failed,
  goneRef,
  mergeCollected,
  readEach,
} from '../../inventory/live/context.js';
import { collectPages, toDocument } from '../../inventory/live/document.js';
import { apiError } from '../../inventory/live/errors.js';
import type { FamilyContext, LiveReaders } from '../../inventory/live/family-live.js';
import { matchesRef } from '../../inventory/live/match.js';
import type { ResourceRef } from '../../model/ref.js';
import { createClient } from './client.js';
import { kindOfUri } from './describe.js';
import { DECIDED_BY_SCHEME, kindOfType, LOCATION_KINDS, type LocationKind, schemeOf } from './model.js';

type Ctx = FamilyContext;

/** The one Describe* of each kind (its output is what `describe-location-*` prints). */
const DESCRIBE: Record<LocationKind, (client: DataSyncClient, LocationArn: string) => Promise<object>> = {
  ObjectStorage: (client, LocationArn) =>
    client.send(new DescribeLocationObjectStorageCommand({ LocationArn })),
  Efs: (client, LocationArn) => client.send(new DescribeLocationEfsCommand({ LocationArn })),
  Hdfs: (client, LocationArn) => client.send(new DescribeLocationHdfsCommand({ LocationArn })),
  Smb: (client, LocationArn) => client.send(new DescribeLocationSmbCommand({ LocationArn })),
  Nfs: (client, LocationArn) => client.send(new DescribeLocationNfsCommand({ LocationArn })),
  S3: (client, LocationArn) => client.send(new DescribeLocationS3Command({ LocationArn })),
  FsxOntap: (client, LocationArn) => client.send(new DescribeLocationFsxOntapCommand({ LocationArn })),
  FsxWindows: (client, LocationArn) => client.send(new DescribeLocationFsxWindowsCommand({ LocationArn })),
  FsxLustre: (client, LocationArn) => client.send(new DescribeLocationFsxLustreCommand({ LocationArn })),
  FsxOpenZfs: (client, LocationArn) => client.send(new DescribeLocationFsxOpenZfsCommand({ LocationArn })),
  AzureBlob: (client, LocationArn) => client.send(new DescribeLocationAzureBlobCommand({ LocationArn })),
};

// The largest page ListLocations takes (MaxResults, 0-100): fewest calls per region.
const PAGE = 100;

function listLocations(ctx: Ctx): Promise<LocationListEntry[]> {
  return collectPages(async (token) => {
    const output = await ctx.call('ListLocations', ctx.region, () =>
      ctx.clients
        .get(createClient)
        .send(new ListLocationsCommand({ MaxResults: PAGE, ...(token ? { NextToken: token } : {}) })),
    );
    return { items: output?.Locations, next: output?.NextToken };
  });
}

/** The one Describe call of the location's kind; the output is read as `describe-location-*` is. */
async function describe(
  ctx: Ctx,
  kind: LocationKind,
  locationArn: string,
  ref?: ResourceRef,
): Promise<Collected> {
  const operation = LOCATION_KINDS[kind].describe;
  const output = (await ctx.call(operation, locationArn, () =>
    DESCRIBE[kind](ctx.clients.get(createClient), locationArn),
  )) as Record<string, unknown> | undefined;
  if (!output?.LocationArn) return ref ? goneRef(ref) : emptyCollected();
  // ServerCertificate is a blob (the CA chain): not read, and not JSON.
  const { ServerCertificate: _certificate, ...rest } = output;
  return {
    ...emptyCollected(),
    groups: [
      {
        documents: [{ document: toDocument(rest), source: `api:${operation}` }],
        ...(ref ? { keep: (r: Parameters<typeof matchesRef>[0]) => matchesRef(r, ref) } : {}),
      },
    ],
  };
}

/**
 * A location whose kind alone decides its verdict (DECIDED_BY_SCHEME), from its ListLocations entry: the entry
 * has the LocationArn and LocationUri a Describe* output would give, and the rule reads no other field of it.
 */
function fromListing(entry: LocationListEntry): Collected {
  const document = { LocationArn: entry.LocationArn, LocationUri: entry.LocationUri };
  return { ...emptyCollected(), groups: [{ documents: [{ document, source: 'api:ListLocations' }] }] };
}

/**
 * Every location of the region: ListLocations pages, then the one Describe* its LocationUri scheme names
 * (model.ts), only for the schemes whose output decides the verdict; the others are built from the listing.
 * A location whose scheme names no kind this family knows is an error naming the scheme: its transport
 * cannot be verified, never skipped as passing, and no Describe* is guessed.
 */
async function sweepDataSync(ctx: Ctx): Promise<Collected> {
  let found: LocationListEntry[];
  try {
    found = await listLocations(ctx);
  } catch (error) {
    return failed(error);
  }
  const parts = await Promise.all(
    found.map(async (entry): Promise<Collected> => {
      const arn = entry.LocationArn ?? '';
      const kind = kindOfUri(entry.LocationUri);
      if (!kind) {
        const scheme = schemeOf(entry.LocationUri);
        const cause = new Error(
          `DataSync location ${entry.LocationUri ?? arn}: ${scheme === undefined ? 'its LocationUri has no scheme' : `the URI scheme "${scheme}"`} names no location kind transit-guard can describe, so its transport cannot be verified; evaluate the output of aws datasync describe-location-<type> --location-arn ${arn}`,
        );
        return { ...emptyCollected(), errors: [apiError('ListLocations', arn, cause)] };
      }
      if (DECIDED_BY_SCHEME.has(schemeOf(entry.LocationUri) ?? '')) return fromListing(entry);
      try {
        return await describe(ctx, kind, arn);
      } catch (error) {
        return failed(error);
      }
    }),
  );
  return mergeCollected(parts);
}

/** One Describe* per ref, of the kind its resource type names; not found: the location is gone. */
async function readDataSync(ctx: Ctx, refs: readonly ResourceRef[]): Promise<Collected> {
  return readEach(refs, async (ref) => {
    const kind = kindOfType(ref.resourceType);
    if (!kind) return failed(new Error(`not a DataSync location type: ${ref.resourceType}`), ref);
    return describe(ctx, kind, ref.resourceId, ref);
  });
}

export const dataSyncReaders: LiveReaders = { read: readDataSync, sweep: sweepDataSync };
