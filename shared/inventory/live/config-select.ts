import {
  type ConfigurationRecorder,
  type ConfigurationRecorderStatus,
  DescribeConfigurationRecorderStatusCommand,
  DescribeConfigurationRecordersCommand,
  SelectResourceConfigCommand,
} from '@aws-sdk/client-config-service';
import { type Collected, emptyCollected, failed, type RegionContext } from './context.js';
import { collectPages } from './document.js';
import type { Family } from './port.js';

/** The most SelectResourceConfig returns in one page (Limit 1-100). */
export const CONFIG_QUERY_PAGE_SIZE = 100;

/**
 * The AWS Config resource types a sweep reads for each family; Config does not record Direct Connect. ELBv2
 * load balancer items are not read: the rules use only the name and type of a listener's load balancer, which
 * its listener ARN carries (`listener/app/<name>/...`), so reading them would cost a page per 100 for nothing.
 */
export const CONFIG_TYPES: Record<Family, readonly string[]> = {
  elbv2: ['AWS::ElasticLoadBalancingV2::Listener'],
  elb: ['AWS::ElasticLoadBalancing::LoadBalancer'],
  vpn: ['AWS::EC2::VPNConnection'],
  acm: ['AWS::ACM::Certificate'],
  dx: [],
};

const SELECT_FIELDS = [
  'resourceId',
  'resourceType',
  'resourceName',
  'arn',
  'accountId',
  'awsRegion',
  'configuration',
  'supplementaryConfiguration',
  'tags',
  'configurationItemStatus',
  'configurationItemCaptureTime',
];

/** The advanced query that reads the current configuration items of these types. */
export function selectExpression(resourceTypes: readonly string[]): string {
  const types = resourceTypes.map((type) => `'${type}'`).join(', ');
  return `SELECT ${SELECT_FIELDS.join(', ')} WHERE resourceType IN (${types})`;
}

/** The types the region's configuration recorder records (all supported ones, a list, or all but a list). */
export function recordedTypes(recorders: readonly ConfigurationRecorder[]): (type: string) => boolean {
  const checks = recorders.map((recorder): ((type: string) => boolean) => {
    const group = recorder.recordingGroup;
    if (!group) return () => true;
    const strategy = group.recordingStrategy?.useOnly;
    if (strategy === 'EXCLUSION_BY_RESOURCE_TYPES') {
      const excluded = new Set<string>(group.exclusionByResourceTypes?.resourceTypes ?? []);
      return (type) => !excluded.has(type);
    }
    if (group.allSupported === true || strategy === 'ALL_SUPPORTED_RESOURCE_TYPES') return () => true;
    const included = new Set<string>(group.resourceTypes ?? []);
    return (type) => included.has(type);
  });
  return (type) => checks.some((records) => records(type));
}

/** The recorders that are recording now (DescribeConfigurationRecorderStatus), by name. */
export function recordingNow(statuses: readonly ConfigurationRecorderStatus[]): Set<string> {
  return new Set(
    statuses.filter((status) => status.recording === true && status.name).map((status) => status.name ?? ''),
  );
}

/**
 * The families whose every resource type a recorder that is recording now records in the region
 * (DescribeConfigurationRecorders and DescribeConfigurationRecorderStatus, one call each). A stopped recorder
 * leaves its last items in Config (a listener created since is not there, one deleted since still is), so
 * its types are described instead. Without a recorder, or without permission to ask, none.
 */
export async function familiesRecorded(ctx: RegionContext, families: readonly Family[]): Promise<Family[]> {
  try {
    const [described, statuses] = await Promise.all([
      ctx.call.config('DescribeConfigurationRecorders', ctx.region, () =>
        ctx.clients.config.send(new DescribeConfigurationRecordersCommand({})),
      ),
      ctx.call.config('DescribeConfigurationRecorderStatus', ctx.region, () =>
        ctx.clients.config.send(new DescribeConfigurationRecorderStatusCommand({})),
      ),
    ]);
    const recording = recordingNow(statuses.ConfigurationRecordersStatus ?? []);
    const recorders = (described.ConfigurationRecorders ?? []).filter(
      (recorder) => recorder.name !== undefined && recording.has(recorder.name),
    );
    if (recorders.length === 0) return [];
    const records = recordedTypes(recorders);
    return families.filter(
      (family) => CONFIG_TYPES[family].length > 0 && CONFIG_TYPES[family].every((type) => records(type)),
    );
  } catch {
    return [];
  }
}

const TLS_PROTOCOLS = new Set(['HTTPS', 'TLS']);

function field(object: unknown, name: string): unknown {
  if (object === null || typeof object !== 'object') return undefined;
  const record = object as Record<string, unknown>;
  return record[name] ?? record[name.charAt(0).toLowerCase() + name.slice(1)];
}

/** A listener item naming a security policy the bundled TLS data does not know. */
function usesUnknownPolicy(ctx: RegionContext, items: readonly unknown[]): boolean {
  return items.some((item) => {
    if (field(item, 'resourceType') !== 'AWS::ElasticLoadBalancingV2::Listener') return false;
    let configuration = field(item, 'configuration');
    if (typeof configuration === 'string') {
      try {
        configuration = JSON.parse(configuration);
      } catch {
        return false;
      }
    }
    const protocol = String(field(configuration, 'Protocol') ?? '').toUpperCase();
    const policy = field(configuration, 'SslPolicy');
    return TLS_PROTOCOLS.has(protocol) && typeof policy === 'string' && !ctx.knowsElbv2Policy(policy);
  });
}

/**
 * Every current configuration item of the families' types in one advanced query, 100 per page, read
 * through the normalizer like any other Config items.
 */
export async function sweepConfigItems(ctx: RegionContext, families: readonly Family[]): Promise<Collected> {
  const types = families.flatMap((family) => CONFIG_TYPES[family]);
  if (types.length === 0) return emptyCollected();
  const expression = selectExpression(types);
  let results: string[];
  try {
    results = await collectPages(async (token) => {
      const output = await ctx.call.config('SelectResourceConfig', ctx.region, () =>
        ctx.clients.config.send(
          new SelectResourceConfigCommand({
            Expression: expression,
            Limit: CONFIG_QUERY_PAGE_SIZE,
            ...(token ? { NextToken: token } : {}),
          }),
        ),
      );
      return { items: output.Results, next: output.NextToken };
    });
  } catch (error) {
    return failed(error);
  }
  const items: unknown[] = [];
  const errors: Collected['errors'] = [];
  for (const [index, result] of results.entries()) {
    try {
      items.push(JSON.parse(result));
    } catch {
      errors.push({
        source: `api:SelectResourceConfig ${ctx.region}`,
        message: `result ${index} is not JSON`,
      });
    }
  }
  return {
    ...emptyCollected(),
    groups:
      items.length > 0 ? [{ documents: [{ document: items, source: 'api:SelectResourceConfig' }] }] : [],
    errors,
    needsElbv2Policies: usesUnknownPolicy(ctx, items),
  };
}
