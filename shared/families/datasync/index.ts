import type { Family } from '../family.js';
import { DATASYNC_COMMANDS } from './commands.js';
import { dataSyncDeployment } from './deployment.js';
import { dataSyncEvents } from './events.js';
import { dataSyncInputs } from './inputs.js';
import { DATASYNC_LOCATION_TYPES } from './model.js';
import { dataSyncReport } from './report.js';
import { DATASYNC_RULES } from './rules/index.js';

export const dataSyncFamily: Family = {
  id: 'datasync',
  label: 'DataSync',
  ruleFamily: 'datasync',
  resourceTypes: DATASYNC_LOCATION_TYPES,
  rules: DATASYNC_RULES,
  // RULES.md: datasync-location-plaintext is detect-only (no remediation, no block).
  remediators: [],
  report: dataSyncReport,
  inputs: dataSyncInputs,
  events: dataSyncEvents,
  deployment: dataSyncDeployment,
  live: {
    // DataSync documents no control-plane request rate for these calls (reference/service-facts.md: "Rate
    // limit: unconfirmed"): paced only once it throttles.
    service: 'datasync',
    client: () => import('./client.js').then((module) => module.createClient),
    readers: () => import('./live.js').then((module) => module.dataSyncReaders),
    // Describe* of a deleted location answers InvalidRequestException (the only client error DataSync
    // documents: https://docs.aws.amazon.com/datasync/latest/userguide/CommonErrors.html); too broad to mean gone.
    notFoundCodes: [],
  },
  commands: DATASYNC_COMMANDS,
};
