/** ELBv2 ARN shapes: listeners, listener rules, load balancers, and what they say about the load balancer. */
import { parseArn } from '../../aws/arn.js';
import type { LoadBalancerType } from './model.js';

const LB_TYPES: Record<string, LoadBalancerType> = { app: 'application', net: 'network', gwy: 'gateway' };

export function loadBalancerTypeOf(value: string | undefined): LoadBalancerType | undefined {
  const type = value?.toLowerCase();
  return type === 'application' || type === 'network' || type === 'gateway' ? type : undefined;
}

/** Load balancer type and name from a loadbalancer/, listener/ or listener-rule/ ARN (app|net|gwy/<name>/...). */
export function elbv2ArnParts(arn: string | undefined): {
  loadBalancerType?: LoadBalancerType;
  loadBalancerName?: string;
} {
  const resource = parseArn(arn)?.resource;
  const match = resource
    ? /^(?:loadbalancer|listener|listener-rule)\/(app|net|gwy)\/([^/]+)\//.exec(resource)
    : null;
  if (!match) return {};
  const type = LB_TYPES[match[1] ?? ''];
  const loadBalancerName = match[2] ?? '';
  // Literals, not a spread followed by a property: V8 gives each object made so a map of its own.
  return type ? { loadBalancerType: type, loadBalancerName } : { loadBalancerName };
}

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
