/**
 * CloudFront in the deployment: distribution reads and the UpdateDistribution write. Distribution ARNs have no
 * region (arn:<partition>:cloudfront::<account>:distribution/<id>). CloudFront has no IAM condition key for the
 * viewer or origin protocol or the security policy (Service Authorization Reference, CloudFront), so no SCP
 * statement can deny them: README "What an SCP cannot cover".
 */
import type { FamilyDeployment } from '../../infra/family-deployment.js';

const DISTRIBUTIONS = { service: 'cloudfront', resource: 'distribution/*', global: true } as const;

export const cloudFrontDeployment: FamilyDeployment = {
  // Not in the SCP's exempt-tag guard yet: the default SCP is at AWS's 5,120-character limit and cloudfront:* would
  // split it in two documents (test/shared/infra/scp.test.ts). Live reads do not read distribution tags, so a
  // transit-guard:exempt tag takes effect only through AWS Config items.
  services: [],
  reads: [
    // ListDistributions names no distribution: IAM authorizes it on Resource "*".
    {
      sid: 'ListCloudFrontDistributions',
      actions: ['cloudfront:ListDistributions'],
      resource: '*',
      remediate: false,
    },
    {
      // Remediation reads it too, just before the write (the origin header values plans do not carry).
      sid: 'ReadCloudFrontDistributions',
      actions: ['cloudfront:GetDistribution'],
      resource: DISTRIBUTIONS,
    },
  ],
  writes: [
    {
      sid: 'RemediateCloudFrontDistributions',
      actions: ['cloudfront:UpdateDistribution'],
      resource: DISTRIBUTIONS,
    },
  ],
};
