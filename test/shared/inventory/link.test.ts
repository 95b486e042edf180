import { describe, expect, it } from 'vitest';
import type { PendingTunnelStatus } from '../../../shared/families/vpn/inputs.js';
import type { VpnConnection } from '../../../shared/families/vpn/model.js';
import { emptyPending, mergeInventories } from '../../../shared/inventory/builder.js';
import { normalizeDocument } from '../../../shared/inventory/detect.js';
import { linkInventory } from '../../../shared/inventory/link.js';
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
    expect(inventory.tlsPolicies).toHaveLength(1);
    expect(inventory.tlsPolicies[0]?.protocols).toEqual(['TLSv1.3']);
  });
});

describe('linkInventory: two descriptions of one resource that contradict each other', () => {
  const VPN_ID = 'vpn-0a1b2c3d4e5f60718';
  const vpn = (source: string, state: string): VpnConnection => ({
    resourceType: 'AWS::EC2::VPNConnection',
    resourceId: VPN_ID,
    vpnConnectionId: VPN_ID,
    state,
    tags: {},
    source,
    tunnels: [{ outsideIpAddress: '203.0.113.60', status: 'UP' }],
  });

  it('links every description of a VPN connection to the tunnel status, and judges each', () => {
    // Prepare
    const negotiated = { ikeVersion: 'ikev1' };
    const tunnelStatuses: PendingTunnelStatus[] = [
      {
        vpnConnectionId: VPN_ID,
        outsideIpAddress: '203.0.113.60',
        negotiated,
        source: 'status.json',
        path: '',
      },
    ];
    const pending = { ...emptyPending(), tunnelStatuses };

    // Act
    const inventory = linkInventory({
      resources: [vpn('a.json', 'available'), vpn('b.json', 'pending')],
      errors: [],
      tlsPolicies: [],
      pending,
    });

    // Assess
    expect(inventory.resources).toMatchObject([
      { state: 'available', tunnels: [{ negotiated }] },
      { state: 'pending', tunnels: [{ negotiated }] },
    ]);
    expect(inventory.errors.map((error) => error.source)).toEqual(['a.json, b.json']);
  });

  it('reports a tunnel described twice differently once, however many descriptions its connection has', () => {
    // Prepare
    const tunnelStatuses: PendingTunnelStatus[] = [];
    const pending = { ...emptyPending(), tunnelStatuses };
    for (const [source, ikeVersion] of [
      ['s1.json', 'ikev1'],
      ['s2.json', 'ikev2'],
    ] as const) {
      tunnelStatuses.push({
        vpnConnectionId: VPN_ID,
        outsideIpAddress: '203.0.113.60',
        negotiated: { ikeVersion },
        source,
        path: '',
      });
    }

    // Act
    const inventory = linkInventory({
      resources: [vpn('a.json', 'available'), vpn('b.json', 'pending')],
      errors: [],
      tlsPolicies: [],
      pending,
    });

    // Assess
    expect(inventory.errors.map((error) => error.source)).toEqual(['a.json, b.json', 's1.json, s2.json']);
    expect(
      inventory.resources.every(
        (resource) => (resource as VpnConnection).tunnels[0]?.negotiated === undefined,
      ),
    ).toBe(true);
  });
});
