import type { FamilyReadPlan } from '../../inventory/live/family-live.js';

/** What a sweep reads beyond DescribeDBInstances / DescribeDBClusters, by the rules that are on. */
export interface RdsReadPlan {
  /** DescribeDBParameters / DescribeDBClusterParameters of each group in use (rds-transport-not-enforced). */
  parameters: boolean;
  /** DescribeCertificates once per region (rds-ca-certificate-expiry; else the reference data dates the CAs). */
  certificates: boolean;
}

export const RDS_READ_PLAN: FamilyReadPlan<RdsReadPlan> = {
  full: { parameters: true, certificates: true },
  for: (_policy, isOn) => ({
    parameters: isOn('rds-transport-not-enforced'),
    certificates: isOn('rds-ca-certificate-expiry'),
  }),
};
