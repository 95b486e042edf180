import {
  type FamilyReport,
  LISTENERS_ENCRYPTED,
  TLS_ENDPOINTS_STRONG_CIPHERS,
} from '../../report/family-report.js';
import { parseListenerArn } from './arn.js';

export const latticeReport: FamilyReport = {
  resourceNoun: 'VPC Lattice listener',
  // The VPC Lattice pages live in the VPC console ("Open the Amazon VPC console ... under VPC Lattice, choose
  // Services": https://docs.aws.amazon.com/vpc-lattice/latest/ug/services.html). AWS documents no deep link to one
  // service's page, so this opens the VPC console of the listener's region; the finding names the service.
  consoleLink({ arn, partition, origin, query }) {
    const ids =
      arn &&
      parseListenerArn(`arn:${partition}:${arn.service}:${arn.region}:${arn.accountId}:${arn.resource}`);
    return ids ? `${origin}/vpc/home${query}` : undefined;
  },
  kpis: [
    { kpi: LISTENERS_ENCRYPTED, rules: ['vpc-lattice-listener-plaintext'] },
    { kpi: TLS_ENDPOINTS_STRONG_CIPHERS, rules: ['vpc-lattice-listener-tls-policy'] },
  ],
};
