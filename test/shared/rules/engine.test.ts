import { describe, expect, it } from 'vitest';
import type { AcmCertificate } from '../../../shared/families/acm/model.js';
import type { Resource } from '../../../shared/model/resource.js';
import { evaluateAll, evaluateByResource, evaluateResource, ruleMode } from '../../../shared/rules/engine.js';
import { alwaysFine, certificate, context, weakKey } from '../../helpers/engine-rules.js';

describe('evaluateResource', () => {
  it('wraps a rule outcome with the resource identity and the raised severity', () => {
    // Act
    const [evaluation] = evaluateResource(certificate, [weakKey], context());

    // Assess
    expect(evaluation).toStrictEqual({
      ruleId: 'test-weak-key',
      status: 'NON_COMPLIANT',
      severity: 'high',
      resourceType: 'AWS::ACM::Certificate',
      resourceId: certificate.resourceId,
      resourceName: 'shop.example.com',
      accountId: '111122223333',
      region: 'eu-west-1',
      reason: 'RSA_1024 is too short.',
    });
    // Judging only: the response is planned by the use case (shared/usecase/evaluate.ts).
    expect(evaluation).not.toHaveProperty('response');
  });

  it('tells the caller of each NON_COMPLIANT evaluation, with the outcome, rule and resource', () => {
    // Prepare
    const told: unknown[][] = [];

    // Act
    const evaluations = evaluateResource(certificate, [weakKey, alwaysFine], context(), (...args) =>
      told.push(args),
    );

    // Assess
    expect(told).toHaveLength(1);
    const [evaluation, outcome, rule, resource] = told[0] ?? [];
    expect(evaluation).toBe(evaluations[0]);
    expect(outcome).toMatchObject({ status: 'NON_COMPLIANT', remediationTarget: 'RSA_2048' });
    expect(rule).toBe(weakKey);
    expect(resource).toBe(certificate);
  });

  it('skips rules switched off and rules for other resource types', () => {
    // Prepare
    const vpn: Resource = {
      resourceType: 'AWS::EC2::VPNConnection',
      resourceId: 'vpn-0a1b2c3d4e5f60718',
      vpnConnectionId: 'vpn-0a1b2c3d4e5f60718',
      tags: {},
      source: 'test',
      tunnels: [],
    };

    // Act
    const off = evaluateResource(
      certificate,
      [weakKey],
      context({ rules: { 'test-weak-key': { mode: 'off' } } }),
    );
    const other = evaluateAll([vpn], [weakKey], context());

    // Assess
    expect(off).toEqual([]);
    expect(other).toEqual([]);
  });
  it('leaves out the identity fields and details the resource and outcome do not have', () => {
    // Prepare: an evaluation is stored and sent as is, so an absent field must not be a key set to undefined
    const bare: AcmCertificate = {
      resourceType: 'AWS::ACM::Certificate',
      resourceId: certificate.resourceId,
      certificateArn: certificate.certificateArn,
      tags: {},
      source: 'test',
    };

    // Act
    const [evaluation] = evaluateResource(bare, [alwaysFine], context());

    // Assess
    expect(evaluation).toStrictEqual({
      ruleId: 'test-fine',
      status: 'COMPLIANT',
      severity: 'medium',
      resourceType: 'AWS::ACM::Certificate',
      resourceId: certificate.resourceId,
      reason: 'fine',
    });
  });
});

describe('evaluateByResource', () => {
  it("yields each resource's evaluations in turn, lazily; together they are evaluateAll's", () => {
    // Prepare
    const other: AcmCertificate = { ...certificate, resourceId: 'arn:other', keyAlgorithm: 'RSA_2048' };
    const resources = [certificate, other, certificate];

    // Act
    const lists = evaluateByResource(resources, [weakKey, alwaysFine], context());
    const first = lists.next();
    const rest = [...lists];

    // Assess
    expect(first.value).toEqual(evaluateResource(certificate, [weakKey, alwaysFine], context()));
    expect(rest).toHaveLength(2);
    expect([first.value, ...rest].flat()).toEqual(evaluateAll(resources, [weakKey, alwaysFine], context()));
  });
});

describe('ruleMode', () => {
  it('takes the mode from the policy, else the rule default', () => {
    expect(ruleMode(weakKey, context())).toBe('remediate');
    expect(ruleMode(weakKey, context({ rules: { 'test-weak-key': { mode: 'off' } } }))).toBe('off');
  });
});

describe('defineRule', () => {
  it('refuses a resource of a type the rule does not cover', () => {
    const vpn = { resourceType: 'AWS::EC2::VPNConnection' } as Resource;
    expect(() => weakKey.evaluate(vpn, context())).toThrow(/does not apply to AWS::EC2::VPNConnection/);
  });
});
