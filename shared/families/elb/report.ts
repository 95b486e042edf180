import {
  afterPrefix,
  type FamilyReport,
  LISTENERS_ENCRYPTED,
  TLS_ENDPOINTS_MIN_VERSION,
  TLS_ENDPOINTS_STRONG_CIPHERS,
} from '../../report/family-report.js';

export const elbReport: FamilyReport = {
  resourceNoun: 'classic load balancer',
  asffResourceTypes: { 'AWS::ElasticLoadBalancing::LoadBalancer': 'AwsElbLoadBalancer' },
  consoleLink({ arn, resourceId, origin, query }) {
    const name = arn ? afterPrefix(arn.resource, 'loadbalancer/') : resourceId;
    return name ? `${origin}/ec2/home${query}#LoadBalancers:search=${name}` : undefined;
  },
  kpis: [
    { kpi: LISTENERS_ENCRYPTED, rules: ['elb-listener-plaintext'] },
    { kpi: TLS_ENDPOINTS_MIN_VERSION, rules: ['elb-listener-tls-policy'] },
    { kpi: TLS_ENDPOINTS_STRONG_CIPHERS, rules: ['elb-listener-weak-ciphers'] },
  ],
};
