import { describe, expect, it } from 'vitest';
import { mergeInventories } from '../../../../shared/inventory/builder.js';
import { normalizeDocument } from '../../../../shared/inventory/detect.js';
import { linkInventory } from '../../../../shared/inventory/link.js';
import {
  fixture,
  LEDGER_TLS,
  linked,
  normalizeFixture,
  only,
  SHOP_ALB,
  SHOP_HTTP,
  SHOP_HTTPS,
} from '../../inventory/fixtures.js';

const LISTENER = 'AWS::ElasticLoadBalancingV2::Listener';

describe('linkInventory: ELBv2 listeners', () => {
  it('gives each listener its load balancer name and type from DescribeLoadBalancers', () => {
    // Prepare
    const listeners = structuredClone(fixture('elbv2-describe-listeners.json'));
    // An ARN whose app/net marker disagrees with the load balancer: DescribeLoadBalancers is the authority.
    const balancers = structuredClone(fixture('elbv2-describe-load-balancers.json'));
    balancers.LoadBalancers[1].LoadBalancerName = 'ledger-nlb-renamed';

    // Act
    const inventory = linkInventory(
      mergeInventories([
        normalizeDocument(listeners, 'listeners.json'),
        normalizeDocument(balancers, 'lbs.json'),
      ]),
    );

    // Assess
    expect(only(inventory, LISTENER, LEDGER_TLS)).toMatchObject({
      loadBalancerType: 'network',
      loadBalancerName: 'ledger-nlb-renamed',
      name: 'ledger-nlb-renamed',
    });
    expect(inventory.pending).toBeUndefined();
  });

  it('lists the other listeners of the same load balancer as siblings', () => {
    // Prepare, Act
    const inventory = linked('elbv2-describe-listeners.json');

    // Assess
    expect(only(inventory, LISTENER, SHOP_HTTP).siblingListeners).toEqual([
      { listenerArn: SHOP_HTTPS, protocol: 'HTTPS', port: 443 },
    ]);
    expect(only(inventory, LISTENER, LEDGER_TLS).siblingListeners).toBeUndefined();
  });

  it('attaches DescribeRules rules to their listener by rule ARN, by priority, without the default rule', () => {
    // Prepare, Act
    const inventory = linked('elbv2-describe-rules.json', 'elbv2-describe-listeners.json');

    // Assess
    const rules = only(inventory, LISTENER, SHOP_HTTP).rules;
    expect(rules?.map((rule) => [rule.priority, rule.actions[0]?.type])).toEqual([
      ['5', 'fixed-response'],
      ['10', 'forward'],
    ]);
    expect(rules?.some((rule) => rule.isDefault)).toBe(false);
  });

  it('knows a listener whose DescribeRules output has only the default rule has no rules, and others are unknown', () => {
    // Prepare
    const rules = structuredClone(fixture('elbv2-describe-rules.json'));
    rules.Rules = rules.Rules.filter((rule: { IsDefault: boolean }) => rule.IsDefault);

    // Act
    const inventory = linkInventory(
      mergeInventories([
        normalizeDocument(rules, 'rules.json'),
        normalizeFixture('elbv2-describe-listeners.json'),
      ]),
    );

    // Assess
    expect(only(inventory, LISTENER, SHOP_HTTP).rules).toEqual([]);
    expect(only(inventory, LISTENER, SHOP_HTTPS).rules).toBeUndefined();
  });

  it('keeps one listener for a Config item and describe-listeners output that agree', () => {
    // Prepare, Act
    const inventory = linked('config-snapshot.json', 'elbv2-describe-listeners.json');

    // Assess
    const listeners = inventory.resources.filter((resource) => resource.resourceId === SHOP_HTTP);
    expect(listeners).toHaveLength(1);
    expect(listeners[0]).toMatchObject({
      loadBalancerType: 'application',
      source:
        'config-snapshot.json (AWS Config snapshot), elbv2-describe-listeners.json (elbv2 describe-listeners)',
    });
  });

  it('keeps, links and reports both descriptions of a listener that a Config item and describe-listeners disagree on', () => {
    // Prepare, Act: the snapshot says ELBSecurityPolicy-2016-08, describe-listeners a TLS 1.3 policy
    const inventory = linked('config-snapshot.json', 'elbv2-describe-listeners.json');

    // Assess
    const listeners = inventory.resources.filter((resource) => resource.resourceId === SHOP_HTTPS);
    expect(listeners).toMatchObject([
      { sslPolicy: 'ELBSecurityPolicy-2016-08', loadBalancerType: 'application', tags: { env: 'prod' } },
      { sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', loadBalancerType: 'application' },
    ]);
    expect(inventory.errors).toContainEqual({
      source:
        'config-snapshot.json (AWS Config snapshot), elbv2-describe-listeners.json (elbv2 describe-listeners)',
      message: expect.stringContaining(
        `ElasticLoadBalancingV2::Listener ${SHOP_HTTPS} is described differently`,
      ),
    });
  });
});

describe('AWS Config snapshot', () => {
  it('reads a Listener item whose configuration keys are PascalCase', () => {
    // Prepare, Act
    const inventory = normalizeFixture('config-snapshot.json');

    // Assess
    expect(only(inventory, LISTENER, SHOP_HTTPS)).toMatchObject({
      arn: SHOP_HTTPS,
      accountId: '111122223333',
      region: 'eu-west-1',
      tags: { env: 'prod' },
      protocol: 'HTTPS',
      port: 443,
      sslPolicy: 'ELBSecurityPolicy-2016-08',
      loadBalancerArn: SHOP_ALB,
      source: 'config-snapshot.json (AWS Config snapshot)',
    });
  });

  it('keeps a LoadBalancer item (camelCase) for linking only', () => {
    // Prepare, Act
    const inventory = normalizeFixture('config-snapshot.json');

    // Assess
    expect(inventory.resources.some((resource) => resource.resourceId === SHOP_ALB)).toBe(false);
    expect(inventory.pending?.loadBalancers).toEqual([
      {
        loadBalancerArn: SHOP_ALB,
        loadBalancerName: 'shop-alb',
        loadBalancerType: 'application',
        scheme: 'internet-facing',
        source: 'config-snapshot.json (AWS Config snapshot)',
      },
    ]);
  });
});
