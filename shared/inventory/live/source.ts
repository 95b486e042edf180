import type { RegionClients } from '../../aws/clients.js';
import { readConfigItem } from './config-item.js';
import { familiesRecorded, sweepConfigItems } from './config-select.js';
import {
  type AwsInventorySource,
  type AwsInventorySourceOptions,
  type ConfigReads,
  createLiveInventorySource,
} from './source-core.js';

export type { AwsInventorySource, AwsInventorySourceOptions } from './source-core.js';

/** Every AWS Config read of the live inventory. */
const CONFIG_READS: ConfigReads = { familiesRecorded, sweepConfigItems, readConfigItem };

/** The live inventory with the AWS Config reads: what the inspectors, the sweep and `scan` use. */
export function createAwsInventorySource(
  clientsFor: (region: string) => RegionClients,
  options: AwsInventorySourceOptions = {},
): AwsInventorySource {
  return createLiveInventorySource(clientsFor, options, CONFIG_READS);
}
