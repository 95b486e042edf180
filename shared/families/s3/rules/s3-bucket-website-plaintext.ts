import { cannotVerify, compliant, defineRule, nonCompliant, SEC09_FRAMEWORKS } from '../../../rules/rule.js';
import { S3_BUCKET } from '../model.js';

/**
 * S3 website endpoints serve HTTP only (https://docs.aws.amazon.com/AmazonS3/latest/userguide/WebsiteEndpoints.html).
 * A configuration that only redirects every request (RedirectAllRequestsTo) still fails: the first request and
 * the redirect itself cross in plaintext, where an on-path attacker can rewrite the redirect.
 */
export const s3BucketWebsitePlaintext = defineRule({
  metadata: {
    id: 's3-bucket-website-plaintext',
    title: 'S3 static website hosting (HTTP-only endpoint) is enabled',
    family: 's3',
    resourceTypes: [S3_BUCKET],
    severity: 'low',
    description:
      'Static website hosting is enabled on the bucket: its website endpoint serves HTTP only, a redirect-all configuration included. Website settings the inputs do not give cannot be verified.',
    rationale:
      'An S3 website endpoint does not support HTTPS, so pages and their redirects travel in plaintext and can be read or altered on the way.',
    parameters: [],
    remediation: {
      guidance:
        'Serve the site through CloudFront with an HTTPS viewer protocol policy (redirect-to-https or https-only) and the bucket as a REST origin with origin access control, then delete the website configuration (DeleteBucketWebsite).',
    },
    defaultMode: 'notify',
    references: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/WebsiteEndpoints.html',
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/website-hosting-cloudfront-walkthrough.html',
    ],
    compliance: { securityHub: [], configRules: [], frameworks: SEC09_FRAMEWORKS },
  },
  evaluate(bucket) {
    const name = `S3 bucket ${bucket.bucketName}`;
    const website = bucket.website;
    if (website === undefined) {
      return cannotVerify(
        `${name}: the inputs give no website configuration (aws s3api get-bucket-website), so whether it serves a plaintext website cannot be verified.`,
        { website: null },
      );
    }
    if (website === null)
      return compliant(`${name}: static website hosting is not enabled.`, { website: 'none' });
    const redirect = website.redirectAllRequestsTo;
    if (redirect) {
      const target = `${redirect.protocol ?? '(the request protocol)'}://${redirect.hostName ?? '?'}`;
      return nonCompliant(
        `${name}: static website hosting redirects every request to ${target}, but the S3 website endpoint receives them over HTTP only, so the first request and the redirect cross in plaintext.`,
        { details: { website: 'redirect-all', redirectTo: target } },
      );
    }
    if (website.indexDocument === undefined) {
      return cannotVerify(
        `${name}: the website configuration names neither an index document nor a redirect, so whether the bucket serves a website cannot be verified.`,
        { website: 'incomplete' },
      );
    }
    return nonCompliant(
      `${name}: static website hosting is enabled (index document ${JSON.stringify(website.indexDocument ?? null)}); S3 website endpoints serve HTTP only.`,
      { details: { website: 'enabled' } },
    );
  },
});
