/**
 * The AWS Private CA calls that create or change a certificate authority (eventSource acm-pca.amazonaws.com;
 * event names are the API operation names: reference/service-facts.md "ACM Private CA", and
 * https://docs.aws.amazon.com/privateca/latest/userguide/PcaCtIntro.html). No CloudTrail sample was found, so
 * the CA's ARN is read where CloudTrail's camelCase puts the API's CertificateAuthorityArn. AWS Config item
 * changes are not routed (the Config item is not read yet: inputs.ts).
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
import { isCertificateAuthorityArn } from './arn.js';
import { CERTIFICATE_AUTHORITY } from './model.js';

const REQUEST: FieldPath = ['requestParameters', 'certificateAuthorityArn'];
const RESPONSE: FieldPath = ['responseElements', 'certificateAuthorityArn'];

function authorityAt(...candidates: FieldPath[]): (call: ApiCall) => ResourceRef[] {
  return (call) => {
    for (const path of candidates) {
      const value = valueAt(call.detail, path);
      if (isCertificateAuthorityArn(value)) return [refOf(call, CERTIFICATE_AUTHORITY, value)];
    }
    const first = candidates[0] ?? REQUEST;
    return fieldError(['detail', ...first], 'a Private CA ARN', valueAt(call.detail, first), call.eventId);
  };
}

const CALLS = new Map<string, CallRoute>([
  ['CreateCertificateAuthority', { refs: authorityAt(RESPONSE) }],
  ['UpdateCertificateAuthority', { refs: authorityAt(REQUEST) }],
  // Installs (or renews) the CA's own certificate: its NotAfter changes.
  ['ImportCertificateAuthorityCertificate', { refs: authorityAt(REQUEST) }],
  ['RestoreCertificateAuthority', { refs: authorityAt(REQUEST) }],
  // Deleting schedules the deletion: the CA turns DELETED (restorable for the waiting period).
  ['DeleteCertificateAuthority', { refs: authorityAt(REQUEST), deleted: true }],
]);

export const pcaEvents: FamilyEvents = {
  apiCalls: [{ source: 'aws.acm-pca', label: 'Private CA', routes: CALLS }],
};
