/**
 * Private CA in the deployment: the CA reads only (no remediator; no SCP statement: Private CA has no condition
 * key for the key or signing algorithm, reference/service-facts.md). IAM actions and the CA ARN:
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsprivatecertificateauthority.html
 */
import type { FamilyDeployment } from '../../infra/family-deployment.js';

export const pcaDeployment: FamilyDeployment = {
  services: ['acm-pca'],
  reads: [
    // Listing the CAs of a region names no CA: it is authorized on Resource "*".
    {
      sid: 'ListCertificateAuthorities',
      actions: ['acm-pca:ListCertificateAuthorities'],
      resource: '*',
      remediate: false,
    },
    {
      sid: 'DescribeCertificateAuthorities',
      actions: ['acm-pca:DescribeCertificateAuthority'],
      resource: { service: 'acm-pca', resource: 'certificate-authority/*' },
    },
  ],
  writes: [],
};
