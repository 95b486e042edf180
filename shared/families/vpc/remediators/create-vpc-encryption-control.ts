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
  // The job is a control in monitor mode. Under vpc.encryptionMode enforce the VPC stays NON_COMPLIANT (switching
  // to enforce is a person's call), so the rule's verdict cannot prove it: the control read back does.
  verify(after, { evaluation }) {
    if (!after) return { verified: false, reason: 'the VPC could not be read again' };
    if (evaluation && evaluation.status !== 'NON_COMPLIANT') return { verified: true };
    const control = after.encryptionControl;
    if (control?.mode && control.state && !GONE.has(control.state) && !control.state.endsWith('-failed')) {
      return {
        verified: true,
        note: `encryption control ${control.vpcEncryptionControlId ?? ''} is in ${control.mode} mode (${control.state}); switching it to enforce mode is left to a person`,
      };
    }
    return {
      verified: false,
      reason: `the VPC shows no working encryption control when read again (${control ? `mode ${control.mode ?? 'unknown'}, state ${control.state ?? 'unknown'}` : 'none'})`,
    };
  },
});

const GONE = new Set(['deleting', 'deleted']);
