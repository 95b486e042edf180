import { describe, expect, it } from 'vitest';
import type { S3Bucket } from '../../../../../shared/families/s3/model.js';
import { s3BucketSecureTransport as rule } from '../../../../../shared/families/s3/rules/s3-bucket-secure-transport.js';
import { ruleContext } from '../../../../helpers/rule-context.js';

const NAME = 'shop-assets-eu';
const ARN = `arn:aws:s3:::${NAME}`;

const bucket = (policyText: string | null | undefined, fields: Partial<S3Bucket> = {}): S3Bucket => ({
  resourceType: 'AWS::S3::Bucket',
  resourceId: ARN,
  arn: ARN,
  bucketName: NAME,
  tags: {},
  source: 'test',
  ...(policyText === undefined ? {} : { policyText }),
  ...fields,
});

/** A policy of these statements; the Deny on plaintext is written whole and edited per case. */
const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const DENY = {
  Sid: 'DenyPlaintext',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: [ARN, `${ARN}/*`],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
};
const ALLOW = {
  Effect: 'Allow',
  Principal: { AWS: 'arn:aws:iam::111122223333:root' },
  Action: 's3:*',
  Resource: `${ARN}/*`,
};

const judge = (resource: S3Bucket) => rule.evaluate(resource, ruleContext());

describe('s3-bucket-secure-transport', () => {
  it.each<[string, string]>([
    ['the usual statement', policy(ALLOW, DENY)],
    [
      'BoolIfExists, a boolean false and a key in another case',
      policy({ ...DENY, Condition: { BoolIfExists: { 'AWS:SecureTransport': false } } }),
    ],
    [
      '"false" in a list, Principal {"AWS": "*"}, Action "*"',
      policy({
        ...DENY,
        Principal: { AWS: ['*'] },
        Action: ['*'],
        Condition: { Bool: { 'aws:securetransport': ['false'] } },
      }),
    ],
    ['Resource "*"', policy({ ...DENY, Resource: '*' })],
    [
      'the bucket and its objects in two statements',
      policy({ ...DENY, Sid: 'A', Resource: ARN }, { ...DENY, Sid: 'B', Resource: `${ARN}/*` }),
    ],
    ['a lone Statement object', JSON.stringify({ Version: '2012-10-17', Statement: DENY })],
  ])('passes %s', (_case, text) => {
    // Act
    const outcome = judge(bucket(text));

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
    expect(outcome.reason).toContain('denies every request with aws:SecureTransport false');
  });

  it.each<[string, string, string]>([
    [
      'a Deny on the objects only',
      policy({ ...DENY, Resource: `${ARN}/*` }),
      `covers only the objects (${ARN}/*), not the bucket itself (${ARN})`,
    ],
    [
      'a Deny on the bucket only (the RDK sample)',
      policy({ ...DENY, Resource: ARN }),
      `covers the bucket (${ARN}) but not its objects (${ARN}/*)`,
    ],
    [
      'some principals',
      policy({ ...DENY, Principal: { AWS: 'arn:aws:iam::111122223333:role/app' } }),
      'covers only the principals {"AWS":"arn:aws:iam::111122223333:role/app"}',
    ],
    [
      'NotPrincipal',
      policy({ ...DENY, Principal: undefined, NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' } }),
      'uses NotPrincipal',
    ],
    [
      'some actions',
      policy({ ...DENY, Action: ['s3:GetObject', 's3:PutObject'] }),
      'covers only the actions s3:GetObject, s3:PutObject',
    ],
    [
      'NotAction (kept strict)',
      policy({ ...DENY, Action: undefined, NotAction: 's3:GetBucketLocation' }),
      'uses NotAction',
    ],
    [
      'the inverted condition "true" (the Custodian sample)',
      policy({ ...DENY, Condition: { Bool: { 'aws:SecureTransport': 'true' } } }),
      'denies when aws:SecureTransport is "true"',
    ],
    [
      'a spelling AWS does not document ("FALSE")',
      policy({ ...DENY, Condition: { Bool: { 'aws:SecureTransport': 'FALSE' } } }),
      'spelled "FALSE", not "false" as AWS documents it',
    ],
    [
      'another condition beside it',
      policy({
        ...DENY,
        Condition: {
          Bool: { 'aws:SecureTransport': 'false' },
          StringEquals: { 'aws:SourceVpc': 'vpc-0a1b2c3d' },
        },
      }),
      'also requires StringEquals aws:SourceVpc',
    ],
    [
      'NumericLessThan on the key',
      policy({ ...DENY, Condition: { NumericLessThan: { 'aws:SecureTransport': '1' } } }),
      'uses NumericLessThan, not Bool or BoolIfExists',
    ],
    [
      'another bucket',
      policy({ ...DENY, Resource: ['arn:aws:s3:::other', 'arn:aws:s3:::other/*'] }),
      'covers neither the bucket',
    ],
  ])('fails %s, saying which part is missing', (_case, text, said) => {
    // Act
    const outcome = judge(bucket(text));

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.unverified).toBeUndefined();
    expect(outcome.reason).toContain('does not count');
    expect(outcome.reason).toContain(said);
  });

  it('fails an Allow-only policy and a bucket without a policy', () => {
    // Act
    const allowOnly = judge(bucket(policy(ALLOW)));
    const none = judge(bucket(null));

    // Assess
    expect(allowOnly).toMatchObject({ status: 'NON_COMPLIANT' });
    expect(allowOnly.reason).toContain('has no Deny statement on aws:SecureTransport false');
    expect(none).toMatchObject({ status: 'NON_COMPLIANT' });
    expect(none.reason).toContain('has no bucket policy');
    expect(none.unverified).toBeUndefined();
  });

  it('judges the partition of the bucket: an aws-cn bucket needs its aws-cn ARNs', () => {
    // Prepare
    const cn = 'arn:aws-cn:s3:::shop-assets-eu';
    const resource = bucket(policy({ ...DENY, Resource: [cn, `${cn}/*`] }), { arn: cn, resourceId: cn });

    // Act & Assess
    expect(judge(resource).status).toBe('COMPLIANT');
    expect(judge(bucket(policy({ ...DENY, Resource: [cn, `${cn}/*`] }))).status).toBe('NON_COMPLIANT');
  });

  it.each<[string, string | undefined, string]>([
    ['a policy that is not JSON', '{"Statement": [', 'not valid JSON'],
    ['a policy without statements', '{"Version":"2012-10-17"}', 'has no Statement'],
    ['a policy the inputs do not give', undefined, 'the inputs give no bucket policy'],
  ])('cannot verify %s: NON_COMPLIANT, never a pass', (_case, text, said) => {
    // Act
    const outcome = judge(bucket(text));

    // Assess
    expect(outcome).toMatchObject({ status: 'NON_COMPLIANT', unverified: true });
    expect(outcome.reason).toContain(said);
    expect(outcome.reason).toContain('cannot be verified');
  });
});
