import { writeCommand } from '../../response/calls.js';

const sdk = () => import('./sdk-commands.js');

/** The write calls ELBv2 remediation makes. */
export const ELBV2_COMMANDS = {
  ModifyListener: writeCommand({
    service: 'elbv2',
    iamAction: 'elasticloadbalancing:ModifyListener',
    load: async () => (await sdk()).ModifyListenerCommand,
  }),
  ModifyRule: writeCommand({
    service: 'elbv2',
    iamAction: 'elasticloadbalancing:ModifyRule',
    load: async () => (await sdk()).ModifyRuleCommand,
  }),
  DeleteListener: writeCommand({
    service: 'elbv2',
    iamAction: 'elasticloadbalancing:DeleteListener',
    load: async () => (await sdk()).DeleteListenerCommand,
  }),
};
