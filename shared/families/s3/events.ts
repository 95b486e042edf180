/**
 * The S3 calls that change a bucket's policy or website (eventSource s3.amazonaws.com; management events, which
 * CloudTrail records in the bucket's Region: reference/service-facts.md, corpus A-ct-raw-s3-*), and its
 * AWS::S3::Bucket Config items. Every call names the bucket in requestParameters.bucketName.
 */
import { fieldError } from '../../events/errors.js';
import {
  type ApiCall,
  type CallRoute,
  type FamilyEvents,
  refOf,
  valueAt,
} from '../../events/family-events.js';
import type { ResourceRef } from '../../model/ref.js';
import { bucketArn, S3_BUCKET } from './model.js';

function bucketOf(call: ApiCall): ResourceRef[] {
  const name = valueAt(call.detail, ['requestParameters', 'bucketName']);
  if (typeof name !== 'string' || name === '') {
    return fieldError(['detail', 'requestParameters', 'bucketName'], 'an S3 bucket name', name, call.eventId);
  }
  return [refOf(call, S3_BUCKET, bucketArn(name, call.region), name)];
}

// Deleting the policy or the website leaves the bucket: it is read again (no policy is a finding). DeleteBucket
// is not routed: its findings resolve when the bucket is no longer read.
const CALLS = new Map<string, CallRoute>(
  ['CreateBucket', 'PutBucketPolicy', 'DeleteBucketPolicy', 'PutBucketWebsite', 'DeleteBucketWebsite'].map(
    (name) => [name, { refs: bucketOf }],
  ),
);

export const s3Events: FamilyEvents = {
  apiCalls: [{ source: 'aws.s3', label: 'S3', routes: CALLS }],
  config: { resourceTypes: [S3_BUCKET] },
};
