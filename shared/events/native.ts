/** The families' own EventBridge events (Family.events.native, e.g. certificate expiry) -> their resources. */
import { FAMILIES } from '../families/index.js';
import { UnsupportedEventError } from './errors.js';
import type { NativeEvents } from './family-events.js';
import type { RouteResult } from './result.js';
import { type EventBridgeEvent, parseEventBridgeEvent } from './schemas.js';

const NATIVE_EVENTS: readonly NativeEvents[] = FAMILIES.flatMap((family) => family.events?.native ?? []);

/** Some family sends its own events from this source. */
export function isNativeEventSource(source: string): boolean {
  return NATIVE_EVENTS.some((native) => native.source === source);
}

/** Routes a validated envelope to the family whose native events it is one of. */
export function routeNativeNotification(envelope: EventBridgeEvent): RouteResult {
  const detailType = envelope['detail-type'];
  const native = NATIVE_EVENTS.find(
    (events) => events.source === envelope.source && events.detailTypes.includes(detailType),
  );
  if (native === undefined) {
    const expected = NATIVE_EVENTS.map((events) => events.label).join(' or ');
    throw new UnsupportedEventError(
      `detail-type: "${detailType}" from "${envelope.source}" is not ${expected}`,
      {
        eventId: envelope.id,
      },
    );
  }
  return native.route(envelope);
}

/** Validates a family's native EventBridge event and routes it to its resource. */
export function routeNativeEvent(event: unknown): RouteResult {
  return routeNativeNotification(parseEventBridgeEvent(event));
}
