/**
 * Shared judging of certificates (./model.ts) against the policy's `certificates.*` thresholds: expiry, key
 * strength and signature hash. Pure functions returning verdicts; each rule writes its own reason from them, so
 * the acm-* rules keep their wording and the other sources say what they are.
 */
import { ACM_KEY_ALGORITHMS } from './settings.js';

const DAY_MS = 86_400_000;

/**
 * "1 day", "3 days".
 * @internal Unit-tested directly: the singular and the negative.
 */
export function days(count: number): string {
  return `${count} ${Math.abs(count) === 1 ? 'day' : 'days'}`;
}

export interface Expiry {
  /** NotAfter as ISO 8601. */
  notAfter: string;
  /** Whole days left, rounded down (negative once expired), so the verdict and the reason always agree. */
  daysToExpiry: number;
  /** NotAfter is past (a source's own EXPIRED status is the caller's to add). */
  expired: boolean;
  /** Expired, or expiring within the threshold. */
  failing: boolean;
}

/** Where a certificate stands against an expiry threshold; undefined when NotAfter is missing or not a date. */
export function expiryOf(notAfter: string | undefined, now: Date, thresholdDays: number): Expiry | undefined {
  const notAfterMs = notAfter === undefined ? Number.NaN : Date.parse(notAfter);
  if (Number.isNaN(notAfterMs)) return undefined;
  const remainingMs = notAfterMs - now.getTime();
  const daysToExpiry = Math.floor(remainingMs / DAY_MS);
  const expired = remainingMs < 0;
  return {
    notAfter: new Date(notAfterMs).toISOString(),
    daysToExpiry,
    expired,
    failing: expired || daysToExpiry <= thresholdDays,
  };
}

/**
 * The expiry in words, after the certificate's name: "expired 3 days ago (…)", "expires in 12 days (…), inside the
 * 30-day threshold", "expires in 90 days (…), beyond the 30-day threshold".
 */
export function expiryPhrase(expiry: Expiry, thresholdDays: number): string {
  const { daysToExpiry, notAfter } = expiry;
  if (expiry.expired) return `expired ${days(-daysToExpiry)} ago (${notAfter})`;
  const when = daysToExpiry === 0 ? 'within a day' : `in ${days(daysToExpiry)}`;
  return expiry.failing
    ? `expires ${when} (${notAfter}), inside the ${thresholdDays}-day threshold`
    : `expires ${when} (${notAfter}), beyond the ${thresholdDays}-day threshold`;
}

/**
 * The API enum spelling of a key algorithm: DescribeCertificate's "RSA-2048" and "EC-prime256v1" become
 * RSA_2048 and EC_prime256v1. A name ACM does not list (an EC curve such as secp224r1) keeps its spelling.
 * @internal Unit-tested directly: the key algorithm spellings DescribeCertificate writes.
 */
export function normalizeKeyAlgorithm(value: string): string {
  // Never trimmed: "RSA_2048 " is no key algorithm ACM reports.
  const underscored = value.replace(
    /^(RSA|EC)[-_ ]/i,
    (_match, family: string) => `${family.toUpperCase()}_`,
  );
  return ACM_KEY_ALGORITHMS.find((known) => known.toLowerCase() === underscored.toLowerCase()) ?? underscored;
}

export type KeyVerdict =
  | { kind: 'missing' }
  /** Not a key algorithm the policy can name: its strength cannot be verified (never a pass). */
  | { kind: 'unknown'; keyAlgorithm: string }
  | { kind: 'allowed' | 'forbidden'; keyAlgorithm: string; allowed: string[] };

/**
 * Judges a key algorithm (any spelling normalizeKeyAlgorithm reads) against `certificates.allowedKeyAlgorithms`;
 * `known`: the key algorithms the source has (ACM's by default, PCA_KEY_ALGORITHMS for a Private CA), anything
 * else is unknown.
 */
export function judgeKeyAlgorithm(
  keyAlgorithm: string | undefined,
  allowed: readonly string[],
  known: readonly string[] = ACM_KEY_ALGORITHMS,
): KeyVerdict {
  if (keyAlgorithm === undefined || keyAlgorithm.trim() === '') return { kind: 'missing' };
  const normalized = normalizeKeyAlgorithm(keyAlgorithm);
  if (!known.includes(normalized)) {
    return { kind: 'unknown', keyAlgorithm };
  }
  return {
    kind: allowed.includes(normalized) ? 'allowed' : 'forbidden',
    keyAlgorithm: normalized,
    // Only what this source can have: an ACM finding does not list the Private CA-only ML-DSA the policy allows.
    allowed: allowed.filter((name) => known.includes(name)),
  };
}

/**
 * A hash name inside a signature algorithm name: SHA1WITHRSA, SHA256WITHECDSA, RSASSA-PSS-SHA256,
 * ecdsa-with-SHA384, sha256WithRSAEncryption. The trailing digit guard keeps SHA1 from matching
 * inside a longer number such as SHA128.
 */
const HASH_IN_NAME = /(MD2|MD5|SHA[-_]?1|SHA(?:2[-_])?[-_]?(?:224|256|384|512))(?!\d)/g;

/**
 * The hashes a signature algorithm name uses, spelled as the policy spells them (SHA1, SHA256, MD5).
 * @internal Unit-tested directly: the hash of every signature algorithm ACM reports.
 */
export function signatureHashes(signatureAlgorithm: string): string[] {
  const hashes = [...signatureAlgorithm.toUpperCase().matchAll(HASH_IN_NAME)].map(([token]) =>
    token.replace(/^SHA(?:2[-_])?[-_]?/, 'SHA'),
  );
  return [...new Set(hashes)];
}

export type SignatureVerdict =
  | { kind: 'missing' }
  /** No hash recognised in the name: whether the policy forbids it cannot be verified. */
  | { kind: 'unknown'; signatureAlgorithm: string; hashes: string[] }
  | {
      kind: 'allowed' | 'forbidden';
      signatureAlgorithm: string;
      hashes: string[];
      forbiddenHashes: string[];
    };

/** Judges a signature algorithm name against `certificates.forbiddenSignatureHashes`. */
export function judgeSignature(
  signatureAlgorithm: string | undefined,
  forbiddenByPolicy: readonly string[],
): SignatureVerdict {
  if (signatureAlgorithm === undefined || signatureAlgorithm.trim() === '') return { kind: 'missing' };
  const hashes = signatureHashes(signatureAlgorithm);
  if (hashes.length === 0) return { kind: 'unknown', signatureAlgorithm, hashes };
  const forbiddenHashes = hashes.filter((hash) => forbiddenByPolicy.includes(hash));
  return {
    kind: forbiddenHashes.length === 0 ? 'allowed' : 'forbidden',
    signatureAlgorithm,
    hashes,
    forbiddenHashes,
  };
}
