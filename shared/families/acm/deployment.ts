/**
 * ACM in the deployment: certificate reads and the renewal of private certificates. Tagging (the SCP's tag
 * guards): AddTagsToCertificate / RemoveTagsFromCertificate; ImportCertificate with tags checks
 * acm:AddTagsToCertificate, and RequestCertificate takes aws:TagKeys itself.
 */
import type { FamilyDeployment } from '../../infra/family-deployment.js';

const CERTIFICATES = { service: 'acm', resource: 'certificate/*' };

export const acmDeployment: FamilyDeployment = {
  services: ['acm'],
  reads: [
    { sid: 'ReadCertificates', actions: ['acm:DescribeCertificate'], resource: CERTIFICATES },
    // acm:ListCertificates supports only Resource "*"; remediation reads the one certificate it renewed.
    { sid: 'ListCertificates', actions: ['acm:ListCertificates'], resource: '*', remediate: false },
  ],
  writes: [{ sid: 'RenewPrivateCertificates', actions: ['acm:RenewCertificate'], resource: CERTIFICATES }],
};
