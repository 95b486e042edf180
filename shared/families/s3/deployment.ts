/**
 * S3 in the deployment: the bucket reads and the one write (PutBucketPolicy, for deny-insecure-transport).
 * IAM actions and the bucket ARN arn:<partition>:s3:::<bucket> (no region, no account):
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html. ListBuckets is
 * authorized by s3:ListAllMyBuckets on "*"; GetBucketPolicy by s3:GetBucketPolicy, GetBucketWebsite by
 * s3:GetBucketWebsite on the bucket.
 *
 * SCP: aws:SecureTransport is a global key, so an SCP can deny the organization's own S3 requests over plaintext
 * (reference/service-facts.md); no key covers the content of a bucket policy, and other accounts' principals are
 * outside any SCP, so the policy itself is still judged.
 */
import type { FamilyDeployment, ScpContext, ScpStatement } from '../../infra/family-deployment.js';
import { modeFor } from '../../policy/mode.js';
import { s3BucketSecureTransport } from './rules/s3-bucket-secure-transport.js';

/**
 * Bucket ARNs name no account, so s3:ResourceAccount keeps the reads and the write to this account's buckets
 * (a condition of GetBucketPolicy, GetBucketWebsite and PutBucketPolicy: Service Authorization Reference, as
 * generated in udondan/iam-floyd lib/generated/policy-statements/s3.ts;
 * https://aws.amazon.com/about-aws/whats-new/2020/12/new-iam-condition-keys-amazon-s3-limit-requests-buckets-owned-specific-aws-accounts-specific-tls-versions/).
 */
const BUCKETS = {
  service: 's3',
  resource: '*',
  global: true,
  accountless: true,
  accountKey: 's3:ResourceAccount',
} as const;

/**
 * Deny every S3 request made without TLS by the organization's principals, only when s3-bucket-secure-transport is
 * in `block` mode: the default SCP already fills its one 5,120-character document (apigateway/deployment.ts).
 */
function denyPlaintext(context: ScpContext): ScpStatement[] {
  const { id } = s3BucketSecureTransport.metadata;
  if (!context.ruleIsOn(id) || modeFor(s3BucketSecureTransport.metadata, context.policy) !== 'block')
    return [];
  return [
    {
      Sid: 'S3DenyInsecureTransport',
      Effect: 'Deny',
      Action: ['s3:*'],
      Resource: '*',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
  ];
}

export const s3Deployment: FamilyDeployment = {
  services: [],
  reads: [
    { sid: 'ListS3Buckets', actions: ['s3:ListAllMyBuckets'], resource: '*', remediate: false },
    { sid: 'ReadS3Buckets', actions: ['s3:GetBucketPolicy', 's3:GetBucketWebsite'], resource: BUCKETS },
  ],
  writes: [{ sid: 'RemediateS3BucketPolicies', actions: ['s3:PutBucketPolicy'], resource: BUCKETS }],
  scp: { statements: denyPlaintext },
};
