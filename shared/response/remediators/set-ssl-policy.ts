import { isFipsPolicyName } from '../../tls/index.js';
import { sdkCall } from '../calls.js';
import { defineRemediator } from '../remediator.js';

export const setSslPolicy = defineRemediator({
  id: 'set-ssl-policy',
  iamActions: ['elasticloadbalancing:ModifyListener'],
  resourceTypes: ['AWS::ElasticLoadBalancingV2::Listener'],
  plan({ resource: listener, policy, target }) {
    // The rule's target already picks the FIPS policy for a FIPS listener; derive it the same way if absent.
    const fips = listener.sslPolicy !== undefined && isFipsPolicyName(listener.sslPolicy);
    const sslPolicy = target ?? (fips ? policy.tls.targetFipsPolicy : policy.tls.targetPolicy);
    if (listener.sslPolicy === sslPolicy) {
      return { kind: 'refused', note: `the listener already uses ${sslPolicy}` };
    }
    return {
      kind: 'calls',
      calls: [
        sdkCall('elbv2', 'ModifyListener', { ListenerArn: listener.listenerArn, SslPolicy: sslPolicy }),
      ],
      target: sslPolicy,
    };
  },
});
