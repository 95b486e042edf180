import { sdkCall } from '../../../response/calls.js';
import { defineRemediator } from '../../../response/remediator.js';

/** Block mode for NLB listeners without TLS: the listener goes, and its traffic with it. */
export const deleteListener = defineRemediator({
  id: 'delete-listener',
  iamActions: ['elasticloadbalancing:DeleteListener'],
  resourceTypes: ['AWS::ElasticLoadBalancingV2::Listener'],
  plan({ resource: listener }) {
    return {
      kind: 'calls',
      calls: [sdkCall('elbv2', 'DeleteListener', { ListenerArn: listener.listenerArn })],
    };
  },
  verify(after) {
    return after === undefined
      ? { verified: true }
      : { verified: false, reason: 'the listener still exists when read again' };
  },
});
