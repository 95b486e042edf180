import { GetResourceConfigHistoryCommand, type ResourceType } from '@aws-sdk/client-config-service';
import type { ResourceRef } from '../../model/ref.js';
import { DELETED_STATUSES } from '../config-constants.js';
import { type Collected, emptyCollected, goneRef, type RegionContext, readOne } from './context.js';
import { classicLoadBalancerName, matchesRef } from './match.js';

/** AWS Config names a classic load balancer by its name; everything else by the id in the ref. */
function configResourceId(ref: ResourceRef): string {
  return ref.resourceType === 'AWS::ElasticLoadBalancing::LoadBalancer'
    ? classicLoadBalancerName(ref)
    : ref.resourceId;
}

/** The latest configuration item of a resource, for an oversized-item notification that carried none. */
export function readConfigItem(ctx: RegionContext, ref: ResourceRef): Promise<Collected> {
  return readOne(ref, async () => {
    const resourceId = configResourceId(ref);
    const output = await ctx.call.config('GetResourceConfigHistory', resourceId, () =>
      ctx.clients.config.send(
        new GetResourceConfigHistoryCommand({
          resourceType: ref.resourceType as ResourceType,
          resourceId,
          limit: 1,
        }),
      ),
    );
    const item = output.configurationItems?.[0];
    if (!item || DELETED_STATUSES.has(item.configurationItemStatus ?? '')) return goneRef(ref);
    return {
      ...emptyCollected(),
      groups: [
        {
          documents: [{ document: { configurationItems: [item] }, source: 'api:GetResourceConfigHistory' }],
          keep: (resource) => matchesRef(resource, ref),
        },
      ],
    };
  });
}
