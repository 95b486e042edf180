import { writeCommand } from '../../response/calls.js';

/** The write call VPC remediation makes (an EC2 API). */
export const VPC_COMMANDS = {
  CreateVpcEncryptionControl: writeCommand({
    service: 'ec2',
    iamAction: 'ec2:CreateVpcEncryptionControl',
    load: async () => (await import('./client.js')).CreateVpcEncryptionControlCommand,
  }),
};
