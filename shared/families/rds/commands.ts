import { writeCommand } from '../../response/calls.js';

/** The write calls RDS remediation makes: one TLS parameter of a custom parameter group. */
export const RDS_COMMANDS = {
  ModifyDBParameterGroup: writeCommand({
    service: 'rds',
    iamAction: 'rds:ModifyDBParameterGroup',
    load: async () => (await import('./client.js')).ModifyDBParameterGroupCommand,
  }),
  ModifyDBClusterParameterGroup: writeCommand({
    service: 'rds',
    iamAction: 'rds:ModifyDBClusterParameterGroup',
    load: async () => (await import('./client.js')).ModifyDBClusterParameterGroupCommand,
  }),
};
