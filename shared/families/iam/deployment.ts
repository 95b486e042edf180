/**
 * IAM in the deployment: the server certificate reads only (no remediator; no SCP statement: IAM has no condition
 * key for a certificate's expiry or key, reference/service-facts.md). IAM actions and the server-certificate ARN:
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html
 */
import type { FamilyDeployment } from '../../infra/family-deployment.js';

export const iamDeployment: FamilyDeployment = {
  services: ['iam'],
  reads: [
    // Listing the account's server certificates names none: it is authorized on Resource "*".
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
