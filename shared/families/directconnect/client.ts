import { DirectConnectClient } from '@aws-sdk/client-direct-connect';
import type { SharedClientConfig } from '../../aws/clients.js';

/** The family's SDK client (Direct Connect), loaded with the family: Family.live.client. */
export const createClient = (config: SharedClientConfig) => new DirectConnectClient(config);

/** The SDK commands its remediators send (commands.ts loads them from here, only when one is sent). */
export { UpdateConnectionCommand, UpdateLagCommand } from '@aws-sdk/client-direct-connect';
