import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeSSLPoliciesCommand,
  ElasticLoadBalancingV2Client,
  ListenerNotFoundException,
  LoadBalancerNotFoundException,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import {
  awsError,
  healthRule,
  httpListener,
  httpsListener,
  listenerArn,
  loadBalancer,
  loadBalancerArn,
  mockedSource,
  REGION,
  ref,
} from '../../inventory/live/sdk-outputs.js';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const LISTENER = 'AWS::ElasticLoadBalancingV2::Listener';
const NEW_POLICY = 'ELBSecurityPolicy-TLS13-1-3-PQ-2099-01';
const NEW_POLICY_OUTPUT = {
  SslPolicies: [
    {
      Name: NEW_POLICY,
      SslProtocols: ['TLSv1.3'],
      Ciphers: [{ Name: 'TLS_AES_128_GCM_SHA256', Priority: 1 }],
    },
  ],
};

/** The shop ALB with an HTTP listener (redirecting to HTTPS through its default rule) and an HTTPS one. */
function answerShop(httpsPolicy?: string) {
  const http = httpListener('shop', 'f2f7dc8efc522ab2');
  const https = httpsListener('shop', '0467ef3c8400ae65', httpsPolicy);
  elbv2.on(DescribeListenersCommand, { ListenerArns: [http.ListenerArn] }).resolves({ Listeners: [http] });
  elbv2.on(DescribeListenersCommand, { ListenerArns: [https.ListenerArn] }).resolves({ Listeners: [https] });
  elbv2
    .on(DescribeLoadBalancersCommand, { LoadBalancerArns: [loadBalancerArn('shop')] })
    .resolves({ LoadBalancers: [loadBalancer('shop')] });
  elbv2
    .on(DescribeListenersCommand, { LoadBalancerArn: loadBalancerArn('shop') })
    .resolves({ Listeners: [http, https] });
  elbv2.on(DescribeRulesCommand).resolves({ Rules: [healthRule(http, '0c3b8f2d4e6a1b57')] });
  elbv2.on(DescribeSSLPoliciesCommand).resolves({
    SslPolicies: [
      {
        Name: NEW_POLICY,
        SslProtocols: ['TLSv1.3'],
        Ciphers: [{ Name: 'TLS_AES_128_GCM_SHA256', Priority: 1 }],
      },
    ],
  });
  return { http, https };
}

describe('live ELBv2 listener read', () => {
  afterEach(() => {
    elbv2.reset();
  });

  it('reads an HTTP listener with its load balancer, its sibling listeners and its rules', async () => {
    // Prepare
    const { http, https } = answerShop();
    const source = mockedSource();

    // Act
    const result = await source.read([ref(LISTENER, http.ListenerArn)]);

    // Assess
    expect(elbv2).toReceiveCommandWith(DescribeListenersCommand, { ListenerArns: [http.ListenerArn] });
    expect(elbv2).toReceiveCommandWith(DescribeLoadBalancersCommand, {
      LoadBalancerArns: [loadBalancerArn('shop')],
    });
    expect(elbv2).toReceiveCommandWith(DescribeListenersCommand, {
      LoadBalancerArn: loadBalancerArn('shop'),
    });
    expect(elbv2).toReceiveCommandExactlyOnceWith(DescribeRulesCommand, { ListenerArn: http.ListenerArn });
    expect(result.errors).toEqual([]);
    expect(result.resources).toHaveLength(1);
    expect(result.resources[0]).toMatchObject({
      resourceId: http.ListenerArn,
      protocol: 'HTTP',
      loadBalancerType: 'application',
      loadBalancerName: 'shop',
      region: REGION,
      rules: [expect.objectContaining({ priority: '10', isDefault: false })],
      siblingListeners: [expect.objectContaining({ listenerArn: https.ListenerArn, protocol: 'HTTPS' })],
    });
  });

  it('fetches no rules for an HTTPS listener', async () => {
    // Prepare
    const { https } = answerShop();
    const source = mockedSource();

    // Act
    const result = await source.read([ref(LISTENER, https.ListenerArn)]);

    // Assess
    expect(elbv2).toReceiveCommandTimes(DescribeRulesCommand, 0);
    expect(result.resources).toEqual([
      expect.objectContaining({ resourceId: https.ListenerArn, protocol: 'HTTPS' }),
    ]);
  });

  it('describes a load balancer once for two of its listeners', async () => {
    // Prepare
    const { http, https } = answerShop();
    const source = mockedSource();

    // Act
    const result = await source.read([ref(LISTENER, http.ListenerArn), ref(LISTENER, https.ListenerArn)]);

    // Assess
    expect(elbv2).toReceiveCommandTimes(DescribeLoadBalancersCommand, 1);
    expect(elbv2).toReceiveCommandTimes(DescribeListenersCommand, 3);
    expect(result.resources.map((resource) => resource.resourceId).sort()).toEqual(
      [http.ListenerArn, https.ListenerArn].sort(),
    );
  });

  it('calls DescribeSSLPolicies once per region when a listener names a policy the bundled data lacks', async () => {
    // Prepare
    const { https } = answerShop(NEW_POLICY);
    const source = mockedSource();

    // Act
    const first = await source.read([ref(LISTENER, https.ListenerArn)]);
    const second = await source.read([ref(LISTENER, https.ListenerArn)]);

    // Assess
    expect(elbv2).toReceiveCommandTimes(DescribeSSLPoliciesCommand, 1);
    expect(elbv2).toReceiveCommandWith(DescribeSSLPoliciesCommand, {});
    for (const result of [first, second]) {
      expect(result.tlsPolicies).toEqual([
        expect.objectContaining({ name: NEW_POLICY, protocols: ['TLSv1.3'], origin: 'live' }),
      ]);
    }
  });

  it('does not call DescribeSSLPolicies for a predefined policy', async () => {
    // Prepare
    const { https } = answerShop('ELBSecurityPolicy-TLS13-1-2-Res-2021-06');
    const source = mockedSource();

    // Act
    const result = await source.read([ref(LISTENER, https.ListenerArn)]);

    // Assess
    expect(elbv2).toReceiveCommandTimes(DescribeSSLPoliciesCommand, 0);
    expect(result.tlsPolicies).toEqual([]);
  });

  it('reports a failed DescribeSSLPolicies, still returns the listener, and asks again next time', async () => {
    // Prepare
    const { https } = answerShop(NEW_POLICY);
    elbv2
      .on(DescribeSSLPoliciesCommand)
      .rejectsOnce(awsError('InternalFailure', 'Internal failure'))
      .resolves(NEW_POLICY_OUTPUT);
    const source = mockedSource();

    // Act
    const first = await source.read([ref(LISTENER, https.ListenerArn)]);
    const second = await source.read([ref(LISTENER, https.ListenerArn)]);

    // Assess
    expect(first.resources).toHaveLength(1);
    expect(first.errors).toEqual([
      { source: `api:DescribeSSLPolicies ${REGION}`, message: 'InternalFailure: Internal failure' },
    ]);
    expect(second.errors).toEqual([]);
    expect(second.tlsPolicies).toHaveLength(1);
    expect(elbv2).toReceiveCommandTimes(DescribeSSLPoliciesCommand, 2);
  });

  it('reports a listener that no longer exists as gone, not as an error', async () => {
    // Prepare
    const arn = listenerArn('shop', 'deadbeefdeadbeef');
    elbv2
      .on(DescribeListenersCommand)
      .rejects(new ListenerNotFoundException({ message: 'One or more listeners not found', $metadata: {} }));
    const source = mockedSource();

    // Act
    const result = await source.read([ref(LISTENER, arn)]);

    // Assess
    expect(result).toEqual({ resources: [], gone: [ref(LISTENER, arn)], errors: [], tlsPolicies: [] });
  });

  it('reports a listener whose load balancer is gone as gone', async () => {
    // Prepare
    const { http } = answerShop();
    elbv2
      .on(DescribeLoadBalancersCommand)
      .rejects(new LoadBalancerNotFoundException({ message: 'not found', $metadata: {} }));
    const source = mockedSource();

    // Act
    const result = await source.read([ref(LISTENER, http.ListenerArn)]);

    // Assess
    expect(result.gone).toEqual([ref(LISTENER, http.ListenerArn)]);
    expect(result.errors).toEqual([]);
  });

  it('reports a listener it could not read and still returns the others', async () => {
    // Prepare
    const { https } = answerShop();
    const broken = listenerArn('shop', 'b0b0b0b0b0b0b0b0');
    elbv2
      .on(DescribeListenersCommand, { ListenerArns: [broken] })
      .rejects(awsError('InternalFailure', 'Internal failure'));
    const source = mockedSource();

    // Act
    const result = await source.read([ref(LISTENER, broken), ref(LISTENER, https.ListenerArn)]);

    // Assess
    expect(result.errors).toEqual([
      { source: `api:DescribeListeners ${broken}`, message: 'InternalFailure: Internal failure' },
    ]);
    expect(result.resources.map((resource) => resource.resourceId)).toEqual([https.ListenerArn]);
    expect(result.gone).toEqual([]);
  });

  it('follows NextMarker through the sibling listeners and the rules', async () => {
    // Prepare
    const { http, https } = answerShop();
    elbv2
      .on(DescribeListenersCommand, { LoadBalancerArn: loadBalancerArn('shop') })
      .resolves({ Listeners: [http], NextMarker: 'listeners-2' });
    elbv2
      .on(DescribeListenersCommand, { LoadBalancerArn: loadBalancerArn('shop'), Marker: 'listeners-2' })
      .resolves({ Listeners: [https] });
    elbv2.on(DescribeRulesCommand).resolves({ Rules: [], NextMarker: 'rules-2' });
    elbv2
      .on(DescribeRulesCommand, { Marker: 'rules-2' })
      .resolves({ Rules: [healthRule(http, '0c3b8f2d4e6a1b57')] });
    const source = mockedSource();

    // Act
    const result = await source.read([ref(LISTENER, http.ListenerArn)]);

    // Assess
    expect(elbv2).toReceiveCommandWith(DescribeListenersCommand, {
      LoadBalancerArn: loadBalancerArn('shop'),
      Marker: 'listeners-2',
    });
    expect(elbv2).toReceiveCommandWith(DescribeRulesCommand, {
      ListenerArn: http.ListenerArn,
      Marker: 'rules-2',
    });
    expect(result.resources[0]).toMatchObject({
      siblingListeners: [expect.objectContaining({ listenerArn: https.ListenerArn })],
      rules: [expect.objectContaining({ priority: '10', isDefault: false })],
    });
  });
});

describe('live ELBv2 sweep', () => {
  afterEach(() => {
    elbv2.reset();
  });

  it('lists every load balancer page, the listeners of each and the rules of HTTP listeners only', async () => {
    // Prepare
    const shop = {
      http: httpListener('shop', 'f2f7dc8efc522ab2'),
      https: httpsListener('shop', '0467ef3c8400ae65'),
    };
    const vault = loadBalancer('vault');
    const vaultHttps = {
      ...httpsListener('vault', '5d7f9b1c3e5a7c9e'),
      LoadBalancerArn: vault.LoadBalancerArn,
    };
    elbv2
      .on(DescribeLoadBalancersCommand)
      .resolves({ LoadBalancers: [loadBalancer('shop')], NextMarker: 'lb-2' });
    elbv2.on(DescribeLoadBalancersCommand, { Marker: 'lb-2' }).resolves({ LoadBalancers: [vault] });
    elbv2
      .on(DescribeListenersCommand, { LoadBalancerArn: loadBalancerArn('shop') })
      .resolves({ Listeners: [shop.http, shop.https] });
    elbv2
      .on(DescribeListenersCommand, { LoadBalancerArn: vault.LoadBalancerArn })
      .resolves({ Listeners: [vaultHttps] });
    elbv2.on(DescribeRulesCommand).resolves({ Rules: [healthRule(shop.http, '0c3b8f2d4e6a1b57')] });
    const source = mockedSource();

    // Act
    const result = await source.enumerate(REGION, ['elbv2']);

    // Assess
    expect(elbv2).toReceiveCommandWith(DescribeLoadBalancersCommand, { Marker: 'lb-2' });
    expect(elbv2).toReceiveCommandTimes(DescribeLoadBalancersCommand, 2);
    expect(elbv2).toReceiveCommandTimes(DescribeListenersCommand, 2);
    expect(elbv2).toReceiveCommandExactlyOnceWith(DescribeRulesCommand, {
      ListenerArn: shop.http.ListenerArn,
    });
    expect(elbv2).toReceiveCommandTimes(DescribeRulesCommand, 1);
    expect(result.resources.map((resource) => resource.resourceId).sort()).toEqual(
      [shop.http.ListenerArn, shop.https.ListenerArn, vaultHttps.ListenerArn].sort(),
    );
    expect(result.errors).toEqual([]);
  });

  it('reports a load balancer whose listeners could not be listed and sweeps the others', async () => {
    // Prepare
    const vault = loadBalancer('vault');
    const vaultHttps = {
      ...httpsListener('vault', '5d7f9b1c3e5a7c9e'),
      LoadBalancerArn: vault.LoadBalancerArn,
    };
    elbv2.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [loadBalancer('shop'), vault] });
    elbv2
      .on(DescribeListenersCommand, { LoadBalancerArn: loadBalancerArn('shop') })
      .rejects(awsError('InternalFailure', 'try later'));
    elbv2
      .on(DescribeListenersCommand, { LoadBalancerArn: vault.LoadBalancerArn })
      .resolves({ Listeners: [vaultHttps] });
    const source = mockedSource();

    // Act
    const result = await source.enumerate(REGION, ['elbv2']);

    // Assess
    expect(result.errors).toEqual([
      { source: `api:DescribeListeners ${loadBalancerArn('shop')}`, message: 'InternalFailure: try later' },
    ]);
    expect(result.resources.map((resource) => resource.resourceId)).toEqual([vaultHttps.ListenerArn]);
  });

  it('leaves out an HTTP listener whose rules could not be read, and says so', async () => {
    // Prepare
    const shop = {
      http: httpListener('shop', 'f2f7dc8efc522ab2'),
      https: httpsListener('shop', '0467ef3c8400ae65'),
    };
    elbv2.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [loadBalancer('shop')] });
    elbv2.on(DescribeListenersCommand).resolves({ Listeners: [shop.http, shop.https] });
    elbv2.on(DescribeRulesCommand).rejects(awsError('InternalFailure', 'Internal failure'));
    const source = mockedSource();

    // Act
    const result = await source.enumerate(REGION, ['elbv2']);

    // Assess
    expect(result.errors).toEqual([
      { source: `api:DescribeRules ${shop.http.ListenerArn}`, message: 'InternalFailure: Internal failure' },
    ]);
    expect(result.resources).toEqual([
      expect.objectContaining({
        resourceId: shop.https.ListenerArn,
        siblingListeners: [expect.objectContaining({ listenerArn: shop.http.ListenerArn })],
      }),
    ]);
  });
});
