import type { Family } from '../family.js';
import { PCA_COMMANDS } from './commands.js';
import { pcaDeployment } from './deployment.js';
import { pcaEvents } from './events.js';
import { pcaInputs } from './inputs.js';
import { CERTIFICATE_AUTHORITY } from './model.js';
import { pcaReport } from './report.js';
import { PCA_RULES } from './rules/index.js';

export const pcaFamily: Family = {
  id: 'pca',
  label: 'Private CA',
  ruleFamily: 'pca',
  resourceTypes: [CERTIFICATE_AUTHORITY],
  rules: PCA_RULES,
  // RULES.md: the pca-* rules notify only (a CA's algorithms are fixed at creation; renewal is a PKI decision).
  remediators: [],
  report: pcaReport,
  inputs: pcaInputs,
  events: pcaEvents,
  deployment: pcaDeployment,
  live: {
    // Private CA's request rates are unconfirmed (reference/service-facts.md "ACM Private CA": "Rate limit:
    // Unconfirmed"): paced only once it throttles.
    service: 'acm-pca',
    client: () => import('./client.js').then((module) => module.createClient),
    readers: () => import('./live.js').then((module) => module.pcaReaders),
    // DescribeCertificateAuthority of an unknown ARN (API_DescribeCertificateAuthority.html, Errors).
    notFoundCodes: ['ResourceNotFoundException'],
  },
  commands: PCA_COMMANDS,
};
