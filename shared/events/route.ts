/** One entry point for every event transit-guard is woken by (DESIGN.md, "Event routing"). */
import { routeApiCall } from './cloudtrail.js';
import { parseConfigRuleInvocation, routeConfigItemChange } from './config.js';
import { UnsupportedEventError } from './errors.js';
import { isNativeEventSource, routeNativeNotification } from './native.js';
import type { RouteResult } from './result.js';
import { CLOUDTRAIL_DETAIL_TYPE, parseEventBridgeEvent } from './schemas.js';

/** A custom Config rule's Lambda event has no envelope; its invokingEvent gives it away. */
export function isConfigRuleInvocation(event: unknown): boolean {
  return typeof event === 'object' && event !== null && 'invokingEvent' in event && !('detail-type' in event);
}

/**
 * Validates any supported event and says what to inspect: CloudTrail API calls, the families' own events,
 * Config item changes (EventBridge) and custom Config rule invocations. A malformed event throws
 * EventValidationError; an event no route handles throws UnsupportedEventError.
 */
export function routeEvent(event: unknown): RouteResult {
  if (isConfigRuleInvocation(event)) return parseConfigRuleInvocation(event).route;
  const envelope = parseEventBridgeEvent(event);
  if (envelope['detail-type'] === CLOUDTRAIL_DETAIL_TYPE) return routeApiCall(envelope);
  if (isNativeEventSource(envelope.source)) return routeNativeNotification(envelope);
  if (envelope.source === 'aws.config') return routeConfigItemChange(envelope);
  throw new UnsupportedEventError(
    `source: no route for "${envelope['detail-type']}" from "${envelope.source}"`,
    { eventId: envelope.id },
  );
}
