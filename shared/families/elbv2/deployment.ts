/**
 * ELBv2 in the deployment: listener reads and writes, and the SCP statements that deny plaintext listeners and
 * weak security policies. Condition keys (Service Authorization Reference, list_awselasticloadbalancingv2.html):
 * CreateListener / ModifyListener carry elasticloadbalancing:ListenerProtocol and elasticloadbalancing:SecurityPolicy
 * (both multi-valued, so ForAnyValue:). There is no "elasticloadbalancing:Protocol" key.
 * Tagging: ELB checks elasticloadbalancing:AddTags on a create call that carries tags (ELB user guide, "tag
 * resources during creation"); RemoveTags removes them.
 */
import type { FamilyDeployment, ScpContext, ScpStatement } from '../../infra/family-deployment.js';
import type { Policy } from '../../policy/schema.js';
import { assessTlsPolicy } from '../../tls/assess.js';
import type { TlsCatalog } from '../../tls/catalog.js';

const LISTENER_ACTIONS = ['elasticloadbalancing:CreateListener', 'elasticloadbalancing:ModifyListener'];

/**
 * The ELBv2 security policies of the catalog that fail the policy's TLS rules: below the minimum protocol
 * (elbv2-listener-tls-policy) or offering a cipher outside the allowed classes (elbv2-listener-weak-ciphers).
 */
function weakElbv2SecurityPolicies(
  policy: Policy,
  catalog: TlsCatalog,
  ruleIsOn: (ruleId: string) => boolean,
): string[] {
  const checkProtocols = ruleIsOn('elbv2-listener-tls-policy');
  const checkCiphers = ruleIsOn('elbv2-listener-weak-ciphers');
  return catalog.elbv2PolicyNames().filter((name) => {
    const resolved = catalog.elbv2Policy(name);
    if (!resolved) return false;
    const assessment = assessTlsPolicy(resolved, policy.tls, catalog);
    return (
      (checkProtocols && assessment.protocolsBelowMinimum.length > 0) ||
      (checkCiphers && assessment.disallowedCiphers.length > 0)
    );
  });
}

function plaintextListeners({ ruleIsOn, unlessExempt }: ScpContext): ScpStatement[] {
  const protocols = [
    ...(ruleIsOn('elbv2-listener-plaintext') ? ['HTTP'] : []),
    ...(ruleIsOn('elbv2-listener-tcp-plaintext') ? ['TCP', 'UDP', 'TCP_UDP'] : []),
  ];
  if (protocols.length === 0) return [];
  return [
    {
      Sid: 'PlaintextListeners',
      Effect: 'Deny',
      Action: LISTENER_ACTIONS,
      Resource: '*',
      Condition: {
        'ForAnyValue:StringEquals': { 'elasticloadbalancing:ListenerProtocol': protocols },
        ...unlessExempt,
      },
    },
  ];
}

function weakSecurityPolicies({ policy, catalog, ruleIsOn }: ScpContext): ScpStatement[] {
  const weakPolicies = weakElbv2SecurityPolicies(policy, catalog, ruleIsOn);
  if (weakPolicies.length === 0) return [];
  return [
    {
      Sid: 'WeakSecurityPolicies',
      Effect: 'Deny',
      Action: LISTENER_ACTIONS,
      Resource: '*',
      Condition: { 'ForAnyValue:StringEquals': { 'elasticloadbalancing:SecurityPolicy': weakPolicies } },
    },
    // Without SslPolicy AWS picks its default policy; the caller must choose one this policy accepts. On
    // ModifyListener this also denies a request that restates Protocol HTTPS/TLS on a listener that already
    // has a policy (a tool resending the whole listener to change its port or certificate): name SslPolicy too.
    {
      Sid: 'TlsListenerWithoutPolicy',
      Effect: 'Deny',
      Action: LISTENER_ACTIONS,
      Resource: '*',
      Condition: {
        'ForAnyValue:StringEquals': { 'elasticloadbalancing:ListenerProtocol': ['HTTPS', 'TLS'] },
        Null: { 'elasticloadbalancing:SecurityPolicy': 'true' },
      },
    },
  ];
}

export const elbv2Deployment: FamilyDeployment = {
  services: ['elasticloadbalancing'],
  reads: [
    {
      // ELB Describe* actions support only Resource "*" (the classic family adds its own to this statement).
      sid: 'ReadLoadBalancers',
      actions: [
        'elasticloadbalancing:DescribeListeners',
        'elasticloadbalancing:DescribeLoadBalancers',
        'elasticloadbalancing:DescribeRules',
        'elasticloadbalancing:DescribeSSLPolicies',
        'elasticloadbalancing:DescribeTargetGroups',
      ],
      resource: '*',
    },
  ],
  writes: [
    {
      sid: 'RemediateListeners',
      actions: ['elasticloadbalancing:ModifyListener', 'elasticloadbalancing:DeleteListener'],
      resource: { service: 'elasticloadbalancing', resource: 'listener/*' },
    },
    {
      sid: 'RemediateListenerRules',
      actions: ['elasticloadbalancing:ModifyRule'],
      resource: { service: 'elasticloadbalancing', resource: 'listener-rule/*' },
    },
  ],
  scp: { exceptionTagged: plaintextListeners, statements: weakSecurityPolicies },
};
