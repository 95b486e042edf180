import type { Family } from '../family.js';
import { LATTICE_COMMANDS } from './commands.js';
import { latticeDeployment } from './deployment.js';
import { latticeEvents } from './events.js';
import { latticeInputs } from './inputs.js';
import { LATTICE_LISTENER } from './model.js';
import { deleteLatticeListener } from './remediators/delete-lattice-listener.js';
import { latticeReport } from './report.js';
import { LATTICE_RULES } from './rules/index.js';

export const latticeFamily: Family = {
  id: 'lattice',
  label: 'VPC Lattice',
  ruleFamily: 'vpc-lattice',
  resourceTypes: [LATTICE_LISTENER],
  rules: LATTICE_RULES,
  remediators: [deleteLatticeListener],
  report: latticeReport,
  inputs: latticeInputs,
  events: latticeEvents,
  deployment: latticeDeployment,
  live: {
    // VPC Lattice documents no control-plane request rate (https://docs.aws.amazon.com/vpc-lattice/latest/ug/quotas.html
    // lists resource quotas only): paced only once it throttles. AWS Config does not record VPC Lattice.
    service: 'vpc-lattice',
    client: () => import('./client.js').then((module) => module.createClient),
    readers: () => import('./live.js').then((module) => module.latticeReaders),
    // GetListener of a deleted listener (https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_GetListener.html#API_GetListener_Errors).
    notFoundCodes: ['ResourceNotFoundException'],
  },
  commands: LATTICE_COMMANDS,
};
