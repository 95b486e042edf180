import { createEventFunction } from '../shared/lambda/event-function.js';
import { routeRemediationRequest } from '../shared/org/remediation-request.js';

/** Member account: the central stack's remediation request, inspected and re-planned like any change. */
export const handler = createEventFunction({
  name: 'on-remediation-request',
  route: routeRemediationRequest,
});
