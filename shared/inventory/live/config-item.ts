import { GetResourceConfigHistoryCommand, type ResourceType } from '@aws-sdk/client-config-service';
import { configServiceClient } from '../../aws/config-client.js';
import { FAMILIES } from '../../families/index.js';
import type { ResourceRef } from '../../model/ref.js';
import { DELETED_STATUSES } from '../config-constants.js';
import { type Collected, emptyCollected, goneRef, type RegionContext, readOne } from './context.js';
import { matchesRef } from './match.js';

/** AWS Config names a resource by the id in the ref, unless its family says otherwise. */
function configResourceId(ref: ResourceRef): string {
  const family = FAMILIES.find((candidate) => candidate.resourceTypes.includes(ref.resourceType));
  return family?.live.configResourceId?.(ref) ?? ref.resourceId;
}

/** The latest configuration item of a resource, for an oversized-item notification that carried none. */
export function readConfigItem(ctx: RegionContext, ref: ResourceRef): Promise<Collected> {
  return readOne(ref, async () => {
    const resourceId = configResourceId(ref);
    const output = await ctx.pace('config')('GetResourceConfigHistory', resourceId, () =>
      ctx.clients.get(configServiceClient).send(
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
