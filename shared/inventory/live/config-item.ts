import { GetResourceConfigHistoryCommand, type ResourceType } from '@aws-sdk/client-config-service';
import { configServiceClient } from '../../aws/config-client.js';
import type { ResourceRef } from '../../model/ref.js';
import { configResourceId, DELETED_STATUSES } from '../config-constants.js';
import { type Collected, emptyCollected, goneRef, type RegionContext, readOne } from './context.js';
import { matchesRef } from './match.js';

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
