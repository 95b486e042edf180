/**
 * The one ARN module: what every ARN has (partition, service, region, account, resource) and the
 * partition of a region. Pure string work, no AWS calls. A family's own ARN shapes (listener of a rule,
 * classic load balancer ARN, ACM certificate ARN...) live in its folder.
 */
export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  resource: string;
}

/** arn:partition:service:region:account:resource; undefined for anything else (empty partition, service or resource too). */
export function parseArn(arn: string | undefined): ParsedArn | undefined {
  if (arn === undefined || !arn.startsWith('arn:')) return undefined;
  // The five colons after "arn" end partition, service, region and account; the resource is the rest, colons
  // and all (what @aws-sdk/util-arn-parser gave, without splitting the ARN twice and joining its resource).
  const c1 = 3;
  const c2 = arn.indexOf(':', c1 + 1);
  const c3 = c2 < 0 ? -1 : arn.indexOf(':', c2 + 1);
  const c4 = c3 < 0 ? -1 : arn.indexOf(':', c3 + 1);
  const c5 = c4 < 0 ? -1 : arn.indexOf(':', c4 + 1);
  if (c5 < 0) return undefined;
  const partition = arn.slice(c1 + 1, c2);
  const service = arn.slice(c2 + 1, c3);
  const resource = arn.slice(c5 + 1);
  if (partition === '' || service === '' || resource === '') return undefined;
  return { partition, service, region: arn.slice(c3 + 1, c4), accountId: arn.slice(c4 + 1, c5), resource };
}

/** The account and region an ARN names; undefined for empty parts (IAM and CloudFront ARNs). */
export function arnScope(arn: string | undefined): {
  accountId: string | undefined;
  region: string | undefined;
} {
  const parsed = parseArn(arn);
  return { accountId: parsed?.accountId || undefined, region: parsed?.region || undefined };
}

/** The region field of an ARN, when it has one. */
export function regionOfArn(arn: string): string | undefined {
  return parseArn(arn)?.region || undefined;
}

const PARTITION_PREFIXES: ReadonlyArray<readonly [string, string]> = [
  ['cn-', 'aws-cn'],
  ['us-gov-', 'aws-us-gov'],
  ['us-isob-', 'aws-iso-b'],
  ['us-isof-', 'aws-iso-f'],
  ['us-iso-', 'aws-iso'],
  ['eu-isoe-', 'aws-iso-e'],
  ['eusc-', 'aws-eusc'],
];

/** The partition of a region: aws, aws-cn, aws-us-gov, ... */
export function partitionOf(region: string): string {
  return PARTITION_PREFIXES.find(([prefix]) => region.startsWith(prefix))?.[1] ?? 'aws';
}

const ASSUMED_ROLE_ARN = /:assumed-role\/[^/]+\/([^/]+)$/;

/** The session name of an assumed-role ARN (arn:aws:sts::acct:assumed-role/ROLE/SESSION). */
export function sessionNameOf(arn: string | undefined): string | undefined {
  return arn === undefined ? undefined : ASSUMED_ROLE_ARN.exec(arn)?.[1];
}
