/**
 * A small fixture family (plan: "Fixture-family test"): a CloudFront-like service with one CloudTrail call, one
 * Config resource type, one read and one remediation write. Tests add it to the registry with vi.mock.
 */
import { refOf, stringAt } from '../../../shared/events/family-events.js';
import type { Family } from '../../../shared/families/index.js';
import type { ResourceType } from '../../../shared/model/resource.js';
import type { Remediator } from '../../../shared/response/types.js';
import { testFamily } from '../../helpers/families.js';

export const FIXTURE_TYPE = 'AWS::Fixture::Distribution' as ResourceType;

const DISTRIBUTIONS = { service: 'fixture', resource: 'distribution/*' };

/** A remediator as far as the deployment reads it: its IAM actions. */
export function remediator(id: string, iamActions: string[]): Remediator {
  return {
    id,
    iamActions,
    resourceTypes: [FIXTURE_TYPE],
    appliesTo: () => true,
    safety: () => undefined,
    plan: () => {
      throw new Error(`${id} plans nothing in these tests`);
    },
  };
}

export const fixtureFamily: Family = testFamily({
  id: 'fixture',
  label: 'Fixture distributions',
  resourceTypes: [FIXTURE_TYPE],
  rules: [],
  remediators: [remediator('fixture-set-tls', ['fixture:UpdateDistribution'])],
  events: {
    apiCalls: [
      {
        source: 'aws.fixture',
        label: 'Fixture',
        routes: new Map([
          [
            'UpdateDistribution',
            { refs: (call) => [refOf(call, FIXTURE_TYPE, stringAt(call, [['requestParameters', 'id']]))] },
          ],
        ]),
      },
    ],
    config: { resourceTypes: [FIXTURE_TYPE] },
  },
  deployment: {
    services: ['fixture'],
    reads: [
      { sid: 'ReadFixtureDistributions', actions: ['fixture:GetDistribution'], resource: DISTRIBUTIONS },
    ],
    writes: [
      {
        sid: 'RemediateFixtureDistributions',
        actions: ['fixture:UpdateDistribution'],
        resource: DISTRIBUTIONS,
      },
    ],
  },
});
