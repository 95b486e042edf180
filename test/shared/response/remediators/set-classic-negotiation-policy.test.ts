import {
  CreateLoadBalancerPolicyCommand,
  DuplicatePolicyNameException,
  SetLoadBalancerPoliciesOfListenerCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClassicLoadBalancer } from '../../../../shared/model/resource.js';
import { executePlan } from '../../../../shared/response/executor.js';
import { negotiationPolicyName } from '../../../../shared/response/remediators/set-classic-negotiation-policy.js';
import { elbListenerTlsPolicy } from '../../../../shared/rules/elb/elb-listener-tls-policy.js';
import { elbListenerWeakCiphers } from '../../../../shared/rules/elb/elb-listener-weak-ciphers.js';
import {
  classicListener,
  classicLoadBalancer,
  negotiationPolicy,
  STRONG_CLASSIC_CIPHERS,
} from '../../../helpers/elb-fixtures.js';
import {
  evaluateWith,
  executorDeps,
  mockRemediationClients,
  plannedAction,
  planOf,
  reads,
} from '../support.js';

const mocks = mockRemediationClients();

/** What the default policy (TLS 1.2+, ECDHE with AEAD) asks of a classic listener. */
const EXPECTED_ATTRIBUTES = [
  { AttributeName: 'Protocol-SSLv2', AttributeValue: 'false' },
  { AttributeName: 'Protocol-SSLv3', AttributeValue: 'false' },
  { AttributeName: 'Protocol-TLSv1', AttributeValue: 'false' },
  { AttributeName: 'Protocol-TLSv1.1', AttributeValue: 'false' },
  { AttributeName: 'Protocol-TLSv1.2', AttributeValue: 'true' },
  { AttributeName: 'Server-Defined-Cipher-Order', AttributeValue: 'true' },
  { AttributeName: 'ECDHE-ECDSA-AES128-GCM-SHA256', AttributeValue: 'true' },
  { AttributeName: 'ECDHE-RSA-AES128-GCM-SHA256', AttributeValue: 'true' },
  { AttributeName: 'ECDHE-ECDSA-AES256-GCM-SHA384', AttributeValue: 'true' },
  { AttributeName: 'ECDHE-RSA-AES256-GCM-SHA384', AttributeValue: 'true' },
];
const POLICY_NAME = negotiationPolicyName(EXPECTED_ATTRIBUTES);

const stickiness = {
  policyName: 'web-sticky',
  policyTypeName: 'LBCookieStickinessPolicyType',
  attributes: [{ name: 'CookieExpirationPeriod', value: '3600' }],
};

/** HTTPS:443 on the console's copy of ELBSecurityPolicy-2016-08 (TLS 1.0+, CBC ciphers) with stickiness. */
function legacyLoadBalancer(): ClassicLoadBalancer {
  return classicLoadBalancer(
    [classicListener('HTTPS', 443, ['AWSConsole-SSLNegotiationPolicy-legacy-web-2016', 'web-sticky'])],
    [
      negotiationPolicy('AWSConsole-SSLNegotiationPolicy-legacy-web-2016', {
        reference: 'ELBSecurityPolicy-2016-08',
      }),
      stickiness,
    ],
  );
}

/** The load balancer once the new policy is created and set on the listener. */
function hardened(lb: ClassicLoadBalancer): ClassicLoadBalancer {
  return {
    ...lb,
    listeners: lb.listeners.map((l) => ({ ...l, policyNames: ['web-sticky', POLICY_NAME] })),
    policies: [
      ...lb.policies,
      negotiationPolicy(POLICY_NAME, { protocols: ['TLSv1.2'], ciphers: STRONG_CLASSIC_CIPHERS }),
    ],
  };
}

describe('set-classic-negotiation-policy', () => {
  afterEach(() => {
    mocks.reset();
  });

  it('creates a TLS 1.2, ECDHE-GCM-only policy and sets it on the listener, keeping its stickiness policy', async () => {
    // Prepare
    const lb = legacyLoadBalancer();
    const action = plannedAction(elbListenerTlsPolicy, lb);
    mocks.elb.on(CreateLoadBalancerPolicyCommand).resolves({});
    mocks.elb.on(SetLoadBalancerPoliciesOfListenerCommand).resolves({});
    const { readResource } = reads(lb, hardened(lb));

    // Act
    const record = await executePlan(action, executorDeps(elbListenerTlsPolicy, readResource));

    // Assess
    expect(POLICY_NAME).toMatch(/^transit-guard-tls-[0-9a-f]{12}$/);
    expect(mocks.elb).toReceiveCommandExactlyOnceWith(CreateLoadBalancerPolicyCommand, {
      LoadBalancerName: 'legacy-web',
      PolicyName: POLICY_NAME,
      PolicyTypeName: 'SSLNegotiationPolicyType',
      PolicyAttributes: EXPECTED_ATTRIBUTES,
    });
    expect(mocks.elb).toReceiveCommandExactlyOnceWith(SetLoadBalancerPoliciesOfListenerCommand, {
      LoadBalancerName: 'legacy-web',
      LoadBalancerPort: 443,
      PolicyNames: ['web-sticky', POLICY_NAME],
    });
    const order = mocks.elb.calls().map((call) => call.args[0].constructor.name);
    expect(order).toEqual(['CreateLoadBalancerPolicyCommand', 'SetLoadBalancerPoliciesOfListenerCommand']);
    expect(record.status).toBe('remediated');
  });

  it('plans the same policy name for the weak-cipher rule and skips creating a policy that exists', () => {
    // Prepare
    const lb = legacyLoadBalancer();
    lb.policies.push(
      negotiationPolicy(POLICY_NAME, { protocols: ['TLSv1.2'], ciphers: STRONG_CLASSIC_CIPHERS }),
    );

    // Act
    const plan = planOf(evaluateWith(elbListenerWeakCiphers, lb));

    // Assess
    expect(plan.target).toBe(POLICY_NAME);
    expect(plan.calls?.map((call) => call.command)).toEqual(['SetLoadBalancerPoliciesOfListener']);
  });

  it('treats an existing policy of the same content-derived name as created', async () => {
    // Prepare
    const lb = legacyLoadBalancer();
    const action = plannedAction(elbListenerTlsPolicy, lb);
    mocks.elb
      .on(CreateLoadBalancerPolicyCommand)
      .rejects(new DuplicatePolicyNameException({ message: 'exists', $metadata: {} }));
    mocks.elb.on(SetLoadBalancerPoliciesOfListenerCommand).resolves({});
    const { readResource } = reads(lb, hardened(lb));

    // Act
    const record = await executePlan(action, executorDeps(elbListenerTlsPolicy, readResource));

    // Assess
    expect(record.status).toBe('remediated');
    expect(mocks.elb).toReceiveCommandTimes(SetLoadBalancerPoliciesOfListenerCommand, 1);
  });

  it('refuses when the type of another listener policy is not in the input', () => {
    // Prepare
    const lb = classicLoadBalancer([classicListener('HTTPS', 443, ['ELBSecurityPolicy-2016-08', 'mystery'])]);

    // Act
    const plan = planOf(evaluateWith(elbListenerTlsPolicy, lb));

    // Assess
    expect(plan.status).toBe('notify');
    expect(plan.note).toContain('the type of policy mystery on listener HTTPS:443 is not in the input');
  });

  it('refuses when the policy asks for TLS 1.3, which classic load balancers cannot negotiate', () => {
    // Prepare
    const lb = legacyLoadBalancer();

    // Act
    const plan = planOf(evaluateWith(elbListenerTlsPolicy, lb, { tls: { minimumVersion: 'TLSv1.3' } }));

    // Assess
    expect(plan.status).toBe('notify');
    expect(plan.note).toContain('negotiates at most TLSv1.2, below the minimum TLSv1.3');
  });
});
