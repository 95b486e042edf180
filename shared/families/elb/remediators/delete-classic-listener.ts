import { sdkCall } from '../../../response/calls.js';
import { defineRemediator } from '../../../response/remediator.js';
import { ELB_COMMANDS } from '../commands.js';
import { isClassicPlaintextListener } from '../listener.js';

/**
 * Block mode for classic load balancers: delete the plaintext listeners' ports (as elb-listener-plaintext
 * judges them), never a TLS one nor a TCP one on a TLS-passthrough port.
 */
export const deleteClassicListener = defineRemediator({
  id: 'delete-classic-listener',
  iamActions: [ELB_COMMANDS.DeleteLoadBalancerListeners.iamAction],
  resourceTypes: ['AWS::ElasticLoadBalancing::LoadBalancer'],
  plan({ resource: lb, policy }) {
    const ports = lb.listeners
      .filter((listener) => isClassicPlaintextListener(listener, policy.tls.tlsPassthroughPorts))
      .map((listener) => listener.loadBalancerPort);
    if (ports.length === 0) {
      return {
        kind: 'refused',
        note: 'the load balancer has no HTTP listener and no TCP listener off the TLS-passthrough ports (tls.tlsPassthroughPorts)',
      };
    }
    return {
      kind: 'calls',
      calls: [
        sdkCall(ELB_COMMANDS, 'DeleteLoadBalancerListeners', {
          LoadBalancerName: lb.loadBalancerName,
          LoadBalancerPorts: ports,
        }),
      ],
    };
  },
});
