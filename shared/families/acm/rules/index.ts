import type { AnyRule } from '../../../rules/rule.js';
import { acmCertificateExpiry } from './acm-certificate-expiry.js';
import { acmCertificateKeyStrength } from './acm-certificate-key-strength.js';
import { acmCertificateRenewal } from './acm-certificate-renewal.js';
import { acmCertificateSignature } from './acm-certificate-signature.js';
import { acmCertificateStatus } from './acm-certificate-status.js';
import { acmCertificateTransparency } from './acm-certificate-transparency.js';

export const ACM_RULES: readonly AnyRule[] = [
  acmCertificateExpiry,
  acmCertificateKeyStrength,
  acmCertificateSignature,
  acmCertificateRenewal,
  acmCertificateStatus,
  acmCertificateTransparency,
];
