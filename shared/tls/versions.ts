import { TLS_VERSIONS, type TlsVersion } from '../policy/schema.js';

/** Negative when a is older than b. */
export function compareTlsVersions(a: TlsVersion, b: TlsVersion): number {
  return TLS_VERSIONS.indexOf(a) - TLS_VERSIONS.indexOf(b);
}

/** The enabled versions that are older than the minimum, in ascending order. */
export function protocolsBelow(protocols: readonly TlsVersion[], minimum: TlsVersion): TlsVersion[] {
  return sortTlsVersions(protocols.filter((protocol) => compareTlsVersions(protocol, minimum) < 0));
}

export function sortTlsVersions(protocols: readonly TlsVersion[]): TlsVersion[] {
  return [...new Set(protocols)].sort(compareTlsVersions);
}

/**
 * Reads a protocol as AWS spells it in any API: "TLSv1.2", "Protocol-TLSv1.2" (classic policy attribute),
 * "TLSv1_2", "tlsv1.2". Returns undefined for anything else.
 */
export function normalizeTlsVersion(value: string): TlsVersion | undefined {
  const bare = value
    .trim()
    .replace(/^protocol-/i, '')
    .replace(/_/g, '.');
  return TLS_VERSIONS.find((version) => version.toLowerCase() === bare.toLowerCase());
}
