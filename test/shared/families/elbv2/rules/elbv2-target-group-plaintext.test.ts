import { describe, expect, it } from 'vitest';
import { elbv2TargetGroupPlaintext as rule } from '../../../../../shared/families/elbv2/rules/elbv2-target-group-plaintext.js';
import type { Elbv2TargetGroup } from '../../../../../shared/families/elbv2/target-group.js';
import { ruleContext } from '../../../../helpers/rule-context.js';

const ALB = 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188';
const HTTPS_LISTENER =
  'arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2';
const ARN = 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop-web/73e2d6bc24d8a067';

/** An HTTP target group that the shop ALB's HTTPS listener forwards to, in a VPC whose control is unknown. */
function targetGroup(overrides: Partial<Elbv2TargetGroup> = {}): Elbv2TargetGroup {
  return {
    resourceType: 'AWS::ElasticLoadBalancingV2::TargetGroup',
    resourceId: ARN,
    arn: ARN,
    name: 'shop-web',
    tags: {},
    source: 'test',
    targetGroupArn: ARN,
    protocol: 'HTTP',
    port: 80,
    targetType: 'instance',
    vpcId: 'vpc-3ac0fb5f',
    loadBalancerArns: [ALB],
    forwardedBy: [{ listenerArn: HTTPS_LISTENER, protocol: 'HTTPS', port: 443 }],
    forwardingUnknown: [],
    ...overrides,
  };
}

describe('elbv2-target-group-plaintext', () => {
  it.each(['HTTP', 'TCP', 'UDP', 'TCP_UDP'])(
    'fails a %s target group behind an HTTPS listener, at low, saying the VPC control is unknown',
    (protocol) => {
      // Act
      const outcome = rule.evaluate(targetGroup({ protocol }), ruleContext());

      // Assess
      expect(outcome.status).toBe('NON_COMPLIANT');
      expect(outcome.unverified).toBeUndefined();
      expect(outcome.severity).toBeUndefined();
      expect(rule.metadata.severity).toBe('low');
      expect(outcome.reason).toContain(`uses ${protocol} behind HTTPS:443 listener ${HTTPS_LISTENER}`);
      expect(outcome.reason).toContain('the encryption control of vpc-3ac0fb5f is unknown');
    },
  );

  it("raises it to medium under tls.endToEnd: 'required'", () => {
    expect(rule.evaluate(targetGroup(), ruleContext({ tls: { endToEnd: 'required' } })).severity).toBe(
      'medium',
    );
  });

  it('passes it when its VPC enforces encryption in transit (a VPC family supplies the control)', () => {
    // Act
    const outcome = rule.evaluate(
      targetGroup({ vpcEncryptionControl: { vpcId: 'vpc-3ac0fb5f', mode: 'enforce', state: 'available' } }),
      ruleContext(),
    );

    // Assess
    expect(outcome.status).toBe('COMPLIANT');
  });

  it.each([
    ['monitor mode', { mode: 'monitor', state: 'available' }, 'is monitor (available), not enforced'],
    [
      'enforce still in progress',
      { mode: 'enforce', state: 'enforce-in-progress' },
      'is enforce (enforce-in-progress), not enforced',
    ],
  ])('fails it when the VPC control is in %s', (_case, control, said) => {
    // Act
    const outcome = rule.evaluate(
      targetGroup({ vpcEncryptionControl: { vpcId: 'vpc-3ac0fb5f', ...control } }),
      ruleContext(),
    );

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.reason).toContain(said);
  });

  it.each(['HTTPS', 'TLS', 'QUIC'])(
    'passes a %s target group: the hop is encrypted (near miss)',
    (protocol) => {
      expect(rule.evaluate(targetGroup({ protocol }), ruleContext()).status).toBe('COMPLIANT');
    },
  );

  it.each([
    [
      'no TLS listener forwards to it',
      targetGroup({ forwardedBy: [] }),
      'no HTTPS or TLS listener forwards to it',
    ],
    [
      'no load balancer uses it',
      targetGroup({ loadBalancerArns: [], forwardedBy: [] }),
      'used by no load balancer',
    ],
    ['it sends to Lambda functions', targetGroup({ protocol: undefined, targetType: 'lambda' }), 'Lambda'],
    ['it is a Gateway Load Balancer group', targetGroup({ protocol: 'GENEVE' }), 'GENEVE'],
  ])('does not apply when %s', (_case, group, said) => {
    // Act
    const outcome = rule.evaluate(group, ruleContext());

    // Assess
    expect(outcome.status).toBe('NOT_APPLICABLE');
    expect(outcome.reason).toContain(said);
  });

  it.each([
    ['its protocol is missing', targetGroup({ protocol: undefined }), 'the input gives no protocol'],
    [
      'its protocol is unknown',
      targetGroup({ protocol: 'http' }),
      'its protocol "http" is not one ELBv2 documents',
    ],
    [
      'its load balancers are not given',
      targetGroup({ loadBalancerArns: undefined }),
      'does not say which load balancers',
    ],
    [
      'an HTTPS listener’s rules were not read',
      targetGroup({ forwardedBy: [], forwardingUnknown: [`the rules of ${HTTPS_LISTENER}`] }),
      `the inputs lack the rules of ${HTTPS_LISTENER}`,
    ],
    [
      'it was never linked to listeners',
      targetGroup({ forwardedBy: undefined, forwardingUnknown: undefined }),
      'cannot be verified',
    ],
  ])('cannot verify it when %s', (_case, group, said) => {
    // Act
    const outcome = rule.evaluate(group, ruleContext());

    // Assess
    expect(outcome.status).toBe('NON_COMPLIANT');
    expect(outcome.unverified).toBe(true);
    expect(outcome.reason).toContain(said);
  });

  it('maps to SEC09-BP02 and reads tls.endToEnd, with no response', () => {
    expect(rule.metadata.compliance.frameworks).toContain('AWS Well-Architected SEC09-BP02');
    expect(rule.metadata.parameters.map((p) => p.policyPath)).toEqual(['tls.endToEnd']);
    expect(rule.metadata.remediation.remediate).toBeUndefined();
    expect(rule.metadata.remediation.block).toBeUndefined();
  });
});
