import { parseArn, partitionOf } from '../aws/arn.js';
import type { LoadBalancerType } from '../model/resource.js';

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

/** listener-rule/app/<lb>/<lbid>/<listenerid>/<ruleid> -> the listener ARN (listener/app/<lb>/<lbid>/<listenerid>). */
export function listenerArnOfRule(ruleArn: string): string | undefined {
  const match =
    /^(arn:[^:]+:elasticloadbalancing:[^:]*:[^:]*:)listener-rule\/((?:app|net|gwy)\/[^/]+\/[^/]+\/[^/]+)\/[^/]+$/.exec(
      ruleArn,
    );
  return match ? `${match[1]}listener/${match[2]}` : undefined;
}

/** The region in a classic ELB DNS name: <name>-<n>.<region>.elb.amazonaws.com(.cn). */
export function regionOfElbDnsName(dnsName: string | undefined): string | undefined {
  const match = dnsName
    ? /\.([a-z]{2}(?:-[a-z]+)+-\d+)\.elb\.amazonaws\.com(?:\.cn)?\.?$/i.exec(dnsName)
    : null;
  return match?.[1]?.toLowerCase();
}

export function classicLoadBalancerArn(region: string, accountId: string, name: string): string {
  return `arn:${partitionOf(region)}:elasticloadbalancing:${region}:${accountId}:loadbalancer/${name}`;
}
