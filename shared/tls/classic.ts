import type { TlsVersion } from '../policy/schema.js';
import type { ResolvedTlsPolicy } from './catalog.js';
import { isCipherAttribute } from './ciphers.js';
import { isFipsPolicyName } from './names.js';
import { postQuantumFromProtocols } from './post-quantum.js';
import { normalizeTlsVersion, sortTlsVersions } from './versions.js';

/** One attribute of a classic negotiation policy: "Protocol-TLSv1.2" = "true", a cipher, a reference. */
interface PolicyAttribute {
  name: string;
  value: string;
}

const isTrue = (value: string) => value.trim().toLowerCase() === 'true';

/** Builds the resolved view of a classic negotiation policy from its attributes (compared case-insensitively). */
export function classicPolicyFromAttributes(
  name: string,
  attributes: readonly PolicyAttribute[],
  origin: ResolvedTlsPolicy['origin'] = 'custom',
): ResolvedTlsPolicy {
  const protocols: TlsVersion[] = [];
  const ciphers: string[] = [];
  let serverOrderPreference: boolean | undefined;
  let reference: string | undefined;
  for (const { name: attribute, value } of attributes) {
    if (/^Reference-Security-Policy$/i.test(attribute)) {
      reference = value.trim();
    } else if (/^Server-Defined-Cipher-Order$/i.test(attribute)) {
      serverOrderPreference = isTrue(value);
    } else if (/^Protocol-/i.test(attribute)) {
      const version = normalizeTlsVersion(attribute);
      if (version && isTrue(value)) protocols.push(version);
    } else if (isCipherAttribute(attribute) && isTrue(value)) {
      ciphers.push(attribute);
    }
  }
  const sorted = sortTlsVersions(protocols);
  // Classic policies have no TLS 1.3 attribute, so no hybrid ML-KEM group: false, unless one claims TLS 1.3.
  const postQuantum = postQuantumFromProtocols(sorted);
  return {
    name,
    protocols: sorted,
    ciphers,
    fips: isFipsPolicyName(name),
    origin,
    ...(reference ? { reference } : {}),
    ...(serverOrderPreference === undefined ? {} : { serverOrderPreference }),
    ...(postQuantum === undefined ? {} : { postQuantum }),
  };
}
