import { VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import type { SharedClientConfig } from '../../aws/clients.js';

/** The family's SDK client (VPC Lattice), loaded with the family: Family.live.client. */
export const createClient = (config: SharedClientConfig) => new VPCLatticeClient(config);

/** The SDK command its remediator sends (commands.ts loads it from here, only when one is sent). */
export { DeleteListenerCommand } from '@aws-sdk/client-vpc-lattice';
