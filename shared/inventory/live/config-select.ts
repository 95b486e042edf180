import {
  type ConfigurationRecorder,
  type ConfigurationRecorderStatus,
  DescribeConfigurationRecorderStatusCommand,
  DescribeConfigurationRecordersCommand,
  SelectResourceConfigCommand,
} from '@aws-sdk/client-config-service';
import { configServiceClient } from '../../aws/config-client.js';
import type { Family } from '../../families/index.js';
import { type Collected, emptyCollected, failed, type RegionContext } from './context.js';
import { collectPages } from './document.js';
import { configTypesOf } from './port.js';

/**
 * The most SelectResourceConfig returns in one page (Limit 1-100).
 */
export const CONFIG_QUERY_PAGE_SIZE = 100;

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

/**
 * The advanced query that reads the current configuration items of these types.
 */
export function selectExpression(resourceTypes: readonly string[]): string {
  const types = resourceTypes.map((type) => `'${type}'`).join(', ');
  return `SELECT ${SELECT_FIELDS.join(', ')} WHERE resourceType IN (${types})`;
}

/**
 * The types the region's configuration recorder records (all supported ones, a list, or all but a list).
 * @internal Unit-tested directly: which resource types a Config recorder records.
 */
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
function recordingNow(statuses: readonly ConfigurationRecorderStatus[]): Set<string> {
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
      ctx.pace('config')('DescribeConfigurationRecorders', ctx.region, () =>
        ctx.clients.get(configServiceClient).send(new DescribeConfigurationRecordersCommand({})),
      ),
      ctx.pace('config')('DescribeConfigurationRecorderStatus', ctx.region, () =>
        ctx.clients.get(configServiceClient).send(new DescribeConfigurationRecorderStatusCommand({})),
      ),
    ]);
    const recording = recordingNow(statuses.ConfigurationRecordersStatus ?? []);
    const recorders = (described.ConfigurationRecorders ?? []).filter(
      (recorder) => recorder.name !== undefined && recording.has(recorder.name),
    );
    if (recorders.length === 0) return [];
    const records = recordedTypes(recorders);
    return families.filter(
      (family) => configTypesOf(family).length > 0 && configTypesOf(family).every((type) => records(type)),
    );
  } catch {
    return [];
  }
}

/** The Config items of a sweep, and the parsed items for what the families still read live. */
export interface ConfigSweep {
  collected: Collected;
  items: unknown[];
}

/**
 * Every current configuration item of the families' types (configTypesOf) in one advanced query,
 * 100 per page, read through the normalizer like any other Config items.
 */
export async function sweepConfigItems(
  ctx: RegionContext,
  families: readonly Family[],
): Promise<ConfigSweep> {
  const types = families.flatMap(configTypesOf);
  if (types.length === 0) return { collected: emptyCollected(), items: [] };
  const expression = selectExpression(types);
  let results: string[];
  try {
    results = await collectPages(async (token) => {
      const output = await ctx.pace('config')('SelectResourceConfig', ctx.region, () =>
        ctx.clients.get(configServiceClient).send(
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
    return { collected: failed(error), items: [] };
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
    collected: {
      ...emptyCollected(),
      groups:
        items.length > 0 ? [{ documents: [{ document: items, source: 'api:SelectResourceConfig' }] }] : [],
      errors,
    },
    items,
  };
}
