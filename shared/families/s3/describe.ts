import { FieldError, type Fields } from '../../inventory/fields.js';
import { bucketArn, S3_BUCKET, type S3Bucket, type S3Website } from './model.js';

/**
 * The error codes S3 answers when a bucket has no policy / no website configuration
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList). Inputs give them in the
 * wrapped form {"Bucket": ..., "Error": {"Code": ...}} (examples/README.md); the live reads write them so too.
 */
export const NO_POLICY = 'NoSuchBucketPolicy';
export const NO_WEBSITE = 'NoSuchWebsiteConfiguration';

/** The fields of a GetBucketWebsite output (API_GetBucketWebsite.html#API_GetBucketWebsite_ResponseSyntax). */
export const WEBSITE_FIELDS = ['IndexDocument', 'ErrorDocument', 'RedirectAllRequestsTo', 'RoutingRules'];

/** A bucket with only what one input says about it; records of one bucket from several inputs join by ARN. */
export function bucketOf(
  name: string,
  source: string,
  scope: {
    region?: string | undefined;
    accountId?: string | undefined;
    capturedAt?: string | undefined;
  } = {},
): S3Bucket {
  const arn = bucketArn(name, scope.region);
  return {
    resourceType: S3_BUCKET,
    resourceId: arn,
    arn,
    name,
    bucketName: name,
    ...(scope.region ? { region: scope.region } : {}),
    ...(scope.accountId ? { accountId: scope.accountId } : {}),
    ...(scope.capturedAt ? { capturedAt: scope.capturedAt } : {}),
    tags: {},
    source,
  };
}

/**
 * A bucket name (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html: 3-63 lower-case
 * characters now; older us-east-1 buckets may have upper case and underscores, up to 255).
 */
export function bucketName(record: Fields, field: string): string {
  const name = record.string(field);
  if (!name || !/^[A-Za-z0-9._-]{3,255}$/.test(name)) {
    throw new FieldError(record.pathOf(field), 'expected an S3 bucket name');
  }
  return name;
}

/** GetBucketWebsite's fields (PascalCase) or Config's BucketWebsiteConfiguration (camelCase, indexDocumentSuffix). */
export function websiteOf(record: Fields): S3Website {
  const redirect = record.object('RedirectAllRequestsTo');
  const index = record.object('IndexDocument')?.string('Suffix') ?? record.string('IndexDocumentSuffix');
  const routing = record.list('RoutingRules');
  const website: S3Website = {};
  if (index !== undefined) website.indexDocument = index;
  // GetBucketWebsite nests it ({"Key": ...}); Config's camelCase item gives the key itself.
  const errorDocument = record.raw('ErrorDocument');
  const error =
    typeof errorDocument === 'string' ? errorDocument : record.object('ErrorDocument')?.string('Key');
  if (error !== undefined) website.errorDocument = error;
  if (redirect) {
    const hostName = redirect.string('HostName');
    const protocol = redirect.string('Protocol');
    website.redirectAllRequestsTo = {
      ...(hostName !== undefined ? { hostName } : {}),
      ...(protocol !== undefined ? { protocol } : {}),
    };
  }
  if (routing !== undefined) website.routingRules = routing.length;
  return website;
}
