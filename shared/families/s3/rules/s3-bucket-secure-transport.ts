import { cannotVerify, compliant, defineRule, nonCompliant, SEC09_FRAMEWORKS } from '../../../rules/rule.js';
import { bucketArn, S3_BUCKET } from '../model.js';
import { judgePolicy } from '../policy.js';

/**
 * Judged by what the bucket policy denies, not by the presence of the key: one or more Deny statements with
 * Bool / BoolIfExists aws:SecureTransport "false" and no other condition, for every principal and every action,
 * that together cover the bucket and its objects (policy.ts). s3:TlsVersion is not required (a minimum TLS
 * version is a separate control); NumericLessThan on aws:SecureTransport (a boolean key) does not count.
 */
export const s3BucketSecureTransport = defineRule({
  metadata: {
    id: 's3-bucket-secure-transport',
    title: 'S3 bucket policy does not deny plaintext requests',
    family: 's3',
    resourceTypes: [S3_BUCKET],
    severity: 'medium',
    description:
      'The bucket policy does not deny every request with aws:SecureTransport false: a Deny that covers only the objects, only some principals or only some actions, or that has other conditions, does not count. No policy fails; a policy that cannot be read cannot be verified.',
    rationale:
      'S3 answers HTTP as well as HTTPS: unless the bucket policy denies requests without TLS, a client or SDK configured for HTTP sends object data and credentials-signed requests in plaintext.',
    parameters: [],
    remediation: {
      guidance:
        'Add a statement {"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::<bucket>","arn:aws:s3:::<bucket>/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}} to the bucket policy (PutBucketPolicy).',
      remediate: 'deny-insecure-transport',
      block: 'deny-insecure-transport',
    },
    defaultMode: 'notify',
    references: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-5',
      'https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-ssl-requests-only.html',
    ],
    compliance: {
      securityHub: ['S3.5'],
      configRules: ['s3-bucket-ssl-requests-only'],
      frameworks: SEC09_FRAMEWORKS,
    },
  },
  evaluate(bucket) {
    const name = `S3 bucket ${bucket.bucketName}`;
    const arn = bucket.arn ?? bucketArn(bucket.bucketName, bucket.region);
    if (bucket.policyText === undefined) {
      return cannotVerify(
        `${name}: the inputs give no bucket policy (aws s3api get-bucket-policy), so whether it denies plaintext cannot be verified.`,
        { policy: null },
      );
    }
    if (bucket.policyText === null) {
      return nonCompliant(`${name} has no bucket policy, so nothing denies requests over plaintext HTTP.`, {
        details: { policy: 'none' },
      });
    }
    const judgement = judgePolicy(bucket.policyText, arn);
    switch (judgement.kind) {
      case 'unparseable':
        return cannotVerify(
          `${name}: ${judgement.error}, so whether it denies plaintext cannot be verified.`,
          { policy: 'unparseable' },
        );
      case 'denies':
        return compliant(
          `${name}: the bucket policy denies every request with aws:SecureTransport false on the bucket and its objects${judgement.sids.length > 0 ? ` (${judgement.sids.join(', ')})` : ''}.`,
          { policy: 'denies', sids: judgement.sids },
        );
      case 'partial':
        return nonCompliant(
          `${name}: ${judgement.sid ? `the Deny statement ${JSON.stringify(judgement.sid)}` : 'the aws:SecureTransport Deny'} does not count: ${judgement.missing}.`,
          { details: { policy: 'partial', missing: judgement.missing } },
        );
      default:
        return nonCompliant(
          `${name}: the bucket policy has no Deny statement on aws:SecureTransport false, so requests over plaintext HTTP are allowed.`,
          { details: { policy: 'no-deny' } },
        );
    }
  },
});
