import { expiringCertificatesKpi } from '../../certificates/kpi.js';
import { afterPrefix, type FamilyReport } from '../../report/family-report.js';

export const pcaReport: FamilyReport = {
  resourceNoun: 'Private CA',
  // The console is https://console.aws.amazon.com/acm-pca/home (User Guide, "View a private CA"); AWS documents
  // no deep link to one CA, so this opens the Private CA console of the CA's region and the finding names the CA.
  consoleLink({ arn, origin, query }) {
    const id = arn && afterPrefix(arn.resource, 'certificate-authority/');
    return id ? `${origin}/acm-pca/home${query}` : undefined;
  },
  kpis: [{ kpi: expiringCertificatesKpi('pca'), rules: ['pca-authority-expiry'] }],
  // Security Hub's ASFF has no Private CA resource type: its findings say "Other".
};
