/**
 * CloudFront in the deployment: its calls are forwarded from us-east-1 to a stack in any home region (the
 * generated forwarding pattern, docs/deploy.md), the home stack's own pattern then matches them, an inspector
 * of a stack that does not cover us-east-1 still judges the distribution, and its IAM names distribution ARNs
 * without a region.
 */
import { describe, expect, it, vi } from 'vitest';
import { routeEvent } from '../../../../shared/events/route.js';
import { eventPatterns, familyIamStatements } from '../../../../shared/infra/deployment.js';
import { emptyReadResult, type InventorySource } from '../../../../shared/inventory/live/port.js';
import { policySchema } from '../../../../shared/policy/schema.js';
import { RULES } from '../../../../shared/rules/index.js';
import { createMemoryFindingStore } from '../../../../shared/state/memory-store.js';
import { inspectEvent } from '../../../../shared/usecase/inspect.js';
import { loadEvent, withValue } from '../../../fixtures/events/load.js';
import { type EventPattern, matchesEventPattern } from '../../../helpers/event-pattern.js';
import { distribution } from './fixtures.js';

const CALLS = [
  'cloudtrail-cloudfront-create-distribution',
  'cloudtrail-cloudfront-update-distribution',
  'cloudtrail-cloudfront-delete-distribution',
];

describe('CloudFront in the deployment', () => {
  const patterns = eventPatterns();
  const forwarded = patterns.forwardedApiCalls as EventPattern;

  it.each(CALLS)('forwards %s from us-east-1, and the home stack receives it as it comes', (fixture) => {
    // Prepare
    const event = loadEvent(fixture);

    // Act
    const matches = [matchesEventPattern(forwarded, event), matchesEventPattern(patterns.apiCalls, event)];

    // Assess
    expect(matches).toEqual([true, true]);
  });

  it('forwards neither a failed CloudFront call nor a regional service call', () => {
    // Prepare
    const failed = withValue(
      loadEvent('cloudtrail-cloudfront-update-distribution'),
      ['detail', 'errorCode'],
      'PreconditionFailed',
    );
    const regional = withValue(loadEvent('cloudtrail-elbv2-modify-listener'), ['region'], 'us-east-1');

    // Act
    const matches = [matchesEventPattern(forwarded, failed), matchesEventPattern(forwarded, regional)];

    // Assess
    expect(matches).toEqual([false, false]);
  });

  it('judges a forwarded UpdateDistribution in a stack whose regions do not include us-east-1', async () => {
    // Prepare
    const read = vi.fn(async () => ({
      ...emptyReadResult(),
      resources: [distribution('get-distribution-failing')],
    }));
    const source: InventorySource = { read, enumerate: async () => emptyReadResult() };
    const event = withValue(
      loadEvent('cloudtrail-cloudfront-update-distribution'),
      ['detail', 'requestParameters', 'id'],
      'E1WEAKEXAMPLE1',
    );
    const withoutResponse = withValue(event, ['detail', 'responseElements'], null);

    // Act
    const outcome = await inspectEvent(routeEvent(withoutResponse), {
      source,
      findings: createMemoryFindingStore(),
      publish: async () => {},
      policy: policySchema.parse({}),
      rules: RULES,
      now: () => new Date('2026-11-22T12:00:00.000Z'),
      scope: { accountId: '111122223333', regions: ['eu-west-1'] },
    });

    // Assess
    expect(outcome.outOfScope).toEqual([]);
    expect(
      outcome.evaluations
        .filter((e) => e.status === 'NON_COMPLIANT')
        .map((e) => e.ruleId)
        .sort(),
    ).toEqual([
      'cloudfront-origin-plaintext',
      'cloudfront-origin-tls',
      'cloudfront-viewer-plaintext',
      'cloudfront-viewer-tls-policy',
    ]);
  });

  it('grants reads and UpdateDistribution on distribution ARNs, which have no region', () => {
    // Act
    const statements = familyIamStatements(['eu-west-1']);

    // Assess
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Fn::Sub string, not a template.
    const arn = { 'Fn::Sub': 'arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/*' };
    expect(statements.remediate).toEqual(
      expect.arrayContaining([
        {
          Sid: 'RemediateCloudFrontDistributions',
          Effect: 'Allow',
          Action: 'cloudfront:UpdateDistribution',
          Resource: [arn],
        },
        {
          Sid: 'ReadCloudFrontDistributions',
          Effect: 'Allow',
          Action: 'cloudfront:GetDistribution',
          Resource: [arn],
        },
      ]),
    );
    expect(statements.sweep).toEqual(
      expect.arrayContaining([
        {
          Sid: 'ListCloudFrontDistributions',
          Effect: 'Allow',
          Action: 'cloudfront:ListDistributions',
          Resource: '*',
        },
      ]),
    );
    expect(JSON.stringify(statements.remediate)).not.toContain('ListDistributions');
  });
});
