import type { JsonObject } from '../../../inventory/fields.js';
import { defineRemediator } from '../../../response/remediator.js';
import { CLOUDFRONT_COMMANDS } from '../commands.js';
import { DISTRIBUTION } from '../model.js';
import { listItems, roundTripMissing, updatePlan } from './update-distribution.js';

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
