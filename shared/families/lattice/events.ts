/**
 * The VPC Lattice API calls that create, change or delete a service listener (eventSource
 * vpc-lattice.amazonaws.com, https://docs.aws.amazon.com/vpc-lattice/latest/ug/monitoring-cloudtrail.html).
 * AWS Config records no VPC Lattice type, so there are no item changes to route.
 */

import { partitionOf } from '../../aws/arn.js';
import { fieldError } from '../../events/errors.js';
import {
  type ApiCall,
  type CallRoute,
  type FamilyEvents,
  refOf,
  valueAt,
} from '../../events/family-events.js';
import type { ResourceRef } from '../../model/ref.js';
import { listenerArnOf, parseListenerArn, serviceIdOf } from './arn.js';
import { LATTICE_LISTENER } from './model.js';

const text = (call: ApiCall, path: readonly string[]) => {
  const value = valueAt(call.detail, path);
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/**
 * The listener a call names: the response's listener ARN, else the request's listenerIdentifier (an ARN, or an
 * id that the request's serviceIdentifier completes into one).
 */
function listenerOf(call: ApiCall): ResourceRef[] {
  const answered = text(call, ['responseElements', 'arn']);
  if (answered && parseListenerArn(answered)) return [refOf(call, LATTICE_LISTENER, answered)];
  const listener = text(call, ['requestParameters', 'listenerIdentifier']);
  if (listener && parseListenerArn(listener)) return [refOf(call, LATTICE_LISTENER, listener)];
  const service = serviceIdOf(text(call, ['requestParameters', 'serviceIdentifier']) ?? '');
  if (listener?.startsWith('listener-') && service) {
    const arn = listenerArnOf(partitionOf(call.region), call.region, call.accountId, service, listener);
    return [refOf(call, LATTICE_LISTENER, arn)];
  }
  return fieldError(
    ['detail', 'requestParameters', 'listenerIdentifier'],
    'a VPC Lattice listener ARN, or a listener- id with the service in serviceIdentifier',
    valueAt(call.detail, ['requestParameters', 'listenerIdentifier']),
    call.eventId,
  );
}

/** DeleteService takes every listener of the service with it: the ref is the prefix of their ARNs. */
function listenersOfService(call: ApiCall): ResourceRef[] {
  const path = ['requestParameters', 'serviceIdentifier'];
  const service = serviceIdOf(text(call, path) ?? '');
  if (!service)
    fieldError(
      ['detail', ...path],
      'a VPC Lattice service id or ARN',
      valueAt(call.detail, path),
      call.eventId,
    );
  const prefix = `arn:${partitionOf(call.region)}:vpc-lattice:${call.region}:${call.accountId}:service/${service}/listener/`;
  return [refOf(call, LATTICE_LISTENER, prefix)];
}

const CALLS = new Map<string, CallRoute>([
  ['CreateListener', { refs: listenerOf }],
  ['UpdateListener', { refs: listenerOf }],
  ['DeleteListener', { refs: listenerOf, deleted: true }],
  ['DeleteService', { refs: listenersOfService, deleted: true, byPrefix: true }],
]);

export const latticeEvents: FamilyEvents = {
  apiCalls: [
    {
      source: 'aws.vpc-lattice',
      label: 'VPC Lattice',
      routes: CALLS,
      ignored: new Map([
        ['CreateService', 'a new VPC Lattice service has no listener yet; its CreateListener is judged'],
      ]),
    },
  ],
};
