import { sdkCall } from '../../../response/calls.js';
import { defineRemediator } from '../../../response/remediator.js';
import { S3_COMMANDS } from '../commands.js';
import { bucketArn, S3_BUCKET } from '../model.js';
import { addDenyStatement, DENY_SID } from '../policy.js';

/**
 * Adds one Deny statement (Sid TransitGuardDenyInsecureTransport: every principal, s3:*, the bucket and its
 * objects, Bool aws:SecureTransport "false") to the bucket policy, every other byte of the policy kept; a new
 * policy when the bucket has none. The write splices into the policy read just before it (commands.ts), so a
 * statement added since the plan is kept too. Refused over S3's 20 KB limit.
 */
export const denyInsecureTransport = defineRemediator({
  id: 'deny-insecure-transport',
  iamActions: [S3_COMMANDS.PutBucketPolicy.iamAction],
  resourceTypes: [S3_BUCKET],
  safety(bucket) {
    return bucket.policyText === undefined
      ? 'no change: the bucket policy was not read, and writing one would replace it'
      : undefined;
  },
  plan({ resource }) {
    const arn = resource.arn ?? bucketArn(resource.bucketName, resource.region);
    const splice = addDenyStatement(resource.policyText ?? null, arn);
    if (splice.kind === 'refused') return { kind: 'refused', note: `no change: ${splice.reason}` };
    return {
      kind: 'calls',
      calls: [sdkCall(S3_COMMANDS, 'PutBucketPolicy', { Bucket: resource.bucketName, Policy: splice.text })],
      target: `${DENY_SID} (Deny s3:* when aws:SecureTransport is false)`,
    };
  },
});
