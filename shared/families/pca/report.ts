import { expiringCertificatesKpi } from '../../certificates/kpi.js';
import { afterPrefix, type FamilyReport } from '../../report/family-report.js';

export const pcaReport: FamilyReport = {
  resourceNoun: 'Private CA',
  // The Private CA console opens one CA by its ARN (the console's own links: #/details?arn=<ARN>).
  consoleLink({ arn, origin, query, resourceId }) {
    const id = arn && afterPrefix(arn.resource, 'certificate-authority/');
    return id ? `${origin}/acm-pca/home${query}#/details?arn=${encodeURIComponent(resourceId)}` : undefined;
  },
  kpis: [{ kpi: expiringCertificatesKpi('pca'), rules: ['pca-authority-expiry'] }],
  // Security Hub's ASFF has no Private CA resource type: its findings say "Other".
};
