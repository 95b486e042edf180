import { sdkCall } from '../../../response/calls.js';
import { defineRemediator } from '../../../response/remediator.js';
import { VPC_COMMANDS } from '../commands.js';

/**
 * Creates a VPC's missing encryption control. CreateVpcEncryptionControl has no Mode: a new control on an existing
 * VPC starts in monitor mode, which only observes. Enforce mode can block traffic, so it is never set here.
 */
export const createVpcEncryptionControl = defineRemediator({
  id: 'create-vpc-encryption-control',
  iamActions: [VPC_COMMANDS.CreateVpcEncryptionControl.iamAction],
  resourceTypes: ['AWS::EC2::VPC'],
  safety(_resource, evaluation) {
    return evaluation.details?.noControl === true
      ? undefined
      : 'no change: the VPC already has an encryption control, and switching it to enforce mode is left to a person (it can block traffic)';
  },
  plan({ resource }) {
    return {
      kind: 'calls',
      calls: [sdkCall(VPC_COMMANDS, 'CreateVpcEncryptionControl', { VpcId: resource.vpcId })],
      target: 'monitor',
    };
  },
});
