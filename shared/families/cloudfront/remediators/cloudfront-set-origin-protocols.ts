import type { JsonObject } from '../../../inventory/fields.js';
import { defineRemediator } from '../../../response/remediator.js';
import { normalizeTlsVersion, protocolsBelow } from '../../../tls/versions.js';
import { CLOUDFRONT_COMMANDS } from '../commands.js';
import { DISTRIBUTION } from '../model.js';
import { originTargetProtocols } from '../policies.js';
import { listItems, roundTripMissing, updatePlan } from '../update-distribution.js';

export const cloudfrontSetOriginProtocols = defineRemediator({
  id: 'cloudfront-set-origin-protocols',
  iamActions: [CLOUDFRONT_COMMANDS.UpdateDistribution.iamAction],
  resourceTypes: [DISTRIBUTION],
  safety: (distribution) => roundTripMissing(distribution),
  plan({ resource, policy }) {
    const minimum = policy.tls.minimumVersion;
    const target = originTargetProtocols(minimum);
    if (target.length === 0) {
      return {
        kind: 'refused',
        note: `no change: CloudFront has no OriginSslProtocols value at or above ${minimum}`,
      };
    }
    return updatePlan(resource, target.join(','), (config) => {
      let changed = false;
      for (const origin of listItems(config, 'Origins')) {
        const custom = origin.CustomOriginConfig as JsonObject | undefined;
        const protocols = (custom?.OriginSslProtocols as { Items?: string[] } | undefined)?.Items;
        if (!custom || !protocols) continue;
        const weak = protocols.some((protocol) => {
          const version = normalizeTlsVersion(protocol);
          return !version || protocolsBelow([version], minimum).length > 0;
        });
        if (!weak) continue;
        custom.OriginSslProtocols = { Quantity: target.length, Items: [...target] };
        changed = true;
      }
      return changed;
    });
  },
});
