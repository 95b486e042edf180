/**
 * The organization-wide sweep of the security account (issue #17): every recorded resource of the families' AWS
 * Config types in every account and region of an organization aggregator, a page of 100 at a time, evaluated
 * from the Config item through the same normalizer as any other Config item. What Config items lack (per family:
 * bench/README.md, "org"; the families' afterConfigItems) is described in the item's account and region with the
 * member's read-only role (./central-reader.ts), only for the families that need it; where the role cannot be
 * assumed, a rule that needs it judges "cannot be verified" as with any missing field.
 */
import { SelectAggregateResourceConfigCommand } from '@aws-sdk/client-config-service';
import type { RegionClients } from '../../aws/clients.js';
import { configServiceClient } from '../../aws/config-client.js';
import type { Family } from '../../families/index.js';
import type { InputError } from '../types.js';
import type { MemberAccess } from './central-reader.js';
import { CONFIG_QUERY_PAGE_SIZE, selectExpression } from './config-select.js';
import { type Collected, emptyCollected, failed, mergeCollected } from './context.js';
import type { ServiceCall } from './limiter.js';
import { toReadResult } from './normalize.js';
import { configTypesOf, mergeReadResults, type SweepPage } from './port.js';

/**
 * SelectAggregateResourceConfig returns at most 100 results a page (Limit, "The maximum number of query results
 * returned on each page", 0-100; a query without Limit gets 25):
 * https://docs.aws.amazon.com/config/latest/APIReference/API_SelectAggregateResourceConfig.html
 * @internal The organization benchmark and the aggregator tests count pages with it.
 */
export const AGGREGATE_QUERY_PAGE_SIZE = CONFIG_QUERY_PAGE_SIZE;

/** The families an aggregator sweep reads: those AWS Config records (the others have no Config item at all). */
export function aggregatedFamilies(families: readonly Family[]): Family[] {
  return families.filter((family) => configTypesOf(family).length > 0);
}

export interface AggregatorPageOptions {
  /** The organization aggregator's name (ConfigurationAggregatorName). */
  aggregator: string;
  /** The region of the aggregator (the security account's home region). */
  region: string;
  clients: RegionClients;
  /** The one limiter's pacing for AWS Config. */
  call: ServiceCall;
  families: readonly Family[];
  /** The page (NextToken) to read; absent: the first. */
  token?: string;
  /** A member account's reads (./central-reader.ts); absent: nothing is described, Config items only. */
  members?: (accountId: string) => Promise<MemberAccess>;
}

/** A page of the aggregator: `unreachable` names the accounts whose reader role could not be assumed. */
export interface AggregatePage extends SweepPage {
  unreachable: InputError[];
}

const field = (item: unknown, name: string): unknown =>
  typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[name] : undefined;

/**
 * One page of the aggregator query: its items as resources (each with the account and region Config recorded
 * it in), a result that is not JSON as an error, and the next page's token.
 */
export async function selectAggregatePage(options: AggregatorPageOptions): Promise<AggregatePage> {
  const types = aggregatedFamilies(options.families).flatMap(configTypesOf);
  const where = { region: options.region };
  if (types.length === 0) return { ...toReadResult(emptyCollected(), where), unreachable: [] };
  let output: { Results?: string[]; NextToken?: string };
  try {
    output = await options.call('SelectAggregateResourceConfig', options.aggregator, () =>
      options.clients.get(configServiceClient).send(
        new SelectAggregateResourceConfigCommand({
          ConfigurationAggregatorName: options.aggregator,
          Expression: selectExpression(types),
          Limit: AGGREGATE_QUERY_PAGE_SIZE,
          ...(options.token ? { NextToken: options.token } : {}),
        }),
      ),
    );
  } catch (error) {
    return { ...toReadResult(failed(error), where), unreachable: [] };
  }
  const items: unknown[] = [];
  const collected: Collected = emptyCollected();
  for (const [index, result] of (output.Results ?? []).entries()) {
    try {
      items.push(JSON.parse(result));
    } catch {
      collected.errors.push({
        source: `api:SelectAggregateResourceConfig ${options.aggregator}`,
        message: `result ${index} is not JSON`,
      });
    }
  }
  const unreachable: InputError[] = [];
  let read: SweepPage;
  if (options.members) {
    const parts = [toReadResult(collected, where)];
    for (const [key, group] of byAccountAndRegion(items)) {
      const [accountId, region] = key.split('/') as [string, string];
      const described = await describeBeside(options, options.members, accountId, region, group);
      // One report per account, whatever the number of its regions on the page.
      if ('unreachable' in described && !unreachable.some((u) => u.source === described.unreachable.source))
        unreachable.push(described.unreachable);
      parts.push(
        toReadResult(
          mergeCollected([configItems(group), 'unreachable' in described ? emptyCollected() : described]),
          { region, accountId },
        ),
      );
    }
    read = mergeReadResults(parts);
  } else {
    if (items.length > 0) collected.groups.push(...configItems(items).groups);
    read = toReadResult(collected, where);
  }
  return { ...read, unreachable, ...(output.NextToken ? { next: output.NextToken } : {}) };
}

function configItems(items: unknown[]): Collected {
  return {
    ...emptyCollected(),
    groups: [{ documents: [{ document: items, source: 'api:SelectAggregateResourceConfig' }] }],
  };
}

/** The items by the account and region Config recorded them in (both are in every item the query selects). */
function byAccountAndRegion(items: readonly unknown[]): Map<string, unknown[]> {
  const groups = new Map<string, unknown[]>();
  for (const item of items) {
    const key = `${String(field(item, 'accountId') ?? '')}/${String(field(item, 'awsRegion') ?? '')}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return groups;
}

/**
 * What the families of these items read beside Config items (afterConfigItems), in their account and region.
 * The role is assumed only for a group holding an item of such a family.
 */
async function describeBeside(
  options: AggregatorPageOptions,
  members: (accountId: string) => Promise<MemberAccess>,
  accountId: string,
  region: string,
  items: unknown[],
): Promise<Collected | { unreachable: InputError }> {
  const present = new Set(items.map((item) => String(field(item, 'resourceType'))));
  const describing: Family[] = [];
  for (const family of aggregatedFamilies(options.families)) {
    if (!configTypesOf(family).some((type) => present.has(type))) continue;
    if ((await family.live.readers()).afterConfigItems) describing.push(family);
  }
  if (describing.length === 0 || !accountId || !region) return emptyCollected();
  const access = await members(accountId);
  if ('unreachable' in access) return { unreachable: access.unreachable };
  return access.source.afterConfigItems(region, describing, items);
}
