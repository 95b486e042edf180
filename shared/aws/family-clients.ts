import { FAMILIES } from '../families/index.js';
import type { RegionClients, SdkClient } from './clients.js';

/** @internal An error production throws; tests check for it with instanceof / toThrow. */
export class UnknownFamilyError extends Error {
  override name = 'UnknownFamilyError';
}

/**
 * The SDK client of a family in one region, by family id: the family's client package is imported on the
 * first ask (so a function loads only the clients of the families it touches), then built once per region.
 */
export function familyClients(clients: RegionClients): (familyId: string) => Promise<SdkClient> {
  return async (familyId) => {
    const family = FAMILIES.find((candidate) => candidate.id === familyId);
    if (!family) throw new UnknownFamilyError(`no family ${familyId} in the registry`);
    return clients.get(await family.live.client());
  };
}
