import { afterPrefix, type FamilyReport } from '../../report/family-report.js';

export const acmReport: FamilyReport = {
  resourceNoun: 'ACM certificate',
  asffResourceTypes: { 'AWS::ACM::Certificate': 'AwsCertificateManagerCertificate' },
  consoleLink({ arn, origin, query }) {
    const id = arn && afterPrefix(arn.resource, 'certificate/');
    return id ? `${origin}/acm/home${query}#/certificates/${id}` : undefined;
  },
  kpis: [
    {
      kpi: {
        kind: 'expiring',
        key: 'certificatesExpiring',
        label: (withinDays) => `Certificates expiring within ${withinDays} days`,
        withinDays: (policy) => policy.certificates.expiryDays,
      },
      rules: ['acm-certificate-expiry'],
    },
  ],
};
