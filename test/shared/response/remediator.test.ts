import { describe, expect, it } from 'vitest';
import type { Elbv2Listener } from '../../../shared/families/elbv2/model.js';
import { elbv2ListenerTlsPolicy as rule } from '../../../shared/families/elbv2/rules/elbv2-listener-tls-policy.js';
import type { RemediationCall } from '../../../shared/model/evaluation.js';
import { policySchema } from '../../../shared/policy/schema.js';
import { defineRemediator } from '../../../shared/response/remediator.js';
import { albHttpsListener, classicLoadBalancer } from '../../helpers/elb-fixtures.js';
import { evaluateWith, START } from './support.js';

const listener = albHttpsListener({ sslPolicy: 'ELBSecurityPolicy-2016-08' });
const classic = classicLoadBalancer([]);
const evaluation = evaluateWith(rule, listener);
const CALL: RemediationCall = { service: 'elbv2', command: 'ModifyListener', input: {} };

/** A remediator for ELBv2 listeners that records what its own functions were given. */
function listenerRemediator() {
  const seen: { settled: (Elbv2Listener | undefined)[]; verified: (Elbv2Listener | undefined)[] } = {
    settled: [],
    verified: [],
  };
  const remediator = defineRemediator({
    id: 'test-listener-action',
    iamActions: ['elasticloadbalancing:ModifyListener'],
    resourceTypes: ['AWS::ElasticLoadBalancingV2::Listener'],
    safety: (resource) => (resource.sslPolicy ? undefined : 'no policy to replace'),
    plan: ({ resource }) => ({
      kind: 'calls',
      calls: [{ service: 'elbv2', command: 'ModifyListener', input: { ListenerArn: resource.listenerArn } }],
    }),
    settle: {
      isSettled: (after) => {
        seen.settled.push(after);
        return true;
      },
      failure: () => 'did not settle',
      timeoutMs: () => 60_000,
    },
    verify: (after) => {
      seen.verified.push(after);
      return { verified: true };
    },
  });
  return { remediator, seen };
}

const MISMATCH =
  'remediation test-listener-action does not apply to AWS::ElasticLoadBalancing::LoadBalancer; it acts on AWS::ElasticLoadBalancingV2::Listener';

describe('defineRemediator', () => {
  it('plans the calls of its spec for a resource of its type', () => {
    // Prepare
    const { remediator } = listenerRemediator();

    // Act
    const plan = remediator.plan({ resource: listener, evaluation, policy: policySchema.parse({}) });

    // Assess
    expect(remediator.appliesTo(listener)).toBe(true);
    expect(plan).toEqual({
      kind: 'calls',
      calls: [{ service: 'elbv2', command: 'ModifyListener', input: { ListenerArn: listener.listenerArn } }],
    });
  });

  it('refuses to plan for another resource type, naming the types it acts on', () => {
    // Prepare
    const { remediator } = listenerRemediator();

    // Act
    const plan = remediator.plan({ resource: classic, evaluation, policy: policySchema.parse({}) });

    // Assess
    expect(remediator.appliesTo(classic)).toBe(false);
    expect(plan).toEqual({ kind: 'refused', note: MISMATCH });
  });

  it('calls acting on another resource type unsafe, with the same words', () => {
    // Prepare
    const { remediator } = listenerRemediator();

    // Act
    const unsafe = remediator.safety(classic, evaluation);

    // Assess
    expect(unsafe).toBe(MISMATCH);
  });

  it('lists every type it acts on when refusing another one', () => {
    // Prepare
    const remediator = defineRemediator({
      id: 'test-two-types',
      iamActions: [],
      resourceTypes: ['AWS::ElasticLoadBalancingV2::Listener', 'AWS::ACM::Certificate'],
      plan: () => ({ kind: 'calls', calls: [] }),
    });

    // Act
    const unsafe = remediator.safety(classic, evaluation);

    // Assess
    expect(unsafe).toBe(
      'remediation test-two-types does not apply to AWS::ElasticLoadBalancing::LoadBalancer; it acts on AWS::ElasticLoadBalancingV2::Listener, AWS::ACM::Certificate',
    );
  });

  it("answers with the spec's own safety check for a resource of its type", () => {
    // Prepare
    const { remediator } = listenerRemediator();

    // Act
    const safe = remediator.safety(listener, evaluation);
    const unsafe = remediator.safety({ ...listener, sslPolicy: undefined }, evaluation);

    // Assess
    expect(safe).toBeUndefined();
    expect(unsafe).toBe('no policy to replace');
  });

  it('hands settle and verify the resource read again only when it is of its type', () => {
    // Prepare
    const { remediator, seen } = listenerRemediator();
    const context = { evaluation: undefined, startedAt: START };

    // Act
    remediator.settle?.isSettled(listener, CALL);
    remediator.settle?.isSettled(classic, CALL);
    remediator.verify?.(listener, context);
    remediator.verify?.(classic, context);

    // Assess
    expect(seen.settled).toEqual([listener, undefined]);
    expect(seen.verified).toEqual([listener, undefined]);
    expect(remediator.settle?.failure(CALL)).toBe('did not settle');
  });
});
