/**
 * Readers of the EC2 outputs that describe a VPC's encryption control. Shapes: the EC2 API model
 * (../shared/reference/vpc-encryption-controls.md [B]); https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcEncryptionControl.html
 */
import type { InventoryBuilder } from '../../inventory/builder.js';
import { pendingList } from '../../inventory/family-inputs.js';
import type { Fields } from '../../inventory/fields.js';
import { displayName, readTags, requireString } from '../../inventory/record.js';
import {
  type BlockingResource,
  VPC_ENCRYPTION_CONTROLS,
  type Vpc,
  type VpcEncryptionControl,
} from './model.js';
import { VPC_EXCLUSIONS } from './settings.js';

export const VPC = 'AWS::EC2::VPC';

function mapEncryptionControl(control: Fields): VpcEncryptionControl {
  const exclusions = control.object('ResourceExclusions');
  return {
    vpcEncryptionControlId: control.string('VpcEncryptionControlId'),
    mode: control.string('Mode'),
    state: control.string('State'),
    exclusions: Object.fromEntries(
      VPC_EXCLUSIONS.map((name) => [name, exclusions?.object(name)?.string('State')]),
    ),
  };
}

/** The control's fact for the ELBv2 target-group rule (a plaintext hop is encrypted in an enforced VPC). */
function shareControl(out: InventoryBuilder, vpcId: string, control: VpcEncryptionControl): void {
  pendingList(out.pending, VPC_ENCRYPTION_CONTROLS).push({ vpcId, mode: control.mode, state: control.state });
}

export interface VpcScope {
  arn?: string;
  accountId?: string;
  region?: string;
}

/**
 * A VPC: a `Vpcs` record of describe-vpcs, which carries `EncryptionControl` when the VPC has one (absent: it
 * has none), or a Config item's configuration (`controlRead` false: whether the item carries it is unconfirmed).
 */
export function mapVpc(record: Fields, source: string, controlRead: boolean, scope: VpcScope = {}): Vpc {
  const vpcId = requireString(record, 'VpcId');
  const tags = readTags(record, 'Tags');
  const control = record.object('EncryptionControl');
  return {
    resourceType: VPC,
    resourceId: vpcId,
    tags,
    source,
    name: displayName(tags, undefined),
    accountId: scope.accountId ?? record.string('OwnerId'),
    region: scope.region,
    arn: scope.arn,
    vpcId,
    ...(control ? { encryptionControl: mapEncryptionControl(control), controlRead: true } : {}),
    ...(controlRead ? { controlRead: true } : {}),
  };
}

export function readVpcs(records: Fields[], format: string, label: string, out: InventoryBuilder): void {
  out.eachRecord(format, 'VPC', records, (record) => {
    const vpc = mapVpc(record, label, true);
    if (vpc.encryptionControl) shareControl(out, vpc.vpcId, vpc.encryptionControl);
    out.resources.push(vpc);
  });
}

/** describe-vpc-encryption-controls: each control names its VPC. */
export function readEncryptionControls(
  records: Fields[],
  format: string,
  label: string,
  out: InventoryBuilder,
): void {
  out.eachRecord(format, 'VPC encryption control', records, (record) => {
    const vpcId = requireString(record, 'VpcId');
    const control = mapEncryptionControl(record);
    shareControl(out, vpcId, control);
    out.resources.push({
      resourceType: VPC,
      resourceId: vpcId,
      tags: {},
      source: label,
      vpcId,
      encryptionControl: control,
      controlRead: true,
    });
  });
}

function mapBlocking(resource: Fields): BlockingResource {
  return {
    id: resource.string('Id'),
    type: resource.string('Type'),
    description: resource.string('Description'),
    isExcludable: resource.boolean('IsExcludable'),
  };
}

/**
 * get-vpc-resources-blocking-encryption-enforcement does not name the VPC it was asked about: the input wraps
 * it as `{"VpcId": ..., "NonCompliantResources": [...]}` (examples/README.md).
 */
export function readBlockingResources(
  records: Fields[],
  format: string,
  label: string,
  out: InventoryBuilder,
): void {
  out.eachRecord(format, 'blocking-resources listing', records, (record) => {
    const vpcId = requireString(record, 'VpcId');
    out.resources.push({
      resourceType: VPC,
      resourceId: vpcId,
      tags: {},
      source: label,
      vpcId,
      blockingResources: (record.objects('NonCompliantResources') ?? []).map(mapBlocking),
    });
  });
}
