import { describe, expect, it } from 'vitest';
import type { AcmCertificate } from '../../../shared/families/acm/model.js';
import type { DxLag } from '../../../shared/families/directconnect/model.js';
import type { ClassicLoadBalancer } from '../../../shared/families/elb/model.js';
import { dedupeResources, mergeResources } from '../../../shared/inventory/dedupe.js';
import type { InputError } from '../../../shared/inventory/types.js';
import { classic, OPTIONS, PAY_CLB, vpn } from './records.js';

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
    const merged = mergeResources(earlier, later, []);

    // Assess
    expect(merged).toMatchObject({
      state: 'available',
      customerGatewayId: 'cgw-0e4f5a6071829304a',
      tags: { Name: 'hq', team: 'network' },
      source: 'a.json, b.json',
    });
  });

  it('does not let an empty list replace a known one', () => {
    // Prepare
    const earlier = vpn({ tunnels: [{ outsideIpAddress: '203.0.113.60', status: 'UP' }] });

    // Act
    const merged = mergeResources(earlier, vpn({ tunnels: [] }), []);

    // Assess
    expect(merged.tunnels).toHaveLength(1);
  });
});

describe('mergeResources: other lists that name their entries', () => {
  const LISTENER =
    'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/shop/1a2b3c4d5e6f7a8b/0f1e2d3c4b5a6978';
  const ACM_CERT = 'arn:aws:acm:eu-west-1:111122223333:certificate/3f0c2a1e-7b4d-4c8e-9a15-2d6f80b1c3e7';

  it('joins the members of a LAG and the users of a certificate', () => {
    // Prepare
    const lag = (connectionIds: string[]): DxLag => ({
      resourceType: 'AWS::DirectConnect::Lag',
      resourceId: 'dxlag-fh1a2b3c',
      lagId: 'dxlag-fh1a2b3c',
      tags: {},
      source: 'a.json',
      macSecKeys: [],
      connectionIds,
    });
    const certificate = (inUseBy: string[]): AcmCertificate => ({
      resourceType: 'AWS::ACM::Certificate',
      resourceId: ACM_CERT,
      certificateArn: ACM_CERT,
      tags: {},
      source: 'a.json',
      inUseBy,
    });

    // Act
    const members = mergeResources(
      lag(['dxcon-fg1a2b3c', 'dxcon-fg2b3c4d']),
      lag(['dxcon-fg2b3c4d', 'dxcon-fg3c4d5e']),
      [],
    );
    const users = mergeResources(certificate([PAY_CLB]), certificate([LISTENER]), []);

    // Assess
    expect(members.connectionIds).toEqual(['dxcon-fg1a2b3c', 'dxcon-fg2b3c4d', 'dxcon-fg3c4d5e']);
    expect(users.inUseBy).toEqual([PAY_CLB, LISTENER]);
  });
});

describe('dedupeResources', () => {
  it('keeps one record per resource type and id, in order of first appearance', () => {
    // Prepare
    const resources = [
      vpn({ state: 'available' }),
      vpn({ resourceId: 'vpn-2', vpnConnectionId: 'vpn-2' }),
      vpn({ customerGatewayId: 'cgw-0e4f5a6071829304a', source: 'b.json' }),
    ];
    const errors: InputError[] = [];

    // Act
    const deduped = dedupeResources(resources, errors);

    // Assess
    expect(deduped.map((resource) => resource.resourceId)).toEqual(['vpn-0a1b2c3d4e5f60718', 'vpn-2']);
    expect(deduped[0]).toMatchObject({
      state: 'available',
      customerGatewayId: 'cgw-0e4f5a6071829304a',
      source: 'a.json, b.json',
    });
    expect(errors).toEqual([]);
  });

  it('keeps the newest AWS Config state of a resource, whatever the order of the inputs', () => {
    // Prepare: the newer item is the weak one
    const older = vpn({
      state: 'available',
      source: 'a.json',
      capturedAt: '2026-11-20T10:00:00.000Z',
      tunnels: [{ outsideIpAddress: '203.0.113.60', options: OPTIONS }],
    });
    const newer = vpn({
      state: 'available',
      source: 'b.json',
      capturedAt: '2026-11-21T10:00:00.000Z',
      tunnels: [{ outsideIpAddress: '203.0.113.60', options: { ...OPTIONS, ikeVersions: ['ikev1'] } }],
    });

    for (const resources of [
      [older, newer],
      [newer, older],
    ]) {
      const errors: InputError[] = [];

      // Act
      const deduped = dedupeResources(resources, errors);

      // Assess
      expect(deduped).toEqual([newer]);
      expect(errors).toEqual([]);
    }
  });

  it('keeps and reports both descriptions of a resource that contradict each other without capture times', () => {
    // Prepare
    const strong = vpn({
      source: 'a.json',
      tunnels: [{ outsideIpAddress: '203.0.113.60', options: OPTIONS }],
    });
    const weak = vpn({
      source: 'b.json',
      tunnels: [{ outsideIpAddress: '203.0.113.60', options: { ...OPTIONS, ikeVersions: ['ikev1'] } }],
    });

    for (const [first, second] of [
      [strong, weak],
      [weak, strong],
    ] as const) {
      const errors: InputError[] = [];

      // Act
      const deduped = dedupeResources([first, second], errors);

      // Assess
      expect(deduped).toEqual([first, second]);
      expect(errors).toEqual([
        {
          source: `${first.source}, ${second.source}`,
          message:
            "EC2::VPNConnection vpn-0a1b2c3d4e5f60718 is described differently in these inputs (tunnels), and they do not say which is newer (an AWS Config item's configurationItemCaptureTime would): each description is judged",
        },
      ]);
    }
  });

  it('does not order a capture time against a description without one', () => {
    // Prepare
    const config = vpn({ state: 'available', capturedAt: '2026-11-21T10:00:00.000Z', source: 'config.json' });
    const describe = vpn({ state: 'deleting', source: 'describe.json' });
    const errors: InputError[] = [];

    // Act
    const deduped = dedupeResources([describe, config], errors);

    // Assess
    expect(deduped).toEqual([describe, config]);
    expect(errors).toEqual([
      {
        source: 'describe.json, config.json',
        message: expect.stringContaining('is described differently in these inputs (state), and'),
      },
    ]);
  });

  it('joins the newest AWS Config state with a description that agrees with it, and drops the older state', () => {
    // Prepare
    const older = vpn({ state: 'pending', capturedAt: '2026-11-20T10:00:00.000Z', source: 'old.json' });
    const newer = vpn({ state: 'available', capturedAt: '2026-11-21T10:00:00.000Z', source: 'new.json' });
    const describe = vpn({ state: 'available', customerGatewayId: 'cgw-1', source: 'describe.json' });
    const errors: InputError[] = [];

    // Act
    const deduped = dedupeResources([describe, newer, older], errors);

    // Assess
    expect(deduped).toEqual([{ ...newer, customerGatewayId: 'cgw-1', source: 'describe.json, new.json' }]);
    expect(errors).toEqual([]);
  });

  it('joins two AWS Config items captured at the same time only when they agree', () => {
    // Prepare
    const capturedAt = '2026-11-21T10:00:00.000Z';
    const a = vpn({ state: 'available', capturedAt, source: 'a.json' });
    const b = vpn({ state: 'pending', capturedAt, source: 'b.json' });
    const errors: InputError[] = [];

    // Act
    const deduped = dedupeResources([a, b, { ...a, source: 'c.json' }], errors);

    // Assess
    expect(deduped).toEqual([{ ...a, source: 'a.json, c.json' }, b]);
    expect(errors.map((error) => error.source)).toEqual(['a.json, b.json']);
  });

  it('compares objects whatever the order of their fields, and a field left undefined as one left out', () => {
    // Prepare: the same options, written in another order
    const reordered = Object.fromEntries(Object.entries(OPTIONS).reverse());
    const first = vpn({
      source: 'a.json',
      state: undefined,
      tunnels: [{ outsideIpAddress: '203.0.113.60', status: 'UP', options: OPTIONS }],
    });
    const second = vpn({
      source: 'b.json',
      tunnels: [{ options: reordered as typeof OPTIONS, status: 'UP', outsideIpAddress: '203.0.113.60' }],
    });
    const errors: InputError[] = [];

    // Act
    const deduped = dedupeResources([first, second], errors);

    // Assess
    expect(deduped).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('tells lists apart by their entries, not by the text they make together', () => {
    // Prepare
    const groups = (phase1DHGroupNumbers: number[]) => ({ ...OPTIONS, phase1DHGroupNumbers });
    const first = vpn({
      source: 'a.json',
      tunnels: [{ outsideIpAddress: '203.0.113.60', options: groups([14, 2]) }],
    });
    const second = vpn({
      source: 'b.json',
      tunnels: [{ outsideIpAddress: '203.0.113.60', options: groups([1, 42]) }],
    });
    const errors: InputError[] = [];

    // Act
    const deduped = dedupeResources([first, second], errors);

    // Assess
    expect(deduped).toHaveLength(2);
    expect(errors).toHaveLength(1);
  });

  it('names every field two descriptions contradict each other on', () => {
    // Prepare
    const first = vpn({ source: 'a.json', state: 'available', customerGatewayId: 'cgw-1', type: 'ipsec.1' });
    const second = vpn({ source: 'b.json', state: 'deleted', customerGatewayId: 'cgw-2', type: 'ipsec.1' });
    const errors: InputError[] = [];

    // Act
    dedupeResources([first, second], errors);

    // Assess
    expect(errors.map((error) => error.message)).toEqual([
      "EC2::VPNConnection vpn-0a1b2c3d4e5f60718 is described differently in these inputs (state, customerGatewayId), and they do not say which is newer (an AWS Config item's configurationItemCaptureTime would): each description is judged",
    ]);
  });

  it('compares lists as sets and ignores where a record came from', () => {
    // Prepare
    const up = { outsideIpAddress: '203.0.113.60', status: 'UP' };
    const down = { outsideIpAddress: '203.0.113.61', status: 'DOWN' };
    const first = vpn({ source: 'a.json', tunnels: [up, down] });
    const second = vpn({ source: 'b.json', tunnels: [down, up] });
    const errors: InputError[] = [];

    // Act
    const deduped = dedupeResources([first, second], errors);

    // Assess
    expect(deduped).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('joins a classic load balancer known only by name to the one record of that name with an ARN', () => {
    // Prepare
    const arn = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/pay-clb';
    const resources = [
      classic('pay-clb', { region: 'eu-west-1', scheme: 'internet-facing', source: 'describe.json' }),
      classic(arn, { arn, region: 'eu-west-1', accountId: '111122223333', source: 'config.json' }),
    ];

    // Act
    const deduped = dedupeResources(resources, []);

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
    const deduped = dedupeResources(resources, []);

    // Assess
    expect(deduped.map((resource) => [resource.resourceId, resource.source])).toEqual([
      [dublin, 'config.json'],
      [frankfurt, 'describe.json, config.json'],
      [shop, 'describe.json, config.json'],
    ]);
    expect((deduped[1] as ClassicLoadBalancer).scheme).toBe('internal');
  });

  it('keeps a name-only classic load balancer apart, and reports it, when it contradicts the record with an ARN', () => {
    // Prepare
    const arn = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/pay-clb';
    const byName = classic('pay-clb', { scheme: 'internal', source: 'describe.json' });
    const withArn = classic(arn, { arn, scheme: 'internet-facing', source: 'config.json' });
    const errors: InputError[] = [];

    // Act
    const deduped = dedupeResources([byName, withArn], errors);

    // Assess
    expect(deduped).toEqual([byName, withArn]);
    expect(errors).toEqual([
      {
        source: 'describe.json, config.json',
        message: expect.stringMatching(
          /^ElasticLoadBalancing::LoadBalancer arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer\/pay-clb is described differently in these inputs \(scheme\), and/,
        ),
      },
    ]);
  });

  it('keeps a name-only classic load balancer apart when two ARNs carry that name', () => {
    // Prepare
    const resources = [
      classic('pay-clb'),
      classic('arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/pay-clb'),
      classic('arn:aws:elasticloadbalancing:eu-west-1:444455556666:loadbalancer/pay-clb'),
    ];

    // Act, Assess
    expect(dedupeResources(resources, [])).toHaveLength(3);
  });
});
