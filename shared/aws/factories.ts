/**
 * The clients of core (not of a family): AWS Config and EventBridge. A family's client is its own
 * (shared/families/<family>/client.ts, loaded with the family); a function bundles a client only when its
 * code reaches that client's factory.
 */
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { SharedClientConfig } from './client-config.js';

export const configServiceClient = (config: SharedClientConfig) => new ConfigServiceClient(config);
export const eventBridgeClient = (config: SharedClientConfig) => new EventBridgeClient(config);
