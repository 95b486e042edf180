/**
 * The CloudFront remediators on the wire (aws-sdk-client-mock): UpdateDistribution sends back the whole
 * DistributionConfig just read, changed only where the remediation means to, with IfMatch = the ETag of that read;
 * the origin header secret is filled in from a GetDistribution of the same ETag, never planned; a concurrent
 * change is reported as "changed meanwhile" and nothing is written twice.
 */
import {
  CloudFrontClient,
  GetDistributionCommand,
  type GetDistributionCommandOutput,
  UpdateDistributionCommand,
} from '@aws-sdk/client-cloudfront';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import type { CloudFrontDistribution } from '../../../../../shared/families/cloudfront/model.js';
import { cloudfrontOriginTls } from '../../../../../shared/families/cloudfront/rules/cloudfront-origin-tls.js';
import { cloudfrontViewerPlaintext } from '../../../../../shared/families/cloudfront/rules/cloudfront-viewer-plaintext.js';
import { cloudfrontViewerTlsPolicy } from '../../../../../shared/families/cloudfront/rules/cloudfront-viewer-tls-policy.js';
import { executePlan } from '../../../../../shared/response/executor.js';
import type { AnyRule } from '../../../../../shared/rules/rule.js';
import { normalizeDocuments } from '../../../../helpers/inventory.js';
import { evaluateWith, executorDeps, plannedAction, planOf, reads } from '../../../response/support.js';
import { distribution, fixtureDocument } from '../fixtures.js';

const cloudfront = mockClient(CloudFrontClient);
const client = new CloudFrontClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
});

// biome-ignore lint/suspicious/noExplicitAny: API-shaped documents, changed in place by each test.
type Config = Record<string, any>;

/** The DistributionConfig of a fixture as GetDistributionConfig answers it (header secret included). */
function readConfig(name: string): { ETag: string; DistributionConfig: Config } {
  return fixtureDocument(`get-distribution-config-${name}`) as { ETag: string; DistributionConfig: Config };
}

/** A fixture document as the SDK's typed output (the fixtures are in the API's shape, untyped). */
const answer = (read: { ETag: string; DistributionConfig: Config }) =>
  ({
    ETag: read.ETag,
    Distribution: { Id: 'E', DistributionConfig: read.DistributionConfig },
  }) as unknown as GetDistributionCommandOutput;

function normalized(document: object): CloudFrontDistribution {
  const [resource] = normalizeDocuments([{ document, source: 'api:GetDistribution' }]).resources;
  return resource as CloudFrontDistribution;
}

/** The failing distribution after a change to its config, as GetDistribution reads it again. */
function failingAfter(change: (config: Config) => void): CloudFrontDistribution {
  const document = fixtureDocument('get-distribution-failing') as {
    Distribution: { DistributionConfig: Config };
  };
  change(document.Distribution.DistributionConfig);
  return normalized(document);
}

async function run(
  rule: AnyRule,
  before: CloudFrontDistribution,
  after: CloudFrontDistribution,
  policy = {},
) {
  const action = plannedAction(rule, before, policy);
  const { readResource } = reads(before, after);
  const record = await executePlan(
    action,
    executorDeps(rule, readResource, { clientFor: async () => client, policy }),
  );
  return { action, record };
}

/** The one UpdateDistribution input sent. */
function sentUpdate() {
  const calls = cloudfront.commandCalls(UpdateDistributionCommand);
  expect(calls).toHaveLength(1);
  return calls[0]?.args[0].input as { Id: string; IfMatch: string; DistributionConfig: Config };
}

describe('CloudFront remediators', () => {
  afterEach(() => {
    cloudfront.reset();
  });

  it('redirects allow-all behaviors to HTTPS, sending the config read back unchanged otherwise, with its ETag', async () => {
    // Prepare
    const before = distribution('get-distribution-failing');
    const after = failingAfter((config) => {
      config.DefaultCacheBehavior.ViewerProtocolPolicy = 'redirect-to-https';
    });
    const read = readConfig('failing');
    cloudfront.on(GetDistributionCommand).resolves(answer(read));
    cloudfront.on(UpdateDistributionCommand).resolves({ ETag: 'E9NEWETAG' });

    // Act
    const { record } = await run(cloudfrontViewerPlaintext, before, after);

    // Assess
    expect(record.status).toBe('remediated');
    expect(cloudfront).toHaveReceivedCommandWith(GetDistributionCommand, { Id: 'E1WEAKEXAMPLE1' });
    const sent = sentUpdate();
    expect(sent.Id).toBe('E1WEAKEXAMPLE1');
    expect(sent.IfMatch).toBe('E2QWRUHEXAMPLE');
    const expected = structuredClone(read.DistributionConfig);
    expected.DefaultCacheBehavior.ViewerProtocolPolicy = 'redirect-to-https';
    // The whole config round-trips, the origin header secret included, and only the behavior changed.
    expect(sent.DistributionConfig).toEqual(expected);
  });

  it('blocks with https-only instead of a redirect', async () => {
    // Prepare
    const before = distribution('get-distribution-failing');
    const after = failingAfter((config) => {
      config.DefaultCacheBehavior.ViewerProtocolPolicy = 'https-only';
    });
    cloudfront.on(GetDistributionCommand).resolves(answer(readConfig('failing')));
    cloudfront.on(UpdateDistributionCommand).resolves({});

    // Act
    const { record } = await run(cloudfrontViewerPlaintext, before, after, {
      rules: { 'cloudfront-viewer-plaintext': { mode: 'block' } },
    });

    // Assess
    expect(record.status).toBe('blocked');
    expect(sentUpdate().DistributionConfig.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('https-only');
  });

  it('sets the origin protocols at or above the minimum on the weak origins only', async () => {
    // Prepare
    const before = distribution('get-distribution-failing');
    const after = failingAfter((config) => {
      config.Origins.Items[1].CustomOriginConfig.OriginSslProtocols = { Quantity: 1, Items: ['TLSv1.2'] };
    });
    const read = readConfig('failing');
    cloudfront.on(GetDistributionCommand).resolves(answer(read));
    cloudfront.on(UpdateDistributionCommand).resolves({});

    // Act
    const { record } = await run(cloudfrontOriginTls, before, after);

    // Assess
    expect(record.status).toBe('remediated');
    const expected = structuredClone(read.DistributionConfig);
    expected.Origins.Items[1].CustomOriginConfig.OriginSslProtocols = { Quantity: 1, Items: ['TLSv1.2'] };
    expect(sentUpdate().DistributionConfig).toEqual(expected);
  });

  it('reports "changed meanwhile" when CloudFront refuses the ETag, and writes nothing more', async () => {
    // Prepare
    const before = distribution('get-distribution-failing');
    cloudfront.on(GetDistributionCommand).resolves(answer(readConfig('failing')));
    cloudfront
      .on(UpdateDistributionCommand)
      .rejects(
        Object.assign(
          new Error('The precondition given in one or more of the request-header fields evaluated to false.'),
          { name: 'PreconditionFailed' },
        ),
      );

    // Act
    const { record } = await run(cloudfrontViewerPlaintext, before, before);

    // Assess
    expect(record.status).toBe('failed');
    expect(record.error).toContain('UpdateDistribution refused: the distribution changed meanwhile');
    expect(cloudfront.commandCalls(UpdateDistributionCommand)).toHaveLength(1);
  });

  it('writes nothing when the config read just before the write has another ETag', async () => {
    // Prepare
    const before = distribution('get-distribution-failing');
    cloudfront
      .on(GetDistributionCommand)
      .resolves(answer({ ...readConfig('failing'), ETag: 'E7SOMEONEELSE' }));

    // Act
    const { record } = await run(cloudfrontViewerPlaintext, before, before);

    // Assess
    expect(record.status).toBe('failed');
    expect(record.error).toContain('changed meanwhile');
    expect(cloudfront.commandCalls(UpdateDistributionCommand)).toHaveLength(0);
  });

  it('plans with the origin header value hidden: the secret is never in the plan', () => {
    // Act
    const plan = planOf(evaluateWith(cloudfrontViewerPlaintext, distribution('get-distribution-failing')));

    // Assess
    expect(plan.status).toBe('planned');
    expect(JSON.stringify(plan)).not.toContain('fixture-secret-weak');
    expect(JSON.stringify(plan)).toContain('hidden by transit-guard');
  });

  it('refuses a plan from an input without the ETag (list-distributions), saying why', () => {
    // Prepare
    const [summary] = normalizeDocuments([
      { document: fixtureDocument('list-distributions'), source: 'list-distributions.json' },
    ]).resources;

    // Act
    const plan = planOf(evaluateWith(cloudfrontViewerPlaintext, summary as CloudFrontDistribution));

    // Assess
    expect(plan.calls).toBeUndefined();
    expect(plan.note).toContain('needs the whole DistributionConfig and its ETag');
  });

  it('does not change the viewer policy of the default certificate, and says what would', () => {
    // Act
    const plan = planOf(evaluateWith(cloudfrontViewerTlsPolicy, distribution('get-distribution-failing')));

    // Assess
    expect(plan.calls).toBeUndefined();
    expect(plan.note).toContain('add an alternate domain name with an ACM certificate first');
  });

  it('sets the target viewer policy on an sni-only custom certificate', async () => {
    // Prepare
    const document = fixtureDocument('get-distribution-near-miss') as {
      Distribution: { DistributionConfig: Config };
    };
    document.Distribution.DistributionConfig.ViewerCertificate.MinimumProtocolVersion = 'TLSv1.1_2016';
    const before = normalized(document);
    const fixed = structuredClone(document);
    fixed.Distribution.DistributionConfig.ViewerCertificate.MinimumProtocolVersion = 'TLSv1.2_2021';
    const read = { ETag: 'E3SAFEETAGEXAMPLE', DistributionConfig: document.Distribution.DistributionConfig };
    cloudfront.on(GetDistributionCommand).resolves(answer(read));
    cloudfront.on(UpdateDistributionCommand).resolves({});

    // Act
    const { record } = await run(cloudfrontViewerTlsPolicy, before, normalized(fixed));

    // Assess
    expect(record.status).toBe('remediated');
    expect(sentUpdate().DistributionConfig).toEqual(fixed.Distribution.DistributionConfig);
  });
});
