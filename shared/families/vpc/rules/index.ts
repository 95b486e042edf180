import type { AnyRule } from '../../../rules/rule.js';
import { vpcEncryptionControl } from './vpc-encryption-control.js';

export const VPC_RULES: readonly AnyRule[] = [vpcEncryptionControl];
