import { writeCommand } from '../../response/calls.js';

const sdk = () => import('./sdk-commands.js');

/** The write calls Direct Connect remediation makes. */
export const DIRECTCONNECT_COMMANDS = {
  UpdateConnection: writeCommand({
    service: 'directconnect',
    iamAction: 'directconnect:UpdateConnection',
    load: async () => (await sdk()).UpdateConnectionCommand,
  }),
  UpdateLag: writeCommand({
    service: 'directconnect',
    iamAction: 'directconnect:UpdateLag',
    load: async () => (await sdk()).UpdateLagCommand,
  }),
};
