/**
 * VPC encryption controls in the deployment: the reads, the one write (CreateVpcEncryptionControl, monitor mode
 * only); no SCP statement: no condition key names the mode or the exclusions (reference/vpc-encryption-controls.md
 * [F]), so weakening calls can only be denied outright; that is left to the organization (declarative policy).
 */
import type { FamilyDeployment } from '../../infra/family-deployment.js';

export const vpcDeployment: FamilyDeployment = {
  services: ['ec2'],
  reads: [
    {
      // List actions with no resource type, only the aws:RequestedRegion condition (Service Authorization Reference,
      // generated in udondan/iam-floyd lib/generated/policy-statements/ec2.ts @ 50d8b534): Resource "*".
      // GetVpcResourcesBlockingEncryptionEnforcement (read for VPCs in monitor mode) is newer than that list, so
      // its resource type is unconfirmed: Resource "*" authorizes it whichever it is, and it only reads.
      sid: 'ReadVpcEncryptionControls',
      actions: [
        'ec2:DescribeVpcs',
        'ec2:DescribeVpcEncryptionControls',
        'ec2:GetVpcResourcesBlockingEncryptionEnforcement',
      ],
      resource: '*',
    },
  ],
  writes: [
    // CreateVpcEncryptionControl is authorized on resources (it takes aws:ResourceTag, same source): the VPC it
    // names and the control it creates, each granted by ARN type only.
    {
      sid: 'RemediateVpcEncryptionControls',
      actions: ['ec2:CreateVpcEncryptionControl'],
      resource: { service: 'ec2', resource: 'vpc/*' },
    },
    {
      sid: 'RemediateVpcEncryptionControlsNew',
      actions: ['ec2:CreateVpcEncryptionControl'],
      resource: { service: 'ec2', resource: 'vpc-encryption-control/*' },
    },
  ],
};
