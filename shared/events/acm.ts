/** ACM's own EventBridge events (expiry, renewal, issuance) -> the certificate they are about. */
import { isAcmCertificateArn } from './arn.js';
import { fieldError, parseOrThrow, UnsupportedEventError } from './errors.js';
import { inspect, type RouteResult } from './result.js';
import {
  ACM_EVENT_DETAIL_TYPES,
  acmEventDetailSchema,
  type EventBridgeEvent,
  parseEventBridgeEvent,
} from './schemas.js';

function isAcmDetailType(detailType: string): boolean {
  return (ACM_EVENT_DETAIL_TYPES as readonly string[]).includes(detailType);
}

/**
 * Routes a validated ACM event. "ACM Certificate Available" is routed like the others: evaluating
 * the renewed or issued certificate is what resolves its open expiry findings.
 */
export function routeAcmNotification(envelope: EventBridgeEvent): RouteResult {
  const eventId = envelope.id;
  const detailType = envelope['detail-type'];
  if (envelope.source !== 'aws.acm' || !isAcmDetailType(detailType)) {
    throw new UnsupportedEventError(
      `detail-type: "${detailType}" from "${envelope.source}" is not an ACM event`,
      {
        eventId,
      },
    );
  }
  parseOrThrow(acmEventDetailSchema, envelope.detail, { at: ['detail'], eventId });
  const certificateArn = envelope.resources[0];
  if (certificateArn === undefined || !isAcmCertificateArn(certificateArn)) {
    fieldError(['resources', 0], 'an ACM certificate ARN', certificateArn, eventId);
  }
  return inspect({
    eventId,
    eventName: detailType,
    eventTime: envelope.time,
    refs: [
      {
        resourceType: 'AWS::ACM::Certificate',
        resourceId: certificateArn,
        accountId: envelope.account,
        region: envelope.region,
      },
    ],
  });
}

/** Validates an ACM EventBridge event and routes it to its certificate. */
export function routeAcmEvent(event: unknown): RouteResult {
  return routeAcmNotification(parseEventBridgeEvent(event));
}
