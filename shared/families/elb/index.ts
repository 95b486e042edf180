import type { Family } from '../family.js';
import { elbDeployment } from './deployment.js';
import { elbEvents } from './events.js';
import { elbInputs } from './inputs.js';
import { deleteClassicListener } from './remediators/delete-classic-listener.js';
import { setClassicNegotiationPolicy } from './remediators/set-classic-negotiation-policy.js';
import { elbReport } from './report.js';
import { ELB_RULES } from './rules/index.js';

export const elbFamily: Family = {
  id: 'elb',
  label: 'Classic Load Balancers',
  resourceTypes: ['AWS::ElasticLoadBalancing::LoadBalancer'],
  rules: ELB_RULES,
  remediators: [setClassicNegotiationPolicy, deleteClassicListener],
  report: elbReport,
  inputs: elbInputs,
  events: elbEvents,
  deployment: elbDeployment,
};
