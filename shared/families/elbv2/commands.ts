import {
  DeleteListenerCommand,
  ModifyListenerCommand,
  ModifyRuleCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { writeCommand } from '../../response/calls.js';

/** The write calls ELBv2 remediation makes. */
export const ELBV2_COMMANDS = {
  ModifyListener: writeCommand({
    service: 'elbv2',
    iamAction: 'elasticloadbalancing:ModifyListener',
    load: async () => ModifyListenerCommand,
  }),
  ModifyRule: writeCommand({
    service: 'elbv2',
    iamAction: 'elasticloadbalancing:ModifyRule',
    load: async () => ModifyRuleCommand,
  }),
  DeleteListener: writeCommand({
    service: 'elbv2',
    iamAction: 'elasticloadbalancing:DeleteListener',
    load: async () => DeleteListenerCommand,
  }),
};
