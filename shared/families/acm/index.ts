import type { Family } from '../family.js';
import { acmDeployment } from './deployment.js';
import { acmEvents } from './events.js';
import { renewCertificate } from './remediators/renew-certificate.js';
import { ACM_RULES } from './rules/index.js';

export const acmFamily: Family = {
  id: 'acm',
  label: 'AWS Certificate Manager',
  resourceTypes: ['AWS::ACM::Certificate'],
  rules: ACM_RULES,
  remediators: [renewCertificate],
  events: acmEvents,
  deployment: acmDeployment,
};
