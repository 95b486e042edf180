/**
 * VPC encryption controls in the deployment: the reads, the one write (CreateVpcEncryptionControl, monitor mode
 * only) and the SCP statement. No condition key names the mode or the exclusions (reference/vpc-encryption-controls.md
 * [F]), so weakening calls can only be denied outright; that is left to the organization (declarative policy).
 */
import type { FamilyDeployment } from '../../infra/family-deployment.js';

export const vpcDeployment: FamilyDeployment = {
  services: ['ec2'],
  reads: [
    {
      // Describe* calls of EC2 support no resource-level permissions: Resource "*".
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
    {
      sid: 'RemediateVpcEncryptionControls',
      actions: ['ec2:CreateVpcEncryptionControl'],
      resource: { service: 'ec2', resource: 'vpc/*' },
    },
  ],
};
