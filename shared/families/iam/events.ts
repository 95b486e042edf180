/**
 * The IAM calls that add, rename or delete a server certificate (eventSource iam.amazonaws.com; IAM is global, so
 * CloudTrail delivers them in us-east-1 only: reference/service-facts.md, "IAM server certificates"). Each names
 * the certificate by ServerCertificateName, the family's resourceId; UpdateServerCertificate may rename it.
 */
import { type FieldPath, fieldError } from '../../events/errors.js';
import {
  type ApiCall,
  type CallRoute,
  type FamilyEvents,
  refOf,
  valueAt,
} from '../../events/family-events.js';
import type { ResourceRef } from '../../model/ref.js';
import { SERVER_CERTIFICATE } from './model.js';

const NAME: FieldPath = ['requestParameters', 'serverCertificateName'];
const NEW_NAME: FieldPath = ['requestParameters', 'newServerCertificateName'];

function namedAt(...paths: FieldPath[]): (call: ApiCall) => ResourceRef[] {
  return (call) => {
    const first = valueAt(call.detail, paths[0] ?? NAME);
    if (typeof first !== 'string' || first === '')
      return fieldError(['detail', ...(paths[0] ?? NAME)], 'a server certificate name', first, call.eventId);
    const names = paths
      .map((path) => valueAt(call.detail, path))
      .filter((value): value is string => typeof value === 'string' && value !== '');
    return [...new Set(names)].map((name) => refOf(call, SERVER_CERTIFICATE, name, name));
  };
}

const CALLS = new Map<string, CallRoute>([
  ['UploadServerCertificate', { refs: namedAt(NAME) }],
  // A rename leaves the old name gone and the new one to read.
  ['UpdateServerCertificate', { refs: namedAt(NAME, NEW_NAME) }],
  ['DeleteServerCertificate', { refs: namedAt(NAME), deleted: true }],
]);

export const iamEvents: FamilyEvents = {
  apiCalls: [{ source: 'aws.iam', label: 'IAM', routes: CALLS }],
};
