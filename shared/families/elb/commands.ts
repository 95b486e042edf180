import { writeCommand } from '../../response/calls.js';

const sdk = () => import('./sdk-commands.js');

/** The write calls Classic Load Balancer remediation makes. */
export const ELB_COMMANDS = {
  CreateLoadBalancerPolicy: writeCommand({
    service: 'elb',
    iamAction: 'elasticloadbalancing:CreateLoadBalancerPolicy',
    // Creating the content-named negotiation policy again is harmless: the same name means the same settings.
    harmlessError: 'DuplicatePolicyNameException',
    load: async () => (await sdk()).CreateLoadBalancerPolicyCommand,
  }),
  SetLoadBalancerPoliciesOfListener: writeCommand({
    service: 'elb',
    iamAction: 'elasticloadbalancing:SetLoadBalancerPoliciesOfListener',
    load: async () => (await sdk()).SetLoadBalancerPoliciesOfListenerCommand,
  }),
  DeleteLoadBalancerListeners: writeCommand({
    service: 'elb',
    iamAction: 'elasticloadbalancing:DeleteLoadBalancerListeners',
    load: async () => (await sdk()).DeleteLoadBalancerListenersCommand,
  }),
};
