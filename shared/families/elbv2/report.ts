import {
  afterPrefix,
  type FamilyReport,
  LISTENERS_ENCRYPTED,
  type ShareKpi,
  TLS_ENDPOINTS_MIN_VERSION,
  TLS_ENDPOINTS_STRONG_CIPHERS,
} from '../../report/family-report.js';

/**
 * The hop from an ELBv2 load balancer to its targets: a target group is not a listener, so it gets its own
 * share rather than diluting "Listeners encrypted" (SEC09-BP02, end-to-end encryption).
 */
const TARGET_HOPS_ENCRYPTED: ShareKpi = {
  kind: 'share',
  key: 'targetHopsEncrypted',
  label: 'Load balancer hops to targets encrypted',
  digestLabel: 'Target groups behind TLS that encrypt',
};

export const elbv2Report: FamilyReport = {
  resourceNoun: 'ELBv2 listener or target group',
  consoleLink({ arn, partition, origin, query }) {
    if (!arn) return undefined;
    // A target group has its own page in the EC2 console, keyed by its ARN (the link the console itself uses).
    if (afterPrefix(arn.resource, 'targetgroup/')) {
      const targetGroupArn = `arn:${partition}:${arn.service}:${arn.region}:${arn.accountId}:${arn.resource}`;
      return `${origin}/ec2/home${query}#TargetGroup:targetGroupArn=${targetGroupArn}`;
    }
    // A listener has no console page of its own: it links to its load balancer's listeners tab.
    const segments = afterPrefix(arn.resource, 'listener/')?.split('/') ?? [];
    if (segments.length !== 4) return undefined;
    const loadBalancerArn = `arn:${partition}:${arn.service}:${arn.region}:${arn.accountId}:loadbalancer/${segments.slice(0, 3).join('/')}`;
    return `${origin}/ec2/home${query}#LoadBalancer:loadBalancerArn=${loadBalancerArn};tab=listeners`;
  },
  kpis: [
    { kpi: LISTENERS_ENCRYPTED, rules: ['elbv2-listener-plaintext', 'elbv2-listener-tcp-plaintext'] },
    { kpi: TLS_ENDPOINTS_MIN_VERSION, rules: ['elbv2-listener-tls-policy'] },
    { kpi: TLS_ENDPOINTS_STRONG_CIPHERS, rules: ['elbv2-listener-weak-ciphers'] },
    { kpi: TARGET_HOPS_ENCRYPTED, rules: ['elbv2-target-group-plaintext'] },
  ],
};
