import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../../../../shared/model/evaluation.js';
import { awsCliCommand, cliName, shellQuote } from '../../../../shared/report/slack/aws-cli.js';
import { buildFindingMessage } from '../../../../shared/report/slack/message.js';

const VPN = 'vpn-0123456789abcdef0';

describe('cliName (botocore xform_name with "-")', () => {
  it.each([
    ['ModifyListener', 'modify-listener'],
    ['SslPolicy', 'ssl-policy'],
    ['LoadBalancerArn', 'load-balancer-arn'],
    ['VpnTunnelOutsideIpAddress', 'vpn-tunnel-outside-ip-address'],
    ['SetLoadBalancerPoliciesOfListener', 'set-load-balancer-policies-of-listener'],
    ['ListenerARNs', 'listener-arns'],
    ['already-kebab', 'already-kebab'],
  ])('%s → %s', (name, expected) => {
    expect(cliName(name)).toBe(expected);
  });
});

describe('shellQuote', () => {
  it.each([
    [
      'arn:aws:acm:eu-west-1:111122223333:certificate/1b2c',
      'arn:aws:acm:eu-west-1:111122223333:certificate/1b2c',
    ],
    ['two words', "'two words'"],
    ["it's", "'it'\\''s'"],
    ['$(rm -rf /)', "'$(rm -rf /)'"],
    ['', "''"],
  ])('%s → %s', (value, expected) => {
    expect(shellQuote(value)).toBe(expected);
  });
});

describe('awsCliCommand', () => {
  it('spells the operation and each parameter as the CLI does: JSON for structures, --flag / --no-flag for booleans', () => {
    // Act
    const command = awsCliCommand(
      {
        service: 'ec2',
        command: 'ModifyVpnTunnelOptions',
        input: {
          VpnConnectionId: VPN,
          VpnTunnelOutsideIpAddress: '203.0.113.17',
          TunnelOptions: { IKEVersions: [{ Value: 'ikev2' }], Phase1LifetimeSeconds: 28800 },
          DryRun: false,
          SkipTunnelReplacement: true,
        },
      },
      'eu-west-1',
    );

    // Assess
    expect(command).toBe(
      `aws ec2 modify-vpn-tunnel-options --vpn-connection-id ${VPN} --vpn-tunnel-outside-ip-address 203.0.113.17 --tunnel-options '{"IKEVersions":[{"Value":"ikev2"}],"Phase1LifetimeSeconds":28800}' --no-dry-run --skip-tunnel-replacement --region eu-west-1`,
    );
  });

  it("names S3's API commands under s3api, where the CLI has them (aws s3 has no put-bucket-policy)", () => {
    // Act
    const command = awsCliCommand(
      {
        service: 's3',
        command: 'PutBucketPolicy',
        input: { Bucket: 'ledger-exports', Policy: '{"Version":"2012-10-17"}' },
      },
      'eu-west-1',
    );

    // Assess
    expect(command).toBe(
      `aws s3api put-bucket-policy --bucket ledger-exports --policy '{"Version":"2012-10-17"}' --region eu-west-1`,
    );
  });

  it('spells RDS operations and parameters as the CLI does', () => {
    // Act
    const command = awsCliCommand({
      service: 'rds',
      command: 'ModifyDBParameterGroup',
      input: { DBParameterGroupName: 'legacy-reports-mysql80' },
    });

    // Assess
    expect(command).toBe(
      'aws rds modify-db-parameter-group --db-parameter-group-name legacy-reports-mysql80',
    );
  });

  it('quotes a value a shell would otherwise split or expand', () => {
    // Act
    const command = awsCliCommand({
      service: 'elb',
      command: 'CreateLoadBalancerPolicy',
      input: { LoadBalancerName: "shop's lb $HOME", PolicyAttributes: [{ AttributeName: "it's" }] },
    });

    // Assess
    expect(command).toBe(
      `aws elb create-load-balancer-policy --load-balancer-name 'shop'\\''s lb $HOME' --policy-attributes '[{"AttributeName":"it'\\''s"}]'`,
    );
  });
});

describe('the aws command in a Slack message', () => {
  const evaluation: Evaluation = {
    ruleId: 'vpn-tunnel-ike-version',
    status: 'NON_COMPLIANT',
    severity: 'high',
    resourceType: 'AWS::EC2::VPNConnection',
    resourceId: VPN,
    accountId: '111122223333',
    region: 'eu-west-1',
    reason: 'Tunnel 203.0.113.17 permits ikev1.',
    response: {
      mode: 'remediate',
      status: 'planned',
      action: 'set-tunnel-options',
      calls: [
        {
          service: 'ec2',
          command: 'ModifyVpnTunnelOptions',
          input: {
            VpnConnectionId: VPN,
            VpnTunnelOutsideIpAddress: '203.0.113.17',
            TunnelOptions: { PreSharedKey: 'Sup3r_s3cret.psk', IKEVersions: [{ Value: 'ikev2' }] },
          },
        },
      ],
    },
  };

  it('is exact, shell-quoted, escaped for Slack and carries no secret', () => {
    // Act
    const payload = buildFindingMessage({ evaluation, kind: 'opened' });

    // Assess
    const text = JSON.stringify(payload);
    expect(text).not.toContain('Sup3r_s3cret');
    const did = payload.blocks
      .flatMap((block) => ('text' in block && block.text ? [block.text.text] : []))
      .find((line) => line.startsWith('*What transit-guard did*')) as string;
    expect(did.slice(did.indexOf('```') + 3, did.lastIndexOf('```'))).toBe(
      `aws ec2 modify-vpn-tunnel-options --vpn-connection-id ${VPN} --vpn-tunnel-outside-ip-address 203.0.113.17 --tunnel-options '{"PreSharedKey":"[redacted]","IKEVersions":[{"Value":"ikev2"}]}' --region eu-west-1`,
    );
  });

  it('escapes AWS text in the command so it cannot form a Slack link or mention', () => {
    // Prepare
    const call = evaluation.response?.calls?.[0];
    const input = structuredClone(evaluation);
    const calls = input.response?.calls;
    if (!call || !calls) throw new Error('fixture has a call');
    calls[0] = {
      ...call,
      input: { ...call.input, VpnConnectionId: '<!channel> & <https://evil.example|x>' },
    };

    // Act
    const text = JSON.stringify(buildFindingMessage({ evaluation: input, kind: 'opened' }).blocks);

    // Assess
    expect(text).toContain("--vpn-connection-id '&lt;!channel&gt; &amp; &lt;https://evil.example|x&gt;'");
    expect(text).not.toContain('<!channel>');
  });
});
