/** ELBv2 ARN shapes the event routes read: listeners, listener rules, load balancers. Pure string work. */

const LISTENER_ARN =
  /^arn:[^:]+:elasticloadbalancing:[^:]+:[^:]+:listener\/(?:app|net|gwy)\/[^/]+\/[^/]+\/[^/]+$/;
const LISTENER_RULE_ARN =
  /^(arn:[^:]+:elasticloadbalancing:[^:]+:[^:]+:)listener-rule\/((?:app|net|gwy)\/[^/]+\/[^/]+\/[^/]+)\/[^/]+$/;
const ELBV2_LOAD_BALANCER_ARN =
  /^(arn:[^:]+:elasticloadbalancing:[^:]+:[^:]+:)loadbalancer\/((?:app|net|gwy)\/[^/]+\/[^/]+)$/;

export function isListenerArn(value: string): boolean {
  return LISTENER_ARN.test(value);
}

/**
 * The listener a rule belongs to:
 * arn:aws:elasticloadbalancing:r:a:listener-rule/app/web/lb-id/listener-id/rule-id
 * -> arn:aws:elasticloadbalancing:r:a:listener/app/web/lb-id/listener-id. Undefined for other strings.
 */
export function listenerArnFromRuleArn(ruleArn: string): string | undefined {
  const match = LISTENER_RULE_ARN.exec(ruleArn);
  return match ? `${match[1]}listener/${match[2]}` : undefined;
}

/**
 * What every listener ARN of an ELBv2 load balancer starts with:
 * arn:aws:elasticloadbalancing:r:a:loadbalancer/app/web/lb-id -> arn:aws:elasticloadbalancing:r:a:listener/app/web/lb-id/.
 * Undefined for anything else (a classic load balancer has no listener ARNs).
 */
export function listenerPrefixOfLoadBalancer(loadBalancerArn: string): string | undefined {
  const match = ELBV2_LOAD_BALANCER_ARN.exec(loadBalancerArn);
  return match ? `${match[1]}listener/${match[2]}/` : undefined;
}
