import type { Policy, TlsVersion } from '../policy/schema.js';
import type { CipherInfo, ResolvedTlsPolicy, TlsCatalog } from './catalog.js';
import { protocolsBelow } from './versions.js';

export interface TlsPolicyAssessment {
  /** Enabled protocol versions older than the policy's minimum, ascending. */
  protocolsBelowMinimum: TlsVersion[];
  /** Enabled ciphers whose class the policy does not allow, in the security policy's order. */
  disallowedCiphers: CipherInfo[];
}

/** Judges what a security policy allows (not its name) against the transit-guard policy. */
export function assessTlsPolicy(
  resolved: ResolvedTlsPolicy,
  tls: Policy['tls'],
  catalog: TlsCatalog,
): TlsPolicyAssessment {
  const allowed = new Set<string>(tls.allowedCipherClasses);
  return {
    protocolsBelowMinimum: protocolsBelow(resolved.protocols, tls.minimumVersion),
    disallowedCiphers: resolved.ciphers
      .map((cipher) => catalog.classifyCipher(cipher))
      .filter((cipher) => !allowed.has(cipher.cipherClass)),
  };
}
