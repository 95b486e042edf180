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

/** The five resource shares of Kpis, in their order there. */
const SHARE_RULES = [
  PLAINTEXT_RULES,
  TLS_VERSION_RULES,
  CIPHER_RULES,
  VPN_CRYPTO_RULES,
  DX_MACSEC_RULES,
] as const;
const PLAINTEXT_SHARE = 0;

/** Which share a rule counts towards (the lists are disjoint). */
const SHARE_OF_RULE = new Map<string, number>(
  SHARE_RULES.flatMap((ruleIds, index) => ruleIds.map((ruleId): [string, number] => [ruleId, index])),
);

/*
 * What the evaluations of one resource say for the shares, as bits. For share `index`: RELEVANT << index, one
 * of its rules evaluated the resource; JUDGED << index, one of them judged it (not NOT_APPLICABLE);
 * FAILED << index, one of them found it NON_COMPLIANT. ANY_JUDGED: a rule, any rule, judged it. Every bit is
 * an "any of", so the bits of a resource are the OR of its evaluations' bits, in any order and grouping.
 */
const RELEVANT = 1;
const JUDGED = 1 << 5;
const FAILED = 1 << 10;
const ANY_JUDGED = 1 << 15;

/**
 * The KPIs counted as evaluations come, without holding them: a number per resource (type and id) and the
 * count of expiring certificates. `add` takes evaluations one at a time in any order; `addResource` takes
 * those of one resource (an `evaluateResource` result) at once. The same evaluations give the same Kpis.
 */
export class KpiCounter {
  /** Bits per resource id, per resource type. */
  private readonly resources = new Map<string, Map<string, number>>();
  private certificatesExpiring = 0;

  constructor(private readonly certificateExpiryDays: number) {}

  add(evaluation: Evaluation): void {
    this.merge(evaluation.resourceType, evaluation.resourceId, this.bits(evaluation));
  }

  /** The evaluations of one resource: all of them of the same resource type and id. */
  addResource(evaluations: readonly Evaluation[]): void {
    const first = evaluations[0];
    if (first === undefined) return;
    let bits = 0;
    for (const evaluation of evaluations) bits |= this.bits(evaluation);
    this.merge(first.resourceType, first.resourceId, bits);
  }

  kpis(): Kpis {
    const totals = SHARE_RULES.map(() => 0);
    const compliant = SHARE_RULES.map(() => 0);
    for (const ids of this.resources.values()) {
      for (const bits of ids.values()) {
        for (let index = 0; index < SHARE_RULES.length; index++) {
          if ((bits & (RELEVANT << index)) === 0) continue;
          // An HTTPS listener is NOT_APPLICABLE to the plaintext rules yet encrypts: it counts when any rule
          // judged it (a Gateway Load Balancer listener, which every rule skips, does not). The other shares
          // count a resource one of their own rules judged.
          const inScope = index === PLAINTEXT_SHARE ? bits & ANY_JUDGED : bits & (JUDGED << index);
          if (inScope === 0) continue;
          totals[index] = (totals[index] ?? 0) + 1;
          if ((bits & (FAILED << index)) === 0) compliant[index] = (compliant[index] ?? 0) + 1;
        }
      }
    }
    const shareAt = (index: number) => share(compliant[index] ?? 0, totals[index] ?? 0);
    return {
      listenersEncrypted: shareAt(0),
      tlsEndpointsTls12Plus: shareAt(1),
      tlsEndpointsStrongCiphers: shareAt(2),
      vpnConnectionsStrongCrypto: shareAt(3),
      dxMacsecEnforced: shareAt(4),
      certificatesExpiring: { count: this.certificatesExpiring, withinDays: this.certificateExpiryDays },
    };
  }

  private bits(evaluation: Evaluation): number {
    const judged = evaluation.status !== 'NOT_APPLICABLE';
    let bits = judged ? ANY_JUDGED : 0;
    const index = SHARE_OF_RULE.get(evaluation.ruleId);
    if (index !== undefined) {
      bits |= RELEVANT << index;
      if (judged) bits |= JUDGED << index;
      if (evaluation.status === 'NON_COMPLIANT') bits |= FAILED << index;
    } else if (evaluation.ruleId === CERTIFICATE_EXPIRY_RULE && evaluation.status === 'NON_COMPLIANT') {
      this.certificatesExpiring++;
    }
    return bits;
  }

  private merge(resourceType: string, resourceId: string, bits: number): void {
    // A resource no rule judged and none of the shares' rules evaluated adds nothing to any share.
    if (bits === 0) return;
    let ids = this.resources.get(resourceType);
    if (ids === undefined) {
      ids = new Map();
      this.resources.set(resourceType, ids);
    }
    ids.set(resourceId, (ids.get(resourceId) ?? 0) | bits);
  }
}

export function computeKpis(evaluations: readonly Evaluation[], certificateExpiryDays: number): Kpis {
  const counter = new KpiCounter(certificateExpiryDays);
  for (const evaluation of evaluations) counter.add(evaluation);
  return counter.kpis();
}
