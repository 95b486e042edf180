import type { Evaluation } from '../model/evaluation.js';

/** A share of resources: how many of those judged are compliant. `percent` is null when none was judged. */
export interface Share {
  compliant: number;
  total: number;
  /** 0-100, one decimal place; null when total is 0. */
  percent: number | null;
}

/** The SEC09 key performance indicators of one evaluation run. */
export interface Kpis {
  /** ELBv2 listeners and classic load balancers that no plaintext rule finds serving plaintext. */
  listenersEncrypted: Share;
  /** TLS endpoints (HTTPS/TLS listeners, classic HTTPS/SSL listeners) whose policy accepts only the minimum version and later. */
  tlsEndpointsTls12Plus: Share;
  /** TLS endpoints whose policy offers only allowed cipher classes. */
  tlsEndpointsStrongCiphers: Share;
  /** VPN connections whose tunnels permit only the allowed IKE versions and crypto. */
  vpnConnectionsStrongCrypto: Share;
  /** Dedicated DX connections and LAGs with MACsec enforced, not failing open, and up. */
  dxMacsecEnforced: Share;
  /** Certificates expiring within `withinDays` (the policy's certificates.expiryDays), expired ones included. */
  certificatesExpiring: { count: number; withinDays: number };
}

export const PLAINTEXT_RULES = [
  'elbv2-listener-plaintext',
  'elbv2-listener-tcp-plaintext',
  'elb-listener-plaintext',
];
export const TLS_VERSION_RULES = ['elbv2-listener-tls-policy', 'elb-listener-tls-policy'];
export const CIPHER_RULES = ['elbv2-listener-weak-ciphers', 'elb-listener-weak-ciphers'];
export const VPN_CRYPTO_RULES = ['vpn-tunnel-ike-version', 'vpn-tunnel-weak-crypto'];
export const DX_MACSEC_RULES = [
  'dx-connection-macsec',
  'dx-connection-macsec-fail-open',
  'dx-connection-macsec-down',
];
export const CERTIFICATE_EXPIRY_RULE = 'acm-certificate-expiry';

export function share(compliant: number, total: number): Share {
  return {
    compliant,
    total,
    percent: total === 0 ? null : Math.round((compliant / total) * 1000) / 10,
  };
}

function byResource(evaluations: readonly Evaluation[]): Map<string, Evaluation[]> {
  const groups = new Map<string, Evaluation[]>();
  for (const evaluation of evaluations) {
    const key = `${evaluation.resourceType}|${evaluation.resourceId}`;
    const group = groups.get(key);
    if (group) group.push(evaluation);
    else groups.set(key, [evaluation]);
  }
  return groups;
}

const judged = (evaluation: Evaluation) => evaluation.status !== 'NOT_APPLICABLE';

/**
 * The share of resources that pass every one of `ruleIds`. A resource counts when `inScope` says so
 * (default: one of those rules judged it); it is compliant when none of them found it NON_COMPLIANT.
 */
function resourceShare(
  groups: Map<string, Evaluation[]>,
  ruleIds: readonly string[],
  inScope: (all: Evaluation[], relevant: Evaluation[]) => boolean = (_all, relevant) => relevant.some(judged),
): Share {
  let total = 0;
  let compliant = 0;
  for (const all of groups.values()) {
    const relevant = all.filter((evaluation) => ruleIds.includes(evaluation.ruleId));
    if (relevant.length === 0 || !inScope(all, relevant)) continue;
    total++;
    if (!relevant.some((evaluation) => evaluation.status === 'NON_COMPLIANT')) compliant++;
  }
  return share(compliant, total);
}

export function computeKpis(evaluations: readonly Evaluation[], certificateExpiryDays: number): Kpis {
  const groups = byResource(evaluations);
  return {
    // An HTTPS listener is NOT_APPLICABLE to the plaintext rules yet encrypts: it counts when any rule judged it
    // (a Gateway Load Balancer listener, which every rule skips, does not).
    listenersEncrypted: resourceShare(groups, PLAINTEXT_RULES, (all) => all.some(judged)),
    tlsEndpointsTls12Plus: resourceShare(groups, TLS_VERSION_RULES),
    tlsEndpointsStrongCiphers: resourceShare(groups, CIPHER_RULES),
    vpnConnectionsStrongCrypto: resourceShare(groups, VPN_CRYPTO_RULES),
    dxMacsecEnforced: resourceShare(groups, DX_MACSEC_RULES),
    certificatesExpiring: {
      count: evaluations.filter(
        (evaluation) =>
          evaluation.ruleId === CERTIFICATE_EXPIRY_RULE && evaluation.status === 'NON_COMPLIANT',
      ).length,
      withinDays: certificateExpiryDays,
    },
  };
}
