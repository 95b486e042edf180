import type { Family } from '../family.js';
import { DIRECTCONNECT_COMMANDS } from './commands.js';
import { setMustEncrypt } from './remediators/set-must-encrypt.js';
import { DX_RULES } from './rules/index.js';

export const directConnectFamily: Family = {
  id: 'directconnect',
  label: 'Direct Connect',
  ruleFamily: 'dx',
  resourceTypes: ['AWS::DirectConnect::Connection', 'AWS::DirectConnect::Lag'],
  rules: DX_RULES,
  remediators: [setMustEncrypt],
  commands: DIRECTCONNECT_COMMANDS,
};
