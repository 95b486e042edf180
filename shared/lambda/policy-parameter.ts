// GetParameter alone, as remediation-switch.ts does: Powertools' SSMProvider would bring every parameter command
// into each bundle.
import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { PolicyError, validatePolicy } from '../policy/load.js';
import type { Policy } from '../policy/schema.js';

/**
 * How long a read of the policy parameter is reused: a change takes effect within this (issue #17: within 5
 * minutes), at one GetParameter per function instance per 2 minutes.
 */
const POLICY_MAX_AGE_SECONDS = 120;

/** The layers a policy parameter holds; see README "Policy from a central parameter". */
const LAYER_KEYS = ['base', 'organizationalUnits', 'accounts'] as const;

/** What the function is told about the parameter (its logger and metrics). */
export interface PolicyParameterReport {
  /** A version that is not a valid policy: reported once per version; the last good policy stays. */
  invalid(version: number | undefined, message: string): void;
  /** The parameter could not be read: the last good policy stays until the next read. */
  unreadable(message: string): void;
  /** A new valid version is in use. */
  adopted(version: number | undefined): void;
}

export interface PolicyParameterOptions {
  /** The parameter's name, or its full ARN when it is shared from another account (AWS RAM). */
  parameter: string;
  client: SSMClient;
  /** The packaged policy: the last good one until the parameter gives a valid one. */
  fallback: Policy;
  accountId: string;
  /** The OU the stack was deployed to (StackSets parameter), for the OU layer. */
  organizationalUnit?: string;
  /** TG_DRY_RUN: the deploy-time dryRun override applies to the parameter's policy too. */
  dryRun?: boolean;
  now?: () => number;
}

const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The merge rule: mappings merge key by key, the later layer winning; anything else (a list, a string, a
 * number, a boolean) is replaced whole by the later layer. So an account layer that sets `exemptions` replaces
 * the base's list rather than appending to it.
 */
function mergeLayer(base: unknown, layer: unknown): unknown {
  if (!isMapping(base) || !isMapping(layer)) return layer;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(layer)) merged[key] = mergeLayer(base[key], value);
  return merged;
}

/**
 * The policy of one account from the parameter's document `{ base, organizationalUnits?, accounts? }`: the base,
 * then the layer of the stack's OU, then the account's layer, validated as one policy file is.
 * @internal Unit-tested directly: the merge rule and its errors, without SSM.
 */
export function policyFromLayers(
  text: string,
  source: string,
  place: { accountId: string; organizationalUnit?: string },
): Policy {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new PolicyError(source, [{ path: '(root)', message: `not JSON (${(error as Error).message})` }]);
  }
  if (!isMapping(document) || !isMapping(document.base)) {
    throw new PolicyError(source, [
      { path: 'base', message: 'expected a mapping: the policy every account starts from' },
    ]);
  }
  const unknownKeys = Object.keys(document).filter((key) => !(LAYER_KEYS as readonly string[]).includes(key));
  if (unknownKeys.length > 0) {
    throw new PolicyError(
      source,
      unknownKeys.map((key) => ({ path: key, message: `unknown layer; expected ${LAYER_KEYS.join(', ')}` })),
    );
  }
  const layers: unknown[] = [document.base];
  for (const [key, id] of [
    ['organizationalUnits', place.organizationalUnit],
    ['accounts', place.accountId],
  ] as const) {
    const table = document[key];
    if (table === undefined) continue;
    if (!isMapping(table)) {
      throw new PolicyError(source, [{ path: key, message: 'expected a mapping of ids to policy layers' }]);
    }
    if (id !== undefined && table[id] !== undefined) {
      if (!isMapping(table[id])) {
        throw new PolicyError(source, [{ path: `${key}.${id}`, message: 'expected a mapping of settings' }]);
      }
      layers.push(table[id]);
    }
  }
  return validatePolicy(layers.reduce(mergeLayer), source);
}

/**
 * The policy from an SSM parameter, read at most every POLICY_MAX_AGE_SECONDS. A version that is not a valid
 * policy, or a parameter that cannot be read, keeps the last good policy (at first the packaged one) and is
 * reported; an invalid version only once, not on every read.
 */
export function createPolicyParameter(
  options: PolicyParameterOptions,
  report: PolicyParameterReport,
): () => Promise<Policy> {
  const now = options.now ?? Date.now;
  let current = options.fallback;
  let readAt: number | undefined;
  let adoptedVersion: number | undefined;
  const reportedInvalid = new Set<number | undefined>();
  const withDryRun = (policy: Policy) =>
    options.dryRun === undefined ? policy : { ...policy, dryRun: options.dryRun };
  return async () => {
    if (readAt !== undefined && now() - readAt <= POLICY_MAX_AGE_SECONDS * 1000) return current;
    readAt = now();
    let value: string | undefined;
    let version: number | undefined;
    try {
      const read = await options.client.send(new GetParameterCommand({ Name: options.parameter }));
      value = read.Parameter?.Value;
      version = read.Parameter?.Version;
    } catch (error) {
      const cause = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      report.unreadable(
        `cannot read the policy parameter ${options.parameter} (${cause}); keeping the last good policy`,
      );
      return current;
    }
    if (version !== undefined && version === adoptedVersion) return current;
    const source = `${options.parameter}${version === undefined ? '' : ` version ${version}`}`;
    try {
      current = withDryRun(policyFromLayers(value ?? '', source, options));
      adoptedVersion = version;
      report.adopted(version);
    } catch (error) {
      if (!(error instanceof PolicyError)) throw error;
      if (!reportedInvalid.has(version)) {
        reportedInvalid.add(version);
        report.invalid(version, `${error.message}; keeping the last good policy`);
      }
    }
    return current;
  };
}
