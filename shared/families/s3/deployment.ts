/**
 * S3 in the deployment: the bucket reads and the one write (PutBucketPolicy, for deny-insecure-transport).
 * IAM actions and the bucket ARN arn:<partition>:s3:::<bucket> (no region, no account):
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html. ListBuckets is
 * authorized by s3:ListAllMyBuckets on "*"; GetBucketPolicy by s3:GetBucketPolicy, GetBucketWebsite by
 * s3:GetBucketWebsite on the bucket.
 *
 * No SCP statement yet: an SCP can deny s3:* when aws:SecureTransport is false (reference/service-facts.md), but
 * the default SCP is at AWS's 5,120-character limit (cloudfront/deployment.ts), and no key covers the content of
 * a bucket policy, so the policy itself has to be detected.
 */
import type { FamilyDeployment } from '../../infra/family-deployment.js';

const BUCKETS = { service: 's3', resource: '*', global: true, accountless: true } as const;

export const s3Deployment: FamilyDeployment = {
  services: [],
  reads: [
    { sid: 'ListS3Buckets', actions: ['s3:ListAllMyBuckets'], resource: '*', remediate: false },
    { sid: 'ReadS3Buckets', actions: ['s3:GetBucketPolicy', 's3:GetBucketWebsite'], resource: BUCKETS },
  ],
  writes: [{ sid: 'RemediateS3BucketPolicies', actions: ['s3:PutBucketPolicy'], resource: BUCKETS }],
};
