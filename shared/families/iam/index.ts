import type { Family } from '../family.js';
import { IAM_COMMANDS } from './commands.js';
import { iamDeployment } from './deployment.js';
import { iamEvents } from './events.js';
import { iamInputs } from './inputs.js';
import { IAM_REGION, SERVER_CERTIFICATE } from './model.js';
import { iamReport } from './report.js';
import { IAM_RULES } from './rules/index.js';

export const iamFamily: Family = {
  id: 'iam',
  label: 'IAM',
  ruleFamily: 'iam',
  resourceTypes: [SERVER_CERTIFICATE],
  globalRegion: IAM_REGION,
  rules: IAM_RULES,
  // RULES.md: iam-server-certificate-expiry notifies only (IAM cannot renew a certificate).
  remediators: [],
  report: iamReport,
  inputs: iamInputs,
  events: iamEvents,
  deployment: iamDeployment,
  live: {
    // IAM documents no request rate for these calls (reference/service-facts.md: "Rate limit: Unconfirmed"):
    // paced only once it throttles.
    service: 'iam',
    client: () => import('./client.js').then((module) => module.createClient),
    readers: () => import('./live.js').then((module) => module.iamReaders),
    // GetServerCertificate of an unknown name: the NoSuchEntity error (its SDK name ends in Exception).
    notFoundCodes: ['NoSuchEntity', 'NoSuchEntityException'],
  },
  commands: IAM_COMMANDS,
};
