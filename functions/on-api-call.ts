import { routeCloudTrail } from '../shared/events/cloudtrail.js';
import { createEventFunction } from '../shared/lambda/event-function.js';

/** "AWS API Call via CloudTrail" for listeners, classic load balancers, VPN, Direct Connect and ACM. */
export const handler = createEventFunction({ name: 'on-api-call', route: routeCloudTrail });
