import { writeCommand } from '../../response/calls.js';

/** The write calls Direct Connect remediation makes. */
export const DIRECTCONNECT_COMMANDS = {
  UpdateConnection: writeCommand({
    service: 'directconnect',
    iamAction: 'directconnect:UpdateConnection',
    load: async () => (await import('./client.js')).UpdateConnectionCommand,
  }),
  UpdateLag: writeCommand({
    service: 'directconnect',
    iamAction: 'directconnect:UpdateLag',
    load: async () => (await import('./client.js')).UpdateLagCommand,
  }),
};
