import type { FamilyReadPlan } from '../../inventory/live/family-live.js';

/** Which certificates a sweep describes beyond their ListCertificates summary, and why. */
export interface AcmReadPlan {
  /**
   * SignatureAlgorithm is not in the summary. ACM and AWS Private CA sign with SHA-256 or stronger, so only
   * imported certificates can carry a weak hash ('imported'), unless the policy forbids one of those
   * hashes too ('all').
   */
  signature: 'none' | 'imported' | 'all';
  /**
   * RenewalSummary is not in the summary; it exists once managed renewal has started (up to 60 days before
   * NotAfter). Certificates ACM renews that expire within this many days are described; undefined: none.
   */
  renewalWindowDays?: number;
  /** Options.CertificateTransparencyLoggingPreference is not in the summary: describe AMAZON_ISSUED ones. */
  transparency: boolean;
  /** InUseBy is not in the summary (only InUse): describe a failed, revoked or expired certificate in use, to name its users. */
  inUseBy: boolean;
}

/** ACM starts managed renewal up to 60 days before a certificate expires (ACM User Guide, managed renewal). */
const MANAGED_RENEWAL_DAYS = 60;

/** Hashes ACM and AWS Private CA sign certificates with. */
const ISSUER_HASHES = new Set(['SHA224', 'SHA256', 'SHA384', 'SHA512']);

export const ACM_READ_PLAN: FamilyReadPlan<AcmReadPlan> = {
  full: { signature: 'imported', renewalWindowDays: MANAGED_RENEWAL_DAYS, transparency: true, inUseBy: true },
  for(policy, isOn) {
    const forbidsIssuerHash = policy.certificates.forbiddenSignatureHashes.some((hash) =>
      ISSUER_HASHES.has(hash),
    );
    return {
      signature: isOn('acm-certificate-signature') ? (forbidsIssuerHash ? 'all' : 'imported') : 'none',
      ...(isOn('acm-certificate-renewal')
        ? { renewalWindowDays: Math.max(MANAGED_RENEWAL_DAYS, policy.certificates.expiryDays) }
        : {}),
      transparency: isOn('acm-certificate-transparency'),
      inUseBy: isOn('acm-certificate-status'),
    };
  },
};
