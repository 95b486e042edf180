/**
 * deny-insecure-transport at the HTTP level: the real S3 client under the wire stand-in (test/fixtures/wire/http.ts),
 * so what is checked is the body S3 itself would receive. Every existing statement stays byte for byte (the new Deny
 * is spliced in before the Statement list's closing bracket), and a second run sends no write at all.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import type { S3Bucket } from '../../../../../shared/families/s3/model.js';
import { DENY_SID, judgePolicy } from '../../../../../shared/families/s3/policy.js';
import { s3BucketSecureTransport as rule } from '../../../../../shared/families/s3/rules/s3-bucket-secure-transport.js';
import { executePlan } from '../../../../../shared/response/executor.js';
import { FAKE_CREDENTIALS, fakeAws, type SentRequest } from '../../../../fixtures/wire/http.js';
import { executorDeps, plannedAction } from '../../../response/support.js';

const NAME = 'shop-assets-eu';
const ARN = `arn:aws:s3:::${NAME}`;

// As people write policies: odd spacing, a non-ASCII Sid, a Deny on plaintext that covers the objects only.
const EXISTING = `{
  "Version" : "2012-10-17",
  "Statement": [
    {"Sid":"AllowCdnRead", "Effect":"Allow","Principal":{"Service":"cloudfront.amazonaws.com"},
     "Action":"s3:GetObject","Resource":"${ARN}/*"},
    { "Effect" : "Deny", "Sid": "ObjectsOnlyTLS – café", "Principal": "*", "Action": "s3:*",
      "Resource": "${ARN}/*", "Condition": {"Bool": {"aws:SecureTransport": "false"}} }
  ]
}`;

const bucket = (policyText: string): S3Bucket => ({
  resourceType: 'AWS::S3::Bucket',
  resourceId: ARN,
  arn: ARN,
  name: NAME,
  bucketName: NAME,
  tags: {},
  source: 'test',
  accountId: '111122223333',
  region: 'eu-west-1',
  policyText,
});

/** An S3 bucket behind the wire: GetBucketPolicy answers the stored text, PutBucketPolicy stores the body. */
function bucketOnTheWire(initial: string) {
  let stored = initial;
  const aws = fakeAws((request: SentRequest) => {
    expect(request.hostname).toBe(`${NAME}.s3.eu-west-1.amazonaws.com`);
    expect(Object.keys(request.query)).toContain('policy');
    if (request.method === 'GET') {
      return { status: 200, headers: { 'content-type': 'application/json' }, body: stored };
    }
    if (request.method === 'PUT') {
      stored = request.body;
      return { status: 204, body: '' };
    }
    throw new Error(`unexpected ${request.method} ${request.path}`);
  });
  const client = new S3Client({
    region: 'eu-west-1',
    credentials: FAKE_CREDENTIALS,
    requestHandler: aws.requestHandler,
  });
  return {
    aws,
    stored: () => stored,
    puts: () => aws.requests.filter((request) => request.method === 'PUT'),
    deps: () =>
      executorDeps(rule, async () => bucket(stored), {
        clientFor: async (service) => {
          if (service !== 's3') throw new Error(`no ${service} client`);
          return client;
        },
      }),
  };
}

describe('deny-insecure-transport on the wire', () => {
  it('sends S3 the policy with every existing byte kept and one Deny added, then reads it back', async () => {
    // Prepare
    const s3 = bucketOnTheWire(EXISTING);

    // Act
    const record = await executePlan(plannedAction(rule, bucket(EXISTING)), s3.deps());

    // Assess: one PUT ?policy whose body is the old text with the Deny spliced before the closing bracket.
    expect(s3.puts()).toHaveLength(1);
    const body = s3.puts()[0]?.body ?? '';
    const close = EXISTING.lastIndexOf(']');
    expect(body.startsWith(EXISTING.slice(0, close))).toBe(true);
    expect(body.endsWith(EXISTING.slice(close))).toBe(true);
    const added = JSON.parse(body.slice(close, body.length - (EXISTING.length - close)).replace(/^,/, ''));
    expect(added).toMatchObject({ Sid: DENY_SID, Effect: 'Deny', Principal: '*', Action: 's3:*' });
    expect(judgePolicy(body, ARN).kind).toBe('denies');
    expect(record.status).toBe('remediated');
  });

  it('is idempotent on the wire: a second run reads the policy and writes nothing', async () => {
    // Prepare: the bucket after a first run
    const first = bucketOnTheWire(EXISTING);
    await executePlan(plannedAction(rule, bucket(EXISTING)), first.deps());
    const second = bucketOnTheWire(first.stored());

    // Act: a plan made before the first run, executed again
    const record = await executePlan(plannedAction(rule, bucket(EXISTING)), second.deps());

    // Assess
    expect(second.puts()).toHaveLength(0);
    expect(second.stored()).toBe(first.stored());
    expect(record.status).toBe('unchanged');
  });
});
