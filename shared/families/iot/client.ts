import { GreengrassV2Client } from '@aws-sdk/client-greengrassv2';
import { IoTClient } from '@aws-sdk/client-iot';
import type { SharedClientConfig } from '../../aws/clients.js';

/** The family's SDK clients (AWS IoT, Greengrass v2), loaded with the family: Family.live.client. */
export const createClient = (config: SharedClientConfig) => new IoTClient(config);

/** The SDK commands its remediators send (commands.ts loads them from here, only when one is sent). */
export { UpdateDomainConfigurationCommand } from '@aws-sdk/client-iot';

/** Greengrass v2, for the core devices a certificate's things may be. */
export const createGreengrassClient = (config: SharedClientConfig) => new GreengrassV2Client(config);
