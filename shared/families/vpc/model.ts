/** The VPC and its encryption control in the normalized model (shared/model/resource.ts). */
import type { PendingKind } from '../../inventory/family-inputs.js';
import type { ResourceBase } from '../../model/resource.js';

/** A VpcEncryptionControl (DescribeVpcEncryptionControls, or DescribeVpcs' EncryptionControl). */
export interface VpcEncryptionControl {
  vpcEncryptionControlId?: string;
  /** monitor | enforce; anything else cannot be verified. */
  mode?: string;
  /** available | creating | monitor-in-progress | enforce-in-progress | *-failed | deleting | deleted | ... */
  state?: string;
  /** Each exclusion's state (enabling | enabled | disabling | disabled), by exclusion name. */
  exclusions: Record<string, string | undefined>;
}

/** One resource GetVpcResourcesBlockingEncryptionEnforcement lists (VpcEncryptionNonCompliantResource). */
export interface BlockingResource {
  id?: string;
  type?: string;
  description?: string;
  isExcludable?: boolean;
}

export interface Vpc extends ResourceBase {
  resourceType: 'AWS::EC2::VPC';
  vpcId: string;
  /** Set when the input says what the control is; `controlRead` with no control means the VPC has none. */
  encryptionControl?: VpcEncryptionControl;
  /** True when an input that would carry the control (DescribeVpcs, DescribeVpcEncryptionControls) was read. */
  controlRead?: boolean;
  /** The resources blocking enforce mode, when the inputs hold GetVpcResourcesBlockingEncryptionEnforcement. */
  blockingResources?: BlockingResource[];
}

/** A VPC's control as the ELBv2 target-group rule reads it: a plaintext hop is encrypted in an enforced VPC. */
interface VpcEncryptionControlFact {
  vpcId: string;
  mode?: string;
  state?: string;
}

/**
 * The facts this family keeps for shared/families/elbv2/target-group.ts, under the key its VPC_ENCRYPTION_CONTROLS
 * reads (families do not import each other: the key is the contract).
 */
export const VPC_ENCRYPTION_CONTROLS: PendingKind<VpcEncryptionControlFact> = {
  key: 'vpcEncryptionControls',
};
