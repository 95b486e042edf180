import type { Family } from '../family.js';
import { acmDeployment } from './deployment.js';
import { acmEvents } from './events.js';
import { acmInputs } from './inputs.js';
import { renewCertificate } from './remediators/renew-certificate.js';
import { acmReport } from './report.js';
import { ACM_RULES } from './rules/index.js';

export const acmFamily: Family = {
  id: 'acm',
  label: 'AWS Certificate Manager',
  resourceTypes: ['AWS::ACM::Certificate'],
  rules: ACM_RULES,
  remediators: [renewCertificate],
  report: acmReport,
  inputs: acmInputs,
  events: acmEvents,
  deployment: acmDeployment,
};
