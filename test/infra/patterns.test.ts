import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { routeCloudTrail } from '../../shared/events/cloudtrail.js';
import { CONFIG_RESOURCE_TYPES, routeConfigChange } from '../../shared/events/config.js';
import { routeNativeEvent } from '../../shared/events/native.js';
import type { RouteResult } from '../../shared/events/result.js';
import { CLOUDTRAIL_DETAIL_TYPE, CONFIG_CHANGE_DETAIL_TYPE } from '../../shared/events/schemas.js';
import { FAMILIES } from '../../shared/families/index.js';
import { type EventFixture, loadEvent, withValue } from '../fixtures/events/load.js';
import { ACKNOWLEDGED_API_CALLS, ROUTED_API_CALLS } from '../helpers/api-calls.js';
import { type EventPattern, matchesEventPattern } from '../helpers/event-pattern.js';
import {
  type CfnResource,
  type CfnTemplate,
  ensurePackaged,
  type FunctionName,
  functionLogicalId,
  loadTemplate,
  PACKAGE_TIMEOUT_MS,
  referencedId,
  resourcesOfType,
} from './template.js';

// The real packaged template: the patterns EventBridge would be given.
let template: CfnTemplate;

beforeAll(() => {
  ensurePackaged();
  template = loadTemplate();
}, PACKAGE_TIMEOUT_MS);

interface RuleTarget {
  Arn: unknown;
  DeadLetterConfig?: { Arn: unknown };
}

function targetsOf(rule: CfnResource): RuleTarget[] {
  return (rule.Properties?.Targets ?? []) as RuleTarget[];
}

function rulesOf(name: FunctionName) {
  return resourcesOfType(template, 'AWS::Events::Rule').filter(([, rule]) =>
    targetsOf(rule).some((target) => referencedId(target.Arn) === functionLogicalId(name)),
  );
}

function patternOf(name: FunctionName): EventPattern {
  const rules = rulesOf(name);
  expect(rules).toHaveLength(1);
  return rules[0]?.[1].Properties?.EventPattern as EventPattern;
}

const FIXTURES = readdirSync(new URL('../fixtures/events/', import.meta.url))
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.replace(/\.json$/, ''));

function fixtures(prefix: string): [string, EventFixture][] {
  return FIXTURES.filter((name) => name.startsWith(prefix)).map((name) => [name, loadEvent(name)]);
}

/** What the function's router makes of an event: inspect, ignore, or refuse it. */
function routed(route: (event: unknown) => RouteResult, event: unknown): RouteResult['kind'] | 'refused' {
  try {
    return route(event).kind;
  } catch {
    return 'refused';
  }
}

/** What the on-api-call pattern must receive per source: the routed calls and those ignored on purpose. */
const RECEIVED_API_CALLS: Record<string, string[]> = {};
for (const calls of [ROUTED_API_CALLS, ACKNOWLEDGED_API_CALLS]) {
  for (const [source, names] of Object.entries(calls)) {
    RECEIVED_API_CALLS[source] = [...(RECEIVED_API_CALLS[source] ?? []), ...names];
  }
}

function isAcknowledged(event: EventFixture): boolean {
  const names = ACKNOWLEDGED_API_CALLS[String(event.source)] ?? [];
  return names.includes((event.detail as { eventName: string }).eventName);
}

/** The detail-types of the families' own events, which the on-certificate-event router handles. */
const NATIVE_DETAIL_TYPES = FAMILIES.flatMap((family) => family.events?.native?.detailTypes ?? []);

interface ApiCallBranch {
  eventSource: string[];
  eventName: string[];
  apiVersion?: unknown[];
}

describe('on-api-call rule', () => {
  it("receives successful AWS API calls of the families' sources and nothing else", () => {
    // Act
    const pattern = patternOf('on-api-call');

    // Assess
    expect([...(pattern.source as string[])].sort()).toEqual([
      'aws.acm',
      'aws.acm-pca',
      'aws.apigateway',
      'aws.cloudfront',
      'aws.datasync',
      'aws.directconnect',
      'aws.ec2',
      'aws.elasticloadbalancing',
      'aws.iam',
      'aws.iot',
      'aws.rds',
      'aws.s3',
      'aws.vpc-lattice',
    ]);
    expect(Object.keys(RECEIVED_API_CALLS).sort()).toEqual([...(pattern.source as string[])].sort());
    expect(pattern['detail-type']).toEqual([CLOUDTRAIL_DETAIL_TYPE]);
    expect((pattern.detail as EventPattern).errorCode).toEqual([{ exists: false }]);
  });

  it('names exactly the routed and acknowledged event names of each source, by event source', () => {
    // Prepare
    const branches = (patternOf('on-api-call').detail as { $or: ApiCallBranch[] }).$or;

    // Act
    const namesBySource = new Map<string, Set<string>>();
    for (const branch of branches) {
      const [eventSource] = branch.eventSource;
      const source = `aws.${eventSource?.replace('.amazonaws.com', '')}`;
      const names = namesBySource.get(source) ?? new Set<string>();
      for (const name of branch.eventName) names.add(name);
      namesBySource.set(source, names);
    }

    // Assess
    expect([...namesBySource.keys()].sort()).toEqual(Object.keys(RECEIVED_API_CALLS).sort());
    for (const [source, names] of Object.entries(RECEIVED_API_CALLS)) {
      expect([...(namesBySource.get(source) ?? [])].sort(), source).toEqual([...names].sort());
    }
  });

  it.each(fixtures('cloudtrail-'))('agrees with the router on %s', (_name, event) => {
    // Act
    const matched = matchesEventPattern(patternOf('on-api-call'), event);
    const route = routed(routeCloudTrail, event);

    // Assess
    expect(matched).toBe(route === 'inspect' || (route === 'ignore' && isAcknowledged(event)));
  });

  it('receives every routed and acknowledged call of the fixtures', () => {
    // Act
    const received = fixtures('cloudtrail-')
      .filter(([, event]) => matchesEventPattern(patternOf('on-api-call'), event))
      .map(([, event]) => (event.detail as { eventName: string }).eventName);

    // Assess
    expect(new Set(received)).toEqual(new Set(Object.values(RECEIVED_API_CALLS).flat()));
  });

  it('receives IAM UploadServerCertificate, which IAM delivers in us-east-1 only, and inspects it', () => {
    // Prepare
    const event = loadEvent('cloudtrail-iam-upload-server-certificate');

    // Act
    const matched = matchesEventPattern(patternOf('on-api-call'), event);

    // Assess
    expect(event.region).toBe('us-east-1');
    expect(matched).toBe(true);
    expect(routed(routeCloudTrail, event)).toBe('inspect');
  });

  it.each([
    ['cloudtrail-elbv2-delete-listener', 'DeleteListener'],
    ['cloudtrail-elbv2-delete-load-balancer', 'DeleteLoadBalancer'],
    ['cloudtrail-elb-delete-load-balancer', 'DeleteLoadBalancer'],
    ['cloudtrail-elb-delete-load-balancer-listeners', 'DeleteLoadBalancerListeners'],
    ['cloudtrail-ec2-delete-vpn-connection', 'DeleteVpnConnection'],
    ['cloudtrail-directconnect-delete-connection', 'DeleteConnection'],
    ['cloudtrail-directconnect-delete-lag', 'DeleteLag'],
  ])('receives %s, and not once it failed', (fixture, eventName) => {
    // Prepare
    const event = loadEvent(fixture);
    const failed = withValue(event, ['detail', 'errorCode'], 'AccessDenied');

    // Act
    const matched = [event, failed].map((e) => matchesEventPattern(patternOf('on-api-call'), e));

    // Assess
    expect((event.detail as { eventName: string }).eventName).toBe(eventName);
    expect(matched).toEqual([true, false]);
  });

  it('ignores failed calls, tagging, ELBv2 load balancer creation and calls of other services', () => {
    // Prepare
    const createListener = loadEvent('cloudtrail-elbv2-create-listener');
    const unrelated = [
      loadEvent('cloudtrail-elbv2-modify-listener-failed'),
      loadEvent('cloudtrail-elbv2-add-tags'),
      loadEvent('cloudtrail-elbv2-create-load-balancer'),
      withValue(
        withValue(createListener, ['detail', 'eventName'], 'RegisterTargets'),
        ['id'],
        'register-targets',
      ),
      withValue(loadEvent('cloudtrail-iam-upload-server-certificate'), ['detail', 'eventName'], 'CreateUser'),
      withValue(
        loadEvent('cloudtrail-iam-upload-server-certificate'),
        ['detail', 'errorCode'],
        'MalformedCertificate',
      ),
      withValue(
        withValue(createListener, ['source'], 'aws.sqs'),
        ['detail', 'eventSource'],
        'sqs.amazonaws.com',
      ),
      withValue(loadEvent('cloudtrail-ec2-create-vpn-connection'), ['detail', 'eventName'], 'RunInstances'),
      withValue(loadEvent('cloudtrail-elbv2-create-listener'), ['detail', 'apiVersion'], '2012-06-01'),
      withValue(
        loadEvent('cloudtrail-acm-import-certificate'),
        ['detail-type'],
        'AWS Service Event via CloudTrail',
      ),
      withValue(
        loadEvent('cloudtrail-ec2-create-vpn-connection'),
        ['detail', 'errorCode'],
        'VpnConnectionLimitExceeded',
      ),
    ];

    // Act
    const matched = unrelated.map((event) => matchesEventPattern(patternOf('on-api-call'), event));

    // Assess
    expect(matched).toEqual(unrelated.map(() => false));
  });

  it('tells classic from ELBv2 calls by apiVersion, and falls back to the event name without it', () => {
    // Prepare
    const classic = loadEvent('cloudtrail-elb-create-load-balancer');
    const withoutVersion = withValue(classic, ['detail', 'apiVersion'], undefined);
    const classicCallAsV2 = withValue(classic, ['detail', 'apiVersion'], '2015-12-01');

    // Act
    const results = [classic, withoutVersion, classicCallAsV2].map((e) =>
      matchesEventPattern(patternOf('on-api-call'), e),
    );

    // Assess
    expect(results).toEqual([true, true, false]);
  });

  it.each([
    { fixture: 'cloudtrail-elbv2-delete-listener', otherVersion: '2012-06-01' },
    { fixture: 'cloudtrail-elb-delete-load-balancer-listeners', otherVersion: '2015-12-01' },
    { fixture: 'cloudtrail-elb-set-load-balancer-listener-ssl-certificate', otherVersion: '2015-12-01' },
  ])(
    'receives $fixture without apiVersion, and not under the other API version',
    ({ fixture, otherVersion }) => {
      // Prepare
      const event = loadEvent(fixture);
      const withoutVersion = withValue(event, ['detail', 'apiVersion'], undefined);
      const otherApi = withValue(event, ['detail', 'apiVersion'], otherVersion);

      // Act
      const results = [event, withoutVersion, otherApi].map((e) =>
        matchesEventPattern(patternOf('on-api-call'), e),
      );

      // Assess
      expect(results).toEqual([true, true, false]);
    },
  );
});

describe('on-certificate-event rule', () => {
  it('receives exactly the ACM event detail-types the router handles', () => {
    // Act
    const pattern = patternOf('on-certificate-event');

    // Assess
    expect(pattern).toEqual({ source: ['aws.acm'], 'detail-type': [...NATIVE_DETAIL_TYPES] });
  });

  it.each(fixtures('acm-certificate-'))('receives %s and the router inspects it', (_name, event) => {
    // Act
    const matched = matchesEventPattern(patternOf('on-certificate-event'), event);

    // Assess
    expect(matched).toBe(true);
    expect(routed(routeNativeEvent, event)).toBe('inspect');
  });

  it('ignores ACM API calls, other ACM detail-types and other sources', () => {
    // Prepare
    const expiring = loadEvent('acm-certificate-approaching-expiration');
    const unrelated = [
      loadEvent('cloudtrail-acm-request-certificate'),
      withValue(expiring, ['detail-type'], 'ACM Certificate Deleted'),
      // Named in the EventBridge reference, but the ACM user guide gives it no structure or meaning.
      withValue(expiring, ['detail-type'], 'ACM Certificate Rotated'),
      withValue(expiring, ['source'], 'aws.health'),
    ];

    // Act
    const matched = unrelated.map((event) => matchesEventPattern(patternOf('on-certificate-event'), event));

    // Assess
    expect(matched).toEqual([false, false, false, false]);
  });
});

describe('on-config-change rule', () => {
  interface ConfigBranch {
    messageType: string[];
    configurationItem?: { resourceType: string[] };
    configurationItemSummary?: { resourceType: string[] };
  }

  it('filters full and oversized item changes to the in-scope resource types', () => {
    // Prepare
    const pattern = patternOf('on-config-change');
    const branches = (pattern.detail as { $or: ConfigBranch[] }).$or;

    // Act
    const byMessageType = Object.fromEntries(
      branches.map((b) => [
        b.messageType.join(),
        (b.configurationItem ?? b.configurationItemSummary)?.resourceType,
      ]),
    );

    // Assess
    expect(pattern.source).toEqual(['aws.config']);
    expect(pattern['detail-type']).toEqual([CONFIG_CHANGE_DETAIL_TYPE]);
    expect(byMessageType).toEqual({
      ConfigurationItemChangeNotification: [...CONFIG_RESOURCE_TYPES],
      OversizedConfigurationItemChangeNotification: [...CONFIG_RESOURCE_TYPES],
    });
  });

  it.each(fixtures('config-change-'))('agrees with the router on %s', (_name, event) => {
    // Act
    const matched = matchesEventPattern(patternOf('on-config-change'), event);

    // Assess
    expect(matched).toBe(routed(routeConfigChange, event) === 'inspect');
  });

  it('ignores changes of other resource types, full or oversized', () => {
    // Prepare
    const listener = loadEvent('config-change-elbv2-listener');
    const oversized = loadEvent('config-change-oversized-elbv2-listener');
    const unrelated = [
      withValue(listener, ['detail', 'configurationItem', 'resourceType'], 'AWS::EFS::FileSystem'),
      withValue(oversized, ['detail', 'configurationItemSummary', 'resourceType'], 'AWS::EC2::SecurityGroup'),
      loadEvent('config-change-security-group'),
      loadEvent('config-change-elbv2-load-balancer'),
      // An oversized notification names its type only in the summary.
      withValue(oversized, ['detail', 'messageType'], 'ConfigurationItemChangeNotification'),
    ];

    // Act
    const matched = unrelated.map((event) => matchesEventPattern(patternOf('on-config-change'), event));

    // Assess
    expect(matched).toEqual(unrelated.map(() => false));
  });
});

describe('the rules together', () => {
  it('deliver each EventBridge fixture to at most one function, and no Config rule invocation to any', () => {
    // Prepare
    const names: FunctionName[] = ['on-api-call', 'on-certificate-event', 'on-config-change'];
    const patterns = names.map((name) => patternOf(name));

    // Act
    const receivers = FIXTURES.map((fixture) => ({
      fixture,
      count: patterns.filter((pattern) => matchesEventPattern(pattern, loadEvent(fixture))).length,
    }));

    // Assess
    expect(receivers.filter((r) => r.count > 1)).toEqual([]);
    expect(receivers.filter((r) => r.fixture.startsWith('config-rule-') && r.count > 0)).toEqual([]);
  });

  it('send what they cannot deliver to the events dead-letter queue', () => {
    // Act
    const targets = resourcesOfType(template, 'AWS::Events::Rule').flatMap(([, rule]) => targetsOf(rule));

    // Assess
    expect(targets).toHaveLength(4);
    for (const target of targets)
      expect(referencedId(target.DeadLetterConfig?.Arn)).toBe('EventsDeadLetterQueue');
  });

  it('run the sweep on its schedule', () => {
    // Act
    const [sweepRule] = rulesOf('sweep');

    // Assess
    expect(sweepRule?.[1].Properties?.ScheduleExpression).toBe('rate(6 hours)');
    expect(sweepRule?.[1].Properties?.EventPattern).toBeUndefined();
  });
});
