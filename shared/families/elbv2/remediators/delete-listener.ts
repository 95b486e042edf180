import { sdkCall } from '../../../response/calls.js';
import { defineRemediator } from '../../../response/remediator.js';
import { ELBV2_COMMANDS } from '../commands.js';

/** Block mode for NLB listeners without TLS: the listener goes, and its traffic with it. */
export const deleteListener = defineRemediator({
  id: 'delete-listener',
  iamActions: [ELBV2_COMMANDS.DeleteListener.iamAction],
  resourceTypes: ['AWS::ElasticLoadBalancingV2::Listener'],
  plan({ resource: listener }) {
    return {
      kind: 'calls',
      calls: [sdkCall(ELBV2_COMMANDS, 'DeleteListener', { ListenerArn: listener.listenerArn })],
    };
  },
  verify(after) {
    return after === undefined
      ? { verified: true }
      : { verified: false, reason: 'the listener still exists when read again' };
  },
});
