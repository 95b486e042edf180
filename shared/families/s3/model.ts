/** The S3 bucket in the normalized model (shared/model/resource.ts). */
import type { ResourceBase } from '../../model/resource.js';

export const S3_BUCKET = 'AWS::S3::Bucket';

/** Static website hosting as GetBucketWebsite answers it (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketWebsite.html). */
export interface S3Website {
  indexDocument?: string;
  errorDocument?: string;
  /** RedirectAllRequestsTo: every request is redirected to this host (and protocol, when given). */
  redirectAllRequestsTo?: { hostName?: string; protocol?: string };
  routingRules?: number;
}

export interface S3Bucket extends ResourceBase {
  resourceType: typeof S3_BUCKET;
  bucketName: string;
  /**
   * The bucket policy exactly as S3 returned it (a JSON string, kept byte for byte so a remediation can splice
   * into it); null: the bucket has none (NoSuchBucketPolicy, or a Config item's null policyText); absent: the
   * inputs do not say.
   */
  policyText?: string | null;
  /** Static website hosting; null: not configured (NoSuchWebsiteConfiguration); absent: the inputs do not say. */
  website?: S3Website | null;
}

/** A bucket's ARN: arn:<partition>:s3:::<name> (no region, no account: https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-arn-format.html). */
export function bucketArn(name: string, region?: string): string {
  return `arn:${partitionOf(region)}:s3:::${name}`;
}

/** The partition of a region (China and GovCloud regions have their own); unknown region: aws. */
function partitionOf(region: string | undefined): string {
  if (region?.startsWith('cn-')) return 'aws-cn';
  if (region?.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}
