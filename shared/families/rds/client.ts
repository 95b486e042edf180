import { RDSClient } from '@aws-sdk/client-rds';
import type { SharedClientConfig } from '../../aws/clients.js';

/** The family's SDK client (RDS), loaded with the family: Family.live.client. */
export const createClient = (config: SharedClientConfig) => new RDSClient(config);

/** The SDK commands its remediator sends (commands.ts loads them from here, only when one is sent). */
export { ModifyDBClusterParameterGroupCommand, ModifyDBParameterGroupCommand } from '@aws-sdk/client-rds';
