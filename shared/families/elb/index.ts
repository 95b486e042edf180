import type { ClassicLoadBalancer } from '../../model/resource.js';
import type { Family } from '../family.js';
import { deleteClassicListener } from './remediators/delete-classic-listener.js';
import { setClassicNegotiationPolicy } from './remediators/set-classic-negotiation-policy.js';
import { ELB_RULES } from './rules/index.js';

export const elbFamily: Family = {
  id: 'elb',
  label: 'Classic Load Balancers',
  resourceTypes: ['AWS::ElasticLoadBalancing::LoadBalancer'],
  rules: ELB_RULES,
  remediators: [setClassicNegotiationPolicy, deleteClassicListener],
  // AWS Config names a classic load balancer by its name, not by the ARN transit-guard uses.
  configResourceId: (resource) => (resource as ClassicLoadBalancer).loadBalancerName,
};
