import { FAMILIES } from '../../families/index.js';
import type { ResourceRef } from '../../model/ref.js';
import type { Resource } from '../../model/resource.js';
import { mergeInventories } from '../builder.js';
import { normalizeDocument } from '../detect.js';
import { linkInventory } from '../link.js';
import type { Inventory } from '../types.js';
import type { ApiDocument, Collected } from './context.js';
import { toDocument } from './document.js';
import { matchesRef } from './match.js';
import { emptyReadResult, type ReadResult } from './port.js';

function normalizeOne({ document, source }: ApiDocument): Inventory {
  try {
    return normalizeDocument(toDocument(document), source);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { resources: [], errors: [{ source, message }], tlsPolicies: [] };
  }
}

export interface Whereabouts {
  region: string;
  /** The refs that were read, whose account ids the resources take; else `accountId`. */
  refs?: readonly ResourceRef[];
  accountId?: string;
}

/** The family's completion of a resource (Family.live.finish), by resource type. */
const FINISH = new Map(
  FAMILIES.flatMap((family) => {
    const finish = family.live.finish;
    return finish ? family.resourceTypes.map((type) => [type, finish] as const) : [];
  }),
);

/**
 * Turns collected API outputs into the model through the one normalizer, group by group, and fills
 * in the region and account that describe outputs leave out.
 */
export function toReadResult(collected: Collected, where: Whereabouts): ReadResult {
  const result = emptyReadResult();
  result.gone.push(...collected.gone);
  result.errors.push(...collected.errors);
  for (const group of collected.groups) {
    const linked = linkInventory(mergeInventories(group.documents.map(normalizeOne)));
    result.errors.push(...linked.errors);
    result.tlsPolicies.push(...linked.tlsPolicies);
    for (const resource of linked.resources) {
      if (group.keep && !group.keep(resource)) continue;
      const accountId =
        resource.accountId ??
        where.refs?.find((ref) => matchesRef(resource, ref))?.accountId ??
        where.accountId;
      const region = resource.region ?? where.region;
      const located: Resource = { ...resource, region, ...(accountId ? { accountId } : {}) };
      const finished = FINISH.get(located.resourceType)?.(located) ?? located;
      result.resources.push(collected.amend.reduce((amended, amend) => amend(amended), finished));
    }
  }
  return result;
}
