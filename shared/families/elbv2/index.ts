import type { Family } from '../family.js';
import { ELBV2_COMMANDS } from './commands.js';
import { elbv2Deployment } from './deployment.js';
import { elbv2Events } from './events.js';
import { elbv2Inputs } from './inputs.js';
import type { Elbv2ReadPlan } from './live.js';
import { checkElbv2PolicyTargets } from './policy-check.js';
import { deleteListener } from './remediators/delete-listener.js';
import { fixedResponse426 } from './remediators/fixed-response-426.js';
import { redirectToHttps } from './remediators/redirect-to-https.js';
import { setSslPolicy } from './remediators/set-ssl-policy.js';
import { elbv2Report } from './report.js';
import { ELBV2_RULES } from './rules/index.js';

export const elbv2Family: Family = {
  id: 'elbv2',
  label: 'Application, Network and Gateway Load Balancers (ELBv2)',
  ruleFamily: 'elbv2',
  resourceTypes: ['AWS::ElasticLoadBalancingV2::Listener', 'AWS::ElasticLoadBalancingV2::TargetGroup'],
  rules: ELBV2_RULES,
  remediators: [redirectToHttps, fixedResponse426, setSslPolicy, deleteListener],
  report: elbv2Report,
  inputs: elbv2Inputs,
  events: elbv2Events,
  deployment: elbv2Deployment,
  live: {
    service: 'elbv2',
    // "Request throttling for the ELB API" (Elastic Load Balancing User Guide): non-mutating Describe* calls
    // share a bucket of 40 tokens refilled at 10 per second (classic and v2 each have their own).
    rates: { shared: { capacity: 40, refillPerSecond: 10 } },
    // Load balancer items are not read: the rules use only the name and type of a listener's load balancer,
    // which its listener ARN carries (`listener/app/<name>/...`), so reading them would cost a page per 100.
    plan: {
      full: { listenerRules: true },
      for: (_policy, isOn): Elbv2ReadPlan => ({ listenerRules: isOn('elbv2-listener-plaintext') }),
    },
    notFoundCodes: [
      'ListenerNotFound',
      'ListenerNotFoundException',
      'LoadBalancerNotFound',
      'LoadBalancerNotFoundException',
      'TargetGroupNotFoundException',
    ],
    client: () => import('./client.js').then((module) => module.createClient),
    readers: () => import('./target-group-live.js').then((module) => module.elbv2WithTargetGroups),
  },
  commands: ELBV2_COMMANDS,
  policyChecks: checkElbv2PolicyTargets,
  // Exempting a load balancer exempts its listeners.
  exemptionIds: (resource) =>
    resource.resourceType === 'AWS::ElasticLoadBalancingV2::Listener' ? [resource.loadBalancerArn] : [],
};
