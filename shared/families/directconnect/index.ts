import type { Family } from '../family.js';
import { DIRECTCONNECT_COMMANDS } from './commands.js';
import { directConnectDeployment } from './deployment.js';
import { directConnectEvents } from './events.js';
import { directConnectInputs } from './inputs.js';
import { setMustEncrypt } from './remediators/set-must-encrypt.js';
import { directConnectReport } from './report.js';
import { DX_RULES } from './rules/index.js';

export const directConnectFamily: Family = {
  id: 'directconnect',
  label: 'Direct Connect',
  ruleFamily: 'dx',
  resourceTypes: ['AWS::DirectConnect::Connection', 'AWS::DirectConnect::Lag'],
  rules: DX_RULES,
  remediators: [setMustEncrypt],
  report: directConnectReport,
  inputs: directConnectInputs,
  events: directConnectEvents,
  deployment: directConnectDeployment,
  live: {
    // Direct Connect publishes no per-call rate: paced only once it throttles.
    service: 'directConnect',
    // AWS Config does not record Direct Connect.
    client: () => import('./client.js').then((module) => module.createClient),
    readers: () => import('./live.js').then((module) => module.directConnectReaders),
    // Direct Connect has no not-found error: a DirectConnectClientException says so in words.
    isNotFound: (error) =>
      error instanceof Error &&
      ((error as Error & { Code?: string }).Code ?? error.name) === 'DirectConnectClientException' &&
      /does not exist|not found/i.test(error.message),
  },
  commands: DIRECTCONNECT_COMMANDS,
};
