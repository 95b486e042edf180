import type { RegionClients } from '../../aws/clients.js';
import {
  type AwsInventorySource,
  type AwsInventorySourceOptions,
  type ConfigReads,
  createLiveInventorySource,
} from './source-core.js';

export type { AwsInventorySource, AwsInventorySourceOptions } from './source-core.js';

/**
 * Every AWS Config read of the live inventory, each loaded (with the AWS Config client) on its first call: an
 * inspector reads AWS Config only for an oversized item, and only a sweep in Config mode queries it, so no
 * function loads them at start.
 */
const CONFIG_READS: ConfigReads = {
  async familiesRecorded(ctx, families) {
    const { familiesRecorded } = await import('./config-select.js');
    return familiesRecorded(ctx, families);
  },
  async sweepConfigItems(ctx, families) {
    const { sweepConfigItems } = await import('./config-select.js');
    return sweepConfigItems(ctx, families);
  },
  async readConfigItem(ctx, ref) {
    const { readConfigItem } = await import('./config-item.js');
    return readConfigItem(ctx, ref);
  },
};

/** The live inventory with the AWS Config reads: what the inspectors, the sweep and `scan` use. */
export function createAwsInventorySource(
  clientsFor: (region: string) => RegionClients,
  options: AwsInventorySourceOptions = {},
): AwsInventorySource {
  return createLiveInventorySource(clientsFor, options, CONFIG_READS);
}
