import {
  type Bucket,
  GetBucketPolicyCommand,
  type GetBucketPolicyCommandOutput,
  GetBucketWebsiteCommand,
  type GetBucketWebsiteCommandOutput,
  ListBucketsCommand,
} from '@aws-sdk/client-s3';
import { Fields, isObject } from '../../inventory/fields.js';
import {
  type Collected,
  emptyCollected,
  failed,
  goneRef,
  mergeCollected,
  readEach,
} from '../../inventory/live/context.js';
import { collectPages, toDocument } from '../../inventory/live/document.js';
import { ApiCallError } from '../../inventory/live/errors.js';
import type { FamilyContext, LiveReaders } from '../../inventory/live/family-live.js';
import { matchesRef } from '../../inventory/live/match.js';
import type { ResourceRef } from '../../model/ref.js';
import type { Resource } from '../../model/resource.js';
import { createClient } from './client.js';
import { NO_POLICY, NO_WEBSITE, websiteOf } from './describe.js';
import { S3_BUCKET, type S3Bucket } from './model.js';

type Ctx = FamilyContext;

/**
 * The largest ListBuckets page (MaxBuckets 1-10000, API_ListBuckets): one call for most accounts.
 * @internal The sweep benchmark (bench/sweep/expected.ts) counts the expected calls with it.
 */
export const S3_LIST_PAGE_SIZE = 10_000;

/** The error code of a failed call, through the pacer's ApiCallError. */
function codeOf(error: unknown): string | undefined {
  const cause = error instanceof ApiCallError ? error.cause : error;
  return cause instanceof Error ? ((cause as Error & { Code?: string }).Code ?? cause.name) : undefined;
}

/** The region's buckets: ListBuckets with BucketRegion, so each region's sweep reads only its own buckets. */
function listBuckets(ctx: Ctx): Promise<Bucket[]> {
  return collectPages(async (token) => {
    const output = await ctx.call('ListBuckets', ctx.region, () =>
      ctx.clients.get(createClient).send(
        new ListBucketsCommand({
          BucketRegion: ctx.region,
          MaxBuckets: S3_LIST_PAGE_SIZE,
          ...(token ? { ContinuationToken: token } : {}),
        }),
      ),
    );
    return { items: output?.Buckets, next: output?.ContinuationToken };
  });
}

/**
 * GetBucketPolicy, as the wrapped get-bucket-policy output the inputs read; no policy: its error code. S3 answers
 * a 200 with the Policy text always (API_GetBucketPolicy): an answer without it says nothing about a bucket and is
 * read as not found, as the other families read an empty answer (undefined).
 */
async function policyDocument(ctx: Ctx, bucket: string): Promise<Record<string, unknown> | undefined> {
  try {
    const output: GetBucketPolicyCommandOutput = await ctx.call('GetBucketPolicy', bucket, () =>
      ctx.clients.get(createClient).send(new GetBucketPolicyCommand({ Bucket: bucket })),
    );
    if (typeof output?.Policy !== 'string') return undefined;
    return { Bucket: bucket, BucketRegion: ctx.region, Policy: output.Policy };
  } catch (error) {
    if (codeOf(error) === NO_POLICY)
      return { Bucket: bucket, BucketRegion: ctx.region, Error: { Code: NO_POLICY } };
    throw error;
  }
}

/** GetBucketWebsite, as the wrapped get-bucket-website output; none: its error code. */
async function websiteDocument(ctx: Ctx, bucket: string): Promise<Record<string, unknown>> {
  try {
    const output: GetBucketWebsiteCommandOutput = await ctx.call('GetBucketWebsite', bucket, () =>
      ctx.clients.get(createClient).send(new GetBucketWebsiteCommand({ Bucket: bucket })),
    );
    const { $metadata: _metadata, ...website } = output;
    return { Bucket: bucket, BucketRegion: ctx.region, ...(toDocument(website) as object) };
  } catch (error) {
    if (codeOf(error) === NO_WEBSITE)
      return { Bucket: bucket, BucketRegion: ctx.region, Error: { Code: NO_WEBSITE } };
    throw error;
  }
}

/** The two reads of one bucket, normalized together with its listing entry. */
async function readBucket(ctx: Ctx, bucket: string, ref?: ResourceRef): Promise<Collected> {
  const [policy, website] = await Promise.all([policyDocument(ctx, bucket), websiteDocument(ctx, bucket)]);
  if (!policy) return ref ? goneRef(ref) : emptyCollected();
  return {
    ...emptyCollected(),
    groups: [
      {
        documents: [
          { document: { Buckets: [{ Name: bucket, BucketRegion: ctx.region }] }, source: 'api:ListBuckets' },
          { document: policy, source: 'api:GetBucketPolicy' },
          { document: website, source: 'api:GetBucketWebsite' },
        ],
        ...(ref ? { keep: (resource: Resource) => matchesRef(resource, ref) } : {}),
      },
    ],
  };
}

/** Every bucket of the region: ListBuckets pages, then GetBucketPolicy and GetBucketWebsite per bucket. */
async function sweepS3(ctx: Ctx): Promise<Collected> {
  let found: Bucket[];
  try {
    found = await listBuckets(ctx);
  } catch (error) {
    return failed(error);
  }
  const parts = await Promise.all(
    found.map((bucket) => readBucket(ctx, bucket.Name ?? '').catch((error: unknown) => failed(error))),
  );
  return mergeCollected(parts);
}

/** A ref's bucket, by the name its ARN ends with; NoSuchBucket (not found) makes it gone. */
async function readS3(ctx: Ctx, refs: readonly ResourceRef[]): Promise<Collected> {
  return readEach(refs, (ref) =>
    readBucket(ctx, ref.name ?? ref.resourceId.replace(/^arn:[^:]+:s3:::/, ''), ref),
  );
}

function field(object: unknown, name: string): unknown {
  if (!isObject(object)) return undefined;
  return object[name] ?? object[name.charAt(0).toLowerCase() + name.slice(1)];
}

/** A Config item's supplementaryConfiguration entry, decoded when Config sent it as JSON text. */
function supplementaryEntry(item: unknown, name: string): unknown {
  let supplementary = field(item, 'supplementaryConfiguration');
  if (typeof supplementary === 'string') {
    try {
      supplementary = JSON.parse(supplementary);
    } catch {
      return undefined;
    }
  }
  return field(supplementary, name);
}

/**
 * A Config-mode sweep: the S3 items carry the policy (BucketPolicy) and, when set, the website; only what an
 * item lacks is read live, so a bucket whose item carries its policy gets no GetBucketPolicy.
 */
async function afterConfigItems(ctx: Ctx, items: readonly unknown[]): Promise<Collected> {
  const buckets = items.filter((item) => field(item, 'resourceType') === S3_BUCKET);
  const reads = await Promise.all(
    buckets.map(async (item): Promise<[string, Partial<S3Bucket>] | Collected> => {
      const name = String(field(item, 'resourceName') ?? field(item, 'resourceId') ?? '');
      try {
        const found: Partial<S3Bucket> = {};
        if (supplementaryEntry(item, 'BucketPolicy') === undefined) {
          const policy = await policyDocument(ctx, name);
          if (policy) found.policyText = typeof policy.Policy === 'string' ? policy.Policy : null;
        }
        if (supplementaryEntry(item, 'BucketWebsiteConfiguration') === undefined) {
          const website = await websiteDocument(ctx, name);
          found.website = website.Error ? null : websiteOf(new Fields(website, 'GetBucketWebsite'));
        }
        return [name, found];
      } catch (error) {
        return failed(error);
      }
    }),
  );
  const found = new Map(reads.filter((read): read is [string, Partial<S3Bucket>] => Array.isArray(read)));
  const errors = reads.filter((read): read is Collected => !Array.isArray(read));
  const amend = (resource: Resource): Resource => {
    if (resource.resourceType !== S3_BUCKET) return resource;
    const extra = found.get(resource.bucketName);
    if (!extra) return resource;
    return {
      ...resource,
      ...(resource.policyText === undefined && extra.policyText !== undefined
        ? { policyText: extra.policyText }
        : {}),
      ...(resource.website === undefined && extra.website !== undefined ? { website: extra.website } : {}),
    };
  };
  return mergeCollected([{ ...emptyCollected(), amend: [amend] }, ...errors]);
}

export const s3Readers: LiveReaders = { read: readS3, sweep: sweepS3, afterConfigItems };
