import { FAMILIES, type Family } from '../../families/index.js';
import type { ResourceRef } from '../../model/ref.js';
import type { Resource } from '../../model/resource.js';
import type { ResolvedTlsPolicy } from '../../tls/catalog.js';
import type { InputError } from '../types.js';

/**
 * The AWS Config resource types of a family: the types whose Config item changes it routes (events.config), which
 * are also the types a Config-mode sweep reads for it. Empty when AWS Config does not record the family.
 */
export function configTypesOf(family: Family): readonly string[] {
  return family.events?.config?.resourceTypes ?? [];
}

/** The families AWS Config records (by registry id), which a periodic Config rule evaluation covers. */
export const CONFIG_FAMILIES: readonly string[] = FAMILIES.filter(
  (family) => configTypesOf(family).length > 0,
).map((family) => family.id);

export interface ReadResult {
  resources: Resource[];
  /** Resources that no longer exist (not found, or a VPN connection / DX connection in state `deleted`). */
  gone: ResourceRef[];
  /** What could not be read; `source` names the API call and the resource or region. */
  errors: InputError[];
  /** Security policies read live (a family's readers) to overlay on the TLS catalog's bundled data. */
  tlsPolicies: ResolvedTlsPolicy[];
}

/**
 * Where the current state of resources comes from: AWS (live) for the Lambda functions and `scan`,
 * files for `replay`.
 */
export interface InventorySource {
  /** The current state of each resource an event touched. */
  read(refs: readonly ResourceRef[]): Promise<ReadResult>;
  /** Every resource of the given families (registry ids; all by default) in one region. */
  enumerate(region: string, families?: readonly string[]): Promise<ReadResult>;
  /**
   * One page of one family in one region (a sweep work item): what `enumerate` reads for it, a page at a time
   * where the family pages its sweep (LiveReaders.sweepPage), else all of it; `next` continues it.
   */
  enumeratePage?(region: string, family: string, token?: string): Promise<SweepPage>;
}

/** One page of a family's sweep; `next` is the token of the page after it (none: the last). */
export interface SweepPage extends ReadResult {
  next?: string;
}

export function emptyReadResult(): ReadResult {
  return { resources: [], gone: [], errors: [], tlsPolicies: [] };
}

/** Concatenates results; a security policy that appears twice is kept once (the last one wins). */
export function mergeReadResults(results: readonly ReadResult[]): ReadResult {
  const policies = new Map<string, ResolvedTlsPolicy>();
  for (const result of results) for (const policy of result.tlsPolicies) policies.set(policy.name, policy);
  return {
    resources: results.flatMap((result) => result.resources),
    gone: results.flatMap((result) => result.gone),
    errors: results.flatMap((result) => result.errors),
    tlsPolicies: [...policies.values()],
  };
}
