import { EC2Client } from '@aws-sdk/client-ec2';
import type { SharedClientConfig } from '../../aws/clients.js';

/** The family's SDK client (EC2), loaded with the family: Family.live.client. */
export const createClient = (config: SharedClientConfig) => new EC2Client(config);

/** The SDK command its remediator sends (commands.ts loads it from here, only when one is sent). */
export { CreateVpcEncryptionControlCommand } from '@aws-sdk/client-ec2';
