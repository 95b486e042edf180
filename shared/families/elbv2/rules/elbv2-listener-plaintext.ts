import { joinWords } from '../../../model/words.js';
import { compliant, defineRule, nonCompliant, notApplicable, SEC09_FRAMEWORKS } from '../../../rules/rule.js';
import type { Elbv2Listener, ListenerAction } from '../model.js';
import { listenerLabel, listenerProtocol, listenerScopeOutcome } from './listener.js';

/** Only a literal HTTPS redirect moves the client off HTTP; "#{protocol}" (the default) keeps it on HTTP. */
function redirectsToHttps(action: ListenerAction): boolean {
  return action.type.toLowerCase() === 'redirect' && action.redirect?.protocol?.toUpperCase() === 'HTTPS';
}

/** An action list serves plaintext unless it is known and every action in it redirects to HTTPS. */
function servesPlaintext(actions: readonly ListenerAction[]): boolean {
  return actions.length === 0 || !actions.every(redirectsToHttps);
}

function describeAction(action: ListenerAction): string {
  switch (action.type.toLowerCase()) {
    case 'redirect':
      return `redirect to ${action.redirect?.protocol ?? '#{protocol}'}`;
    case 'fixed-response':
      return `fixed-response ${action.fixedResponse?.statusCode ?? ''}`.trim();
    default:
      return action.type;
  }
}

function describeActions(actions: readonly ListenerAction[]): string {
  if (actions.length === 0) return 'none in the input';
  return [...actions]
    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
    .map(describeAction)
    .join(' + ');
}

/** Whether the load balancer has an HTTPS listener to redirect to; undefined when the input does not say. */
function hasHttpsSibling(listener: Elbv2Listener): boolean | undefined {
  return listener.siblingListeners?.some((sibling) => sibling.protocol?.toUpperCase() === 'HTTPS');
}

export const elbv2ListenerPlaintext = defineRule({
  metadata: {
    id: 'elbv2-listener-plaintext',
    title: 'ALB HTTP listener serves plaintext',
    family: 'elbv2',
    resourceTypes: ['AWS::ElasticLoadBalancingV2::Listener'],
    severity: 'high',
    description:
      'An Application Load Balancer HTTP listener whose default action, or any rule, forwards or answers requests instead of redirecting them to HTTPS. HTTP on port 443 is still HTTP.',
    rationale:
      'Requests and responses on an HTTP listener cross the network unencrypted: anyone on the path can read session cookies, credentials and data, or alter the response.',
    parameters: [],
    remediation: {
      guidance:
        'Change the default action to a redirect to HTTPS:443 (HTTP_301, host, path and query kept) and make every rule redirect too; serve content only from an HTTPS listener.',
      remediate: 'redirect-to-https',
      block: 'fixed-response-426',
    },
    defaultMode: 'notify',
    references: [
      'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html',
      'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-action-types.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-1',
      'https://docs.aws.amazon.com/config/latest/developerguide/alb-http-to-https-redirection-check.html',
    ],
    compliance: {
      securityHub: ['ELB.1'],
      configRules: ['alb-http-to-https-redirection-check', 'elbv2-listener-encryption-in-transit'],
      frameworks: SEC09_FRAMEWORKS,
    },
  },
  evaluate(listener) {
    const scope = listenerScopeOutcome(listener, 'whether it serves plaintext');
    if (scope) return scope;
    const label = listenerLabel(listener);
    if (listener.loadBalancerType === 'network') {
      return notApplicable(
        `Network Load Balancer listener ${label}: judged by elbv2-listener-tcp-plaintext and the TLS rules.`,
      );
    }
    if (listenerProtocol(listener) !== 'HTTP') {
      return notApplicable(`Listener ${label} is not an HTTP listener.`);
    }

    const rules = listener.rules?.filter((rule) => !rule.isDefault);
    const defaultServes = servesPlaintext(listener.defaultActions);
    const plaintextRules = (rules ?? []).filter((rule) => servesPlaintext(rule.actions));
    const httpsSibling = hasHttpsSibling(listener);
    const details: Record<string, unknown> = {
      listener: label,
      defaultAction: describeActions(listener.defaultActions),
      rulesInspected: rules !== undefined,
      plaintextRules: plaintextRules.map((rule) => ({
        priority: rule.priority,
        ruleArn: rule.ruleArn,
        actions: describeActions(rule.actions),
      })),
      ...(httpsSibling === undefined ? {} : { loadBalancerHasHttpsListener: httpsSibling }),
    };

    if (defaultServes || plaintextRules.length > 0) {
      const offenders = [
        ...(defaultServes ? [`default action ${describeActions(listener.defaultActions)}`] : []),
        ...plaintextRules.map((rule) => `rule priority ${rule.priority} ${describeActions(rule.actions)}`),
      ];
      const port443 = listener.port === 443 ? ' (port 443 does not make it TLS)' : '';
      return nonCompliant(`Listener ${label} serves plaintext HTTP${port443}: ${joinWords(offenders)}.`, {
        details,
      });
    }
    if (rules === undefined) {
      return compliant(
        `Listener ${label} redirects to HTTPS by default; its rules were not inspected (not in the input).`,
        details,
      );
    }
    const ruleCount =
      rules.length === 0
        ? 'it has no other rules'
        : `its ${rules.length === 1 ? 'rule does' : `${rules.length} rules do`} too`;
    return compliant(`Listener ${label} redirects to HTTPS by default and ${ruleCount}.`, details);
  },
});
