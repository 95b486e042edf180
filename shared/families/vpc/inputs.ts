import type { FamilyInputs } from '../../inventory/family-inputs.js';
import { mapVpc, readBlockingResources, readEncryptionControls, readVpcs, VPC } from './describe.js';
import { VPC_ENCRYPTION_CONTROLS } from './model.js';

export const vpcInputs: FamilyInputs = {
  formats: [
    { key: 'Vpcs', format: 'ec2 describe-vpcs', read: readVpcs },
    {
      key: 'VpcEncryptionControls',
      format: 'ec2 describe-vpc-encryption-controls',
      read: readEncryptionControls,
    },
    {
      key: 'NonCompliantResources',
      format: 'ec2 get-vpc-resources-blocking-encryption-enforcement',
      holds: 'document',
      read: readBlockingResources,
    },
  ],
  configItems: {
    // AWS Config records AWS::EC2::VPC but not its encryption control: the control is no Config resource type
    // (botocore config ResourceType enum, reference/vpc-encryption-controls.md) and the VPC item's properties have
    // no encryptionControl (awslabs/aws-config-resource-schema AWS::EC2::VPC.properties.json @ 599974d4). An item
    // is read (a VPC to judge) and, without the control, judged "cannot be verified"; one that carries it is used.
    [VPC]: ({ configuration, resourceId, scope, label }) =>
      mapVpc(configuration.withDefault('VpcId', resourceId), label, false, scope),
  },
  pending: [VPC_ENCRYPTION_CONTROLS],
};
