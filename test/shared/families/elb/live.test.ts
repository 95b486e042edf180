import {
  AccessPointNotFoundException,
  DescribeLoadBalancerPoliciesCommand,
  DescribeLoadBalancersCommand,
  ElasticLoadBalancingClient,
} from '@aws-sdk/client-elastic-load-balancing';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ACCOUNT_ID,
  awsError,
  classicLoadBalancer,
  mockedSource,
  REGION,
  ref,
} from '../../inventory/live/sdk-outputs.js';

const elb = mockClient(ElasticLoadBalancingClient);
const CLASSIC = 'AWS::ElasticLoadBalancing::LoadBalancer';
const arnOf = (name: string) => `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT_ID}:loadbalancer/${name}`;

const sslPolicy = (name: string) => ({
  PolicyName: `${name}-ssl`,
  PolicyTypeName: 'SSLNegotiationPolicyType',
  PolicyAttributeDescriptions: [
    { AttributeName: 'Protocol-TLSv1', AttributeValue: 'true' },
    { AttributeName: 'Protocol-TLSv1.2', AttributeValue: 'true' },
    { AttributeName: 'ECDHE-RSA-AES128-GCM-SHA256', AttributeValue: 'true' },
  ],
});

describe('live classic load balancer read', () => {
  afterEach(() => {
    elb.reset();
  });

  it('reads the load balancer by the name in its ARN, with the policies defined on it', async () => {
    // Prepare
    elb
      .on(DescribeLoadBalancersCommand)
      .resolves({ LoadBalancerDescriptions: [classicLoadBalancer('legacy', 'HTTPS')] });
    elb.on(DescribeLoadBalancerPoliciesCommand).resolves({ PolicyDescriptions: [sslPolicy('legacy')] });
    const source = mockedSource();

    // Act
    const result = await source.read([ref(CLASSIC, arnOf('legacy'))]);

    // Assess
    expect(elb).toReceiveCommandWith(DescribeLoadBalancersCommand, { LoadBalancerNames: ['legacy'] });
    expect(elb).toReceiveCommandWith(DescribeLoadBalancerPoliciesCommand, { LoadBalancerName: 'legacy' });
    expect(result.errors).toEqual([]);
    expect(result.resources).toEqual([
      expect.objectContaining({
        loadBalancerName: 'legacy',
        region: REGION,
        accountId: ACCOUNT_ID,
        listeners: [expect.objectContaining({ protocol: 'HTTPS', policyNames: ['legacy-ssl'] })],
        policies: [
          expect.objectContaining({
            policyName: 'legacy-ssl',
            attributes: expect.arrayContaining([{ name: 'Protocol-TLSv1', value: 'true' }]),
          }),
        ],
      }),
    ]);
  });

  it('prefers the name the ref carries', async () => {
    // Prepare
    elb
      .on(DescribeLoadBalancersCommand)
      .resolves({ LoadBalancerDescriptions: [classicLoadBalancer('legacy', 'HTTP')] });
    const source = mockedSource();

    // Act
    await source.read([ref(CLASSIC, 'legacy-id', { name: 'legacy' })]);

    // Assess
    expect(elb).toReceiveCommandWith(DescribeLoadBalancersCommand, { LoadBalancerNames: ['legacy'] });
  });

  it('skips DescribeLoadBalancerPolicies when no listener uses HTTPS or SSL', async () => {
    // Prepare
    elb
      .on(DescribeLoadBalancersCommand)
      .resolves({ LoadBalancerDescriptions: [classicLoadBalancer('plain', 'HTTP')] });
    const source = mockedSource();

    // Act
    const result = await source.read([ref(CLASSIC, arnOf('plain'))]);

    // Assess
    expect(elb).toReceiveCommandTimes(DescribeLoadBalancerPoliciesCommand, 0);
    expect(result.resources).toHaveLength(1);
  });

  it('reports a load balancer AWS no longer knows as gone', async () => {
    // Prepare
    elb.on(DescribeLoadBalancersCommand).rejects(
      new AccessPointNotFoundException({
        message: "There is no ACTIVE Load Balancer named 'old'",
        $metadata: {},
      }),
    );
    const source = mockedSource();

    // Act
    const result = await source.read([ref(CLASSIC, arnOf('old'))]);

    // Assess
    expect(result.gone).toEqual([ref(CLASSIC, arnOf('old'))]);
    expect(result.errors).toEqual([]);
  });

  it('reports a failed policy read as an error for that load balancer only', async () => {
    // Prepare
    elb
      .on(DescribeLoadBalancersCommand, { LoadBalancerNames: ['legacy'] })
      .resolves({ LoadBalancerDescriptions: [classicLoadBalancer('legacy', 'HTTPS')] });
    elb
      .on(DescribeLoadBalancersCommand, { LoadBalancerNames: ['plain'] })
      .resolves({ LoadBalancerDescriptions: [classicLoadBalancer('plain', 'HTTP')] });
    elb.on(DescribeLoadBalancerPoliciesCommand).rejects(awsError('InternalFailure', 'Internal failure'));
    const source = mockedSource();

    // Act
    const result = await source.read([ref(CLASSIC, arnOf('legacy')), ref(CLASSIC, arnOf('plain'))]);

    // Assess
    expect(result.errors).toEqual([
      { source: 'api:DescribeLoadBalancerPolicies legacy', message: 'InternalFailure: Internal failure' },
    ]);
    expect(result.resources).toEqual([expect.objectContaining({ loadBalancerName: 'plain' })]);
  });
});

describe('live classic load balancer sweep', () => {
  afterEach(() => {
    elb.reset();
  });

  it('follows the pages and reads policies only for load balancers with an HTTPS or SSL listener', async () => {
    // Prepare
    elb
      .on(DescribeLoadBalancersCommand)
      .resolves({ LoadBalancerDescriptions: [classicLoadBalancer('legacy', 'HTTPS')], NextMarker: 'page-2' });
    elb.on(DescribeLoadBalancersCommand, { Marker: 'page-2' }).resolves({
      LoadBalancerDescriptions: [classicLoadBalancer('plain', 'TCP'), classicLoadBalancer('mq', 'SSL')],
    });
    elb.on(DescribeLoadBalancerPoliciesCommand).callsFake((input) => ({
      PolicyDescriptions: [sslPolicy(input.LoadBalancerName)],
    }));
    const source = mockedSource();

    // Act
    const result = await source.enumerate(REGION, ['elb']);

    // Assess
    expect(elb).toReceiveCommandWith(DescribeLoadBalancersCommand, { Marker: 'page-2' });
    expect(elb).toReceiveCommandTimes(DescribeLoadBalancerPoliciesCommand, 2);
    expect(elb).toReceiveCommandWith(DescribeLoadBalancerPoliciesCommand, { LoadBalancerName: 'legacy' });
    expect(elb).toReceiveCommandWith(DescribeLoadBalancerPoliciesCommand, { LoadBalancerName: 'mq' });
    expect(result.resources.map((resource) => resource.name ?? resource.resourceId)).toHaveLength(3);
    const mq = result.resources.find(
      (resource) => resource.resourceType === CLASSIC && resource.loadBalancerName === 'mq',
    );
    expect(mq).toMatchObject({ policies: [expect.objectContaining({ policyName: 'mq-ssl' })] });
  });

  it('reports a failed listing of the region and returns nothing for the family', async () => {
    // Prepare
    elb.on(DescribeLoadBalancersCommand).rejects(awsError('AccessDenied', 'not allowed'));
    const source = mockedSource();

    // Act
    const result = await source.enumerate(REGION, ['elb']);

    // Assess
    expect(result).toEqual({
      resources: [],
      gone: [],
      errors: [{ source: `api:DescribeLoadBalancers ${REGION}`, message: 'AccessDenied: not allowed' }],
      tlsPolicies: [],
    });
  });
});
