import { describe, expect, it } from 'vitest';
import { judgedResources } from '../../../../shared/cli/report-writer.js';
import { consoleLink } from '../../../../shared/report/slack/console-link.js';

const ACCOUNT = '111122223333';

describe('ELBv2 in the reports', () => {
  it('links a target group to its own page in the EC2 console', () => {
    // Act
    const url = consoleLink(
      'AWS::ElasticLoadBalancingV2::TargetGroup',
      `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:targetgroup/shop-web/6d0ecf831eec9f09`,
      'eu-west-1',
    );

    // Assess
    expect(url).toBe(
      `https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#TargetGroup:targetGroupArn=arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:targetgroup/shop-web/6d0ecf831eec9f09`,
    );
  });

  it('gives no link for a target group named by something other than its ARN', () => {
    // Act
    const url = consoleLink('AWS::ElasticLoadBalancingV2::TargetGroup', 'shop-web', 'eu-west-1');

    // Assess
    expect(url).toBeUndefined();
  });

  it('calls its resources listeners or target groups when nothing was found to judge', () => {
    // Act
    const nouns = judgedResources();

    // Assess
    expect(nouns).toContain('ELBv2 listener or target group');
  });
});
