/**
 * Counterexamples the property suites found, pinned as examples so they fail on every seed until fixed.
 * Each builds the smallest input that shows the problem from a project fixture.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfigRuleInvocation } from '../../shared/events/config.js';
import { routeEvent } from '../../shared/events/route.js';
import { normalizeDocument } from '../../shared/inventory/detect.js';
import { loadEvent, withValue } from '../fixtures/events/load.js';

function input(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../fixtures/inputs/${name}`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;
}

/** A config snapshot holding only its item at `index`, changed by `change`. */
function snapshotItem(index: number, change: (item: Record<string, unknown>) => void) {
  const snapshot = input('config-snapshot.json');
  const item = structuredClone((snapshot.configurationItems as Record<string, unknown>[])[index]);
  if (!item) throw new Error(`config-snapshot.json has no item ${index}`);
  change(item);
  return { ...snapshot, configurationItems: [item] };
}

describe('Config items with an empty ARN', () => {
  it.each([
    ['config-change-elbv2-listener', 'AWS::ElasticLoadBalancingV2::Listener'],
    ['config-change-elb-load-balancer', 'AWS::ElasticLoadBalancing::LoadBalancer'],
    ['config-change-acm-certificate-deleted', 'AWS::ACM::Certificate'],
  ])('never route %s to an empty resource id', (fixture, resourceType) => {
    // Prepare
    const event = withValue(loadEvent(fixture), ['detail', 'configurationItem', 'ARN'], '');

    // Act
    const route = routeEvent(event);

    // Assess
    expect(route.kind).toBe('inspect');
    const refs = route.kind === 'inspect' ? route.refs : [];
    expect(refs.map((ref) => ref.resourceType)).toEqual([resourceType]);
    expect(refs.every((ref) => ref.resourceId !== '')).toBe(true);
  });

  it('never route an oversized custom-rule notification to an empty resource id', () => {
    // Prepare
    const invocation = loadEvent('config-rule-oversized-acm-certificate');
    const invokingEvent = JSON.parse(invocation.invokingEvent as string) as {
      configurationItemSummary: Record<string, unknown>;
    };
    invokingEvent.configurationItemSummary.ARN = '';

    // Act
    const { route } = parseConfigRuleInvocation({
      ...invocation,
      invokingEvent: JSON.stringify(invokingEvent),
    });

    // Assess
    expect(route.kind === 'inspect' ? route.refs.map((ref) => ref.resourceId) : []).not.toContain('');
  });

  it('never give a classic load balancer read from a snapshot an empty resource id', () => {
    // Prepare
    const document = snapshotItem(3, (item) => {
      item.ARN = '';
    });

    // Act
    const inventory = normalizeDocument(document, 'config-snapshot.json');

    // Assess
    expect(inventory.resources.map((resource) => resource.resourceType)).toEqual([
      'AWS::ElasticLoadBalancing::LoadBalancer',
    ]);
    expect(inventory.resources[0]?.resourceId).not.toBe('');
  });
});

describe('JSON objects with their own toString or valueOf keys', () => {
  it('reports a tag value that cannot be turned into text instead of throwing', () => {
    // Prepare
    const document = snapshotItem(3, (item) => {
      item.tags = { team: { toString: null, valueOf: null } };
    });

    // Act
    const read = () => normalizeDocument(document, 'config-snapshot.json');

    // Assess
    expect(read).not.toThrow();
    const { resources, errors } = read();
    expect(resources.length + errors.length).toBe(1);
  });

  it('reads a placebo date whose part is an object as no date instead of throwing', () => {
    // Prepare
    const document = input('placebo-acm-describe-certificate.json');
    const certificate = (document.data as { Certificate: Record<string, Record<string, unknown>> })
      .Certificate;
    certificate.NotAfter = { ...certificate.NotAfter, microsecond: { valueOf: null, toString: null } };

    // Act
    const read = () => normalizeDocument(document, 'placebo-acm-describe-certificate.json');

    // Assess
    expect(read).not.toThrow();
    const { resources, errors } = read();
    expect(resources.length + errors.length).toBe(1);
  });
});
