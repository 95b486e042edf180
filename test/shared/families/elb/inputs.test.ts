import { describe, expect, it } from 'vitest';
import { mergeInventories } from '../../../../shared/inventory/builder.js';
import { normalizeDocument } from '../../../../shared/inventory/detect.js';
import { linkInventory } from '../../../../shared/inventory/link.js';
import { fixture, linked, normalizeFixture, only } from '../../inventory/fixtures.js';

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
