import { describe, expect, it } from 'vitest';
import type { PendingClassicPolicy } from '../../../../shared/families/elb/inputs.js';
import { normalizeDocument } from '../../../../shared/inventory/detect.js';
import type { Inventory } from '../../../../shared/inventory/types.js';
import { policySchema } from '../../../../shared/policy/schema.js';
import { RULES } from '../../../../shared/rules/index.js';
import { createTlsCatalog } from '../../../../shared/tls/index.js';
import { evaluateAndPlanAll } from '../../../../shared/usecase/evaluate.js';
import { normalizeDocuments } from '../../../helpers/inventory.js';
import { fixture, normalizeFixture, only } from '../../inventory/fixtures.js';

/** The DescribeLoadBalancerPolicies policies an inventory keeps for linking. */
const classicPolicies = (inventory: Inventory) =>
  inventory.pending?.classicPolicies as PendingClassicPolicy[] | undefined;

const CLASSIC = 'AWS::ElasticLoadBalancing::LoadBalancer';
const PAY_CLB = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/pay-clb';

describe('elb describe-load-balancers', () => {
  it('reads a classic load balancer with its listeners, and builds its ARN from the DNS name and owner', () => {
    // Prepare, Act
    const inventory = normalizeFixture('elb-describe-load-balancers.json');

    // Assess
    expect(inventory.errors).toEqual([]);
    expect(only(inventory, CLASSIC, PAY_CLB)).toEqual({
      resourceType: CLASSIC,
      resourceId: PAY_CLB,
      arn: PAY_CLB,
      accountId: '111122223333',
      region: 'eu-west-1',
      name: 'pay-clb',
      tags: {},
      source: 'elb-describe-load-balancers.json (elb describe-load-balancers)',
      loadBalancerName: 'pay-clb',
      dnsName: 'pay-clb-2039485761.eu-west-1.elb.amazonaws.com',
      scheme: 'internet-facing',
      listeners: [
        {
          protocol: 'HTTPS',
          loadBalancerPort: 443,
          instanceProtocol: 'HTTPS',
          instancePort: 8443,
          sslCertificateId:
            'arn:aws:acm:eu-west-1:111122223333:certificate/2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
          policyNames: ['pay-clb-tls12'],
        },
      ],
      policies: [],
    });
  });

  it('falls back to the name as id when the owner is not an account id (EC2-Classic "amazon-elb")', () => {
    // Prepare
    const output = structuredClone(fixture('elb-describe-load-balancers.json'));
    output.LoadBalancerDescriptions[0].SourceSecurityGroup.OwnerAlias = 'amazon-elb';

    // Act
    const inventory = normalizeDocument(output, 'clb.json');

    // Assess
    const loadBalancer = only(inventory, CLASSIC, 'pay-clb');
    expect(loadBalancer.arn).toBeUndefined();
    expect(loadBalancer.accountId).toBeUndefined();
    expect(loadBalancer.region).toBe('eu-west-1');
  });

  it('reports a listener without a load balancer port by its path', () => {
    // Prepare
    const output = structuredClone(fixture('elb-describe-load-balancers.json'));
    delete output.LoadBalancerDescriptions[1].ListenerDescriptions[0].Listener.LoadBalancerPort;

    // Act
    const inventory = normalizeDocument(output, 'clb.json');

    // Assess
    expect(inventory.errors).toEqual([
      {
        source: 'clb.json',
        message:
          'elb describe-load-balancers: LoadBalancerDescriptions[1].ListenerDescriptions[0].Listener.LoadBalancerPort: missing; the load balancer is left out',
      },
    ]);
    expect(inventory.resources.map((resource) => resource.resourceId)).toEqual([PAY_CLB]);
  });

  it('reads the Query API shape converted from XML, with member lists and text numbers', () => {
    // Prepare
    const output = {
      DescribeLoadBalancersResponse: {
        DescribeLoadBalancersResult: {
          LoadBalancerDescriptions: {
            member: {
              LoadBalancerName: 'mail-relay-clb',
              DNSName: 'mail-relay-clb-1928374650.eu-west-1.elb.amazonaws.com',
              SourceSecurityGroup: { OwnerAlias: '111122223333', GroupName: 'mail-relay-clb-sg' },
              ListenerDescriptions: {
                member: [
                  {
                    Listener: {
                      Protocol: 'SSL',
                      LoadBalancerPort: '465',
                      InstanceProtocol: 'TCP',
                      InstancePort: '25',
                    },
                    PolicyNames: { member: 'mail-relay-tls' },
                  },
                ],
              },
            },
          },
        },
        ResponseMetadata: { RequestId: '83c88b9d-12b7-11e3-8b82-87b12EXAMPLE' },
      },
    };

    // Act
    const inventory = normalizeDocument(output, 'describe-load-balancers.xml.json');

    // Assess
    const loadBalancer = only(
      inventory,
      CLASSIC,
      'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/mail-relay-clb',
    );
    expect(loadBalancer.listeners).toEqual([
      {
        protocol: 'SSL',
        loadBalancerPort: 465,
        instanceProtocol: 'TCP',
        instancePort: 25,
        policyNames: ['mail-relay-tls'],
      },
    ]);
  });
});

describe('elb describe-load-balancers listing a load balancer twice', () => {
  const REPEATED = 'elb-describe-load-balancers-repeated.json';
  const ORDERS_CLB = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/orders-clb';
  const REPORTS_CLB = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/reports-clb';
  const read = () => normalizeDocuments([{ document: fixture(REPEATED), source: REPEATED }]);

  it('keeps the listeners of both records, joined by load balancer port', () => {
    // Prepare, Act
    const inventory = read();

    // Assess
    const orders = only(inventory, CLASSIC, ORDERS_CLB);
    expect(orders.listeners.map((listener) => `${listener.protocol}:${listener.loadBalancerPort}`)).toEqual([
      'HTTPS:443',
      'HTTP:80',
    ]);
    expect(orders.listeners[0]?.policyNames).toEqual(['ELBSecurityPolicy-2016-08']);
    expect(inventory.errors.filter((error) => error.message.includes('orders-clb'))).toEqual([]);
  });

  it('reports one port described two ways, naming the load balancer and the port, and keeps both', () => {
    // Prepare, Act
    const inventory = read();

    // Assess
    const reports = only(inventory, CLASSIC, REPORTS_CLB);
    expect(reports.listeners.map((listener) => `${listener.protocol}:${listener.loadBalancerPort}`)).toEqual([
      'HTTPS:443',
      'SSL:465',
      'HTTP:443',
    ]);
    expect(inventory.errors).toEqual([
      {
        source: `${REPEATED} (elb describe-load-balancers)`,
        message:
          'classic load balancer reports-clb: ListenerDescriptions: LoadBalancerPort 443 is described more than once, differently (HTTPS to HTTP:8080, certificate arn:aws:acm:eu-west-1:111122223333:certificate/4d5e6f70-8192-4a3b-9c4d-5e6f708192a3, policies ELBSecurityPolicy-2016-08; HTTP to HTTP:8080): each description is judged, as the input does not say which is current',
      },
    ]);
  });

  it('judges the HTTPS listener only the first record lists, instead of finding no TLS listener', () => {
    // Prepare
    const inventory = read();
    const tls = createTlsCatalog({ tlsPolicies: inventory.tlsPolicies });

    // Act
    const evaluations = evaluateAndPlanAll(inventory.resources, RULES, {
      policy: policySchema.parse({}),
      now: new Date('2026-11-22T00:00:00Z'),
      tls,
    });

    // Assess
    const verdict = (ruleId: string, resourceId: string) =>
      evaluations.find((e) => e.ruleId === ruleId && e.resourceId === resourceId)?.status;
    expect(verdict('elb-listener-tls-policy', ORDERS_CLB)).toBe('NON_COMPLIANT');
    expect(verdict('elb-listener-plaintext', ORDERS_CLB)).toBe('NON_COMPLIANT');
    expect(verdict('elb-listener-tls-policy', REPORTS_CLB)).toBe('NON_COMPLIANT');
    expect(verdict('elb-listener-plaintext', REPORTS_CLB)).toBe('NON_COMPLIANT');
  });
});

describe('elb describe-load-balancer-policies', () => {
  it('keeps the policies for linking: the output does not say which load balancer they belong to', () => {
    // Prepare, Act
    const inventory = normalizeFixture('elb-describe-load-balancer-policies.json');

    // Assess
    expect(inventory.resources).toEqual([]);
    expect(classicPolicies(inventory)?.map((entry) => entry.policy.policyName)).toEqual([
      'pay-clb-tls12',
      'pay-clb-stickiness',
    ]);
    expect(classicPolicies(inventory)?.[0]).toEqual({
      source: 'elb-describe-load-balancer-policies.json (elb describe-load-balancer-policies)',
      policy: {
        policyName: 'pay-clb-tls12',
        policyTypeName: 'SSLNegotiationPolicyType',
        attributes: expect.arrayContaining([
          { name: 'Reference-Security-Policy', value: 'ELBSecurityPolicy-TLS-1-2-2017-01' },
          { name: 'Protocol-TLSv1.2', value: 'true' },
        ]),
      },
    });
  });
});
