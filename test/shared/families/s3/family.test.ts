import { describe, expect, it } from 'vitest';
import { familyIamStatements } from '../../../../shared/infra/deployment.js';
import { buildServiceControlPolicy } from '../../../../shared/infra/scp.js';
import { policySchema } from '../../../../shared/policy/schema.js';
import { consoleLink } from '../../../../shared/report/slack/console-link.js';

describe('S3 deployment and report', () => {
  it('grants the reads on buckets by ARN type, ListAllMyBuckets on "*", and PutBucketPolicy to remediate only', () => {
    // Act
    const roles = familyIamStatements(['eu-west-1']);
    const actions = (role: keyof typeof roles) =>
      roles[role].flatMap((statement) => [statement.Action].flat());
    const putPolicy = roles.remediate.filter((statement) =>
      [statement.Action].flat().includes('s3:PutBucketPolicy'),
    );

    // Assess
    expect(putPolicy.map((statement) => statement.Resource)).toEqual([
      [{ 'Fn::Sub': `arn:\${AWS::Partition}:s3:::*` }],
    ]);
    for (const role of Object.keys(roles) as (keyof typeof roles)[]) {
      if (role !== 'remediate') expect(actions(role), role).not.toContain('s3:PutBucketPolicy');
    }
    expect(actions('sweep')).toEqual(
      expect.arrayContaining(['s3:ListAllMyBuckets', 's3:GetBucketPolicy', 's3:GetBucketWebsite']),
    );
  });

  it("keeps the bucket reads and PutBucketPolicy to this account's buckets (bucket ARNs name no account)", () => {
    // Act
    const roles = familyIamStatements(['eu-west-1']);
    const onBuckets = Object.values(roles)
      .flat()
      .filter((statement) => JSON.stringify(statement.Resource).includes(':s3:::'));

    // Assess
    expect(new Set(onBuckets.map((statement) => statement.Sid))).toEqual(
      new Set(['ReadS3Buckets', 'RemediateS3BucketPolicies']),
    );
    for (const statement of onBuckets)
      expect(statement.Condition, statement.Sid).toEqual({
        StringEquals: { 's3:ResourceAccount': { 'Fn::Sub': `\${AWS::AccountId}` } },
      });
  });

  it('adds no SCP statement while s3-bucket-secure-transport notifies, and denies plaintext S3 requests once it blocks', () => {
    // Act
    const notify = buildServiceControlPolicy(policySchema.parse({}));
    const blocking = buildServiceControlPolicy(
      policySchema.parse({ rules: { 's3-bucket-secure-transport': { mode: 'block' } } }),
    );

    // Assess
    expect(notify.Statement.map((statement) => statement.Sid)).not.toContain('S3DenyInsecureTransport');
    expect(blocking.Statement.find((statement) => statement.Sid === 'S3DenyInsecureTransport')).toEqual({
      Sid: 'S3DenyInsecureTransport',
      Effect: 'Deny',
      Action: ['s3:*'],
      Resource: '*',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
  });

  it("links a bucket to its permissions tab in the bucket's region, and gives no link without a region", () => {
    // Act and Assess
    expect(consoleLink('AWS::S3::Bucket', 'arn:aws:s3:::shop-assets-eu', 'eu-west-1')).toBe(
      'https://eu-west-1.console.aws.amazon.com/s3/buckets/shop-assets-eu?region=eu-west-1&tab=permissions',
    );
    expect(consoleLink('AWS::S3::Bucket', 'arn:aws:s3:::shop-assets-eu')).toBeUndefined();
  });
});
