import { DataSyncClient } from '@aws-sdk/client-datasync';
import type { SharedClientConfig } from '../../aws/clients.js';

/** The family's SDK client (DataSync), loaded with the family: Family.live.client. */
export const createClient = (config: SharedClientConfig) => new DataSyncClient(config);
