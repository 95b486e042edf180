import { describe, expect, it } from 'vitest';
import { elbv2TargetGroupPlaintext as rule } from '../../../../shared/families/elbv2/rules/elbv2-target-group-plaintext.js';
import {
  type Elbv2TargetGroup,
  linkTargetGroups,
  VPC_ENCRYPTION_CONTROLS,
} from '../../../../shared/families/elbv2/target-group.js';
import { normalizeDocument } from '../../../../shared/inventory/detect.js';
import { ruleContext } from '../../../helpers/rule-context.js';

const GROUPS = {
  TargetGroups: [
    {
      TargetGroupArn:
        'arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/shop-web/6d0ecf831eec9f09',
      TargetGroupName: 'shop-web',
      Protocol: 'HTTP',
      Port: 80,
      VpcId: 'vpc-0a1b2c3d4e5f60718',
      LoadBalancerArns: [
        'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/shop-alb/1a2b3c4d5e6f7a8b',
      ],
      TargetType: 'instance',
    },
  ],
};
const LISTENERS = {
  Listeners: [
    {
      ListenerArn:
        'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/shop-alb/1a2b3c4d5e6f7a8b/0f1e2d3c4b5a6978',
      LoadBalancerArn:
        'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/shop-alb/1a2b3c4d5e6f7a8b',
      Protocol: 'HTTPS',
      Port: 443,
      DefaultActions: [
        {
          Type: 'forward',
          TargetGroupArn:
            'arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/shop-web/6d0ecf831eec9f09',
        },
      ],
    },
  ],
};

describe('linkTargetGroups', () => {
  const resources = [
    ...normalizeDocument(GROUPS, 'groups.json').resources,
    ...normalizeDocument(LISTENERS, 'listeners.json').resources,
  ];
  const group = resources[0] as Elbv2TargetGroup;

  it('takes the encryption control of its VPC from the facts a VPC family keeps, and the rule then passes it', () => {
    // Prepare: what a VPC family's reader of DescribeVpcEncryptionControls would keep.
    const pending = {
      [VPC_ENCRYPTION_CONTROLS.key]: [
        { vpcId: 'vpc-0a1b2c3d4e5f60718', mode: 'enforce', state: 'available' },
      ],
    };

    // Act
    const linked = linkTargetGroups(resources, new Map(), pending).get(group) as Elbv2TargetGroup;

    // Assess
    expect(linked.vpcEncryptionControl).toEqual({
      vpcId: 'vpc-0a1b2c3d4e5f60718',
      mode: 'enforce',
      state: 'available',
    });
    expect(rule.evaluate(linked, ruleContext()).status).toBe('COMPLIANT');
  });

  it('leaves the control unknown without such facts (no VPC family yet), and the rule fails the group', () => {
    // Act
    const linked = linkTargetGroups(resources, new Map(), {}).get(group) as Elbv2TargetGroup;

    // Assess
    expect(linked.vpcEncryptionControl).toBeUndefined();
    expect(linked.forwardedBy?.map((l) => l.protocol)).toEqual(['HTTPS']);
    expect(rule.evaluate(linked, ruleContext()).status).toBe('NON_COMPLIANT');
  });

  it('reports a target group record without its ARN by the field, and reads the others', () => {
    // Act
    const inventory = normalizeDocument(
      { TargetGroups: [GROUPS.TargetGroups[0], { Protocol: 'HTTP' }] },
      'groups.json',
    );

    // Assess
    expect(inventory.resources).toHaveLength(1);
    expect(inventory.errors.map((e) => e.message)).toEqual([
      'elbv2 describe-target-groups: TargetGroups[1].TargetGroupArn: missing; the target group is left out',
    ]);
  });
});
