/**
 * The EC2 API calls that create a VPC or change its encryption control, and the VPCs' Config items. Event names
 * equal the operation names by CloudTrail convention (unconfirmed: no sample event exists,
 * reference/vpc-encryption-controls.md); eventSource ec2.amazonaws.com.
 */
import { fieldError } from '../../events/errors.js';
import {
  type ApiCall,
  type CallRoute,
  type FamilyEvents,
  refOf,
  stringAt,
} from '../../events/family-events.js';
import type { ResourceRef } from '../../model/ref.js';
import { VPC } from './describe.js';

/**
 * The VPC id of a call: its request (CreateVpcEncryptionControl), else the VPC or control the response returns
 * (Modify/Delete name only the control id). EC2 records flat camelCase, PascalCase or `<EventName>Response`.
 */
function vpcOf(call: ApiCall): ResourceRef[] {
  const response = (name: string) => [
    ['responseElements', name, 'vpcId'],
    ['responseElements', `${call.eventName}Response`, name, 'vpcId'],
    ['responseElements', `${call.eventName}Response`, name, 'VpcId'],
  ];
  const candidates = [
    ['requestParameters', 'vpcId'],
    ['requestParameters', 'VpcId'],
    ['requestParameters', `${call.eventName}Request`, 'VpcId'],
    ...response('vpc'),
    ...response('vpcEncryptionControl'),
  ];
  const id = stringAt(call, candidates);
  if (!id.startsWith('vpc-')) fieldError(['detail', ...(candidates[0] ?? [])], 'a vpc- id', id, call.eventId);
  return [refOf(call, VPC, id)];
}

const CALLS = new Map<string, CallRoute>([
  ['CreateVpc', { refs: vpcOf }],
  ['CreateVpcEncryptionControl', { refs: vpcOf }],
  ['ModifyVpcEncryptionControl', { refs: vpcOf }],
  // Deleting the control leaves the VPC: it is read again, not dropped.
  ['DeleteVpcEncryptionControl', { refs: vpcOf }],
]);

export const vpcEvents: FamilyEvents = {
  // The VPN family routes aws.ec2 too: this family claims its own call names.
  apiCalls: [
    { source: 'aws.ec2', label: 'EC2', routes: CALLS, claims: (detail) => CALLS.has(detail.eventName) },
  ],
  // No Config types: AWS Config does not record the encryption control (inputs.ts), so a Config-mode sweep reading
  // VPCs from Config would judge every one "cannot be verified"; they are read live.
};
