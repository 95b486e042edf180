/**
 * The one ARN module: what every ARN has (partition, service, region, account, resource) and the
 * partition of a region. Pure string work, no AWS calls. A family's own ARN shapes (listener of a rule,
 * classic load balancer ARN, ACM certificate ARN...) live in its folder.
 */
import { parse, validate } from '@aws-sdk/util-arn-parser';

interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  resource: string;
}

/** arn:partition:service:region:account:resource; undefined for anything else (empty partition, service or resource too). */
export function parseArn(arn: string | undefined): ParsedArn | undefined {
  if (arn === undefined || !validate(arn)) return undefined;
  const { partition, service, region, accountId, resource } = parse(arn);
  if (partition === '' || service === '' || resource === '') return undefined;
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
