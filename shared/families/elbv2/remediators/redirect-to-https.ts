import type { Action } from '@aws-sdk/client-elastic-load-balancing-v2';
import { defineRemediator } from '../../../response/remediator.js';
import { PLAINTEXT_RULES_NOT_READ, redirectsToHttps, replaceListenerActions } from '../actions.js';
import { ELBV2_COMMANDS } from '../commands.js';
import type { Elbv2Listener } from '../model.js';

/** The port to send users to: 443 when an HTTPS listener is there, else the first HTTPS listener's port. */
function httpsPort(listener: Elbv2Listener): string {
  const https = (listener.siblingListeners ?? []).filter((s) => s.protocol?.toUpperCase() === 'HTTPS');
  const port = https.some((s) => s.port === 443)
    ? 443
    : (https.find((s) => s.port !== undefined)?.port ?? 443);
  return String(port);
}

/** A permanent redirect to HTTPS that keeps host, path and query. */
function httpsRedirect(port: string): Action {
  return {
    Type: 'redirect',
    RedirectConfig: {
      Protocol: 'HTTPS',
      Port: port,
      Host: '#{host}',
      Path: '/#{path}',
      Query: '#{query}',
      StatusCode: 'HTTP_301',
    },
  };
}

export const redirectToHttps = defineRemediator({
  id: 'redirect-to-https',
  iamActions: [ELBV2_COMMANDS.ModifyListener.iamAction, ELBV2_COMMANDS.ModifyRule.iamAction],
  resourceTypes: ['AWS::ElasticLoadBalancingV2::Listener'],
  // Never take away the last working path: a redirect needs an HTTPS listener to send users to.
  safety(_listener, evaluation) {
    const hasHttps = evaluation.details?.loadBalancerHasHttpsListener;
    if (hasHttps === true) return undefined;
    return hasHttps === false
      ? 'no redirect: the load balancer has no HTTPS listener to send users to'
      : 'no redirect: the input does not show whether the load balancer has an HTTPS listener to send users to';
  },
  plan({ resource: listener }) {
    const port = httpsPort(listener);
    const calls = replaceListenerActions(listener, httpsRedirect(port), redirectsToHttps);
    if (calls.length === 0) return { kind: 'refused', note: 'every action already redirects to HTTPS' };
    return {
      kind: 'calls',
      calls,
      target: `HTTPS:${port}`,
      ...(listener.rules === undefined ? { note: PLAINTEXT_RULES_NOT_READ } : {}),
    };
  },
});
