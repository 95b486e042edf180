import { describe, expect, it, vi } from 'vitest';
import { routeCloudTrail } from '../../../shared/events/cloudtrail.js';
import { routeConfigChange } from '../../../shared/events/config.js';
import { eventPatterns, familyIamStatements } from '../../../shared/infra/deployment.js';
import { ACCOUNT_ID, loadEvent, REGION, withValue } from '../../fixtures/events/load.js';
import { matchesEventPattern } from '../../helpers/event-pattern.js';
import { FIXTURE_TYPE } from './fixture-family.js';

// The registry plus one fixture family: nothing else is edited, the router and the deployment pick it up.
vi.mock('../../../shared/families/index.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../shared/families/index.js')>();
  const { fixtureFamily } = await import('./fixture-family.js');
  return { ...original, FAMILIES: [...original.FAMILIES, fixtureFamily] };
});

/** A CloudTrail record of the fixture service, made from another family's fixture. */
function fixtureCall(eventName: string) {
  let event = loadEvent('cloudtrail-ec2-create-vpn-connection');
  event = withValue(event, ['source'], 'aws.fixture');
  event = withValue(event, ['detail', 'eventSource'], 'fixture.amazonaws.com');
  event = withValue(event, ['detail', 'eventName'], eventName);
  event = withValue(event, ['detail', 'requestParameters'], { id: 'E2FIXTURE' });
  return withValue(event, ['detail', 'responseElements'], null);
}

describe('a fixture family added to the registry', () => {
  it('has its CloudTrail call routed to its resource', () => {
    // Act
    const result = routeCloudTrail(fixtureCall('UpdateDistribution'));

    // Assess
    expect(result).toMatchObject({
      kind: 'inspect',
      eventName: 'UpdateDistribution',
      refs: [{ resourceType: FIXTURE_TYPE, resourceId: 'E2FIXTURE', accountId: ACCOUNT_ID, region: REGION }],
    });
  });

  it('has its other calls ignored as out of scope, in its words', () => {
    // Act
    const result = routeCloudTrail(fixtureCall('TagResource'));

    // Assess
    expect(result).toMatchObject({ kind: 'ignore', reason: 'TagResource is out of scope for Fixture' });
  });

  it('has its Config items routed', () => {
    // Prepare
    const event = withValue(
      loadEvent('config-change-elbv2-listener'),
      ['detail', 'configurationItem', 'resourceType'],
      FIXTURE_TYPE,
    );

    // Act
    const result = routeConfigChange(event);

    // Assess
    expect(result).toMatchObject({ kind: 'inspect', refs: [{ resourceType: FIXTURE_TYPE }] });
  });

  it('is in the generated event patterns, next to the other families', () => {
    // Act
    const patterns = eventPatterns();

    // Assess
    expect(matchesEventPattern(patterns.apiCalls, fixtureCall('UpdateDistribution'))).toBe(true);
    expect(matchesEventPattern(patterns.apiCalls, fixtureCall('TagResource'))).toBe(false);
    expect(matchesEventPattern(patterns.apiCalls, loadEvent('cloudtrail-ec2-create-vpn-connection'))).toBe(
      true,
    );
    expect(patterns.configResourceTypes).toContain(FIXTURE_TYPE);
    expect(patterns.configResourceTypes).toContain('AWS::EC2::VPNConnection');
  });

  it('has its reads and writes in the generated IAM statements of the right roles', () => {
    // Act
    const statements = familyIamStatements(['eu-west-1']);
    const sids = Object.fromEntries(
      Object.entries(statements).map(([role, list]) => [role, list.map((statement) => statement.Sid)]),
    );

    // Assess
    expect(sids.apiCalls).toContain('ReadFixtureDistributions');
    expect(sids.configChanges).toContain('ReadFixtureDistributions');
    expect(sids.nativeEvents).not.toContain('ReadFixtureDistributions');
    expect(sids.sweep).toContain('ReadFixtureDistributions');
    expect(statements.remediate.find((s) => s.Sid === 'RemediateFixtureDistributions')).toEqual({
      Sid: 'RemediateFixtureDistributions',
      Effect: 'Allow',
      Action: 'fixture:UpdateDistribution',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax, not a JS template
      Resource: [{ 'Fn::Sub': 'arn:${AWS::Partition}:fixture:eu-west-1:${AWS::AccountId}:distribution/*' }],
    });
  });
});
