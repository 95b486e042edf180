import type { Action } from '@aws-sdk/client-elastic-load-balancing-v2';
import { defineRemediator } from '../../../response/remediator.js';
import {
  answers426,
  listenerIsSafe,
  PLAINTEXT_RULES_NOT_READ,
  redirectsToHttps,
  replaceListenerActions,
} from '../actions.js';
import { ELBV2_COMMANDS } from '../commands.js';

/** 426 Upgrade Required: the request is refused and nothing but this short text crosses in plaintext. */
const UPGRADE_REQUIRED: Action = {
  Type: 'fixed-response',
  FixedResponseConfig: {
    StatusCode: '426',
    ContentType: 'text/plain',
    MessageBody: 'Upgrade Required: this endpoint accepts HTTPS only.',
  },
};

const blocksPlaintext = (action: Parameters<typeof answers426>[0]) =>
  answers426(action) || redirectsToHttps(action);

export const fixedResponse426 = defineRemediator({
  id: 'fixed-response-426',
  iamActions: [ELBV2_COMMANDS.ModifyListener.iamAction, ELBV2_COMMANDS.ModifyRule.iamAction],
  resourceTypes: ['AWS::ElasticLoadBalancingV2::Listener'],
  plan({ resource: listener }) {
    // Rules that already redirect to HTTPS serve nothing in plaintext and are kept.
    const calls = replaceListenerActions(listener, UPGRADE_REQUIRED, blocksPlaintext);
    if (calls.length === 0) return { kind: 'refused', note: 'every action already answers 426 or redirects' };
    return {
      kind: 'calls',
      calls,
      target: 'fixed-response 426',
      ...(listener.rules === undefined ? { note: PLAINTEXT_RULES_NOT_READ } : {}),
    };
  },
  // The plaintext rule still flags a 426 answer (it is not a redirect), so check the state the block leaves.
  verify(after) {
    if (!after) return { verified: false, reason: 'the listener could not be read again' };
    const open = listenerIsSafe(after, blocksPlaintext);
    return open.length === 0
      ? { verified: true }
      : { verified: false, reason: `still serving plaintext: ${open.join(', ')}` };
  },
});
