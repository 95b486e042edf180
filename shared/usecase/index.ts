export type { MonitorDeps } from './deps.js';
export { type InspectOutcome, inspectEvent } from './inspect.js';
export { findingMessages } from './messages.js';
export { type SweepOptions, type SweepOutcome, sweep } from './sweep.js';
