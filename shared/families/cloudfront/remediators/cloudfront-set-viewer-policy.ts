import type { JsonObject } from '../../../inventory/fields.js';
import { defineRemediator } from '../../../response/remediator.js';
import { CLOUDFRONT_COMMANDS } from '../commands.js';
import { DISTRIBUTION } from '../model.js';
import { viewerPolicy } from '../policies.js';
import { roundTripMissing, updatePlan } from '../update-distribution.js';

export const cloudfrontSetViewerPolicy = defineRemediator({
  id: 'cloudfront-set-viewer-policy',
  iamActions: [CLOUDFRONT_COMMANDS.UpdateDistribution.iamAction],
  resourceTypes: [DISTRIBUTION],
  safety(distribution) {
    const certificate = distribution.viewerCertificate;
    if (
      certificate?.cloudFrontDefaultCertificate === true ||
      certificate?.certificateSource === 'cloudfront'
    ) {
      return 'no change: CloudFront serves the default *.cloudfront.net certificate with TLSv1 whatever the policy; add an alternate domain name with an ACM certificate first';
    }
    if (certificate?.sslSupportMethod !== 'sni-only') {
      return `no change: SSLSupportMethod is ${certificate?.sslSupportMethod ?? 'not stated'}, not sni-only; a dedicated-IP distribution serves legacy clients on purpose, so its policy is left to people`;
    }
    return roundTripMissing(distribution);
  },
  plan({ resource, target }) {
    if (!target || !viewerPolicy(target)) {
      return {
        kind: 'refused',
        note: `no change: no known CloudFront security policy to set (${target ?? 'none'})`,
      };
    }
    return updatePlan(resource, target, (config) => {
      const certificate = config.ViewerCertificate as JsonObject | undefined;
      if (!certificate || certificate.MinimumProtocolVersion === target) return false;
      certificate.MinimumProtocolVersion = target;
      return true;
    });
  },
});
