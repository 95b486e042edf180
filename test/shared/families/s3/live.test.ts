import {
  ConfigServiceClient,
  DescribeConfigurationRecorderStatusCommand,
  DescribeConfigurationRecordersCommand,
  SelectResourceConfigCommand,
} from '@aws-sdk/client-config-service';
import {
  GetBucketPolicyCommand,
  GetBucketWebsiteCommand,
  ListBucketsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import type { S3Bucket } from '../../../../shared/families/s3/model.js';
import { ACCOUNT_ID, awsError, mockedSource, REGION, ref } from '../../inventory/live/sdk-outputs.js';

const s3 = mockClient(S3Client);
const config = mockClient(ConfigServiceClient);
const arn = (name: string) => `arn:aws:s3:::${name}`;
const DENY = (name: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [arn(name), `${arn(name)}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  });

const byName = (resources: readonly unknown[]) =>
  Object.fromEntries((resources as S3Bucket[]).map((bucket) => [bucket.bucketName, bucket]));

describe('live S3 reads', () => {
  afterEach(() => {
    s3.reset();
    config.reset();
  });

  it('sweeps a region: ListBuckets of its own region in pages of 10,000, then GetBucketPolicy and GetBucketWebsite per bucket', async () => {
    // Prepare
    s3.on(ListBucketsCommand, { BucketRegion: REGION, MaxBuckets: 10_000 })
      .resolvesOnce({ Buckets: [{ Name: 'shop-assets-eu', BucketRegion: REGION }], ContinuationToken: 'p2' })
      .on(ListBucketsCommand, { BucketRegion: REGION, MaxBuckets: 10_000, ContinuationToken: 'p2' })
      .resolves({ Buckets: [{ Name: 'www-example-site', BucketRegion: REGION }] });
    s3.on(GetBucketPolicyCommand, { Bucket: 'shop-assets-eu' }).resolves({ Policy: DENY('shop-assets-eu') });
    s3.on(GetBucketPolicyCommand, { Bucket: 'www-example-site' }).rejects(awsError('NoSuchBucketPolicy'));
    s3.on(GetBucketWebsiteCommand, { Bucket: 'shop-assets-eu' }).rejects(
      awsError('NoSuchWebsiteConfiguration'),
    );
    s3.on(GetBucketWebsiteCommand, { Bucket: 'www-example-site' }).resolves({
      IndexDocument: { Suffix: 'index.html' },
    });

    // Act
    const result = await mockedSource().enumerate(REGION, ['s3']);

    // Assess
    expect(s3.commandCalls(ListBucketsCommand)).toHaveLength(2);
    expect(s3.commandCalls(GetBucketPolicyCommand)).toHaveLength(2);
    expect(s3.commandCalls(GetBucketWebsiteCommand)).toHaveLength(2);
    expect(result.errors).toEqual([]);
    const buckets = byName(result.resources);
    expect(buckets['shop-assets-eu']).toMatchObject({
      resourceId: arn('shop-assets-eu'),
      region: REGION,
      policyText: DENY('shop-assets-eu'),
      website: null,
    });
    expect(buckets['www-example-site']).toMatchObject({
      policyText: null,
      website: { indexDocument: 'index.html' },
    });
  });

  it('reports a bucket whose policy cannot be read, and still reads the others', async () => {
    // Prepare
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'locked' }, { Name: 'open' }] });
    s3.on(GetBucketPolicyCommand, { Bucket: 'locked' }).rejects(awsError('AccessDenied'));
    s3.on(GetBucketPolicyCommand, { Bucket: 'open' }).rejects(awsError('NoSuchBucketPolicy'));
    s3.on(GetBucketWebsiteCommand).rejects(awsError('NoSuchWebsiteConfiguration'));

    // Act
    const result = await mockedSource().enumerate(REGION, ['s3']);

    // Assess
    expect(result.resources.map((r) => r.resourceId)).toEqual([arn('open')]);
    expect(result.errors).toEqual([
      expect.objectContaining({
        source: 'api:GetBucketPolicy locked',
        message: expect.stringContaining('AccessDenied'),
      }),
    ]);
  });

  it('reads a ref by its bucket name; a bucket that no longer exists is gone', async () => {
    // Prepare
    s3.on(GetBucketPolicyCommand, { Bucket: 'shop-assets-eu' }).resolves({ Policy: DENY('shop-assets-eu') });
    s3.on(GetBucketWebsiteCommand, { Bucket: 'shop-assets-eu' }).rejects(
      awsError('NoSuchWebsiteConfiguration'),
    );
    s3.on(GetBucketPolicyCommand, { Bucket: 'deleted' }).rejects(awsError('NoSuchBucket'));
    s3.on(GetBucketWebsiteCommand, { Bucket: 'deleted' }).rejects(awsError('NoSuchBucket'));
    const live = ref('AWS::S3::Bucket', arn('shop-assets-eu'), { name: 'shop-assets-eu' });
    const gone = ref('AWS::S3::Bucket', arn('deleted'));

    // Act
    const result = await mockedSource().read([live, gone]);

    // Assess
    expect(s3.commandCalls(ListBucketsCommand)).toHaveLength(0);
    expect(result.resources).toEqual([
      expect.objectContaining({ resourceId: arn('shop-assets-eu'), accountId: ACCOUNT_ID, website: null }),
    ]);
    expect(result.gone).toEqual([gone]);
  });

  it('in Config mode reads only what an item lacks: no GetBucketPolicy for a bucket whose item carries its policy', async () => {
    // Prepare
    config.on(DescribeConfigurationRecordersCommand).resolves({
      ConfigurationRecorders: [{ name: 'default', recordingGroup: { allSupported: true } }],
    });
    config.on(DescribeConfigurationRecorderStatusCommand).resolves({
      ConfigurationRecordersStatus: [{ name: 'default', recording: true }],
    });
    const item = (name: string, supplementaryConfiguration: object) =>
      JSON.stringify({
        resourceId: name,
        resourceName: name,
        resourceType: 'AWS::S3::Bucket',
        arn: arn(name),
        accountId: ACCOUNT_ID,
        awsRegion: REGION,
        configurationItemStatus: 'OK',
        configurationItemCaptureTime: '2026-11-30T08:00:00.000Z',
        configuration: { name },
        supplementaryConfiguration,
      });
    config.on(SelectResourceConfigCommand).resolves({
      Results: [
        item('with-policy', { BucketPolicy: { policyText: DENY('with-policy') } }),
        item('no-policy', {
          BucketPolicy: { policyText: null },
          BucketWebsiteConfiguration: { indexDocumentSuffix: 'index.html' },
        }),
        item('bare', {}),
      ],
    });
    s3.on(GetBucketPolicyCommand, { Bucket: 'bare' }).rejects(awsError('NoSuchBucketPolicy'));
    s3.on(GetBucketWebsiteCommand).rejects(awsError('NoSuchWebsiteConfiguration'));

    // Act
    const result = await mockedSource({ inventoryMode: 'config' }).enumerate(REGION, ['s3']);

    // Assess
    expect(result.errors).toEqual([]);
    expect(s3.commandCalls(ListBucketsCommand)).toHaveLength(0);
    expect(s3.commandCalls(GetBucketPolicyCommand).map((call) => call.args[0].input.Bucket)).toEqual([
      'bare',
    ]);
    expect(
      s3
        .commandCalls(GetBucketWebsiteCommand)
        .map((call) => call.args[0].input.Bucket)
        .sort(),
    ).toEqual(['bare', 'with-policy']);
    const buckets = byName(result.resources);
    expect(buckets['with-policy']).toMatchObject({ policyText: DENY('with-policy'), website: null });
    expect(buckets['no-policy']).toMatchObject({
      policyText: null,
      website: { indexDocument: 'index.html' },
    });
    expect(buckets.bare).toMatchObject({ policyText: null, website: null });
  });
});
