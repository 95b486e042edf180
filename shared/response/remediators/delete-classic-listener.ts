import { sdkCall } from '../calls.js';
import { defineRemediator } from '../remediator.js';

/** Front-end protocols without TLS (as elb-listener-plaintext judges them). */
const PLAINTEXT_PROTOCOLS = new Set(['HTTP', 'TCP']);

/** Block mode for classic load balancers: delete the plaintext listeners' ports, never a TLS one. */
export const deleteClassicListener = defineRemediator({
  id: 'delete-classic-listener',
  iamActions: ['elasticloadbalancing:DeleteLoadBalancerListeners'],
  resourceTypes: ['AWS::ElasticLoadBalancing::LoadBalancer'],
  plan({ resource: lb }) {
    const ports = lb.listeners
      .filter((listener) => PLAINTEXT_PROTOCOLS.has(listener.protocol.toUpperCase()))
      .map((listener) => listener.loadBalancerPort);
    if (ports.length === 0) return { kind: 'refused', note: 'the load balancer has no HTTP or TCP listener' };
    return {
      kind: 'calls',
      calls: [
        sdkCall('elb', 'DeleteLoadBalancerListeners', {
          LoadBalancerName: lb.loadBalancerName,
          LoadBalancerPorts: ports,
        }),
      ],
    };
  },
});
