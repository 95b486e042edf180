import { ALL_CLIENT_FACTORIES } from '../aws/clients.js';
import { createAwsInventorySource } from '../inventory/live/source.js';
import type { RuntimeWiring } from './wiring.js';

/**
 * The inspectors (CloudTrail, Config and ACM events, the Config rule) and the sweep: every client, since an
 * event or a sweep may name any resource type, and the AWS Config reads (Config-mode sweeps).
 */
export const INSPECTOR_WIRING: RuntimeWiring = {
  clientFactories: ALL_CLIENT_FACTORIES,
  inventorySource: createAwsInventorySource,
};
