/**
 * The ACM API calls that change a certificate, ACM's own EventBridge events (expiry, renewal, issuance), and
 * the certificates' Config items. IAM server certificates are the iam family's (shared/families/iam/events.ts).
 */
import { z } from 'zod';
import { type FieldPath, fieldError, parseOrThrow } from '../../events/errors.js';
import {
  type ApiCall,
  type CallRoute,
  type FamilyEvents,
  refOf,
  stringAt,
} from '../../events/family-events.js';
import { inspect, type RouteResult } from '../../events/result.js';
import type { EventBridgeEvent } from '../../events/schemas.js';
import type { ResourceRef } from '../../model/ref.js';
import { isAcmCertificateArn } from './arn.js';

const CERTIFICATE = 'AWS::ACM::Certificate';

function certificateAt(...candidates: FieldPath[]): (call: ApiCall) => ResourceRef[] {
  return (call) => {
    const arn = stringAt(call, candidates);
    if (!isAcmCertificateArn(arn)) {
      fieldError(['detail', ...(candidates[0] ?? [])], 'an ACM certificate ARN', arn, call.eventId);
    }
    return [refOf(call, CERTIFICATE, arn)];
  };
}

const CALLS = new Map<string, CallRoute>([
  // A re-import names the certificate in the request too.
  [
    'ImportCertificate',
    { refs: certificateAt(['responseElements', 'certificateArn'], ['requestParameters', 'certificateArn']) },
  ],
  ['RequestCertificate', { refs: certificateAt(['responseElements', 'certificateArn']) }],
  ['RenewCertificate', { refs: certificateAt(['requestParameters', 'certificateArn']) }],
  ['DeleteCertificate', { refs: certificateAt(['requestParameters', 'certificateArn']), deleted: true }],
]);

// ---------------------------------------------------------------- ACM native events

const ACM_EVENT_DETAIL_TYPES = [
  'ACM Certificate Approaching Expiration',
  'ACM Certificate Expired',
  'ACM Certificate Renewal Action Required',
  'ACM Certificate Available',
  // Sent when an exported certificate is revoked. "ACM Certificate Rotated" is only named in the EventBridge
  // reference, without a structure or meaning in the ACM user guide: not routed (docs/deploy.md).
  'ACM Certificate Revoked',
] as const;

const optionalString = z.string().optional().catch(undefined);

/**
 * ACM's event detail. Older events carry only DaysToExpiry and CommonName, so every field is
 * optional; the certificate ARN is in the envelope's `resources[0]`.
 * @internal Unit-tested directly: which ACM event details the router accepts.
 */
export const acmEventDetailSchema = z.looseObject({
  DaysToExpiry: z.number().optional().catch(undefined),
  CommonName: optionalString,
  InUse: z.boolean().optional().catch(undefined),
  CertificateType: optionalString,
  CertificateExpirationDate: optionalString,
  RenewalStatusReason: optionalString,
  DomainValidationMethod: optionalString,
  /** "ACM Certificate Available": ISSUANCE | RENEWAL | ... */
  Action: optionalString,
});

/**
 * Routes a validated ACM event. "ACM Certificate Available" is routed like the others: evaluating
 * the renewed or issued certificate is what resolves its open expiry findings.
 */
function routeAcmNotification(envelope: EventBridgeEvent): RouteResult {
  const eventId = envelope.id;
  parseOrThrow(acmEventDetailSchema, envelope.detail, { at: ['detail'], eventId });
  const certificateArn = envelope.resources[0];
  if (certificateArn === undefined || !isAcmCertificateArn(certificateArn)) {
    fieldError(['resources', 0], 'an ACM certificate ARN', certificateArn, eventId);
  }
  return inspect({
    eventId,
    eventName: envelope['detail-type'],
    eventTime: envelope.time,
    refs: [
      {
        resourceType: CERTIFICATE,
        resourceId: certificateArn,
        accountId: envelope.account,
        region: envelope.region,
      },
    ],
  });
}

export const acmEvents: FamilyEvents = {
  apiCalls: [{ source: 'aws.acm', label: 'ACM', routes: CALLS }],
  native: {
    source: 'aws.acm',
    detailTypes: ACM_EVENT_DETAIL_TYPES,
    label: 'an ACM event',
    route: routeAcmNotification,
  },
  config: { resourceTypes: [CERTIFICATE] },
};
