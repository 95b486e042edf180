import type { Policy } from '../../policy/schema.js';
import { ruleMode } from '../../rules/engine.js';
import type { AnyRule } from '../../rules/rule.js';

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

/** What a sweep reads beyond the listings, decided from the rules that are switched on. */
export interface ReadPlan {
  acm: AcmReadPlan;
  /** DescribeRules of HTTP listeners (elbv2-listener-plaintext and its remediation). */
  listenerRules: boolean;
  /** GetActiveVpnTunnelStatus of UP tunnels (vpn-tunnel-negotiated-crypto). */
  tunnelStatus: boolean;
  /** DescribeLoadBalancerPolicies of classic load balancers with an HTTPS or SSL listener. */
  classicPolicies: boolean;
}

/** ACM starts managed renewal up to 60 days before a certificate expires (ACM User Guide, managed renewal). */
export const MANAGED_RENEWAL_DAYS = 60;

/** Hashes ACM and AWS Private CA sign certificates with. */
const ISSUER_HASHES = new Set(['SHA224', 'SHA256', 'SHA384', 'SHA512']);

/** Everything every rule can use: the plan when no policy is given. */
export const FULL_READ_PLAN: ReadPlan = {
  acm: { signature: 'imported', renewalWindowDays: MANAGED_RENEWAL_DAYS, transparency: true, inUseBy: true },
  listenerRules: true,
  tunnelStatus: true,
  classicPolicies: true,
};

/** The read plan for a policy: a field is read only when a rule that is not `off` judges by it. */
export function readPlanFor(policy: Policy, rules: readonly AnyRule[]): ReadPlan {
  const on = new Set(
    rules.filter((rule) => ruleMode(rule, { policy }) !== 'off').map((rule) => rule.metadata.id),
  );
  const forbidsIssuerHash = policy.certificates.forbiddenSignatureHashes.some((hash) =>
    ISSUER_HASHES.has(hash),
  );
  return {
    acm: {
      signature: on.has('acm-certificate-signature') ? (forbidsIssuerHash ? 'all' : 'imported') : 'none',
      ...(on.has('acm-certificate-renewal')
        ? { renewalWindowDays: Math.max(MANAGED_RENEWAL_DAYS, policy.certificates.expiryDays) }
        : {}),
      transparency: on.has('acm-certificate-transparency'),
      inUseBy: on.has('acm-certificate-status'),
    },
    listenerRules: on.has('elbv2-listener-plaintext'),
    tunnelStatus: on.has('vpn-tunnel-negotiated-crypto'),
    classicPolicies: on.has('elb-listener-tls-policy') || on.has('elb-listener-weak-ciphers'),
  };
}
