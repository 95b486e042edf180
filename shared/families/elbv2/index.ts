import type { Family } from '../family.js';
import { ELBV2_COMMANDS } from './commands.js';
import { deleteListener } from './remediators/delete-listener.js';
import { fixedResponse426 } from './remediators/fixed-response-426.js';
import { redirectToHttps } from './remediators/redirect-to-https.js';
import { setSslPolicy } from './remediators/set-ssl-policy.js';
import { ELBV2_RULES } from './rules/index.js';

export const elbv2Family: Family = {
  id: 'elbv2',
  label: 'Application, Network and Gateway Load Balancers (ELBv2)',
  ruleFamily: 'elbv2',
  resourceTypes: ['AWS::ElasticLoadBalancingV2::Listener'],
  rules: ELBV2_RULES,
  remediators: [redirectToHttps, fixedResponse426, setSslPolicy, deleteListener],
  commands: ELBV2_COMMANDS,
  // Exempting a load balancer exempts its listeners.
  exemptionIds: (resource) =>
    resource.resourceType === 'AWS::ElasticLoadBalancingV2::Listener' ? [resource.loadBalancerArn] : [],
};
