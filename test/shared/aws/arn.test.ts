import { describe, expect, it } from 'vitest';
import { arnScope, parseArn, partitionOf, regionOfArn, sessionNameOf } from '../../../shared/aws/arn.js';

describe('partitionOf', () => {
  it.each([
    { region: 'eu-west-1', partition: 'aws' },
    { region: 'cn-northwest-1', partition: 'aws-cn' },
    { region: 'us-gov-west-1', partition: 'aws-us-gov' },
    { region: 'us-iso-east-1', partition: 'aws-iso' },
    { region: 'us-isob-east-1', partition: 'aws-iso-b' },
    { region: 'us-isof-south-1', partition: 'aws-iso-f' },
    { region: 'eu-isoe-west-1', partition: 'aws-iso-e' },
    { region: 'eusc-de-east-1', partition: 'aws-eusc' },
  ])('puts $region in $partition', ({ region, partition }) => {
    // Act
    const result = partitionOf(region);

    // Assess
    expect(result).toBe(partition);
  });
});

describe('sessionNameOf', () => {
  it.each([
    { arn: 'arn:aws:sts::111122223333:assumed-role/transit-guard-remediate/run-1', session: 'run-1' },
    {
      arn: 'arn:aws:sts::111122223333:assumed-role/sso/jane.doe@example.com',
      session: 'jane.doe@example.com',
    },
    { arn: 'arn:aws:iam::111122223333:user/ops-automation', session: undefined },
    { arn: 'arn:aws:sts::111122223333:federated-user/ci-bot', session: undefined },
    { arn: 'arn:aws:sts::111122223333:assumed-role/deployer/build-1842/extra', session: undefined },
    { arn: undefined, session: undefined },
  ])('reads $session from $arn', ({ arn, session }) => {
    // Act
    const result = sessionNameOf(arn);

    // Assess
    expect(result).toBe(session);
  });
});

describe('regionOfArn', () => {
  it.each([
    { arn: 'arn:aws:config:eu-west-1:111122223333:config-rule/config-rule-k3x9pq', region: 'eu-west-1' },
    { arn: 'arn:aws:iam::111122223333:role/x', region: undefined },
    { arn: 'config-rule-k3x9pq', region: undefined },
    { arn: 'rule arn:aws:config:eu-west-1:111122223333:config-rule/config-rule-k3x9pq', region: undefined },
  ])('reads $region from $arn', ({ arn, region }) => {
    // Act
    const result = regionOfArn(arn);

    // Assess
    expect(result).toBe(region);
  });
});

describe('parseArn', () => {
  it('splits an ARN into its parts', () => {
    // Prepare, Act
    const parsed = parseArn(
      'arn:aws:acm:eu-west-1:111122223333:certificate/3f0c2a1e-7b4d-4c8e-9a15-2d6f80b1c3e7',
    );

    // Assess
    expect(parsed).toEqual({
      partition: 'aws',
      service: 'acm',
      region: 'eu-west-1',
      accountId: '111122223333',
      resource: 'certificate/3f0c2a1e-7b4d-4c8e-9a15-2d6f80b1c3e7',
    });
  });

  it('returns undefined for something that is not an ARN', () => {
    // Prepare, Act, Assess
    expect(parseArn('vpn-0a1b2c3d4e5f60718')).toBeUndefined();
    expect(parseArn(undefined)).toBeUndefined();
  });

  it('keeps the colons of the resource and needs all five fields', () => {
    // Prepare, Act, Assess
    expect(parseArn('arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/x:*')?.resource).toBe(
      'log-group:/aws/lambda/x:*',
    );
    expect(parseArn('arn:aws:iam::111122223333:role/x')).toMatchObject({ region: '', resource: 'role/x' });
    expect(parseArn('arn:aws:iam::111122223333')).toBeUndefined();
    expect(parseArn('arn:aws:iam::111122223333:')).toBeUndefined();
    expect(parseArn('arn::iam::111122223333:role/x')).toBeUndefined();
    expect(parseArn('ARN:aws:iam::111122223333:role/x')).toBeUndefined();
  });
});

describe('arnScope', () => {
  it('leaves out the empty region of a global ARN', () => {
    // Prepare, Act
    const scope = arnScope('arn:aws:iam::111122223333:server-certificate/my-server-cert');

    // Assess
    expect(scope).toEqual({ accountId: '111122223333' });
  });
});
