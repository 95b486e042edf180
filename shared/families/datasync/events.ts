/**
 * The DataSync API calls that create or change a location (eventSource datasync.amazonaws.com; event names are
 * the API operation names: reference/datasync-location-transport.json cloudTrailEvents). AWS Config item changes
 * are not routed yet.
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

const CALLS = new Map<string, CallRoute>(
  (Object.keys(LOCATION_KINDS) as LocationKind[]).flatMap((kind) => {
    const name = LOCATION_KINDS[kind].describe.replace('DescribeLocation', '');
    return [
      [`CreateLocation${name}`, { refs: locationOf(kind) }],
      [`UpdateLocation${name}`, { refs: locationOf(kind) }],
    ] as [string, CallRoute][];
  }),
);

export const dataSyncEvents: FamilyEvents = {
  apiCalls: [{ source: 'aws.datasync', label: 'DataSync', routes: CALLS }],
};
