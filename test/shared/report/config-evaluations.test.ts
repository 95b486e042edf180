import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../../../shared/model/evaluation.js';
import { notApplicableEvaluation, toConfigEvaluation } from '../../../shared/report/config-evaluations.js';

const capturedAt = new Date('2026-11-21T08:30:00.000Z');
const listener = {
  resourceType: 'AWS::ElasticLoadBalancingV2::Listener' as const,
  resourceId:
    'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2',
};

function evaluation(ruleId: string, status: Evaluation['status'], reason = `${ruleId} says so`): Evaluation {
  return { ruleId, status, severity: 'high', ...listener, reason };
}

describe('toConfigEvaluation', () => {
  it('is NON_COMPLIANT when any rule fails and names the failing rule and reason', () => {
    // Act
    const result = toConfigEvaluation(
      listener,
      [
        evaluation('elbv2-listener-plaintext', 'NOT_APPLICABLE'),
        evaluation('elbv2-listener-tls-policy', 'NON_COMPLIANT', 'TLSv1 accepted.'),
      ],
      capturedAt,
    );

    // Assess
    expect(result).toEqual({
      ComplianceResourceType: listener.resourceType,
      ComplianceResourceId: listener.resourceId,
      ComplianceType: 'NON_COMPLIANT',
      Annotation: 'elbv2-listener-tls-policy: TLSv1 accepted.',
      OrderingTimestamp: capturedAt,
    });
  });

  it('counts several failing rules in the annotation', () => {
    const result = toConfigEvaluation(
      listener,
      [
        evaluation('elbv2-listener-tls-policy', 'NON_COMPLIANT'),
        evaluation('elbv2-listener-weak-ciphers', 'NON_COMPLIANT'),
      ],
      capturedAt,
    );
    expect(result.Annotation).toBe('2 findings: elbv2-listener-tls-policy, elbv2-listener-weak-ciphers');
  });

  it('is COMPLIANT when no rule fails and one passes, NOT_APPLICABLE when none applies', () => {
    expect(
      toConfigEvaluation(
        listener,
        [evaluation('a', 'COMPLIANT'), evaluation('b', 'NOT_APPLICABLE')],
        capturedAt,
      ).ComplianceType,
    ).toBe('COMPLIANT');
    expect(toConfigEvaluation(listener, [evaluation('a', 'NOT_APPLICABLE')], capturedAt).ComplianceType).toBe(
      'NOT_APPLICABLE',
    );
  });

  it('keeps the annotation within the 256 characters Config accepts', () => {
    const result = toConfigEvaluation(
      listener,
      [evaluation('a', 'NON_COMPLIANT', 'x'.repeat(1000))],
      capturedAt,
    );
    expect(result.Annotation).toHaveLength(256);
    expect(result.Annotation?.endsWith('…')).toBe(true);
  });
});

describe('notApplicableEvaluation', () => {
  it('answers Config for a deleted resource', () => {
    expect(notApplicableEvaluation(listener, 'Resource deleted.', capturedAt)).toEqual({
      ComplianceResourceType: listener.resourceType,
      ComplianceResourceId: listener.resourceId,
      ComplianceType: 'NOT_APPLICABLE',
      Annotation: 'Resource deleted.',
      OrderingTimestamp: capturedAt,
    });
  });
});
