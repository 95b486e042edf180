import {
  acmClient,
  directConnectClient,
  ec2Client,
  elbClient,
  elbv2Client,
  eventBridgeClient,
} from '../aws/factories.js';
import { createLiveInventorySource } from '../inventory/live/source-core.js';
import type { RuntimeWiring } from './wiring.js';

/**
 * The clients remediate calls (the remediators' write APIs, the reads that verify them, EventBridge for the
 * audit records) and the live inventory without AWS Config, which it never reads.
 */
export const REMEDIATE_WIRING: RuntimeWiring = {
  clientFactories: {
    elbv2: elbv2Client,
    elb: elbClient,
    ec2: ec2Client,
    directConnect: directConnectClient,
    acm: acmClient,
    eventBridge: eventBridgeClient,
  },
  inventorySource: (clientsFor, options) => createLiveInventorySource(clientsFor, options),
};
