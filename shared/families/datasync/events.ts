/**
 * The DataSync API calls that create, change or delete a location (eventSource datasync.amazonaws.com; event names
 * are the API operation names: reference/datasync-location-transport.json cloudTrailEvents). AWS Config item
 * changes are not routed: Config does not record every location kind (FSx for ONTAP, FSx for OpenZFS and Azure
 * Blob are missing) nor EFS's InTransitEncryption, so sweeps read the locations live; Config items are inputs of
 * `evaluate` only (inputs.ts).
 */
import { fieldError } from '../../events/errors.js';
import {
  type ApiCall,
  type CallRoute,
  type FamilyEvents,
  refOf,
  valueAt,
} from '../../events/family-events.js';
import type { ResourceRef } from '../../model/ref.js';
import { isLocationArn } from './arn.js';
import { LOCATION_KINDS, type LocationKind } from './model.js';

/**
 * The location a call names: Create* answers its LocationArn, Update* names it in the request. No CloudTrail
 * sample of these calls was found (reference), so both the API's spelling and CloudTrail's usual camelCase are read.
 */
function locationOf(kind: LocationKind) {
  return (call: ApiCall): ResourceRef[] => {
    for (const part of ['responseElements', 'requestParameters']) {
      for (const key of ['locationArn', 'LocationArn']) {
        const value = valueAt(call.detail, [part, key]);
        if (isLocationArn(value)) return [refOf(call, LOCATION_KINDS[kind].type, value)];
      }
    }
    return fieldError(
      ['detail', 'responseElements', 'locationArn'],
      'a DataSync location ARN (responseElements or requestParameters locationArn)',
      valueAt(call.detail, ['responseElements', 'locationArn']) ??
        valueAt(call.detail, ['requestParameters', 'locationArn']),
      call.eventId,
    );
  };
}

/**
 * DeleteLocation names only the location's ARN (request LocationArn), not its kind. Open findings are resolved by
 * resource id, so the ref's type only has to be a DataSync one: the first kind's stands for all.
 */
const DELETED_LOCATION: LocationKind = 'ObjectStorage';

const CALLS = new Map<string, CallRoute>([
  ...(Object.keys(LOCATION_KINDS) as LocationKind[]).flatMap((kind) => {
    const name = LOCATION_KINDS[kind].describe.replace('DescribeLocation', '');
    return [
      [`CreateLocation${name}`, { refs: locationOf(kind) }],
      [`UpdateLocation${name}`, { refs: locationOf(kind) }],
    ] as [string, CallRoute][];
  }),
  ['DeleteLocation', { refs: locationOf(DELETED_LOCATION), deleted: true }],
]);

export const dataSyncEvents: FamilyEvents = {
  apiCalls: [{ source: 'aws.datasync', label: 'DataSync', routes: CALLS }],
};
