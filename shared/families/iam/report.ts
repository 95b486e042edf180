import { expiringCertificatesKpi } from '../../certificates/kpi.js';
import type { FamilyReport } from '../../report/family-report.js';

export const iamReport: FamilyReport = {
  resourceNoun: 'IAM server certificate',
  // IAM server certificates have no console page: "you cannot manage your certificates from the IAM Console"
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_server-certs.html); the finding names it.
  consoleLink: () => undefined,
  kpis: [{ kpi: expiringCertificatesKpi('iam'), rules: ['iam-server-certificate-expiry'] }],
  // get-server-certificate outputs never hold the private key, but an UploadServerCertificate request does.
  secretKeys: /privatekey/,
};
