import { expiringCertificatesKpi } from '../../certificates/kpi.js';
import { afterPrefix, type FamilyReport } from '../../report/family-report.js';

export const acmReport: FamilyReport = {
  resourceNoun: 'ACM certificate',
  asffResourceTypes: { 'AWS::ACM::Certificate': 'AwsCertificateManagerCertificate' },
  consoleLink({ arn, origin, query }) {
    const id = arn && afterPrefix(arn.resource, 'certificate/');
    return id ? `${origin}/acm/home${query}#/certificates/${id}` : undefined;
  },
  kpis: [{ kpi: expiringCertificatesKpi('acm'), rules: ['acm-certificate-expiry'] }],
};
