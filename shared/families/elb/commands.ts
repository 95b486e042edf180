import { writeCommand } from '../../response/calls.js';

/** The write calls Classic Load Balancer remediation makes. */
export const ELB_COMMANDS = {
  CreateLoadBalancerPolicy: writeCommand({
    service: 'elb',
    iamAction: 'elasticloadbalancing:CreateLoadBalancerPolicy',
    // Creating the content-named negotiation policy again is harmless: the same name means the same settings.
    harmlessError: 'DuplicatePolicyNameException',
    load: async () => (await import('./client.js')).CreateLoadBalancerPolicyCommand,
  }),
  SetLoadBalancerPoliciesOfListener: writeCommand({
    service: 'elb',
    iamAction: 'elasticloadbalancing:SetLoadBalancerPoliciesOfListener',
    load: async () => (await import('./client.js')).SetLoadBalancerPoliciesOfListenerCommand,
  }),
  DeleteLoadBalancerListeners: writeCommand({
    service: 'elb',
    iamAction: 'elasticloadbalancing:DeleteLoadBalancerListeners',
    load: async () => (await import('./client.js')).DeleteLoadBalancerListenersCommand,
  }),
};
