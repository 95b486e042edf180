import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { routeCloudTrail } from '../../../../shared/events/cloudtrail.js';
import { routeConfigChange } from '../../../../shared/events/config.js';
import { cloudFrontFamily } from '../../../../shared/families/cloudfront/index.js';
import { loadEvent, withValue } from '../../../fixtures/events/load.js';
import { itRoutesEveryCall, ROUTED_CLOUDFRONT } from '../../../helpers/routed-events.js';
import { runCliCaptured } from '../../../helpers/run-cli.js';

const ARN = 'arn:aws:cloudfront::111122223333:distribution/';
const ref = (id: string) => ({
  resourceType: 'AWS::CloudFront::Distribution',
  resourceId: `${ARN}${id}`,
  accountId: '111122223333',
  region: 'us-east-1',
});

describe('CloudFront events', () => {
  describe('routed API calls', () => {
    itRoutesEveryCall(ROUTED_CLOUDFRONT);
  });

  it.each([
    ['cloudtrail-cloudfront-create-distribution', 'E4NEWEXAMPLE44', false],
    ['cloudtrail-cloudfront-update-distribution', 'E2SAFEEXAMPLE2', false],
    ['cloudtrail-cloudfront-delete-distribution', 'E1WEAKEXAMPLE1', true],
  ])('routes %s (delivered in us-east-1) to the distribution by its ARN', (fixture, id, deleted) => {
    // Act
    const route = routeCloudTrail(loadEvent(fixture));

    // Assess
    expect(route).toMatchObject({ kind: 'inspect', refs: [ref(id)] });
    expect(route.kind === 'inspect' && route.deleted === true).toBe(deleted);
  });

  it('makes the ARN from the id when the response has none', () => {
    // Prepare
    const event = withValue(
      loadEvent('cloudtrail-cloudfront-create-distribution'),
      ['detail', 'responseElements', 'distribution', 'aRN'],
      undefined,
    );

    // Act
    const route = routeCloudTrail(event);

    // Assess
    expect(route).toMatchObject({ kind: 'inspect', refs: [ref('E4NEWEXAMPLE44')] });
  });

  it('rejects an UpdateDistribution that names no distribution, naming the field', () => {
    // Prepare
    const event = withValue(
      withValue(
        loadEvent('cloudtrail-cloudfront-update-distribution'),
        ['detail', 'requestParameters', 'id'],
        undefined,
      ),
      ['detail', 'responseElements'],
      null,
    );

    // Act
    const act = () => routeCloudTrail(event);

    // Assess
    expect(act).toThrow('detail.requestParameters.id: expected a distribution id, received undefined');
  });

  it('routes a Config item change of region "global" to the distribution in us-east-1', () => {
    // Act
    const route = routeConfigChange(loadEvent('config-change-cloudfront-distribution'));

    // Assess
    expect(route).toMatchObject({ kind: 'inspect', refs: [ref('E1WEAKEXAMPLE1')] });
  });

  it('lists the calls and the Config type the deployment subscribes to', () => {
    // Act
    const events = cloudFrontFamily.events;

    // Assess
    expect(events?.apiCalls?.[0]?.source).toBe('aws.cloudfront');
    expect([...(events?.apiCalls?.[0]?.routes.keys() ?? [])]).toEqual(
      expect.arrayContaining(['CreateDistribution', 'UpdateDistribution', 'DeleteDistribution']),
    );
    expect(events?.config?.resourceTypes).toEqual(['AWS::CloudFront::Distribution']);
  });

  it('replays an UpdateDistribution against an inventory and judges the distribution it names', async () => {
    // Act
    const run = await runCliCaptured([
      'replay',
      fileURLToPath(
        new URL('../../../fixtures/events/cloudtrail-cloudfront-update-distribution.json', import.meta.url),
      ),
      '--inventory',
      fileURLToPath(new URL('../../../fixtures/inputs/cloudfront/list-distributions.json', import.meta.url)),
      '--format',
      'json',
      '--now',
      '2026-12-01T00:00:00Z',
    ]);

    // Assess
    const report = JSON.parse(run.stdout) as {
      evaluations: { ruleId: string; resourceId: string; status: string }[];
    };
    expect(new Set(report.evaluations.map((e) => e.resourceId))).toEqual(new Set([`${ARN}E2SAFEEXAMPLE2`]));
    expect(report.evaluations.map((e) => e.ruleId).sort()).toEqual([
      'cloudfront-origin-plaintext',
      'cloudfront-origin-tls',
      'cloudfront-viewer-plaintext',
      'cloudfront-viewer-tls-policy',
    ]);
  });
});
