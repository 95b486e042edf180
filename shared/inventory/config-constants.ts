/**
 * AWS Config's spellings, in one place: the fields of a configuration item, the keys of the documents that
 * carry items, and the item statuses. The resource types a family reads from Config are its own
 * (FamilyInputs.configItems).
 */
import type { ResourceRef } from '../model/ref.js';
import { familyOf } from '../model/resource.js';

/** Fields of a configuration item (snapshot, history, change notification, advanced query result). */
export const ITEM = {
  resourceType: 'resourceType',
  resourceId: 'resourceId',
  resourceName: 'resourceName',
  arn: 'ARN',
  accountId: 'accountId',
  awsAccountId: 'awsAccountId',
  awsRegion: 'awsRegion',
  configuration: 'configuration',
  supplementaryConfiguration: 'supplementaryConfiguration',
  tags: 'tags',
  status: 'configurationItemStatus',
  captureTime: 'configurationItemCaptureTime',
} as const;

/** Top-level keys of the documents that carry configuration items. */
export const DOCUMENT = {
  /** A snapshot (delivered to S3) or GetResourceConfigHistory output. */
  items: 'configurationItems',
  /** BatchGetResourceConfig output. */
  baseItems: 'baseConfigurationItems',
  /** A change notification. */
  item: 'configurationItem',
  /** An oversized change notification: a summary without the configuration. */
  summary: 'configurationItemSummary',
  /** Only a snapshot has these. */
  snapshot: ['fileVersion', 'configSnapshotId'],
} as const;

/** Statuses of items about a resource that no longer exists. */
export const DELETED_STATUSES: ReadonlySet<string> = new Set([
  'ResourceDeleted',
  'ResourceDeletedNotRecorded',
]);

/** Statuses of items that describe no current resource: deleted, or not recorded. */
export const NOT_RECORDED_STATUSES: ReadonlySet<string> = new Set([
  ...DELETED_STATUSES,
  'ResourceNotRecorded',
]);

/** AWS Config names a resource by the id in the ref, unless its family says otherwise (a classic load balancer by name). */
export function configResourceId(ref: Pick<ResourceRef, 'resourceType' | 'resourceId' | 'name'>): string {
  return familyOf(ref.resourceType)?.live.configResourceId?.(ref) ?? ref.resourceId;
}
