import { describe, expect, it } from 'vitest';
import { consoleLink } from '../../../../shared/report/slack/console-link.js';

const ACCOUNT = '111122223333';

describe('consoleLink', () => {
  it('links an ELBv2 listener to its load balancer page, listeners tab', () => {
    // Act
    const url = consoleLink(
      'AWS::ElasticLoadBalancingV2::Listener',
      `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2`,
      'eu-west-1',
    );

    // Assess
    expect(url).toBe(
      `https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#LoadBalancer:loadBalancerArn=arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:loadbalancer/app/shop/50dc6c495c0c9188;tab=listeners`,
    );
  });

  it('finds a classic load balancer by its name', () => {
    // Act
    const url = consoleLink(
      'AWS::ElasticLoadBalancing::LoadBalancer',
      `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:loadbalancer/legacy-web`,
    );

    // Assess
    expect(url).toBe(
      'https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#LoadBalancers:search=legacy-web',
    );
  });

  it('finds a VPN connection by its id', () => {
    // Act
    const url = consoleLink('AWS::EC2::VPNConnection', 'vpn-0123456789abcdef0', 'eu-central-1');

    // Assess
    expect(url).toBe(
      'https://eu-central-1.console.aws.amazon.com/vpcconsole/home?region=eu-central-1#VpnConnections:search=vpn-0123456789abcdef0',
    );
  });

  it('opens a Direct Connect connection or LAG page when the account is known', () => {
    // Act
    const connection = consoleLink('AWS::DirectConnect::Connection', 'dxcon-fgb6zh2k', 'us-west-2', ACCOUNT);
    const lag = consoleLink('AWS::DirectConnect::Lag', 'dxlag-ffrz71kw', 'us-west-2', ACCOUNT);
    const withoutAccount = consoleLink('AWS::DirectConnect::Connection', 'dxcon-fgb6zh2k', 'us-west-2');

    // Assess
    expect(connection).toBe(
      `https://us-west-2.console.aws.amazon.com/directconnect/v2/home?region=us-west-2#/connections/arn:aws:directconnect:us-west-2:${ACCOUNT}:dxcon-fgb6zh2k`,
    );
    expect(lag).toBe(
      `https://us-west-2.console.aws.amazon.com/directconnect/v2/home?region=us-west-2#/lags/arn:aws:directconnect:us-west-2:${ACCOUNT}:dxlag-ffrz71kw`,
    );
    expect(withoutAccount).toBe(
      'https://us-west-2.console.aws.amazon.com/directconnect/v2/home?region=us-west-2#/connections',
    );
  });

  it('opens an ACM certificate by its id', () => {
    // Act
    const url = consoleLink(
      'AWS::ACM::Certificate',
      `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/12345678-1234-1234-1234-123456789012`,
    );

    // Assess
    expect(url).toBe(
      'https://us-east-1.console.aws.amazon.com/acm/home?region=us-east-1#/certificates/12345678-1234-1234-1234-123456789012',
    );
  });

  it("uses the China partition's console for a cn- region", () => {
    // Act
    const url = consoleLink(
      'AWS::ACM::Certificate',
      `arn:aws-cn:acm:cn-north-1:${ACCOUNT}:certificate/12345678-1234-1234-1234-123456789012`,
    );

    // Assess
    expect(url?.startsWith('https://cn-north-1.console.amazonaws.cn/acm/home?region=cn-north-1#')).toBe(true);
  });

  it('gives no link for an id or region that could break out of the URL', () => {
    // Act
    const links = [
      consoleLink('AWS::EC2::VPNConnection', 'vpn-1|<https://evil>', 'eu-west-1'),
      consoleLink('AWS::EC2::VPNConnection', 'vpn-0123456789abcdef0', 'eu-west-1#x'),
      consoleLink('AWS::EC2::VPNConnection', 'vpn-0123456789abcdef0'),
      consoleLink('AWS::ElasticLoadBalancingV2::Listener', 'not-an-arn', 'eu-west-1'),
    ];

    // Assess
    expect(links).toEqual([undefined, undefined, undefined, undefined]);
  });
});
