/**
 * Classic ELB in the deployment: load balancer reads and writes, and the SCP statement that denies plaintext
 * listeners. CreateLoadBalancer / CreateLoadBalancerListeners carry elasticloadbalancing:ListenerProtocol, one
 * value per listener (ELB user guide, security_iam_service-with-iam.html, "Policy condition keys").
 */
import type { FamilyDeployment, ScpContext, ScpStatement } from '../../infra/family-deployment.js';

function plaintextClassicListeners({ ruleIsOn, unlessExempt }: ScpContext): ScpStatement[] {
  if (!ruleIsOn('elb-listener-plaintext')) return [];
  return [
    {
      Sid: 'PlaintextClassicListeners',
      Effect: 'Deny',
      Action: ['elasticloadbalancing:CreateLoadBalancer', 'elasticloadbalancing:CreateLoadBalancerListeners'],
      Resource: '*',
      // The classic API accepts protocols in any case.
      Condition: {
        'ForAnyValue:StringEqualsIgnoreCase': { 'elasticloadbalancing:ListenerProtocol': ['HTTP', 'TCP'] },
        ...unlessExempt,
      },
    },
  ];
}

export const elbDeployment: FamilyDeployment = {
  services: ['elasticloadbalancing'],
  reads: [
    {
      sid: 'ReadLoadBalancers',
      actions: [
        'elasticloadbalancing:DescribeLoadBalancers',
        'elasticloadbalancing:DescribeLoadBalancerPolicies',
      ],
      resource: '*',
    },
  ],
  writes: [
    {
      // Classic load balancers: arn:...:elasticloadbalancing:<region>:<account>:loadbalancer/<name>
      sid: 'RemediateClassicLoadBalancers',
      actions: [
        'elasticloadbalancing:CreateLoadBalancerPolicy',
        'elasticloadbalancing:SetLoadBalancerPoliciesOfListener',
        'elasticloadbalancing:DeleteLoadBalancerListeners',
      ],
      resource: { service: 'elasticloadbalancing', resource: 'loadbalancer/*' },
    },
  ],
  scp: { exceptionTagged: plaintextClassicListeners },
};
