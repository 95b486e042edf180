import { writeCommand } from '../../response/calls.js';

/** The write calls ELBv2 remediation makes. */
export const ELBV2_COMMANDS = {
  ModifyListener: writeCommand({
    service: 'elbv2',
    iamAction: 'elasticloadbalancing:ModifyListener',
    load: async () => (await import('./client.js')).ModifyListenerCommand,
  }),
  ModifyRule: writeCommand({
    service: 'elbv2',
    iamAction: 'elasticloadbalancing:ModifyRule',
    load: async () => (await import('./client.js')).ModifyRuleCommand,
  }),
  DeleteListener: writeCommand({
    service: 'elbv2',
    iamAction: 'elasticloadbalancing:DeleteListener',
    load: async () => (await import('./client.js')).DeleteListenerCommand,
  }),
};
