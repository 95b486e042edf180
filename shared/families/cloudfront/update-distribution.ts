/**
 * What the CloudFront remediators share: UpdateDistribution replaces the whole DistributionConfig, so each one
 * sends back the config just read (GetDistribution / GetDistributionConfig) with only its fields changed, and
 * IfMatch set to the ETag of that read: a concurrent change makes CloudFront refuse the write (PreconditionFailed).
 */
import type { DistributionConfig } from '@aws-sdk/client-cloudfront';
import type { JsonObject } from '../../inventory/fields.js';
import { sdkCall } from '../../response/calls.js';
import { defineRemediator } from '../../response/remediator.js';
import type { RemediationPlan } from '../../response/types.js';
import { CLOUDFRONT_COMMANDS } from './commands.js';
import { type CloudFrontDistribution, DISTRIBUTION } from './model.js';

/** Why the distribution cannot be updated safely from this read; undefined when it can. */
export function roundTripMissing(distribution: CloudFrontDistribution): string | undefined {
  if (!distribution.distributionId) return 'no change: the input does not name the distribution Id';
  if (!distribution.distributionConfig || !distribution.etag) {
    return 'no change: UpdateDistribution needs the whole DistributionConfig and its ETag, which only GetDistribution / GetDistributionConfig output carries (this input has neither)';
  }
  return undefined;
}

/** A deep copy, so the resource as read stays as it was (the audit record keeps it). */
const copy = (config: JsonObject): JsonObject => structuredClone(config);

/** The items of a CloudFront list ({Quantity, Items}) of the API shape, as objects. */
export function listItems(config: JsonObject, key: string): JsonObject[] {
  const list = config[key] as { Items?: unknown[] } | undefined;
  return (list?.Items ?? []).filter((item): item is JsonObject => typeof item === 'object' && item !== null);
}

/**
 * The UpdateDistribution call with `change` applied to a copy of the config read; `change` returns false when it
 * found nothing to change (then no call is planned).
 */
export function updatePlan(
  distribution: CloudFrontDistribution,
  target: string,
  change: (config: JsonObject) => boolean,
): RemediationPlan {
  const missing = roundTripMissing(distribution);
  if (missing) return { kind: 'refused', note: missing };
  const config = copy(distribution.distributionConfig as JsonObject);
  if (!change(config))
    return { kind: 'refused', note: 'no change: nothing in the DistributionConfig read needs it' };
  return {
    kind: 'calls',
    target,
    calls: [
      sdkCall(CLOUDFRONT_COMMANDS, 'UpdateDistribution', {
        Id: distribution.distributionId as string,
        IfMatch: distribution.etag as string,
        // The config as read (API shape), changed only where the remediation means to.
        DistributionConfig: config as unknown as DistributionConfig,
      }),
    ],
  };
}

/** Every cache behavior (default and ordered) that allows HTTP gets `policy`; false when none does. */
function secureBehaviors(config: JsonObject, policy: string): boolean {
  const behaviors = [config.DefaultCacheBehavior, ...listItems(config, 'CacheBehaviors')].filter(
    (behavior): behavior is JsonObject => typeof behavior === 'object' && behavior !== null,
  );
  let changed = false;
  for (const behavior of behaviors) {
    if (behavior.ViewerProtocolPolicy === 'allow-all') {
      behavior.ViewerProtocolPolicy = policy;
      changed = true;
    }
  }
  return changed;
}

/** A remediator that sets `policy` on every behavior allowing HTTP (the two differ only in the policy). */
export function viewerProtocolRemediator(id: string, policy: 'redirect-to-https' | 'https-only') {
  return defineRemediator({
    id,
    iamActions: [CLOUDFRONT_COMMANDS.UpdateDistribution.iamAction],
    resourceTypes: [DISTRIBUTION],
    safety: (distribution) => roundTripMissing(distribution),
    plan: ({ resource }) => updatePlan(resource, policy, (config) => secureBehaviors(config, policy)),
  });
}
