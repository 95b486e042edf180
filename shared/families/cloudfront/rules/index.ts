import { cloudfrontOriginPlaintext } from './cloudfront-origin-plaintext.js';
import { cloudfrontOriginTls } from './cloudfront-origin-tls.js';
import { cloudfrontViewerPlaintext } from './cloudfront-viewer-plaintext.js';
import { cloudfrontViewerTlsPolicy } from './cloudfront-viewer-tls-policy.js';

/** The CloudFront rules, in catalog order (RULES.md). */
export const CLOUDFRONT_RULES = [
  cloudfrontViewerPlaintext,
  cloudfrontViewerTlsPolicy,
  cloudfrontOriginPlaintext,
  cloudfrontOriginTls,
];
