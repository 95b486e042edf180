import {
  afterPrefix,
  type FamilyReport,
  LISTENERS_ENCRYPTED,
  TLS_ENDPOINTS_MIN_VERSION,
  TLS_ENDPOINTS_STRONG_CIPHERS,
} from '../../report/family-report.js';

export const elbv2Report: FamilyReport = {
  resourceNoun: 'listener',
  // A listener has no console page of its own: it links to its load balancer's listeners tab.
  consoleLink({ arn, partition, origin, query }) {
    const path = arn && afterPrefix(arn.resource, 'listener/');
    const segments = path?.split('/') ?? [];
    if (!arn || segments.length !== 4) return undefined;
    const loadBalancerArn = `arn:${partition}:${arn.service}:${arn.region}:${arn.accountId}:loadbalancer/${segments.slice(0, 3).join('/')}`;
    return `${origin}/ec2/home${query}#LoadBalancer:loadBalancerArn=${loadBalancerArn};tab=listeners`;
  },
  kpis: [
    { kpi: LISTENERS_ENCRYPTED, rules: ['elbv2-listener-plaintext', 'elbv2-listener-tcp-plaintext'] },
    { kpi: TLS_ENDPOINTS_MIN_VERSION, rules: ['elbv2-listener-tls-policy'] },
    { kpi: TLS_ENDPOINTS_STRONG_CIPHERS, rules: ['elbv2-listener-weak-ciphers'] },
  ],
};
