import type { Family } from '../family.js';
import { ACM_COMMANDS } from './commands.js';
import { acmDeployment } from './deployment.js';
import { acmEvents } from './events.js';
import { acmInputs } from './inputs.js';
import { ACM_READ_PLAN } from './read-plan.js';
import { renewCertificate } from './remediators/renew-certificate.js';
import { acmReport } from './report.js';
import { ACM_RULES } from './rules/index.js';

export const acmFamily: Family = {
  id: 'acm',
  label: 'AWS Certificate Manager',
  ruleFamily: 'acm',
  resourceTypes: ['AWS::ACM::Certificate'],
  rules: ACM_RULES,
  remediators: [renewCertificate],
  report: acmReport,
  inputs: acmInputs,
  events: acmEvents,
  deployment: acmDeployment,
  live: {
    service: 'acm',
    // ACM User Guide, "Quotas" (API rate quotas): DescribeCertificate 10 requests per second, ListCertificates 1.
    rates: {
      operations: {
        DescribeCertificate: { capacity: 10, refillPerSecond: 10 },
        ListCertificates: { capacity: 1, refillPerSecond: 1 },
      },
    },
    plan: ACM_READ_PLAN,
    client: () => import('./client.js').then((module) => module.createClient),
    readers: () => import('./live.js').then((module) => module.acmReaders),
  },
  commands: ACM_COMMANDS,
};
