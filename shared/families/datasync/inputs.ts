import type { InventoryBuilder } from '../../inventory/builder.js';
import {
  type ConfigItemReader,
  type FamilyInputs,
  type ListMerge,
  type PendingKind,
  pendingList,
} from '../../inventory/family-inputs.js';
import { FieldError, Fields, isObject, type JsonObject } from '../../inventory/fields.js';
import type { Resource } from '../../model/resource.js';
import { isLocationArn } from './arn.js';
import { kindOfUri, mapLocation } from './describe.js';
import {
  DATASYNC_LOCATION_TYPES,
  type DataSyncLocation,
  LOCATION_KINDS,
  type LocationKind,
  schemeOf,
} from './model.js';

/**
 * A location `aws datasync list-locations` listed whose LocationUri names no kind this family reads: only its
 * describe-location-* output can say what it is, so it must be in the inputs too.
 */
interface ListedLocation {
  locationArn: string;
  locationUri?: string;
  source: string;
  path: string;
}

const LISTED_LOCATIONS: PendingKind<ListedLocation> = {
  key: 'datasyncLocations',
  label: 'DataSync locations',
};

/**
 * `aws datasync list-locations`: {"Locations": [{"LocationArn", "LocationUri"}]} (API_ListLocations). Each entry
 * whose URI scheme names a kind is a location of its own (fromListing: judged where the scheme settles it, else
 * "cannot be verified" naming the describe command); a describe output of the same location merges over it.
 */
function readListLocations(document: JsonObject, out: InventoryBuilder): boolean {
  const locations = document.Locations;
  if (
    !Array.isArray(locations) ||
    !locations.some((item) => isObject(item) && isLocationArn(item.LocationArn))
  )
    return false;
  const format = 'datasync list-locations';
  const source = out.labelOf(format);
  const listed = pendingList(out.pending, LISTED_LOCATIONS);
  out.eachRecord(format, 'location', new Fields(document, '').objects('Locations') ?? [], (record) => {
    const locationArn = record.string('LocationArn');
    if (!isLocationArn(locationArn))
      throw new FieldError(record.pathOf('LocationArn'), 'expected a DataSync location ARN');
    const locationUri = record.string('LocationUri');
    if (kindOfUri(locationUri)) {
      out.resources.push(mapLocation(record, source, { fromListing: true }));
      return;
    }
    listed.push({ locationArn, locationUri, source, path: record.path });
  });
  return true;
}

/** `aws datasync describe-location-<kind>` output: one location, its LocationArn at the top level. */
function readDescribeLocation(document: JsonObject, out: InventoryBuilder): boolean {
  if (!isLocationArn(document.LocationArn)) return false;
  const format = 'datasync describe-location';
  out.eachRecord(format, 'location', [new Fields(document, '')], (record) => {
    out.resources.push(mapLocation(record, out.labelOf(format), {}));
  });
  return true;
}

/**
 * A listed location of an unknown kind whose describe output is missing is reported: its transport is unknown,
 * never a pass.
 */
function checkListedLocations(
  resources: readonly Resource[],
  pending: Record<string, unknown[]>,
  errors: { source: string; message: string }[],
): Map<Resource, Resource> {
  const types: readonly string[] = DATASYNC_LOCATION_TYPES;
  const described = new Set(
    resources
      .filter((resource) => types.includes(resource.resourceType))
      .map((resource) => resource.resourceId),
  );
  for (const location of (pending[LISTED_LOCATIONS.key] ?? []) as ListedLocation[]) {
    if (described.has(location.locationArn)) continue;
    const scheme = schemeOf(location.locationUri);
    const named = location.locationUri
      ? `${location.locationUri} (${location.locationArn})`
      : location.locationArn;
    errors.push({
      source: location.source,
      message: `datasync list-locations: ${location.path}.LocationUri: DataSync location ${named} has ${scheme === undefined ? 'a LocationUri without a scheme' : `the URI scheme "${scheme}"`}, which names no location kind transit-guard reads, and no describe-location output in the inputs, so its transport cannot be verified; add the output of aws datasync describe-location-<type> --location-arn ${location.locationArn}`,
    });
  }
  return new Map();
}

/**
 * The location types AWS Config records (reference/service-facts.md [CFG]: not FSx for ONTAP, FSx for OpenZFS nor
 * Azure Blob). The item's type names the kind; its configuration has the Describe* field names.
 */
const CONFIG_RECORDED: readonly LocationKind[] = [
  'ObjectStorage',
  'Efs',
  'Hdfs',
  'Smb',
  'Nfs',
  'S3',
  'FsxWindows',
  'FsxLustre',
];

const configItem =
  (kind: LocationKind): ConfigItemReader =>
  ({ configuration, scope, resourceId, label }) => ({
    ...mapLocation(configuration, label, {
      kind,
      fromConfig: true,
      arn: scope.arn ?? resourceId,
    }),
    ...(scope.accountId ? { accountId: scope.accountId } : {}),
    ...(scope.region ? { region: scope.region } : {}),
  });

/**
 * A list-locations entry and a describe output (or Config item) of one location: the merged record has the
 * describe fields, so it is no longer judged as a listing alone, in whichever order the inputs came.
 */
const describedWins: ListMerge = (earlier, later, merged) => {
  if ((earlier as DataSyncLocation).fromListing && (later as DataSyncLocation).fromListing) return merged;
  const { fromListing: _listing, ...described } = merged as DataSyncLocation;
  return described;
};

export const dataSyncInputs: FamilyInputs = {
  objects: [
    { expected: 'DataSync list-locations output (Locations of location ARNs)', read: readListLocations },
    {
      expected: 'a DataSync describe-location-* output (LocationArn of a location)',
      read: readDescribeLocation,
    },
  ],
  configItems: Object.fromEntries(
    CONFIG_RECORDED.map((kind) => [LOCATION_KINDS[kind].type, configItem(kind)]),
  ),
  pending: [LISTED_LOCATIONS],
  link: checkListedLocations,
  mergeLists: Object.fromEntries(DATASYNC_LOCATION_TYPES.map((type) => [type, describedWins])),
};
