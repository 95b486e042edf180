/**
 * IAM in the deployment: the server certificate reads only (no remediator; no SCP statement: IAM has no condition
 * key for a certificate's expiry or key, reference/service-facts.md). IAM actions and the server-certificate ARN:
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html
 */
import type { FamilyDeployment } from '../../infra/family-deployment.js';

export const iamDeployment: FamilyDeployment = {
  services: ['iam'],
  reads: [
    // Listing the account's server certificates names none: the Service Authorization Reference gives
    // ListServerCertificates no resource type (Resource "*"), and GetServerCertificate the required resource type
    // server-certificate, arn:${Partition}:iam::${Account}:server-certificate/${CertificateNameWithPath} (the "*" of
    // server-certificate/* covers a path such as /cloudfront/): list_awsidentityandaccessmanagementiam.html above.
    {
      sid: 'ListServerCertificates',
      actions: ['iam:ListServerCertificates'],
      resource: '*',
      remediate: false,
    },
    {
      sid: 'GetServerCertificates',
      actions: ['iam:GetServerCertificate'],
      resource: { service: 'iam', resource: 'server-certificate/*', global: true },
    },
  ],
  writes: [],
};
