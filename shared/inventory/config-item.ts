import { FAMILIES } from '../families/index.js';
import type { Resource } from '../model/resource.js';
import type { InventoryBuilder } from './builder.js';
import { ITEM, NOT_RECORDED_STATUSES } from './config-constants.js';
import { toIsoDate } from './dates.js';
import type { ConfigItemReader, ConfigItemScope } from './family-inputs.js';
import type { Fields } from './fields.js';
import { readTags, requireString } from './record.js';

/** The families' Config item readers, by resource type; items of other types are out of scope. */
const READERS = new Map<string, ConfigItemReader>(
  FAMILIES.flatMap((family) => Object.entries(family.inputs.configItems ?? {})),
);

function oversized(out: InventoryBuilder, format: string, resourceType: string, resourceId: string): void {
  out.error(
    `${format}: oversized configuration item ${resourceType} ${resourceId} (the input has no configuration for it): fetch it with GetResourceConfigHistory`,
  );
}

/**
 * An OversizedConfigurationItemChangeNotification: Config sent only a summary. An in-scope resource
 * is reported, never guessed from the summary.
 */
export function readOversizedSummary(summary: Fields, format: string, out: InventoryBuilder): void {
  out.guard(format, 'item', () => {
    const resourceType = requireString(summary, ITEM.resourceType);
    if (NOT_RECORDED_STATUSES.has(summary.string(ITEM.status) ?? '')) return out.skipNotRecorded();
    if (!READERS.has(resourceType)) return out.skipOutOfScope(resourceType);
    oversized(
      out,
      format,
      resourceType,
      summary.identifier(ITEM.arn) ?? summary.identifier(ITEM.resourceId) ?? '(no id)',
    );
  });
}

/** Item-level facts the configuration does not repeat: account, region, tags (completes the new resource in place). */
function overlayItem(resource: Resource, scope: ConfigItemScope, tags: Record<string, string>): Resource {
  resource.accountId ??= scope.accountId;
  resource.region ??= scope.region;
  // Which of two inputs describing this resource is newer (dedupeResources).
  if (scope.capturedAt) resource.capturedAt = scope.capturedAt;
  Object.assign(resource.tags, tags);
  const name = resource.tags.Name?.trim();
  if (name) resource.name = name;
  return resource;
}

/**
 * The newest item of each resource: GetResourceConfigHistory lists a resource's past states too, newest
 * first. Items are compared by capture time; on a tie (or without one) the later item wins.
 */
export function newestItems(items: readonly Fields[]): Fields[] {
  const newest = new Map<string, number>();
  const kept = items.map(() => true);
  items.forEach((item, index) => {
    const key = itemKey(item);
    if (key === undefined) return;
    const current = newest.get(key);
    if (current === undefined) {
      newest.set(key, index);
      return;
    }
    // Only a resource listed twice has its capture times read.
    const older = captureTime(items[current] as Fields) > captureTime(item) ? index : current;
    kept[older] = false;
    newest.set(key, older === index ? current : index);
  });
  return items.filter((_, index) => kept[index]);
}

/** Which resource an item is about, as newestItems compares them; undefined when it does not say. */
export function itemIdentity(item: Fields): { type: string; id: string } | undefined {
  const type = item.raw(ITEM.resourceType);
  const id = item.raw(ITEM.resourceId) ?? item.raw(ITEM.arn);
  return typeof type === 'string' && typeof id === 'string' ? { type, id } : undefined;
}

function itemKey(item: Fields): string | undefined {
  const identity = itemIdentity(item);
  return identity && `${identity.type}|${identity.id}`;
}

function captureTime(item: Fields): number {
  const captured = toIsoDate(item.raw(ITEM.captureTime));
  return captured ? Date.parse(captured) : Number.NEGATIVE_INFINITY;
}

/**
 * One configuration item (snapshot, history, change notification). `configuration` may be an object
 * or a JSON string; supplementaryConfiguration values may be JSON strings too.
 */
export function readConfigItem(item: Fields, format: string, label: string, out: InventoryBuilder): void {
  out.guard(format, 'configuration item', () => {
    const resourceType = requireString(item, ITEM.resourceType);
    if (NOT_RECORDED_STATUSES.has(item.string(ITEM.status) ?? '')) return out.skipNotRecorded();
    const reader = READERS.get(resourceType);
    if (!reader) return out.skipOutOfScope(resourceType);
    const configuration = item.decodedObject(ITEM.configuration);
    if (!configuration) {
      return oversized(
        out,
        format,
        resourceType,
        item.identifier(ITEM.arn) ?? item.identifier(ITEM.resourceId) ?? '(no id)',
      );
    }
    const supplementary = item.decodedObject(ITEM.supplementaryConfiguration);
    const tags = {
      ...(supplementary ? readTags(supplementary, 'Tags') : {}),
      ...readTags(item, ITEM.tags),
    };
    const scope = {
      arn: item.identifier(ITEM.arn),
      accountId: item.string(ITEM.accountId) ?? item.string(ITEM.awsAccountId),
      region: item.string(ITEM.awsRegion),
      capturedAt: toIsoDate(item.raw(ITEM.captureTime)),
    };
    const resourceId = item.identifier(ITEM.resourceId);
    const resource = reader({ configuration, item, resourceId, scope, supplementary, label }, out);
    if (resource) out.resources.push(overlayItem(resource, scope, tags));
  });
}
