import { routeNativeEvent } from '../shared/events/native.js';
import { createEventFunction } from '../shared/lambda/event-function.js';

/** ACM's own events: approaching expiration, expired, renewal action required, available. */
export const handler = createEventFunction({ name: 'on-certificate-event', route: routeNativeEvent });
