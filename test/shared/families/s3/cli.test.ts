/**
 * The S3 rules through `transit-guard evaluate --format json` as a user runs it, in each input format the family
 * reads (wrapped get-bucket-policy / get-bucket-website outputs, with list-buckets beside them, and AWS::S3::Bucket
 * Config items): a failing bucket, a compliant near miss and one that cannot be verified; then `replay` of a
 * CloudTrail PutBucketPolicy against an inventory.
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../../../../shared/report/report.js';
import { evaluateDocuments, replayAgainstInventory } from '../../../helpers/run-cli.js';

const INPUTS = new URL('../../../fixtures/inputs/s3/', import.meta.url);
const EVENTS = new URL('../../../fixtures/events/', import.meta.url);
// biome-ignore lint/suspicious/noExplicitAny: fixtures are edited freely in tests
const input = (name: string): any => JSON.parse(readFileSync(new URL(name, INPUTS), 'utf8'));

const TRANSPORT = 's3-bucket-secure-transport';
const WEBSITE = 's3-bucket-website-plaintext';
const ARN = 'arn:aws:s3:::shop-assets-eu';

/** The fixture policy with its Deny on plaintext narrowed to the objects only. */
const objectsOnly = (policy: string) =>
  policy.replace(`"Resource":["${ARN}","${ARN}/*"]`, `"Resource":"${ARN}/*"`);

/** A wrapped get-bucket-policy output with this Policy, or a Config item with this policyText. */
const FORMATS: [string, (policy: string | null) => unknown][] = [
  [
    'get-bucket-policy (wrapped)',
    (policy) =>
      policy === null
        ? { Bucket: 'shop-assets-eu', Error: { Code: 'NoSuchBucketPolicy' } }
        : { ...input('get-bucket-policy.json'), Policy: policy },
  ],
  [
    'AWS::S3::Bucket Config item',
    (policy) => {
      const item = input('config-item-bucket.json');
      item.supplementaryConfiguration.BucketPolicy.policyText = policy;
      return item;
    },
  ],
];

describe('transit-guard evaluate on S3 buckets', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'transit-guard-s3-'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  async function evaluate(documents: Record<string, unknown>) {
    const run = await evaluateDocuments(directory, documents);
    const report = JSON.parse(run.stdout) as Report;
    const of = (rule: string) => report.evaluations.filter((e) => e.ruleId === rule);
    return { code: run.code, report, transport: of(TRANSPORT)[0], website: of(WEBSITE)[0], of };
  }

  const POLICY = input('get-bucket-policy.json').Policy as string;

  describe.each(FORMATS)('%s', (_format, document) => {
    it('fails a Deny on the objects only, saying the bucket itself is not covered (exit 1)', async () => {
      // Act
      const alone = await evaluate({ policy: document(objectsOnly(POLICY)) });
      const listed = await evaluate({
        list: input('list-buckets.json'),
        policy: document(objectsOnly(POLICY)),
      });

      // Assess
      for (const { code, report, transport } of [alone, listed]) {
        expect(code).toBe(1);
        expect(report.errors).toEqual([]);
        expect(transport).toMatchObject({ resourceId: ARN, status: 'NON_COMPLIANT', severity: 'medium' });
        expect(transport?.reason).toContain(`covers only the objects (${ARN}/*), not the bucket itself`);
      }
    });

    it('fails a bucket without a policy', async () => {
      // Act
      const { transport } = await evaluate({ policy: document(null) });

      // Assess
      expect(transport?.status).toBe('NON_COMPLIANT');
      expect(transport?.reason).toContain('has no bucket policy');
    });

    it('passes the near miss: the same Deny on the bucket and its objects', async () => {
      // Act
      const { transport } = await evaluate({ policy: document(POLICY) });

      // Assess
      expect(transport?.status).toBe('COMPLIANT');
      expect(transport?.reason).toContain('(DenyPlaintext)');
    });

    it('cannot verify a policy that is not JSON: NON_COMPLIANT, never a pass (exit 1)', async () => {
      // Act
      const { code, transport } = await evaluate({
        policy: document('{"Version":"2012-10-17","Statement":['),
      });

      // Assess
      expect(code).toBe(1);
      expect(transport?.status).toBe('NON_COMPLIANT');
      expect(transport?.reason).toContain('the policy is not valid JSON');
      expect(transport?.reason).toContain('cannot be verified');
    });
  });

  it('joins a listed bucket with its wrapped outputs, taking its region from list-buckets', async () => {
    // Act
    const { report, of } = await evaluate({
      list: input('list-buckets.json'),
      policy: input('get-bucket-policy.json'),
      website: input('get-bucket-website.json'),
    });

    // Assess
    const verdicts = [...of(TRANSPORT), ...of(WEBSITE)].map((e) => [
      e.resourceId,
      e.ruleId,
      e.status,
      e.region,
    ]);
    expect(verdicts).toEqual([
      [ARN, TRANSPORT, 'COMPLIANT', 'eu-west-1'],
      ['arn:aws:s3:::www-example-site', TRANSPORT, 'NON_COMPLIANT', 'eu-west-1'],
      [ARN, WEBSITE, 'NON_COMPLIANT', 'eu-west-1'],
      ['arn:aws:s3:::www-example-site', WEBSITE, 'NON_COMPLIANT', 'eu-west-1'],
    ]);
    expect(report.errors).toEqual([]);
    // What the inputs do not give is not a pass: the listed bucket without a policy output, the bucket without a website output.
    expect(of(TRANSPORT)[1]?.reason).toContain('the inputs give no bucket policy');
    expect(of(WEBSITE)[0]?.reason).toContain('the inputs give no website configuration');
    expect(of(WEBSITE)[1]?.reason).toContain('S3 website endpoints serve HTTP only');
  });

  describe.each<[string, (website: object | null) => unknown]>([
    [
      'get-bucket-website (wrapped)',
      (website) => ({
        Bucket: 'shop-assets-eu',
        ...(website ?? { Error: { Code: 'NoSuchWebsiteConfiguration' } }),
      }),
    ],
    [
      'AWS::S3::Bucket Config item',
      (website) => {
        const item = input('config-item-bucket.json');
        if (website) item.supplementaryConfiguration.BucketWebsiteConfiguration = website;
        return item;
      },
    ],
  ])('the website rule from %s', (format, document) => {
    const config = format.includes('Config');
    const hosting = config
      ? { indexDocumentSuffix: 'index.html', errorDocument: 'error.html' }
      : { IndexDocument: { Suffix: 'index.html' } };
    const redirect = config
      ? { redirectAllRequestsTo: { hostName: 'www.example.com', protocol: 'https' } }
      : { RedirectAllRequestsTo: { HostName: 'www.example.com', Protocol: 'https' } };

    it('fails static website hosting, and a redirect-all website too', async () => {
      // Act
      const hosted = await evaluate({ website: document(hosting) });
      const redirecting = await evaluate({ website: document(redirect) });

      // Assess
      expect(hosted.website?.status).toBe('NON_COMPLIANT');
      expect(hosted.website?.severity).toBe('low');
      expect(hosted.website?.reason).toContain('index document "index.html"');
      expect(redirecting.website?.status).toBe('NON_COMPLIANT');
      expect(redirecting.website?.reason).toContain('redirects every request to https://www.example.com');
    });

    it(
      config
        ? 'cannot verify an item without BucketWebsiteConfiguration'
        : 'passes the near miss: no website configuration',
      async () => {
        // Act
        const { website } = await evaluate({ website: document(null) });

        // Assess
        if (config) {
          expect(website).toMatchObject({ status: 'NON_COMPLIANT' });
          expect(website?.reason).toContain('cannot be verified');
        } else {
          expect(website?.status).toBe('COMPLIANT');
        }
      },
    );
  });

  it('names the field of a Policy that is not the JSON string get-bucket-policy prints, and judges nothing from it', async () => {
    // Act
    const run = await evaluateDocuments(directory, {
      policy: { Bucket: 'shop-assets-eu', Policy: JSON.parse(input('get-bucket-policy.json').Policy) },
    });

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Policy: expected the policy as the JSON string get-bucket-policy prints');
  });
});

describe('transit-guard replay of an S3 PutBucketPolicy', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'transit-guard-s3-replay-'));
    await mkdir(join(directory, 'inventory'));
    await writeFile(
      join(directory, 'inventory', 'policies.json'),
      JSON.stringify([
        { Bucket: 'shop-assets-eu', Error: { Code: 'NoSuchBucketPolicy' } },
        { Bucket: 'other-bucket', Error: { Code: 'NoSuchBucketPolicy' } },
      ]),
    );
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('judges only the bucket the call names, from the inventory', async () => {
    // Act
    const run = await replayAgainstInventory(
      directory,
      new URL('cloudtrail-s3-put-bucket-policy.json', EVENTS).pathname,
    );
    const report = JSON.parse(run.stdout) as Report;

    // Assess
    expect(run.code).toBe(1);
    expect(report.evaluations.map((e) => [e.resourceId, e.ruleId, e.status])).toEqual([
      [ARN, TRANSPORT, 'NON_COMPLIANT'],
      [ARN, WEBSITE, 'NON_COMPLIANT'],
    ]);
  });
});
