import {
  type FamilyReport,
  LISTENERS_ENCRYPTED,
  TLS_ENDPOINTS_STRONG_CIPHERS,
} from '../../report/family-report.js';
import { parseListenerArn } from './arn.js';

export const latticeReport: FamilyReport = {
  resourceNoun: 'VPC Lattice listener',
  // The console shows a listener on its service's page, listeners tab.
  consoleLink({ arn, partition, origin, query }) {
    const ids =
      arn &&
      parseListenerArn(`arn:${partition}:${arn.service}:${arn.region}:${arn.accountId}:${arn.resource}`);
    if (!arn || !ids) return undefined;
    const serviceArn = `arn:${partition}:vpc-lattice:${arn.region}:${arn.accountId}:service/${ids.serviceId}`;
    return `${origin}/vpc/home${query}#ServiceDetails:serviceArn=${serviceArn}`;
  },
  kpis: [
    { kpi: LISTENERS_ENCRYPTED, rules: ['vpc-lattice-listener-plaintext'] },
    { kpi: TLS_ENDPOINTS_STRONG_CIPHERS, rules: ['vpc-lattice-listener-tls-policy'] },
  ],
};
