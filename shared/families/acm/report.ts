import { afterPrefix, CERTIFICATES_EXPIRING, type FamilyReport } from '../../report/family-report.js';

export const acmReport: FamilyReport = {
  resourceNoun: 'ACM certificate',
  asffResourceTypes: { 'AWS::ACM::Certificate': 'AwsCertificateManagerCertificate' },
  consoleLink({ arn, origin, query }) {
    const id = arn && afterPrefix(arn.resource, 'certificate/');
    return id ? `${origin}/acm/home${query}#/certificates/${id}` : undefined;
  },
  kpis: [
    {
      kpi: CERTIFICATES_EXPIRING,
      rules: ['acm-certificate-expiry'],
    },
  ],
};
