/** The policy file's `vpc` section: the encryption-control mode and the exclusions vpc-encryption-control accepts. */
import { z } from 'zod';
import { noRepeats } from '../../policy/no-repeats.js';

export const VPC_ENCRYPTION_MODES = ['monitor', 'enforce'] as const;

/** The eight exclusions an encryption control can enable: ResourceExclusions (reference/vpc-encryption-controls.md). */
export const VPC_EXCLUSIONS = [
  'InternetGateway',
  'EgressOnlyInternetGateway',
  'NatGateway',
  'VirtualPrivateGateway',
  'VpcPeering',
  'Lambda',
  'VpcLattice',
  'ElasticFileSystem',
] as const;

export const vpcSettings = z
  .object({
    // Visibility (monitor) is the baseline; enforce is asked for explicitly.
    encryptionMode: z.enum(VPC_ENCRYPTION_MODES).default('monitor'),
    allowedExclusions: z.array(z.enum(VPC_EXCLUSIONS)).superRefine(noRepeats).default([]),
  })
  .strict()
  .prefault({});
