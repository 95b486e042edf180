import type { Evaluation as ConfigEvaluation } from '@aws-sdk/client-config-service';
import { describe, expect, it, vi } from 'vitest';
import type { ConfigRuleInvocation } from '../../../shared/events/config.js';
import type { ClassicLoadBalancer } from '../../../shared/families/elb/model.js';
import type { Family } from '../../../shared/families/family.js';
import { emptyReadResult, type InventorySource } from '../../../shared/inventory/live/port.js';
import type { Resource } from '../../../shared/model/resource.js';
import { policySchema } from '../../../shared/policy/schema.js';
import { createMemoryFindingStore } from '../../../shared/state/memory-store.js';
import { type ConfigRulePort, configRule } from '../../../shared/usecase/config-rule.js';
import type { MonitorDeps } from '../../../shared/usecase/deps.js';

/** A family the registry does not hold: AWS Config names its resources by their name. */
vi.mock('../../../shared/families/index.js', async (original) => {
  const actual = await original<typeof import('../../../shared/families/index.js')>();
  const { testFamily } = await import('../../helpers/families.js');
  const fixture = testFamily({
    id: 'fixture',
    resourceTypes: ['AWS::Fixture::Thing' as Family['resourceTypes'][number]],
  });
  const live = { ...fixture.live, configResourceId: (ref: { name?: string }) => `named/${ref.name}` };
  return { ...actual, FAMILIES: [...actual.FAMILIES, { ...fixture, live }] };
});

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';

const thing = {
  resourceType: 'AWS::Fixture::Thing',
  resourceId: `arn:aws:fixture:${REGION}:${ACCOUNT}:thing/t-1`,
  name: 'thing-one',
  accountId: ACCOUNT,
  region: REGION,
  tags: {},
  source: 'test',
} as unknown as Resource;

const classic: ClassicLoadBalancer = {
  resourceType: 'AWS::ElasticLoadBalancing::LoadBalancer',
  resourceId: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/legacy`,
  loadBalancerName: 'legacy',
  accountId: ACCOUNT,
  region: REGION,
  tags: {},
  source: 'test',
  listeners: [],
  policies: [],
};

const invocation = {
  eventId: 'config-rule-1',
  configRuleName: 'transit-guard',
  configRuleArn: `arn:aws:config:${REGION}:${ACCOUNT}:config-rule/config-rule-1`,
  accountId: ACCOUNT,
  region: REGION,
  resultToken: 'token',
  executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/config`,
  eventLeftScope: false,
  ruleParameters: {},
  messageType: 'ScheduledNotification',
  trigger: 'periodic',
  notificationCreationTime: '2026-11-22T12:00:00.000Z',
  route: { kind: 'ignore', eventId: 'config-rule-1', reason: 'periodic' },
} as unknown as ConfigRuleInvocation;

function deps(resources: Resource[]): MonitorDeps {
  const source: InventorySource = {
    read: async () => emptyReadResult(),
    enumerate: async () => ({ ...emptyReadResult(), resources }),
  };
  return {
    source,
    findings: createMemoryFindingStore(),
    publish: async () => {},
    policy: policySchema.parse({}),
    rules: [],
    now: () => new Date('2026-11-22T12:00:00.000Z'),
    scope: { accountId: ACCOUNT, regions: [REGION] },
  };
}

function recordingPort(): ConfigRulePort & { put: ConfigEvaluation[] } {
  const put: ConfigEvaluation[] = [];
  return {
    put,
    latestItem: async () => undefined,
    putEvaluations: async (_token, evaluations) => {
      put.push(...evaluations);
      return [];
    },
    resending: () => {},
    refusedTwice: () => {},
  };
}

describe('configRule, periodic', () => {
  it("names each resource to AWS Config as its family says: a fixture family's by its facet, a classic load balancer by name", async () => {
    // Prepare
    const port = recordingPort();

    // Act
    const { summary } = await configRule(invocation, undefined, deps([thing, classic]), port);

    // Assess
    expect(summary).toMatchObject({ reported: 2, trigger: 'periodic' });
    expect(port.put.map((e) => [e.ComplianceResourceType, e.ComplianceResourceId])).toEqual([
      ['AWS::Fixture::Thing', 'named/thing-one'],
      ['AWS::ElasticLoadBalancing::LoadBalancer', 'legacy'],
    ]);
  });
});
