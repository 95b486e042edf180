import { viewerProtocolRemediator } from '../update-distribution.js';

/** Remediate: behaviors that allow HTTP redirect it to HTTPS (301), so old http:// links keep working. */
export const cloudfrontRedirectToHttps = viewerProtocolRemediator(
  'cloudfront-redirect-to-https',
  'redirect-to-https',
);
