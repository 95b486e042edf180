import {
  CloudFrontClient,
  type DistributionSummary,
  GetDistributionCommand,
  type GetDistributionCommandOutput,
  ListDistributionsCommand,
  NoSuchDistribution,
} from '@aws-sdk/client-cloudfront';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { readPlanFor } from '../../../../shared/inventory/live/plan.js';
import { policySchema } from '../../../../shared/policy/schema.js';
import { RULES } from '../../../../shared/rules/index.js';
import { mockedSource } from '../../inventory/live/sdk-outputs.js';
import { fixtureDocument } from './fixtures.js';

const cloudfront = mockClient(CloudFrontClient);
const DISTRIBUTION = 'AWS::CloudFront::Distribution' as const;
const ARN = 'arn:aws:cloudfront::111122223333:distribution/';

type Summary = DistributionSummary & { Id: string };

/** The fixture summaries: failing (E1), near miss (E2), unverifiable (E3). */
const summaries = () =>
  (fixtureDocument('list-distributions') as { DistributionList: { Items: Summary[] } }).DistributionList
    .Items;

/** `count` distributions like the near miss, with their own ids, in pages of 100 as ListDistributions answers. */
function pages(count: number): Summary[][] {
  const [, safe] = summaries();
  const all = Array.from({ length: count }, (_, index) => {
    const id = `E${String(index).padStart(4, '0')}SWEEPEXAMPLE`;
    return { ...(safe as Summary), Id: id, ARN: `${ARN}${id}` };
  });
  return Array.from({ length: Math.ceil(count / 100) }, (_, page) => all.slice(page * 100, page * 100 + 100));
}

function listAnswers(list: Summary[][]) {
  list.forEach((items, index) => {
    const last = index === list.length - 1;
    cloudfront.on(ListDistributionsCommand, index === 0 ? {} : { Marker: `page-${index}` }).resolves({
      DistributionList: {
        Marker: index === 0 ? '' : `page-${index}`,
        MaxItems: 100,
        Quantity: items.length,
        IsTruncated: !last,
        ...(last ? {} : { NextMarker: `page-${index + 1}` }),
        Items: items,
      },
    } as never);
  });
}

const ref = (id: string, region = 'us-east-1') => ({
  resourceType: DISTRIBUTION,
  resourceId: `${ARN}${id}`,
  accountId: '111122223333',
  region,
});

describe('live CloudFront reads', () => {
  afterEach(() => {
    cloudfront.reset();
  });

  it('sweeps 100 distributions with one ListDistributions call and nothing else', async () => {
    // Prepare
    listAnswers(pages(100));

    // Act
    const result = await mockedSource().enumerate('us-east-1', ['cloudfront']);

    // Assess
    expect(result.errors).toEqual([]);
    expect(result.resources).toHaveLength(100);
    expect(cloudfront.calls()).toHaveLength(1);
  });

  it('follows NextMarker: 250 distributions in three pages', async () => {
    // Prepare
    listAnswers(pages(250));

    // Act
    const result = await mockedSource().enumerate('us-east-1', ['cloudfront']);

    // Assess
    expect(result.resources).toHaveLength(250);
    expect(cloudfront.commandCalls(ListDistributionsCommand).map((call) => call.args[0].input)).toEqual([
      {},
      { Marker: 'page-1' },
      { Marker: 'page-2' },
    ]);
  });

  it('reads nothing in another region: the account-wide list is read once, from us-east-1', async () => {
    // Prepare
    listAnswers(pages(3));

    // Act
    const result = await mockedSource().enumerate('eu-west-1', ['cloudfront']);

    // Assess
    expect(result.resources).toEqual([]);
    expect(cloudfront.calls()).toHaveLength(0);
  });

  it('reads GetDistribution in a sweep only for distributions a remediating rule would change', async () => {
    // Prepare
    listAnswers([summaries()]);
    cloudfront
      .on(GetDistributionCommand, { Id: 'E1WEAKEXAMPLE1' })
      .resolves(fixtureDocument('get-distribution-failing') as unknown as GetDistributionCommandOutput);
    const policy = policySchema.parse({ rules: { 'cloudfront-viewer-plaintext': { mode: 'remediate' } } });

    // Act
    const result = await mockedSource({ plan: readPlanFor(policy, RULES) }).enumerate('us-east-1', [
      'cloudfront',
    ]);

    // Assess
    expect(cloudfront.commandCalls(GetDistributionCommand).map((call) => call.args[0].input)).toEqual([
      { Id: 'E1WEAKEXAMPLE1' },
    ]);
    const weak = result.resources.find((resource) => resource.resourceId === `${ARN}E1WEAKEXAMPLE1`);
    expect(weak).toMatchObject({ etag: 'E2QWRUHEXAMPLE', distributionId: 'E1WEAKEXAMPLE1' });
    expect(result.resources).toHaveLength(3);
  });

  it('reads a distribution a ref names with one GetDistribution, ETag and config included', async () => {
    // Prepare
    cloudfront
      .on(GetDistributionCommand, { Id: 'E1WEAKEXAMPLE1' })
      .resolves(fixtureDocument('get-distribution-failing') as unknown as GetDistributionCommandOutput);

    // Act
    const result = await mockedSource().read([ref('E1WEAKEXAMPLE1')]);

    // Assess
    expect(cloudfront.calls()).toHaveLength(1);
    expect(result.resources).toEqual([
      expect.objectContaining({
        resourceId: `${ARN}E1WEAKEXAMPLE1`,
        etag: 'E2QWRUHEXAMPLE',
        region: 'us-east-1',
      }),
    ]);
  });

  it('reports a distribution CloudFront does not know as gone', async () => {
    // Prepare
    cloudfront
      .on(GetDistributionCommand)
      .rejects(
        new NoSuchDistribution({ message: 'The specified distribution does not exist.', $metadata: {} }),
      );

    // Act
    const result = await mockedSource().read([ref('E9GONEEXAMPLE')]);

    // Assess
    expect(result.gone).toEqual([ref('E9GONEEXAMPLE')]);
    expect(result.errors).toEqual([]);
  });
});
