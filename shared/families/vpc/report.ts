import type { FamilyReport } from '../../report/family-report.js';

export const vpcReport: FamilyReport = {
  resourceNoun: 'VPC',
  consoleLink({ resourceId, origin, query }) {
    return `${origin}/vpcconsole/home${query}#VpcDetails:VpcId=${encodeURIComponent(resourceId)}`;
  },
  kpis: [
    {
      kpi: {
        kind: 'share',
        key: 'vpcEncryptionControl',
        label: 'VPCs with encryption control',
        digestLabel: 'VPCs with the encryption control the policy asks',
      },
      rules: ['vpc-encryption-control'],
    },
  ],
};
