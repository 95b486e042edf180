import type { ResourceRef } from '../../model/ref.js';
import type { Resource } from '../../model/resource.js';
import type { ResolvedTlsPolicy } from '../../tls/catalog.js';
import type { InputError } from '../types.js';

/** The resource families a sweep covers, named as the rules name them. */
export type Family = 'elbv2' | 'elb' | 'vpn' | 'dx' | 'acm';
export const FAMILIES: readonly Family[] = ['elbv2', 'elb', 'vpn', 'dx', 'acm'];
/** The families AWS Config records, which a periodic Config rule evaluation covers (Config has no Direct Connect). */
export const CONFIG_FAMILIES: readonly Family[] = ['elbv2', 'elb', 'vpn', 'acm'];

export interface ReadResult {
  resources: Resource[];
  /** Resources that no longer exist (not found, or a VPN connection / DX connection in state `deleted`). */
  gone: ResourceRef[];
  /** What could not be read; `source` names the API call and the resource or region. */
  errors: InputError[];
  /** Live ELBv2 security policies (DescribeSSLPolicies) to overlay on the bundled TLS data. */
  elbv2Policies: ResolvedTlsPolicy[];
}

/**
 * Where the current state of resources comes from: AWS (live) for the Lambda functions and `scan`,
 * files for `replay`.
 */
export interface InventorySource {
  /** The current state of each resource an event touched. */
  read(refs: readonly ResourceRef[]): Promise<ReadResult>;
  /** Every resource of the given families (all by default) in one region. */
  enumerate(region: string, families?: readonly Family[]): Promise<ReadResult>;
}

export function emptyReadResult(): ReadResult {
  return { resources: [], gone: [], errors: [], elbv2Policies: [] };
}

/** Concatenates results; an ELBv2 policy that appears twice is kept once (the last one wins). */
export function mergeReadResults(results: readonly ReadResult[]): ReadResult {
  const policies = new Map<string, ResolvedTlsPolicy>();
  for (const result of results) for (const policy of result.elbv2Policies) policies.set(policy.name, policy);
  return {
    resources: results.flatMap((result) => result.resources),
    gone: results.flatMap((result) => result.gone),
    errors: results.flatMap((result) => result.errors),
    elbv2Policies: [...policies.values()],
  };
}
