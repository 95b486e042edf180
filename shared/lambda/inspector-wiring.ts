import { createAwsInventorySource } from '../inventory/live/source.js';
import type { RuntimeWiring } from './wiring.js';

/**
 * The inspectors (CloudTrail, Config and ACM events, the Config rule) and the sweep: the live inventory with
 * the AWS Config reads (Config-mode sweeps, oversized items); each family's client is loaded when an event or
 * a sweep first reads that family.
 */
export const INSPECTOR_WIRING: RuntimeWiring = {
  inventorySource: createAwsInventorySource,
};
