import type { Family } from '../family.js';
import { ELB_COMMANDS } from './commands.js';
import { deleteClassicListener } from './remediators/delete-classic-listener.js';
import { setClassicNegotiationPolicy } from './remediators/set-classic-negotiation-policy.js';
import { ELB_RULES } from './rules/index.js';

export const elbFamily: Family = {
  id: 'elb',
  label: 'Classic Load Balancers',
  ruleFamily: 'elb',
  resourceTypes: ['AWS::ElasticLoadBalancing::LoadBalancer'],
  rules: ELB_RULES,
  remediators: [setClassicNegotiationPolicy, deleteClassicListener],
  commands: ELB_COMMANDS,
};
