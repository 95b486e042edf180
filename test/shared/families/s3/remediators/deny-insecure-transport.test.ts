/**
 * deny-insecure-transport on the wire (aws-sdk-client-mock): the PutBucketPolicy body S3 would receive keeps every
 * existing statement byte for byte and adds exactly one Deny; the policy is spliced into the text read just
 * before the write; a second run changes nothing; a policy that would pass 20 KB is refused.
 */
import { GetBucketPolicyCommand, PutBucketPolicyCommand } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
import type { S3Bucket } from '../../../../../shared/families/s3/model.js';
import { DENY_SID, judgePolicy } from '../../../../../shared/families/s3/policy.js';
import { s3BucketSecureTransport as rule } from '../../../../../shared/families/s3/rules/s3-bucket-secure-transport.js';
import { executePlan } from '../../../../../shared/response/executor.js';
import {
  evaluateWith,
  executorDeps,
  mockRemediationClients,
  plannedAction,
  planOf,
  reads,
} from '../../../response/support.js';

const mocks = mockRemediationClients();
const NAME = 'shop-assets-eu';
const ARN = `arn:aws:s3:::${NAME}`;

// Written as people write policies: odd spacing, key order, a non-ASCII Sid, a Deny on plaintext for objects only.
const EXISTING = `{
  "Version" : "2012-10-17",
  "Id": "shop-assets",
  "Statement": [
    {"Sid":"AllowCdnRead", "Effect":"Allow","Principal":{"Service":"cloudfront.amazonaws.com"},
     "Action":"s3:GetObject","Resource":"${ARN}/*",
     "Condition":{"StringEquals":{"AWS:SourceArn":"arn:aws:cloudfront::111122223333:distribution/E2QWRUHEXAMPLE"}}},
    { "Effect" : "Deny", "Sid": "ObjectsOnlyTLS – café", "Principal": "*", "Action": "s3:*",
      "Resource": "${ARN}/*", "Condition": {"Bool": {"aws:SecureTransport": "false"}} }
  ]
}`;

const bucket = (policyText: string | null | undefined): S3Bucket => ({
  resourceType: 'AWS::S3::Bucket',
  resourceId: ARN,
  arn: ARN,
  name: NAME,
  bucketName: NAME,
  tags: {},
  source: 'test',
  accountId: '111122223333',
  region: 'eu-west-1',
  ...(policyText === undefined ? {} : { policyText }),
});

/** The Policy of the one PutBucketPolicy sent. */
function sentPolicy(): string {
  const calls = mocks.s3.commandCalls(PutBucketPolicyCommand);
  expect(calls).toHaveLength(1);
  return String(calls[0]?.args[0].input.Policy);
}

/** The text before the closing bracket of the Statement list, and after it. */
function aroundClose(text: string): [string, string] {
  const close = text.lastIndexOf(']');
  return [text.slice(0, close), text.slice(close)];
}

describe('deny-insecure-transport', () => {
  afterEach(() => {
    mocks.reset();
  });

  it('adds one Deny before the closing bracket, every other byte of the policy kept, and verifies by reading it back', async () => {
    // Prepare
    const action = plannedAction(rule, bucket(EXISTING));
    mocks.s3.on(GetBucketPolicyCommand).resolves({ Policy: EXISTING });
    mocks.s3.on(PutBucketPolicyCommand).resolves({});
    let written = '';
    const { readResource, count } = reads(bucket(EXISTING));
    const deps = executorDeps(rule, async (ref) =>
      count() === 0 ? readResource(ref) : bucket(written || sentPolicy()),
    );

    // Act
    const record = await executePlan(action, deps);
    written = sentPolicy();

    // Assess
    const [before, after] = aroundClose(EXISTING);
    expect(written.startsWith(before)).toBe(true);
    expect(written.endsWith(after)).toBe(true);
    const added = written.slice(before.length, written.length - after.length);
    expect(added.startsWith(',')).toBe(true);
    expect(JSON.parse(added.slice(1))).toEqual({
      Sid: DENY_SID,
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [ARN, `${ARN}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
    expect(JSON.parse(written).Statement.slice(0, 2)).toEqual(JSON.parse(EXISTING).Statement);
    expect(judgePolicy(written, ARN).kind).toBe('denies');
    expect(record.status).toBe('remediated');
  });

  it('splices into the policy as it is just before the write, keeping a statement added since the plan', async () => {
    // Prepare
    const action = plannedAction(rule, bucket(EXISTING));
    const meanwhile = EXISTING.replace(
      '"Statement": [',
      `"Statement": [{"Sid":"AddedMeanwhile","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:ListBucket","Resource":"${ARN}"},`,
    );
    mocks.s3.on(GetBucketPolicyCommand).resolves({ Policy: meanwhile });
    mocks.s3.on(PutBucketPolicyCommand).resolves({});

    // Act
    await executePlan(action, executorDeps(rule, reads(bucket(EXISTING)).readResource));

    // Assess
    const [before, after] = aroundClose(meanwhile);
    const written = sentPolicy();
    expect(written.startsWith(before) && written.endsWith(after)).toBe(true);
    expect(JSON.parse(written).Statement.map((s: { Sid?: string }) => s.Sid)).toEqual([
      'AddedMeanwhile',
      'AllowCdnRead',
      'ObjectsOnlyTLS – café',
      DENY_SID,
    ]);
  });

  it('is idempotent: a second run finds the Deny and changes nothing', async () => {
    // Prepare: the first run's result
    mocks.s3.on(GetBucketPolicyCommand).resolves({ Policy: EXISTING });
    mocks.s3.on(PutBucketPolicyCommand).resolves({});
    await executePlan(
      plannedAction(rule, bucket(EXISTING)),
      executorDeps(rule, reads(bucket(EXISTING)).readResource),
    );
    const once = sentPolicy();
    mocks.reset();
    mocks.s3.on(GetBucketPolicyCommand).resolves({ Policy: once });

    // Act: the rule on the policy as written, and a plan made before the first run executed again
    const second = evaluateWith(rule, bucket(once));
    const replayed = await executePlan(
      plannedAction(rule, bucket(EXISTING)),
      executorDeps(rule, reads(bucket(once)).readResource),
    );

    // Assess
    expect(second.status).toBe('COMPLIANT');
    expect(second.response).toBeUndefined();
    expect(replayed.status).toBe('unchanged');
    expect(mocks.s3.commandCalls(PutBucketPolicyCommand)).toHaveLength(0);
  });

  it('counts the write as made when the policy read just before it already denies plaintext', async () => {
    // Prepare: someone added a complete Deny between the plan and the write
    const fixed = EXISTING.replace(
      `"Resource": "${ARN}/*", "Condition"`,
      `"Resource": ["${ARN}", "${ARN}/*"], "Condition"`,
    );
    expect(judgePolicy(fixed, ARN).kind).toBe('denies');
    mocks.s3.on(GetBucketPolicyCommand).resolves({ Policy: fixed });
    mocks.s3.on(PutBucketPolicyCommand).resolves({});

    // Act
    const record = await executePlan(
      plannedAction(rule, bucket(EXISTING)),
      executorDeps(rule, reads(bucket(EXISTING), bucket(fixed)).readResource),
    );

    // Assess
    expect(mocks.s3.commandCalls(PutBucketPolicyCommand)).toHaveLength(0);
    expect(record.status).toBe('remediated');
  });

  it('creates a policy holding only the Deny when the bucket has none', async () => {
    // Prepare
    mocks.s3
      .on(GetBucketPolicyCommand)
      .rejects(Object.assign(new Error('The bucket policy does not exist'), { name: 'NoSuchBucketPolicy' }));
    mocks.s3.on(PutBucketPolicyCommand).resolves({});

    // Act
    await executePlan(
      plannedAction(rule, bucket(null)),
      executorDeps(rule, reads(bucket(null)).readResource),
    );

    // Assess
    const written = JSON.parse(sentPolicy());
    expect(written.Version).toBe('2012-10-17');
    expect(written.Statement).toHaveLength(1);
    expect(written.Statement[0].Sid).toBe(DENY_SID);
  });

  it('wraps a lone Statement object in a list, its own text untouched', () => {
    // Prepare
    const lone = `{"Version":"2012-10-17","Statement":{"Sid":"Only","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"${ARN}/*"}}`;

    // Act
    const plan = planOf(evaluateWith(rule, bucket(lone)));

    // Assess
    const policy = String(plan.calls?.[0]?.input.Policy);
    expect(policy).toContain(
      `"Statement":[{"Sid":"Only","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"${ARN}/*"},{"Sid":"${DENY_SID}"`,
    );
    expect(judgePolicy(policy, ARN).kind).toBe('denies');
  });

  it('refuses when the policy with the Deny would pass S3’s 20 KB limit, writing nothing', () => {
    // Prepare: 20,300 bytes of statements, under the limit alone, over it with the Deny (about 200 bytes)
    const filler = 'x'.repeat(20_300 - 120);
    const big = `{"Version":"2012-10-17","Statement":[{"Sid":"${filler}","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"${ARN}/*"}]}`;
    expect(Buffer.byteLength(big)).toBeLessThanOrEqual(20 * 1024);

    // Act
    const plan = planOf(evaluateWith(rule, bucket(big)));

    // Assess
    expect(plan.calls).toBeUndefined();
    expect(plan.note).toMatch(/over S3's bucket policy limit of 20 KB \(20480 bytes\)/);
  });

  it('takes the same action in block mode (RULES.md: block "same")', () => {
    // Act
    const plan = planOf(
      evaluateWith(rule, bucket(EXISTING), { rules: { 's3-bucket-secure-transport': { mode: 'block' } } }),
    );

    // Assess
    expect(plan).toMatchObject({ mode: 'block', status: 'planned', action: 'deny-insecure-transport' });
    expect(plan.calls?.map((call) => call.command)).toEqual(['PutBucketPolicy']);
  });

  it('is a dry run unless the policy turns dry run off, and never acts on a policy it could not read', () => {
    // Act
    const dry = planOf(evaluateWith(rule, bucket(EXISTING), { dryRun: true }));
    const unread = evaluateWith(rule, bucket(undefined));
    const broken = evaluateWith(rule, bucket('{"Statement": [ {'));

    // Assess
    expect(dry).toMatchObject({ status: 'dry-run', action: 'deny-insecure-transport' });
    for (const evaluation of [unread, broken]) {
      expect(evaluation.status).toBe('NON_COMPLIANT');
      expect(evaluation.response?.calls).toBeUndefined();
    }
  });
});
