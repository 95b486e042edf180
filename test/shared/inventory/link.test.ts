import { describe, expect, it } from 'vitest';
import { linkInventory, mergeInventories, normalizeDocument } from '../../../shared/inventory/index.js';
import type { Inventory } from '../../../shared/inventory/types.js';
import { fixture, LEDGER_TLS, normalizeFixture, only, SHOP_HTTP, SHOP_HTTPS } from './fixtures.js';

const LISTENER = 'AWS::ElasticLoadBalancingV2::Listener';
const CLASSIC = 'AWS::ElasticLoadBalancing::LoadBalancer';
const LAG = 'AWS::DirectConnect::Lag';
const PAY_CLB = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/pay-clb';

function linked(...names: string[]): Inventory {
  return linkInventory(mergeInventories(names.map(normalizeFixture)));
}

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

  it('keeps one listener for a Config item and describe-listeners output of the same listener', () => {
    // Prepare, Act
    const inventory = linked('config-snapshot.json', 'elbv2-describe-listeners.json');

    // Assess
    const listeners = inventory.resources.filter((resource) => resource.resourceId === SHOP_HTTPS);
    expect(listeners).toHaveLength(1);
    expect(listeners[0]).toMatchObject({
      sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      tags: { env: 'prod' },
      alpnPolicy: ['HTTP2Preferred'],
      source:
        'config-snapshot.json (AWS Config snapshot), elbv2-describe-listeners.json (elbv2 describe-listeners)',
    });
  });
});

describe('linkInventory: classic load balancers', () => {
  it('gives a load balancer the described policies its listeners name, and not the others', () => {
    // Prepare, Act
    const inventory = linked('elb-describe-load-balancer-policies.json', 'elb-describe-load-balancers.json');

    // Assess
    expect(only(inventory, CLASSIC, PAY_CLB).policies.map((policy) => policy.policyName)).toEqual([
      'pay-clb-tls12',
    ]);
    expect(
      only(
        inventory,
        CLASSIC,
        'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/status-legacy-clb',
      ).policies,
    ).toEqual([]);
  });

  it('uses neither definition of a policy name described differently in two inputs, and says why', () => {
    // Prepare
    const other = structuredClone(fixture('elb-describe-load-balancer-policies.json'));
    other.PolicyDescriptions[0].PolicyAttributeDescriptions[1].AttributeValue = 'true';

    // Act
    const inventory = linkInventory(
      mergeInventories([
        normalizeFixture('elb-describe-load-balancers.json'),
        normalizeFixture('elb-describe-load-balancer-policies.json'),
        normalizeDocument(other, 'policies-eu-west-2.json'),
      ]),
    );

    // Assess
    expect(only(inventory, CLASSIC, PAY_CLB).policies).toEqual([]);
    expect(inventory.errors).toEqual([
      {
        source:
          'elb-describe-load-balancer-policies.json (elb describe-load-balancer-policies), policies-eu-west-2.json (elb describe-load-balancer-policies)',
        message: expect.stringContaining(
          'classic load balancer policy pay-clb-tls12 is described differently',
        ),
      },
    ]);
  });

  it('accepts the same policy described identically twice', () => {
    // Prepare, Act
    const inventory = linkInventory(
      mergeInventories([
        normalizeFixture('elb-describe-load-balancers.json'),
        normalizeFixture('elb-describe-load-balancer-policies.json'),
        normalizeDocument(fixture('elb-describe-load-balancer-policies.json'), 'copy.json'),
      ]),
    );

    // Assess
    expect(inventory.errors).toEqual([]);
    expect(only(inventory, CLASSIC, PAY_CLB).policies).toHaveLength(1);
  });

  it('keeps the load balancer’s own policy (Config) over a described one of the same name', () => {
    // Prepare
    const policies = structuredClone(fixture('elb-describe-load-balancer-policies.json'));
    policies.PolicyDescriptions[0].PolicyName = 'intranet-clb-tls';

    // Act
    const inventory = linkInventory(
      mergeInventories([
        normalizeFixture('config-snapshot.json'),
        normalizeDocument(policies, 'policies.json'),
      ]),
    );

    // Assess
    const intranet = only(
      inventory,
      CLASSIC,
      'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/intranet-clb',
    );
    expect(intranet.policies).toHaveLength(1);
    expect(intranet.policies[0]?.attributes).toContainEqual({ name: 'AES128-SHA', value: 'true' });
  });
});

describe('linkInventory: Direct Connect LAGs', () => {
  it('fills a member’s port encryption status from DescribeConnections', () => {
    // Prepare, Act
    const inventory = linked('directconnect-describe-lags.json', 'directconnect-describe-connections.json');

    // Assess
    expect(only(inventory, LAG, 'dxlag-fh1a2b3c').memberPortEncryptionStatus).toEqual({
      'dxcon-fh2b3c4d': 'Encryption Up',
      'dxcon-fh3c4d5e': 'Encryption Down',
    });
  });

  it('adds connections that name the LAG to its members', () => {
    // Prepare
    const lags = structuredClone(fixture('directconnect-describe-lags.json'));
    lags.lags[0].connections = [];

    // Act
    const inventory = linkInventory(
      mergeInventories([
        normalizeDocument(lags, 'lags.json'),
        normalizeFixture('directconnect-describe-connections.json'),
      ]),
    );

    // Assess
    const lag = only(inventory, LAG, 'dxlag-fh1a2b3c');
    expect(lag.connectionIds).toEqual(['dxcon-fh3c4d5e']);
    expect(lag.memberPortEncryptionStatus).toEqual({ 'dxcon-fh3c4d5e': 'Encryption Down' });
  });

  it('leaves member status unknown for a LAG with no members in the input', () => {
    // Prepare
    const lags = structuredClone(fixture('directconnect-describe-lags.json'));
    lags.lags[0].connections = [];

    // Act
    const inventory = linkInventory(normalizeDocument(lags, 'lags.json'));

    // Assess
    expect(only(inventory, LAG, 'dxlag-fh1a2b3c').memberPortEncryptionStatus).toBeUndefined();
  });
});

describe('linkInventory: ELBv2 security policies', () => {
  it('keeps one live policy per name, the later one', () => {
    // Prepare
    const later = structuredClone(fixture('elbv2-describe-ssl-policies.json'));
    later.SslPolicies[0].SslProtocols = ['TLSv1.3'];

    // Act
    const inventory = linkInventory(
      mergeInventories([
        normalizeFixture('elbv2-describe-ssl-policies.json'),
        normalizeDocument(later, 'later.json'),
      ]),
    );

    // Assess
    expect(inventory.elbv2Policies).toHaveLength(1);
    expect(inventory.elbv2Policies[0]?.protocols).toEqual(['TLSv1.3']);
  });
});
