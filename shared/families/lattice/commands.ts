import { writeCommand } from '../../response/calls.js';

/** The write call VPC Lattice blocking makes. */
export const LATTICE_COMMANDS = {
  DeleteListener: writeCommand({
    service: 'vpc-lattice',
    iamAction: 'vpc-lattice:DeleteListener',
    load: async () => (await import('./client.js')).DeleteListenerCommand,
  }),
};
