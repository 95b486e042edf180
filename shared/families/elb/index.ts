import type { Family } from '../family.js';
import { ELB_COMMANDS } from './commands.js';
import { elbDeployment } from './deployment.js';
import { elbEvents } from './events.js';
import { elbInputs } from './inputs.js';
import type { ElbReadPlan } from './live.js';
import { classicLoadBalancerName, matchesClassicName, withClassicArn } from './names.js';
import { deleteClassicListener } from './remediators/delete-classic-listener.js';
import { setClassicNegotiationPolicy } from './remediators/set-classic-negotiation-policy.js';
import { elbReport } from './report.js';
import { ELB_RULES } from './rules/index.js';

export const elbFamily: Family = {
  id: 'elb',
  label: 'Classic Load Balancers',
  ruleFamily: 'elb',
  resourceTypes: ['AWS::ElasticLoadBalancing::LoadBalancer'],
  rules: ELB_RULES,
  remediators: [setClassicNegotiationPolicy, deleteClassicListener],
  report: elbReport,
  inputs: elbInputs,
  events: elbEvents,
  deployment: elbDeployment,
  live: {
    service: 'elb',
    // "Request throttling for the ELB API" (Elastic Load Balancing User Guide): non-mutating Describe* calls
    // share a bucket of 40 tokens refilled at 10 per second (classic and v2 each have their own).
    rates: { shared: { capacity: 40, refillPerSecond: 10 } },
    plan: {
      full: { classicPolicies: true },
      for: (_policy, isOn): ElbReadPlan => ({
        classicPolicies: isOn('elb-listener-tls-policy') || isOn('elb-listener-weak-ciphers'),
      }),
    },
    notFoundCodes: ['AccessPointNotFound', 'AccessPointNotFoundException'],
    client: () => import('./client.js').then((module) => module.createClient),
    readers: () => import('./live.js').then((module) => module.elbReaders),
    finish: withClassicArn,
    matches: matchesClassicName,
    // AWS Config names a classic load balancer by its name.
    configResourceId: classicLoadBalancerName,
  },
  commands: ELB_COMMANDS,
};
