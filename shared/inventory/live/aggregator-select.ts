/**
 * The organization-wide sweep of the security account (issue #17): every recorded resource of the families' AWS
 * Config types in every account and region of an organization aggregator, a page of 100 at a time, evaluated
 * from the Config item through the same normalizer as any other Config item. What Config items lack (per family:
 * bench/README.md, "org") is not described from here: the central account holds no member credentials, and a
 * rule that needs it judges "cannot be verified" as with any missing field; the members' own sweeps read it.
 */
import { SelectAggregateResourceConfigCommand } from '@aws-sdk/client-config-service';
import type { RegionClients } from '../../aws/clients.js';
import { configServiceClient } from '../../aws/config-client.js';
import type { Family } from '../../families/index.js';
import { CONFIG_QUERY_PAGE_SIZE, selectExpression } from './config-select.js';
import { type Collected, emptyCollected, failed } from './context.js';
import type { ServiceCall } from './limiter.js';
import { toReadResult } from './normalize.js';
import { configTypesOf, type SweepPage } from './port.js';

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
}

/**
 * One page of the aggregator query: its items as resources (each with the account and region Config recorded
 * it in), a result that is not JSON as an error, and the next page's token.
 */
export async function selectAggregatePage(options: AggregatorPageOptions): Promise<SweepPage> {
  const types = aggregatedFamilies(options.families).flatMap(configTypesOf);
  const where = { region: options.region };
  if (types.length === 0) return toReadResult(emptyCollected(), where);
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
    return toReadResult(failed(error), where);
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
  if (items.length > 0)
    collected.groups.push({ documents: [{ document: items, source: 'api:SelectAggregateResourceConfig' }] });
  const read = toReadResult(collected, where);
  return output.NextToken ? { ...read, next: output.NextToken } : read;
}
