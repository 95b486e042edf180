import { describe, expect, it } from 'vitest';
import { dedupeResources, mergeResources } from '../../../shared/inventory/dedupe.js';
import type { ClassicLoadBalancer, VpnConnection } from '../../../shared/model/resource.js';

function vpn(overrides: Partial<VpnConnection>): VpnConnection {
  return {
    resourceType: 'AWS::EC2::VPNConnection',
    resourceId: 'vpn-0a1b2c3d4e5f60718',
    vpnConnectionId: 'vpn-0a1b2c3d4e5f60718',
    tags: {},
    source: 'a.json',
    tunnels: [],
    ...overrides,
  };
}

const OPTIONS = {
  ikeVersions: ['ikev2'],
  phase1EncryptionAlgorithms: [],
  phase2EncryptionAlgorithms: [],
  phase1IntegrityAlgorithms: [],
  phase2IntegrityAlgorithms: [],
  phase1DHGroupNumbers: [],
  phase2DHGroupNumbers: [],
};

describe('mergeResources', () => {
  it('lets the later record win field by field, keeping what only the earlier one has', () => {
    // Prepare
    const earlier = vpn({
      state: 'pending',
      customerGatewayId: 'cgw-0e4f5a6071829304a',
      tags: { Name: 'hq' },
    });
    const later = vpn({ state: 'available', source: 'b.json', tags: { team: 'network' } });

    // Act
    const merged = mergeResources(earlier, later);

    // Assess
    expect(merged).toMatchObject({
      state: 'available',
      customerGatewayId: 'cgw-0e4f5a6071829304a',
      tags: { Name: 'hq', team: 'network' },
      source: 'a.json, b.json',
    });
  });

  it('joins VPN tunnels by outside IP: telemetry from one input, options from the other', () => {
    // Prepare
    const options = vpn({ tunnels: [{ outsideIpAddress: '203.0.113.60', options: OPTIONS }] });
    const telemetry = vpn({
      source: 'b.json',
      tunnels: [
        { outsideIpAddress: '203.0.113.60', status: 'UP' },
        { outsideIpAddress: '203.0.113.61', status: 'DOWN' },
      ],
    });

    // Act
    const merged = mergeResources(options, telemetry);

    // Assess
    expect(merged.tunnels).toEqual([
      { outsideIpAddress: '203.0.113.60', status: 'UP', options: OPTIONS },
      { outsideIpAddress: '203.0.113.61', status: 'DOWN' },
    ]);
  });

  it('keeps the tunnels that know their options when a side does not give outside IPs', () => {
    // Prepare
    const withOptions = vpn({ tunnels: [{ outsideIpAddress: '203.0.113.60', options: OPTIONS }] });
    const anonymous = vpn({ tunnels: [{ outsideIpAddress: '', status: 'UP' }] });

    // Act, Assess
    expect(mergeResources(withOptions, anonymous).tunnels).toEqual(withOptions.tunnels);
    expect(mergeResources(anonymous, withOptions).tunnels).toEqual(withOptions.tunnels);
  });

  it('does not let an empty list replace a known one', () => {
    // Prepare
    const earlier = vpn({ tunnels: [{ outsideIpAddress: '203.0.113.60', status: 'UP' }] });

    // Act
    const merged = mergeResources(earlier, vpn({ tunnels: [] }));

    // Assess
    expect(merged.tunnels).toHaveLength(1);
  });
});

describe('dedupeResources', () => {
  function classic(resourceId: string, overrides: Partial<ClassicLoadBalancer> = {}): ClassicLoadBalancer {
    return {
      resourceType: 'AWS::ElasticLoadBalancing::LoadBalancer',
      resourceId,
      loadBalancerName: 'pay-clb',
      tags: {},
      source: 'a.json',
      listeners: [],
      policies: [],
      ...overrides,
    };
  }

  it('keeps one record per resource type and id, in order of first appearance', () => {
    // Prepare
    const resources = [
      vpn({ state: 'pending' }),
      vpn({ resourceId: 'vpn-2', vpnConnectionId: 'vpn-2' }),
      vpn({ state: 'available' }),
    ];

    // Act
    const deduped = dedupeResources(resources);

    // Assess
    expect(deduped.map((resource) => resource.resourceId)).toEqual(['vpn-0a1b2c3d4e5f60718', 'vpn-2']);
    expect((deduped[0] as VpnConnection).state).toBe('available');
  });

  it('joins a classic load balancer known only by name to the one record of that name with an ARN', () => {
    // Prepare
    const arn = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/pay-clb';
    const resources = [
      classic('pay-clb', { region: 'eu-west-1', scheme: 'internet-facing', source: 'describe.json' }),
      classic(arn, { arn, region: 'eu-west-1', accountId: '111122223333', source: 'config.json' }),
    ];

    // Act
    const deduped = dedupeResources(resources);

    // Assess
    expect(deduped).toHaveLength(1);
    expect(deduped[0]).toMatchObject({
      resourceId: arn,
      scheme: 'internet-facing',
      source: 'describe.json, config.json',
    });
  });

  it('joins a name-only classic load balancer to the record with an ARN in its own region', () => {
    // Prepare
    const dublin = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/pay-clb';
    const frankfurt = 'arn:aws:elasticloadbalancing:eu-central-1:111122223333:loadbalancer/pay-clb';
    const shop = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/shop-clb';
    const resources = [
      classic('pay-clb', { region: 'eu-central-1', scheme: 'internal', source: 'describe.json' }),
      classic(dublin, { arn: dublin, region: 'eu-west-1', source: 'config.json' }),
      classic(frankfurt, { arn: frankfurt, region: 'eu-central-1', source: 'config.json' }),
      classic('shop-clb', { loadBalancerName: 'shop-clb', source: 'describe.json' }),
      classic(shop, { arn: shop, loadBalancerName: 'shop-clb', region: 'eu-west-1', source: 'config.json' }),
    ];

    // Act
    const deduped = dedupeResources(resources);

    // Assess
    expect(deduped.map((resource) => [resource.resourceId, resource.source])).toEqual([
      [dublin, 'config.json'],
      [frankfurt, 'describe.json, config.json'],
      [shop, 'describe.json, config.json'],
    ]);
    expect((deduped[1] as ClassicLoadBalancer).scheme).toBe('internal');
  });

  it('keeps a name-only classic load balancer apart when two ARNs carry that name', () => {
    // Prepare
    const resources = [
      classic('pay-clb'),
      classic('arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/pay-clb'),
      classic('arn:aws:elasticloadbalancing:eu-west-1:444455556666:loadbalancer/pay-clb'),
    ];

    // Act, Assess
    expect(dedupeResources(resources)).toHaveLength(3);
  });
});
