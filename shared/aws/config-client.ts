/**
 * Core's AWS Config client, in a module of its own (not factories.ts): only what reads AWS Config imports it
 * (the config-rule function, and the live inventory's Config reads, loaded on first use), so a function that
 * never reads Config does not load the client at start.
 */
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import type { SharedClientConfig } from './client-config.js';

export const configServiceClient = (config: SharedClientConfig) => new ConfigServiceClient(config);
