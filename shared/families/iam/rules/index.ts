import { iamServerCertificateExpiry } from './iam-server-certificate-expiry.js';

/** The IAM rules, in catalog order (RULES.md, "Certificates everywhere"). */
export const IAM_RULES = [iamServerCertificateExpiry];
