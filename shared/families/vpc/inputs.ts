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
    // Whether the item carries EncryptionControl is unconfirmed: without it the control stays unknown.
    [VPC]: ({ configuration, resourceId, scope, label }) =>
      mapVpc(configuration.withDefault('VpcId', resourceId), label, false, scope),
  },
  pending: [VPC_ENCRYPTION_CONTROLS],
};
