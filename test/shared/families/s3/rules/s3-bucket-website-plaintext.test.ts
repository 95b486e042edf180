import { describe, expect, it } from 'vitest';
import type { S3Bucket, S3Website } from '../../../../../shared/families/s3/model.js';
import { s3BucketWebsitePlaintext as rule } from '../../../../../shared/families/s3/rules/s3-bucket-website-plaintext.js';
import { ruleContext } from '../../../../helpers/rule-context.js';

const bucket = (website: S3Website | null | undefined): S3Bucket => ({
  resourceType: 'AWS::S3::Bucket',
  resourceId: 'arn:aws:s3:::www-example',
  arn: 'arn:aws:s3:::www-example',
  bucketName: 'www-example',
  tags: {},
  source: 'test',
  ...(website === undefined ? {} : { website }),
});

const judge = (resource: S3Bucket) => rule.evaluate(resource, ruleContext());

describe('s3-bucket-website-plaintext', () => {
  it('fails a bucket that hosts a website: its endpoint serves HTTP only', () => {
    // Act
    const outcome = judge(bucket({ indexDocument: 'index.html', errorDocument: 'error.html' }));

    // Assess
    expect(outcome).toMatchObject({ status: 'NON_COMPLIANT' });
    expect(outcome.unverified).toBeUndefined();
    expect(outcome.reason).toContain('S3 website endpoints serve HTTP only');
  });

  it('fails a website that only redirects every request, even to HTTPS: the first request is plaintext', () => {
    // Act
    const outcome = judge(
      bucket({ redirectAllRequestsTo: { hostName: 'www.example.com', protocol: 'https' } }),
    );

    // Assess
    expect(outcome).toMatchObject({ status: 'NON_COMPLIANT' });
    expect(outcome.reason).toContain('redirects every request to https://www.example.com');
    expect(outcome.reason).toContain('cross in plaintext');
  });

  it('passes a bucket without a website configuration', () => {
    expect(judge(bucket(null)).status).toBe('COMPLIANT');
  });

  it.each<[string, S3Website | undefined]>([
    ['a website the inputs do not give', undefined],
    ['a website configuration naming neither an index document nor a redirect', {}],
  ])('cannot verify %s', (_case, website) => {
    // Act
    const outcome = judge(bucket(website));

    // Assess
    expect(outcome).toMatchObject({ status: 'NON_COMPLIANT', unverified: true });
    expect(outcome.reason).toContain('cannot be verified');
  });
});
