import type { Family } from '../family.js';
import { directConnectDeployment } from './deployment.js';
import { directConnectEvents } from './events.js';
import { directConnectInputs } from './inputs.js';
import { setMustEncrypt } from './remediators/set-must-encrypt.js';
import { directConnectReport } from './report.js';
import { DX_RULES } from './rules/index.js';

export const directConnectFamily: Family = {
  id: 'directconnect',
  label: 'Direct Connect',
  resourceTypes: ['AWS::DirectConnect::Connection', 'AWS::DirectConnect::Lag'],
  rules: DX_RULES,
  remediators: [setMustEncrypt],
  report: directConnectReport,
  inputs: directConnectInputs,
  events: directConnectEvents,
  deployment: directConnectDeployment,
};
