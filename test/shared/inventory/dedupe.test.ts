import { describe, expect, it } from 'vitest';
import type { AcmCertificate } from '../../../shared/families/acm/model.js';
import type { DxLag } from '../../../shared/families/directconnect/model.js';
import type { ClassicListener, ClassicLoadBalancer } from '../../../shared/families/elb/model.js';
import type { Elbv2Listener } from '../../../shared/families/elbv2/model.js';
import type { VpnConnection } from '../../../shared/families/vpn/model.js';
import { dedupeResources, mergeResources } from '../../../shared/inventory/dedupe.js';
import type { InputError } from '../../../shared/inventory/types.js';

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
    const merged = mergeResources(earlier, later, []);

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
    const merged = mergeResources(options, telemetry, []);

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
    expect(mergeResources(withOptions, anonymous, []).tunnels).toEqual(withOptions.tunnels);
    expect(mergeResources(anonymous, withOptions, []).tunnels).toEqual(withOptions.tunnels);
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

const PAY_CLB = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/pay-clb';
const HTTPS_443: ClassicListener = {
  protocol: 'HTTPS',
  loadBalancerPort: 443,
  instanceProtocol: 'HTTP',
  instancePort: 8080,
  policyNames: ['pay-clb-tls12'],
};
const HTTP_80: ClassicListener = { protocol: 'HTTP', loadBalancerPort: 80, policyNames: [] };

describe('mergeResources: classic listeners', () => {
  it('keeps a listener only the earlier record lists (a later list never replaces it)', () => {
    // Prepare
    const errors: InputError[] = [];

    // Act
    const merged = mergeResources(
      classic(PAY_CLB, { listeners: [HTTPS_443, HTTP_80] }),
      classic(PAY_CLB, { listeners: [HTTP_80], source: 'b.json' }),
      errors,
    );

    // Assess
    expect(merged.listeners).toEqual([HTTPS_443, HTTP_80]);
    expect(errors).toEqual([]);
  });

  it('joins two descriptions of one port that agree, each filling in what the other leaves out', () => {
    // Prepare
    const bare: ClassicListener = { protocol: 'https', loadBalancerPort: 443, policyNames: [] };
    const errors: InputError[] = [];

    // Act
    const merged = mergeResources(
      classic(PAY_CLB, { listeners: [HTTPS_443] }),
      classic(PAY_CLB, { listeners: [bare] }),
      errors,
    );

    // Assess
    expect(merged.listeners).toEqual([{ ...HTTPS_443, protocol: 'https' }]);
    expect(errors).toEqual([]);
  });

  it('reports one port described two ways by load balancer and port, and keeps both descriptions', () => {
    // Prepare
    const plaintext: ClassicListener = { ...HTTPS_443, protocol: 'HTTP', policyNames: [] };
    const errors: InputError[] = [];

    // Act
    const merged = mergeResources(
      classic(PAY_CLB, { listeners: [HTTPS_443] }),
      classic(PAY_CLB, { listeners: [plaintext], source: 'b.json' }),
      errors,
    );

    // Assess
    expect(merged.listeners).toEqual([HTTPS_443, plaintext]);
    expect(errors).toEqual([
      {
        source: 'a.json, b.json',
        message: expect.stringMatching(
          /^classic load balancer pay-clb: ListenerDescriptions: LoadBalancerPort 443 is described more than once, differently \(HTTPS to HTTP:8080, policies pay-clb-tls12; HTTP to HTTP:8080\)/,
        ),
      },
    ]);
  });

  it('joins the load balancer’s own policies by name and uses neither of two that differ', () => {
    // Prepare
    const tls12 = { policyName: 'pay-clb-tls12', attributes: [{ name: 'Protocol-TLSv1.2', value: 'true' }] };
    const other = { policyName: 'pay-clb-stickiness', attributes: [] };
    const changed = { ...tls12, attributes: [{ name: 'Protocol-TLSv1', value: 'true' }] };
    const errors: InputError[] = [];

    // Act
    const kept = mergeResources(
      classic(PAY_CLB, { policies: [tls12] }),
      classic(PAY_CLB, { policies: [other, tls12] }),
      errors,
    );
    const conflicting = mergeResources(
      classic(PAY_CLB, { policies: [tls12, other] }),
      classic(PAY_CLB, { policies: [changed] }),
      errors,
    );

    // Assess
    expect(kept.policies).toEqual([tls12, other]);
    expect(conflicting.policies).toEqual([other]);
    expect(errors).toEqual([
      {
        source: 'a.json',
        message:
          'classic load balancer policy pay-clb-tls12 is described differently in these inputs: neither is used',
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
