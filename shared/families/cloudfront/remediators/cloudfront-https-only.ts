import { viewerProtocolRemediator } from '../update-distribution.js';

/** Block: behaviors that allow HTTP refuse it (403): nothing is served in plaintext any more. */
export const cloudfrontHttpsOnly = viewerProtocolRemediator('cloudfront-https-only', 'https-only');
