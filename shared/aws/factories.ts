/**
 * The clients of core (not of a family): EventBridge (AWS Config's is in config-client.ts). A family's client
 * is its own (shared/families/<family>/client.ts, loaded with the family); a function bundles a client only
 * when its code reaches that client's factory.
 */
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { SharedClientConfig } from './client-config.js';

export const eventBridgeClient = (config: SharedClientConfig) => new EventBridgeClient(config);
