import { parseArn } from '../../aws/arn.js';
import { familyOf, type ResourceType } from '../../model/resource.js';

const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d+$/;
// Characters that can sit in a console URL fragment and inside a Slack <url|label> link unescaped.
const SAFE = /^[A-Za-z0-9:/_.\-+=,@]+$/;

function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

function consoleOrigin(region: string, partition: string): string {
  if (partition === 'aws-cn') return `https://${region}.console.amazonaws.cn`;
  if (partition === 'aws-us-gov') return 'https://console.amazonaws-us-gov.com';
  return `https://${region}.console.aws.amazon.com`;
}

/**
 * A deep link to the resource's page in the AWS console, or undefined when the id, region or account
 * needed for it is missing or malformed; the resource's family makes the link (Family.report.consoleLink).
 */
export function consoleLink(
  resourceType: ResourceType,
  resourceId: string,
  region?: string,
  accountId?: string,
): string | undefined {
  const arn = parseArn(resourceId);
  const where = region ?? arn?.region;
  if (!where || !REGION.test(where) || !SAFE.test(resourceId)) return undefined;
  const family = familyOf(resourceType);
  if (family === undefined) return undefined;
  const partition = arn?.partition ?? partitionOf(where);
  return family.report.consoleLink({
    resourceType,
    resourceId,
    ...(arn ? { arn } : {}),
    region: where,
    partition,
    origin: consoleOrigin(where, partition),
    query: `?region=${where}`,
    ...(accountId !== undefined ? { accountId } : {}),
  });
}
