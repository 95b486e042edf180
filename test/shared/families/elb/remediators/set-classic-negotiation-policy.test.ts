import {
  CreateLoadBalancerPolicyCommand,
  DuplicatePolicyNameException,
  SetLoadBalancerPoliciesOfListenerCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClassicLoadBalancer, ClassicPolicy } from '../../../../../shared/families/elb/model.js';
import {
  negotiationPolicyName,
  setClassicNegotiationPolicy,
} from '../../../../../shared/families/elb/remediators/set-classic-negotiation-policy.js';
import { elbListenerTlsPolicy } from '../../../../../shared/families/elb/rules/elb-listener-tls-policy.js';
import { elbListenerWeakCiphers } from '../../../../../shared/families/elb/rules/elb-listener-weak-ciphers.js';
import type { Evaluation } from '../../../../../shared/model/evaluation.js';
import type { PolicyInput } from '../../../../../shared/policy/schema.js';
import { executePlan } from '../../../../../shared/response/executor.js';
import {
  classicListener,
  classicLoadBalancer,
  negotiationPolicy,
  STRONG_CLASSIC_CIPHERS,
} from '../../../../helpers/elb-fixtures.js';
import { ruleContext } from '../../../../helpers/rule-context.js';
import {
  evaluateWith,
  executorDeps,
  mockRemediationClients,
  plannedAction,
  planOf,
  reads,
} from '../../../response/support.js';

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

/** The verdict the remediator plans from, with the rule's details replaced (undefined: none). */
function verdictFor(lb: ClassicLoadBalancer, details?: Record<string, unknown>): Evaluation {
  const { details: _fromRule, ...evaluation } = evaluateWith(elbListenerTlsPolicy, lb);
  return details === undefined ? evaluation : { ...evaluation, details };
}

function planDirectly(lb: ClassicLoadBalancer, details?: Record<string, unknown>, policy: PolicyInput = {}) {
  return setClassicNegotiationPolicy.plan({
    resource: lb,
    evaluation: verdictFor(lb, details),
    policy: ruleContext(policy).policy,
  });
}

/** The listener ports a plan sets the negotiation policy on, in call order. */
function portsSet(plan: ReturnType<typeof planDirectly>): unknown[] {
  if (plan.kind !== 'calls') return [];
  return plan.calls
    .filter((call) => call.command === 'SetLoadBalancerPoliciesOfListener')
    .map((call) => call.input.LoadBalancerPort);
}

describe('set-classic-negotiation-policy plan', () => {
  it('keeps the content-derived name of the default policy stable, so a policy an earlier release created is reused', () => {
    // Assess: sha256 of the "name=value" lines, one per attribute, first 12 hex digits.
    expect(POLICY_NAME).toBe('transit-guard-tls-97519ae85896');
  });

  it('gives different settings different names', () => {
    // Act
    const enabled = negotiationPolicyName([{ AttributeName: 'Protocol-TLSv1', AttributeValue: 'true' }]);
    const disabled = negotiationPolicyName([{ AttributeName: 'Protocol-TLSv1', AttributeValue: 'false' }]);

    // Assess
    expect(enabled).not.toBe(disabled);
  });

  it('creates the policy, then sets it on the listener', () => {
    // Prepare
    const lb = legacyLoadBalancer();

    // Act
    const plan = planDirectly(lb);

    // Assess
    expect(plan).toEqual({
      kind: 'calls',
      calls: [
        {
          service: 'elb',
          command: 'CreateLoadBalancerPolicy',
          input: {
            LoadBalancerName: 'legacy-web',
            PolicyName: POLICY_NAME,
            PolicyTypeName: 'SSLNegotiationPolicyType',
            PolicyAttributes: EXPECTED_ATTRIBUTES,
          },
        },
        {
          service: 'elb',
          command: 'SetLoadBalancerPoliciesOfListener',
          input: {
            LoadBalancerName: 'legacy-web',
            LoadBalancerPort: 443,
            PolicyNames: ['web-sticky', POLICY_NAME],
          },
        },
      ],
      target: POLICY_NAME,
    });
  });

  it('enables no protocol below the minimum even when every cipher class, legacy included, is allowed', () => {
    // Prepare
    const policy: PolicyInput = {
      tls: {
        allowedCipherClasses: [
          'tls13',
          'ecdhe-aead',
          'ecdhe-cbc-sha2',
          'ecdhe-cbc-sha1',
          'dhe-aead',
          'dhe-cbc',
          'rsa-aead',
          'rsa-cbc',
          'legacy',
        ],
      },
    };

    // Act
    const plan = planDirectly(legacyLoadBalancer(), undefined, policy);

    // Assess
    const attributes = plan.kind === 'calls' ? (plan.calls[0]?.input.PolicyAttributes as unknown[]) : [];
    expect(
      attributes.filter((a) =>
        /^(Protocol-|Server-Defined)/.test((a as { AttributeName: string }).AttributeName),
      ),
    ).toEqual([
      { AttributeName: 'Protocol-SSLv2', AttributeValue: 'false' },
      { AttributeName: 'Protocol-SSLv3', AttributeValue: 'false' },
      { AttributeName: 'Protocol-TLSv1', AttributeValue: 'false' },
      { AttributeName: 'Protocol-TLSv1.1', AttributeValue: 'false' },
      { AttributeName: 'Protocol-TLSv1.2', AttributeValue: 'true' },
      { AttributeName: 'Server-Defined-Cipher-Order', AttributeValue: 'true' },
    ]);
    expect(attributes).toContainEqual({ AttributeName: 'DES-CBC3-SHA', AttributeValue: 'true' });
    expect(attributes).toHaveLength(6 + 21);
  });

  it('refuses under tls.postQuantum: require: no classic policy has TLS 1.3, which ML-KEM needs', () => {
    // Act
    const plan = planDirectly(legacyLoadBalancer(), undefined, { tls: { postQuantum: 'require' } });

    // Assess
    expect(plan).toEqual({
      kind: 'refused',
      note: 'no classic negotiation policy can meet the policy: tls.postQuantum requires hybrid post-quantum key exchange, which needs TLS 1.3, and a classic load balancer negotiates at most TLSv1.2 (move to an Application or Network Load Balancer)',
    });
  });

  it.each([
    [['tls13' as const], 'tls13'],
    [['tls13' as const, 'dhe-aead' as const], 'tls13, dhe-aead'],
  ])('refuses when no classic cipher is in the allowed classes %j', (allowedCipherClasses, listed) => {
    // Act
    const plan = planDirectly(legacyLoadBalancer(), undefined, { tls: { allowedCipherClasses } });

    // Assess
    expect(plan).toEqual({
      kind: 'refused',
      note: `no classic negotiation policy can meet the policy: a classic load balancer offers no cipher in the allowed classes (${listed})`,
    });
  });

  /** HTTP:80 beside HTTPS:443 and SSL:8443, both TLS listeners on a predefined policy. */
  const threeListeners = () =>
    classicLoadBalancer([
      classicListener('HTTP', 80),
      classicListener('HTTPS', 443, ['ELBSecurityPolicy-2016-08']),
      classicListener('SSL', 8443, ['ELBSecurityPolicy-2016-08']),
    ]);

  it.each<[string, Record<string, unknown> | undefined, number[]]>([
    ['no details', undefined, [443, 8443]],
    ['details without failingListeners', { minimumVersion: 'TLSv1.2' }, [443, 8443]],
    ['failingListeners that is not a list', { failingListeners: 'SSL:8443' }, [443, 8443]],
    ['only entries without a listener name', { failingListeners: [{ listener: 8443 }, null] }, [443, 8443]],
    ['one failing listener', { failingListeners: [{ listener: 'SSL:8443' }] }, [8443]],
    ['a null entry beside a named one', { failingListeners: [null, { listener: 'SSL:8443' }] }, [8443]],
  ])('with %s, sets the policy on the failing TLS listeners only, never on HTTP', (_case, details, ports) => {
    // Act
    const plan = planDirectly(threeListeners(), details);

    // Assess
    expect(portsSet(plan)).toEqual(ports);
  });

  it.each<[string, ClassicLoadBalancer, Record<string, unknown> | undefined]>([
    [
      'names only a listener the load balancer does not have',
      threeListeners(),
      { failingListeners: [{ listener: 'HTTPS:9443' }] },
    ],
    ['has no HTTPS or SSL listener', classicLoadBalancer([classicListener('HTTP', 80)]), undefined],
  ])('refuses when the verdict %s', (_case, lb, details) => {
    // Act
    const plan = planDirectly(lb, details);

    // Assess
    expect(plan).toEqual({ kind: 'refused', note: 'no HTTPS or SSL listener to change' });
  });

  const cipherOnly: ClassicPolicy = negotiationPolicy('web-tls', { ciphers: ['AES128-SHA'] });
  const typeless = (policyName: string, attribute: string): ClassicPolicy => ({
    policyName,
    attributes: [{ name: attribute, value: 'true' }],
  });

  it.each<[string, string, ClassicPolicy | undefined, string[]]>([
    ['a negotiation-typed policy with cipher attributes only', 'web-tls', cipherOnly, [POLICY_NAME]],
    [
      'a typeless policy naming a reference security policy',
      'web-tls',
      {
        policyName: 'web-tls',
        attributes: [
          { name: 'Reference-Security-Policy', value: 'ELBSecurityPolicy-2016-08' },
          { name: 'AES128-SHA', value: 'true' },
        ],
      },
      [POLICY_NAME],
    ],
    [
      'a typeless policy with a protocol attribute',
      'web-tls',
      typeless('web-tls', 'Protocol-TLSv1.2'),
      [POLICY_NAME],
    ],
    ['a stickiness policy', 'web-sticky', stickiness, ['web-sticky', POLICY_NAME]],
    [
      'a predefined policy not in the input',
      'ELBSample-OpenSSLDefaultCipherPolicy',
      undefined,
      [POLICY_NAME],
    ],
  ])('replaces %s only where it is the negotiation policy', (_case, name, listed, policyNames) => {
    // Prepare
    const lb = classicLoadBalancer([classicListener('HTTPS', 443, [name])], listed ? [listed] : []);

    // Act
    const plan = planDirectly(lb);

    // Assess
    expect(plan.kind === 'calls' ? plan.calls.at(-1)?.input.PolicyNames : plan.note).toEqual(policyNames);
  });

  it.each<[string, string, ClassicPolicy | undefined]>([
    ['a typeless policy with other attributes', 'web-cookie', typeless('web-cookie', 'CookieName')],
    [
      'a typeless policy whose attribute only contains "Protocol-"',
      'web-proxy',
      typeless('web-proxy', 'Backend-Protocol-Version'),
    ],
    [
      'a typeless policy whose attribute only starts like the reference',
      'web-ref',
      typeless('web-ref', 'Reference-Security-Policy-Owner'),
    ],
    [
      'a policy not in the input whose name only contains a predefined name',
      'copy-of-ELBSecurityPolicy-2016-08',
      undefined,
    ],
  ])('refuses when the listener has %s: its type is not known', (_case, name, listed) => {
    // Prepare
    const lb = classicLoadBalancer([classicListener('HTTPS', 443, [name])], listed ? [listed] : []);

    // Act
    const plan = planDirectly(lb);

    // Assess
    expect(plan).toEqual({
      kind: 'refused',
      note: `the type of policy ${name} on listener HTTPS:443 is not in the input, so it cannot be kept or replaced safely`,
    });
  });

  it('names every policy of unknown type on the listener', () => {
    // Prepare
    const lb = classicLoadBalancer([
      classicListener('HTTPS', 443, ['ELBSecurityPolicy-2016-08', 'mystery', 'enigma']),
    ]);

    // Act
    const plan = planDirectly(lb);

    // Assess
    expect(plan.kind === 'refused' && plan.note).toBe(
      'the type of policy mystery, enigma on listener HTTPS:443 is not in the input, so it cannot be kept or replaced safely',
    );
  });
});
