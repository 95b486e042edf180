import type { LoadBalancerType } from '../model/resource.js';

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  resource: string;
}

/** arn:partition:service:region:account:resource; undefined for anything else. */
export function parseArn(arn: string | undefined): ParsedArn | undefined {
  const match = arn ? /^arn:([^:]+):([^:]+):([^:]*):([^:]*):(.+)$/.exec(arn) : null;
  if (!match) return undefined;
  const [, partition = '', service = '', region = '', accountId = '', resource = ''] = match;
  return { partition, service, region, accountId, resource };
}

/** The account and region an ARN names; undefined for empty parts (IAM and CloudFront ARNs). */
export function arnScope(arn: string | undefined): {
  accountId: string | undefined;
  region: string | undefined;
} {
  const parsed = parseArn(arn);
  return { accountId: parsed?.accountId || undefined, region: parsed?.region || undefined };
}

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

/** The partition a region belongs to. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  return 'aws';
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
