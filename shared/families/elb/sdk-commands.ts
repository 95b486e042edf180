/** The SDK write commands of Classic Load Balancing, loaded by ./commands.ts when a call is first sent. */
export {
  CreateLoadBalancerPolicyCommand,
  DeleteLoadBalancerListenersCommand,
  SetLoadBalancerPoliciesOfListenerCommand,
} from '@aws-sdk/client-elastic-load-balancing';
