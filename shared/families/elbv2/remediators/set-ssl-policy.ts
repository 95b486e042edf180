import { joinWords } from '../../../model/words.js';
import { sdkCall } from '../../../response/calls.js';
import { defineRemediator } from '../../../response/remediator.js';
import { createTlsCatalog, isFipsPolicyName } from '../../../tls/index.js';
import { ELBV2_COMMANDS } from '../commands.js';
import type { Elbv2Listener } from '../model.js';
import { targetSecurityPolicy } from '../targets.js';

/** The bundled DescribeSSLPolicies data: which load balancer types take each security policy. */
const BUNDLED_POLICIES = createTlsCatalog();

/** Why the listener's load balancer cannot take the security policy, or undefined when it can. */
function unsupported(listener: Elbv2Listener, sslPolicy: string): string | undefined {
  const type = listener.loadBalancerType;
  if (!type) {
    return `the load balancer type of the listener is not in the input: cannot tell whether it supports security policy ${sslPolicy}`;
  }
  const supported = BUNDLED_POLICIES.elbv2Policy(sslPolicy)?.supportedLoadBalancerTypes;
  if (!supported) {
    return `security policy ${sslPolicy} is not in the bundled ELBv2 security policy data: cannot tell whether ${type} load balancers support it`;
  }
  if (supported.includes(type)) return undefined;
  return `security policy ${sslPolicy} does not support ${type} load balancers (it supports ${joinWords(supported)})`;
}

export const setSslPolicy = defineRemediator({
  id: 'set-ssl-policy',
  iamActions: [ELBV2_COMMANDS.ModifyListener.iamAction],
  resourceTypes: ['AWS::ElasticLoadBalancingV2::Listener'],
  plan({ resource: listener, policy, target }) {
    // The rule's target already picks the FIPS policy for a FIPS listener; derive it the same way if absent.
    const fips = listener.sslPolicy !== undefined && isFipsPolicyName(listener.sslPolicy);
    const sslPolicy = target ?? targetSecurityPolicy(listener.loadBalancerType, fips, policy.tls);
    if (listener.sslPolicy === sslPolicy) {
      return { kind: 'refused', note: `the listener already uses ${sslPolicy}` };
    }
    // ModifyListener rejects a policy the load balancer type does not support: say so instead of failing.
    const refusal = unsupported(listener, sslPolicy);
    if (refusal) return { kind: 'refused', note: refusal };
    return {
      kind: 'calls',
      calls: [
        sdkCall(ELBV2_COMMANDS, 'ModifyListener', {
          ListenerArn: listener.listenerArn,
          SslPolicy: sslPolicy,
        }),
      ],
      target: sslPolicy,
    };
  },
});
