import type { InventoryBuilder } from '../../inventory/builder.js';
import type { FamilyInputs } from '../../inventory/family-inputs.js';
import { FieldError, Fields, isObject, type JsonObject } from '../../inventory/fields.js';
import { bucketName, bucketOf, NO_POLICY, NO_WEBSITE, WEBSITE_FIELDS, websiteOf } from './describe.js';
import { S3_BUCKET, type S3Bucket } from './model.js';

/** `aws s3api list-buckets`: {"Buckets": [{"Name", "CreationDate", "BucketRegion"?}], "Owner"} (API_ListBuckets). */
function readListBuckets(records: Fields[], format: string, label: string, out: InventoryBuilder): void {
  out.eachRecord(format, 'bucket', records, (record) => {
    const region = record.string('BucketRegion');
    out.resources.push(bucketOf(bucketName(record, 'Name'), label, { region }));
  });
}

/**
 * get-bucket-policy and get-bucket-website outputs do not name their bucket: they are read wrapped,
 * {"Bucket": "<name>", "Policy": "<JSON text>"} or {"Bucket": "<name>", <website fields>}, or with
 * {"Error": {"Code": "NoSuchBucketPolicy" | "NoSuchWebsiteConfiguration"}} for a bucket that has none.
 */
function isWrapped(document: JsonObject): boolean {
  return (
    typeof document.Bucket === 'string' &&
    ['Policy', 'Error', ...WEBSITE_FIELDS].some((field) => document[field] !== undefined)
  );
}

function readWrapped(record: Fields, label: string): S3Bucket {
  // BucketRegion (optional, as ListBuckets names it) puts a China or GovCloud bucket in its partition.
  const bucket = bucketOf(bucketName(record, 'Bucket'), label, { region: record.string('BucketRegion') });
  if (record.record.Policy !== undefined) {
    const policy = record.raw('Policy');
    if (typeof policy !== 'string') {
      throw new FieldError(
        record.pathOf('Policy'),
        'expected the policy as the JSON string get-bucket-policy prints',
      );
    }
    bucket.policyText = policy;
  }
  if (WEBSITE_FIELDS.some((field) => record.has(field))) bucket.website = websiteOf(record);
  const code = record.object('Error')?.string('Code');
  if (code === NO_POLICY) bucket.policyText = null;
  else if (code === NO_WEBSITE) bucket.website = null;
  else if (record.has('Error')) {
    throw new FieldError(
      record.pathOf('Error'),
      `expected Code ${NO_POLICY} or ${NO_WEBSITE} (any other error leaves the bucket unknown)`,
    );
  }
  return bucket;
}

function readWrappedObject(document: JsonObject, out: InventoryBuilder): boolean {
  if (!isWrapped(document)) return false;
  const format = 's3api get-bucket-policy / get-bucket-website (wrapped)';
  out.eachRecord(format, 'bucket', [new Fields(document, '')], (record) => {
    out.resources.push(readWrapped(record, out.labelOf(format)));
  });
  return true;
}

/** A list of wrapped outputs (one file for many buckets). */
function readWrappedList(documents: unknown[], out: InventoryBuilder): boolean {
  if (documents.length === 0 || !documents.every((entry) => isObject(entry) && isWrapped(entry)))
    return false;
  const format = 's3api get-bucket-policy / get-bucket-website (wrapped)';
  const records = documents.map((entry, index) => new Fields(entry as JsonObject, `[${index}]`));
  out.eachRecord(format, 'bucket', records, (record) => {
    out.resources.push(readWrapped(record, out.labelOf(format)));
  });
  return true;
}

export const s3Inputs: FamilyInputs = {
  formats: [{ key: 'Buckets', format: 's3api list-buckets', read: readListBuckets }],
  objects: [
    {
      expected: 'an s3api get-bucket-policy or get-bucket-website output wrapped with its "Bucket" name',
      read: readWrappedObject,
    },
  ],
  lists: [
    {
      expected:
        'a list of s3api get-bucket-policy / get-bucket-website outputs wrapped with their "Bucket" names',
      read: readWrappedList,
    },
  ],
  configItems: {
    // supplementaryConfiguration.BucketPolicy.policyText is the policy as JSON text, null when the bucket has
    // none (reference/service-facts.md, corpus D-ci-s3-*); BucketWebsiteConfiguration is Config's camelCase
    // website (indexDocumentSuffix, errorDocument, redirectAllRequestsTo, routingRules). An item without one of
    // them leaves that part unknown.
    [S3_BUCKET]: ({ configuration, resourceId, scope, supplementary, label }) => {
      const name = configuration.string('name') ?? resourceId ?? '';
      const bucket = bucketOf(
        bucketName(new Fields({ name }, configuration.pathOf('name')), 'name'),
        label,
        scope,
      );
      if (scope.arn) {
        bucket.arn = scope.arn;
        bucket.resourceId = scope.arn;
      }
      const policy = supplementary?.decodedObject('BucketPolicy');
      if (policy) {
        const text = policy.raw('policyText');
        if (text !== undefined && typeof text !== 'string') {
          throw new FieldError(policy.pathOf('policyText'), 'expected the policy as JSON text or null');
        }
        bucket.policyText = text ?? null;
      }
      const website = supplementary?.decodedObject('BucketWebsiteConfiguration');
      if (website) bucket.website = websiteOf(website);
      return bucket;
    },
  },
};
