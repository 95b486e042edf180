import { s3BucketSecureTransport } from './s3-bucket-secure-transport.js';
import { s3BucketWebsitePlaintext } from './s3-bucket-website-plaintext.js';

/** The S3 rules, in catalog order (RULES.md). */
export const S3_RULES = [s3BucketSecureTransport, s3BucketWebsitePlaintext];
