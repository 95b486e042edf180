import type { FamilyReport } from '../../report/family-report.js';

export const vpcReport: FamilyReport = {
  resourceNoun: 'VPC',
  consoleLink({ resourceId, origin, query }) {
    return `${origin}/vpcconsole/home${query}#VpcDetails:VpcId=${encodeURIComponent(resourceId)}`;
  },
  kpis: [
    // Both counted from vpc-encryption-control's details (controlKpis), whatever vpc.encryptionMode asks: the
    // rule's verdict says "what the policy asks", these say how many VPCs monitor and how many enforce.
    {
      kpi: {
        kind: 'share',
        key: 'vpcEncryptionControl',
        label: 'VPCs with an encryption control (monitor or enforce)',
        digestLabel: 'VPCs with an encryption control',
        detail: 'hasEncryptionControl',
      },
      rules: [],
    },
    {
      kpi: {
        kind: 'share',
        key: 'vpcEncryptionEnforced',
        label: 'VPCs in enforce mode',
        digestLabel: 'VPCs enforcing encryption',
        detail: 'enforcesEncryption',
      },
      rules: [],
    },
  ],
};
