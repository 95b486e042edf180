import { describe, expect, it } from 'vitest';
import {
  classicLoadBalancerArn,
  isAcmCertificateArn,
  isListenerArn,
  listenerArnFromRuleArn,
  listenerPrefixOfLoadBalancer,
  partitionOf,
  regionOfArn,
  sessionNameOf,
} from '../../../shared/events/arn.js';

const ELB = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333';

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

describe('classicLoadBalancerArn', () => {
  it('builds the classic load balancer ARN from its name', () => {
    // Act
    const arn = classicLoadBalancerArn('eu-west-1', '111122223333', 'legacy-api');

    // Assess
    expect(arn).toBe(`${ELB}:loadbalancer/legacy-api`);
  });
});

describe('listenerPrefixOfLoadBalancer', () => {
  it.each([
    {
      kind: 'application',
      loadBalancer: `${ELB}:loadbalancer/app/shop-web/4f1c0d2e9a7b3c55`,
      prefix: `${ELB}:listener/app/shop-web/4f1c0d2e9a7b3c55/`,
    },
    {
      kind: 'network',
      loadBalancer: `arn:aws-us-gov:elasticloadbalancing:us-gov-west-1:111122223333:loadbalancer/net/edge/7b2e4d6f8a1c3e50`,
      prefix: `arn:aws-us-gov:elasticloadbalancing:us-gov-west-1:111122223333:listener/net/edge/7b2e4d6f8a1c3e50/`,
    },
    {
      kind: 'gateway',
      loadBalancer: `${ELB}:loadbalancer/gwy/inspect/0e1d2c3b4a596877`,
      prefix: `${ELB}:listener/gwy/inspect/0e1d2c3b4a596877/`,
    },
  ])(
    'gives the prefix every listener ARN of an $kind load balancer starts with',
    ({ loadBalancer, prefix }) => {
      // Act
      const result = listenerPrefixOfLoadBalancer(loadBalancer);

      // Assess
      expect(result).toBe(prefix);
    },
  );

  it.each([
    { what: 'a classic load balancer', value: `${ELB}:loadbalancer/legacy-api` },
    { what: 'a listener', value: `${ELB}:listener/app/shop-web/4f1c0d2e9a7b3c55/8e2d4c6a1b3f5d70` },
    { what: 'a load balancer without its id', value: `${ELB}:loadbalancer/app/shop-web` },
    { what: 'an unknown load balancer type', value: `${ELB}:loadbalancer/xyz/shop-web/4f1c0d2e9a7b3c55` },
    {
      what: 'a load balancer ARN with a suffix',
      value: `${ELB}:loadbalancer/app/shop-web/4f1c0d2e9a7b3c55/x`,
    },
    { what: 'text before the ARN', value: ` ${ELB}:loadbalancer/app/shop-web/4f1c0d2e9a7b3c55` },
    { what: 'another service', value: 'arn:aws:ec2:eu-west-1:111122223333:loadbalancer/app/shop-web/4f1c' },
    { what: 'an empty region', value: 'arn:aws:elasticloadbalancing::111122223333:loadbalancer/app/a/b' },
  ])('gives nothing for $what', ({ value }) => {
    // Act
    const result = listenerPrefixOfLoadBalancer(value);

    // Assess
    expect(result).toBeUndefined();
  });
});

describe('listenerArnFromRuleArn', () => {
  it.each([
    {
      kind: 'application',
      rule: `${ELB}:listener-rule/app/shop-web/4f1c0d2e9a7b3c55/8e2d4c6a1b3f5d70/c3e1a7b95d2f4e81`,
      listener: `${ELB}:listener/app/shop-web/4f1c0d2e9a7b3c55/8e2d4c6a1b3f5d70`,
    },
    {
      kind: 'network',
      rule: `arn:aws-us-gov:elasticloadbalancing:us-gov-west-1:111122223333:listener-rule/net/edge/7b2e4d6f8a1c3e50/d4f6a8c0e2b4d6f8/0a1b2c3d4e5f6071`,
      listener: `arn:aws-us-gov:elasticloadbalancing:us-gov-west-1:111122223333:listener/net/edge/7b2e4d6f8a1c3e50/d4f6a8c0e2b4d6f8`,
    },
  ])('finds the $kind listener of a rule', ({ rule, listener }) => {
    // Act
    const result = listenerArnFromRuleArn(rule);

    // Assess
    expect(result).toBe(listener);
    expect(isListenerArn(listener)).toBe(true);
  });

  it.each([
    `${ELB}:listener/app/shop-web/4f1c0d2e9a7b3c55/8e2d4c6a1b3f5d70`,
    `${ELB}:listener-rule/app/shop-web/4f1c0d2e9a7b3c55/8e2d4c6a1b3f5d70`,
    'c3e1a7b95d2f4e81',
    `rule ${ELB}:listener-rule/app/shop-web/4f1c0d2e9a7b3c55/8e2d4c6a1b3f5d70/c3e1a7b95d2f4e81`,
    `${ELB}:listener-rule/app/shop-web/4f1c0d2e9a7b3c55/8e2d4c6a1b3f5d70/c3e1a7b95d2f4e81/extra`,
  ])('finds nothing in %s', (value) => {
    // Act
    const result = listenerArnFromRuleArn(value);

    // Assess
    expect(result).toBeUndefined();
  });
});

describe('isListenerArn', () => {
  it.each([
    { kind: 'a load balancer ARN', value: `${ELB}:loadbalancer/app/shop-web/4f1c0d2e9a7b3c55` },
    {
      kind: 'a listener ARN with text before it',
      value: `listener ${ELB}:listener/app/shop-web/4f1c0d2e9a7b3c55/8e2d4c6a1b3f5d70`,
    },
    {
      kind: 'a listener rule ARN in listener form (one segment too many)',
      value: `${ELB}:listener/app/shop-web/4f1c0d2e9a7b3c55/8e2d4c6a1b3f5d70/c3e1a7b95d2f4e81`,
    },
  ])('rejects $kind', ({ value }) => {
    // Act
    const result = isListenerArn(value);

    // Assess
    expect(result).toBe(false);
  });
});

describe('isAcmCertificateArn', () => {
  it.each([
    {
      value: 'arn:aws:acm:eu-west-1:111122223333:certificate/7e3f9c1a-52d4-4b8e-9a6f-0c2d4e6f8a10',
      expected: true,
    },
    { value: 'arn:aws:iam::111122223333:server-certificate/legacy', expected: false },
    { value: 'arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/1', expected: false },
    {
      value: 'cert arn:aws:acm:eu-west-1:111122223333:certificate/7e3f9c1a-52d4-4b8e-9a6f-0c2d4e6f8a10',
      expected: false,
    },
    {
      value: 'arn:aws:acm:eu-west-1:111122223333:certificate/7e3f9c1a-52d4-4b8e-9a6f-0c2d4e6f8a10/v2',
      expected: false,
    },
  ])('says $expected for $value', ({ value, expected }) => {
    // Act
    const result = isAcmCertificateArn(value);

    // Assess
    expect(result).toBe(expected);
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
