import type { Family } from '../family.js';
import { ACM_COMMANDS } from './commands.js';
import { renewCertificate } from './remediators/renew-certificate.js';
import { ACM_RULES } from './rules/index.js';

export const acmFamily: Family = {
  id: 'acm',
  label: 'AWS Certificate Manager',
  ruleFamily: 'acm',
  resourceTypes: ['AWS::ACM::Certificate'],
  rules: ACM_RULES,
  remediators: [renewCertificate],
  commands: ACM_COMMANDS,
};
