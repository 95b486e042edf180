import { routeConfigChange } from '../shared/events/config.js';
import { createEventFunction } from '../shared/lambda/event-function.js';

/** "Config Configuration Item Change" for the in-scope resource types; the current state is read live. */
export const handler = createEventFunction({ name: 'on-config-change', route: routeConfigChange });
