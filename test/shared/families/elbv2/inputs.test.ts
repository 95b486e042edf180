import { describe, expect, it } from 'vitest';
import type { Elbv2Listener } from '../../../../shared/families/elbv2/model.js';
import { mergeInventories } from '../../../../shared/inventory/builder.js';
import { mergeResources } from '../../../../shared/inventory/dedupe.js';
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

describe('mergeResources: other lists that name their entries', () => {
  const LISTENER =
    'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/shop/1a2b3c4d5e6f7a8b/0f1e2d3c4b5a6978';
  const IAM_CERT = 'arn:aws:iam::111122223333:server-certificate/shop-2019';
  const ACM_CERT = 'arn:aws:acm:eu-west-1:111122223333:certificate/3f0c2a1e-7b4d-4c8e-9a15-2d6f80b1c3e7';

  function listener(overrides: Partial<Elbv2Listener>): Elbv2Listener {
    return {
      resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
      resourceId: LISTENER,
      listenerArn: LISTENER,
      loadBalancerArn:
        'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/shop/1a2b3c4d5e6f7a8b',
      tags: {},
      source: 'a.json',
      certificates: [],
      defaultActions: [],
      ...overrides,
    };
  }

  it('joins listener certificates and rules by ARN, the later description of each winning', () => {
    // Prepare
    const forward = (ruleArn: string, priority: string) => ({
      ruleArn,
      priority,
      isDefault: false,
      actions: [{ type: 'forward' }],
    });
    const earlier = listener({
      certificates: [{ certificateArn: IAM_CERT, isDefault: true }],
      rules: [forward('rule/1', '1'), forward('rule/2', '2')],
    });
    const later = listener({
      certificates: [{ certificateArn: ACM_CERT }, { certificateArn: IAM_CERT, isDefault: false }],
      rules: [forward('rule/2', '20')],
    });

    // Act
    const merged = mergeResources(earlier, later, []);

    // Assess
    expect(merged.certificates).toEqual([
      { certificateArn: IAM_CERT, isDefault: false },
      { certificateArn: ACM_CERT },
    ]);
    expect(merged.rules?.map((rule) => [rule.ruleArn, rule.priority])).toEqual([
      ['rule/1', '1'],
      ['rule/2', '20'],
    ]);
  });

  it('keeps the later default actions whole: they are one setting', () => {
    // Prepare
    const earlier = listener({ defaultActions: [{ type: 'forward', targetGroupArn: 'tg/web' }] });
    const later = listener({ defaultActions: [{ type: 'redirect', redirect: { protocol: 'HTTPS' } }] });

    // Act, Assess
    expect(mergeResources(earlier, later, []).defaultActions).toEqual(later.defaultActions);
  });
});
