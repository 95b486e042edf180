import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
  type TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import type { Elbv2TargetGroup } from '../../../../shared/families/elbv2/target-group.js';
import {
  ACCOUNT_ID,
  httpListener,
  httpsListener,
  loadBalancer,
  loadBalancerArn,
  mockedSource,
  REGION,
  ref,
} from '../../inventory/live/sdk-outputs.js';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const ELB = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT_ID}`;
/** The group httpListener / httpsListener('shop', ...) forward to. */
const SHOP_GROUP = `${ELB}:targetgroup/shop/73e2d6bc24d8a067`;

function group(arn: string, protocol: 'HTTP' | 'HTTPS', loadBalancers: string[]): TargetGroup {
  return {
    TargetGroupArn: arn,
    TargetGroupName: arn.split('/')[1],
    Protocol: protocol,
    Port: protocol === 'HTTP' ? 80 : 443,
    VpcId: 'vpc-3ac0fb5f',
    LoadBalancerArns: loadBalancers,
    TargetType: 'instance',
  };
}

const groupsOf = (resources: readonly { resourceType: string }[]) =>
  resources.filter(
    (r): r is Elbv2TargetGroup => r.resourceType === 'AWS::ElasticLoadBalancingV2::TargetGroup',
  );

describe('live ELBv2 target groups', () => {
  afterEach(() => {
    elbv2.reset();
  });

  it('sweeps with one DescribeTargetGroups per 400 groups, the HTTPS listeners’ rules once, and links each group', async () => {
    // Prepare
    const https = httpsListener('shop', '0467ef3c8400ae65');
    const orphan = `${ELB}:targetgroup/spare/5e7a9c1b3d2f4a68`;
    // Not in the HTTPS listener's default actions: only its rules can tell whether it is forwarded to.
    const canary = `${ELB}:targetgroup/shop-canary/2e4f6a8c0b1d3f57`;
    elbv2.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [loadBalancer('shop')] });
    elbv2.on(DescribeListenersCommand).resolves({ Listeners: [https] });
    elbv2.on(DescribeRulesCommand).resolves({ Rules: [] });
    elbv2.on(DescribeTargetGroupsCommand).resolves({
      TargetGroups: [
        group(SHOP_GROUP, 'HTTP', [loadBalancerArn('shop')]),
        group(canary, 'HTTP', [loadBalancerArn('shop')]),
        group(orphan, 'HTTP', []),
      ],
    });

    // Act
    const result = await mockedSource().enumerate(REGION, ['elbv2']);

    // Assess
    expect(elbv2).toReceiveCommandTimes(DescribeTargetGroupsCommand, 1);
    expect(elbv2).toReceiveCommandWith(DescribeTargetGroupsCommand, { PageSize: 400 });
    expect(elbv2).toReceiveCommandExactlyOnceWith(DescribeRulesCommand, {
      ListenerArn: https.ListenerArn,
      PageSize: 400,
    });
    expect(result.errors).toEqual([]);
    const [shop, spare] = [SHOP_GROUP, orphan].map((arn) =>
      groupsOf(result.resources).find((g) => g.resourceId === arn),
    );
    expect(shop?.forwardedBy).toEqual([{ listenerArn: https.ListenerArn, protocol: 'HTTPS', port: 443 }]);
    expect(shop?.forwardingUnknown).toEqual([]);
    expect(spare?.loadBalancerArns).toEqual([]);
  });

  it('reads no rules when every plaintext group is already forwarded to by a default action', async () => {
    // Prepare
    elbv2.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [loadBalancer('shop')] });
    elbv2.on(DescribeListenersCommand).resolves({ Listeners: [httpsListener('shop', '0467ef3c8400ae65')] });
    elbv2
      .on(DescribeTargetGroupsCommand)
      .resolves({ TargetGroups: [group(SHOP_GROUP, 'HTTP', [loadBalancerArn('shop')])] });

    // Act
    const result = await mockedSource().enumerate(REGION, ['elbv2']);

    // Assess
    expect(elbv2).toReceiveCommandTimes(DescribeRulesCommand, 0);
    expect(groupsOf(result.resources)[0]?.forwardedBy).toHaveLength(1);
  });

  it('reads no rules when no target group is the load balancer’s, and reports a failed listing', async () => {
    // Prepare
    elbv2.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [loadBalancer('shop')] });
    elbv2.on(DescribeListenersCommand).resolves({ Listeners: [httpsListener('shop', '0467ef3c8400ae65')] });
    elbv2
      .on(DescribeTargetGroupsCommand)
      .rejects(Object.assign(new Error('denied'), { name: 'AccessDenied', $metadata: {} }));

    // Act
    const result = await mockedSource().enumerate(REGION, ['elbv2']);

    // Assess
    expect(elbv2).toReceiveCommandTimes(DescribeRulesCommand, 0);
    expect(result.errors.map((error) => error.message)).toEqual(['AccessDenied: denied']);
    expect(result.resources).toHaveLength(1);
  });

  it('reads a target group by its ARN with the listeners of its load balancer and the HTTPS listeners’ rules', async () => {
    // Prepare
    const http = httpListener('shop', 'f2f7dc8efc522ab2');
    const https = httpsListener('shop', '0467ef3c8400ae65');
    elbv2
      .on(DescribeTargetGroupsCommand)
      .resolves({ TargetGroups: [group(SHOP_GROUP, 'HTTP', [loadBalancerArn('shop')])] });
    elbv2.on(DescribeListenersCommand).resolves({ Listeners: [http, https] });
    elbv2.on(DescribeRulesCommand).resolves({ Rules: [] });

    // Act
    const result = await mockedSource().read([ref('AWS::ElasticLoadBalancingV2::TargetGroup', SHOP_GROUP)]);

    // Assess
    expect(elbv2).toReceiveCommandExactlyOnceWith(DescribeTargetGroupsCommand, {
      TargetGroupArns: [SHOP_GROUP],
    });
    expect(elbv2).toReceiveCommandExactlyOnceWith(DescribeRulesCommand, {
      ListenerArn: https.ListenerArn,
      PageSize: 400,
    });
    expect(result.resources.map((r) => r.resourceId)).toEqual([SHOP_GROUP]);
    expect(groupsOf(result.resources)[0]?.forwardedBy).toHaveLength(1);
  });

  it('reports a target group DescribeTargetGroups does not find as gone', async () => {
    // Prepare
    elbv2.on(DescribeTargetGroupsCommand).rejects(
      Object.assign(new Error('One or more target groups not found'), {
        name: 'TargetGroupNotFoundException',
        $metadata: {},
      }),
    );

    // Act
    const result = await mockedSource().read([ref('AWS::ElasticLoadBalancingV2::TargetGroup', SHOP_GROUP)]);

    // Assess
    expect(result.gone).toEqual([ref('AWS::ElasticLoadBalancingV2::TargetGroup', SHOP_GROUP)]);
    expect(result.errors).toEqual([]);
  });
});
