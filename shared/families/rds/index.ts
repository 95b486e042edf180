import type { Family } from '../family.js';
import { RDS_COMMANDS } from './commands.js';
import { rdsDeployment } from './deployment.js';
import { groupOfRef, rdsEvents } from './events.js';
import { rdsInputs } from './inputs.js';
import { RDS_TYPES, type RdsResource } from './model.js';
import { RDS_READ_PLAN } from './read-plan.js';
import { requireRdsTls } from './remediators/require-rds-tls.js';
import { rdsReport } from './report.js';
import { RDS_RULES } from './rules/index.js';

export const rdsFamily: Family = {
  id: 'rds',
  label: 'RDS and Aurora',
  ruleFamily: 'rds',
  resourceTypes: RDS_TYPES,
  rules: RDS_RULES,
  remediators: [requireRdsTls],
  report: rdsReport,
  inputs: rdsInputs,
  events: rdsEvents,
  deployment: rdsDeployment,
  live: {
    service: 'rds',
    // "Request throttling for the Amazon RDS API" (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-api-throttling.html):
    // per account and region, a burst of 300 requests and 12 per second sustained.
    rates: { shared: { capacity: 300, refillPerSecond: 12 } },
    plan: RDS_READ_PLAN,
    client: () => import('./client.js').then((module) => module.createClient),
    readers: () => import('./live.js').then((module) => module.rdsReaders),
    // A parameter group's ref (its ARN) matches every database of the same region that uses the group.
    matches(resource, ref) {
      const group = groupOfRef(ref);
      const database = resource as RdsResource;
      return (
        group !== undefined &&
        database.parameterGroup?.kind === group.kind &&
        database.parameterGroup.name === group.name &&
        (database.region === undefined || database.region === ref.region)
      );
    },
    notFoundCodes: ['DBInstanceNotFound', 'DBInstanceNotFoundFault', 'DBClusterNotFoundFault'],
  },
  commands: RDS_COMMANDS,
};
