import { describe, expect, it } from 'vitest';
import type { ClassicListener } from '../../../../shared/families/elb/model.js';
import { mergeInventories } from '../../../../shared/inventory/builder.js';
import { mergeResources } from '../../../../shared/inventory/dedupe.js';
import { normalizeDocument } from '../../../../shared/inventory/detect.js';
import { linkInventory } from '../../../../shared/inventory/link.js';
import type { InputError } from '../../../../shared/inventory/types.js';
import { fixture, linked, normalizeFixture, only } from '../../inventory/fixtures.js';
import { classic } from '../../inventory/records.js';

const CLASSIC = 'AWS::ElasticLoadBalancing::LoadBalancer';
const PAY_CLB = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/pay-clb';

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

describe('AWS Config snapshot', () => {
  it('reads a classic load balancer item with its own policies from supplementaryConfiguration', () => {
    // Prepare, Act
    const loadBalancer = only(
      normalizeFixture('config-snapshot.json'),
      CLASSIC,
      'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/intranet-clb',
    );

    // Assess
    expect(loadBalancer).toMatchObject({
      loadBalancerName: 'intranet-clb',
      scheme: 'internal',
      dnsName: 'internal-intranet-clb-1122334455.eu-west-1.elb.amazonaws.com',
      tags: { team: 'intranet' },
      listeners: [
        {
          protocol: 'HTTPS',
          loadBalancerPort: 443,
          instanceProtocol: 'HTTP',
          instancePort: 8080,
          sslCertificateId:
            'arn:aws:acm:eu-west-1:111122223333:certificate/9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d',
          policyNames: ['intranet-clb-tls'],
        },
      ],
    });
    expect(loadBalancer.policies).toEqual([
      {
        policyName: 'intranet-clb-tls',
        policyTypeName: 'SSLNegotiationPolicyType',
        attributes: [
          { name: 'Protocol-TLSv1', value: 'False' },
          { name: 'Protocol-TLSv1.1', value: 'false' },
          { name: 'Protocol-TLSv1.2', value: 'true' },
          { name: 'ECDHE-RSA-AES128-GCM-SHA256', value: 'true' },
          { name: 'AES128-SHA', value: 'true' },
        ],
      },
    ]);
  });
});

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
