import { intern } from './intern.js';

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
  return { accountId: intern(parsed?.accountId || undefined), region: intern(parsed?.region || undefined) };
}

/** The partition a region belongs to. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  return 'aws';
}

export function classicLoadBalancerArn(region: string, accountId: string, name: string): string {
  return `arn:${partitionOf(region)}:elasticloadbalancing:${region}:${accountId}:loadbalancer/${name}`;
}
