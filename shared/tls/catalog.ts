import type { CipherClass, TlsVersion } from '../policy/schema.js';

/**
 * TLS knowledge the rules consult. Pure data, no I/O: built from the bundled policy data
 * (shared/tls/data/, generated from ../shared/reference in AWS API shapes), optionally overlaid
 * with live DescribeSSLPolicies / DescribeLoadBalancerPolicies output.
 *
 * CONTRACT (implemented in this folder):
 * - `elbv2Policy(name)` returns the protocols and ciphers an ELBv2 security policy enables, or
 *   undefined when the name is unknown (callers report "unknown", never compliant).
 * - `classicPolicy(name)` the same for a predefined classic ELB policy (ELBSecurityPolicy-2016-08,
 *   ...); undefined when unknown or when AWS publishes no matrix for it (2014-10, 2011-08, ELBSample-*).
 * - `classifyCipher(name)` places any cipher name (OpenSSL or IANA spelling, known or not) in exactly
 *   one CipherClass; unknown names are parsed from their parts, and anything unrecognizable is `legacy`.
 */
export interface ResolvedTlsPolicy {
  name: string;
  /** Enabled protocol versions, ascending. */
  protocols: TlsVersion[];
  /** Enabled cipher names, in preference order. */
  ciphers: string[];
  fips: boolean;
  /** predefined: bundled data; live: API output given at run time; custom: a classic LB's own attributes. */
  origin: 'predefined' | 'live' | 'custom';
  /** For classic custom policies: the predefined policy it references, if any. */
  reference?: string;
  serverOrderPreference?: boolean;
  /**
   * ELBv2 only: the load balancer types that take the policy (DescribeSSLPolicies SupportedLoadBalancerTypes,
   * lower case: application, network); undefined when the data does not say.
   */
  supportedLoadBalancerTypes?: string[];
  /**
   * Whether the policy offers hybrid post-quantum (ML-KEM) key exchange; undefined when the data does not say
   * (a live policy of a name the bundled data lacks, with TLS 1.3). See post-quantum.ts.
   */
  postQuantum?: boolean;
}

export interface CipherInfo {
  name: string;
  /** ECDHE | DHE | RSA | TLS1.3 | other */
  keyExchange: string;
  /** AES128, AES256, CHACHA20, 3DES, RC4, DES, NULL, CAMELLIA, ... */
  encryption: string;
  /** GCM | CCM | CHACHA20-POLY1305 | CBC | STREAM | NONE */
  mode: string;
  /** AEAD | SHA1 | SHA256 | SHA384 | MD5 */
  mac: string;
  aead: boolean;
  forwardSecrecy: boolean;
  cipherClass: CipherClass;
  /** False when the name is not in the bundled cipher table and was classified from its parts. */
  known: boolean;
}

export interface TlsCatalog {
  elbv2Policy(name: string): ResolvedTlsPolicy | undefined;
  classicPolicy(name: string): ResolvedTlsPolicy | undefined;
  classifyCipher(name: string): CipherInfo;
  /** Names of every ELBv2 policy the catalog knows (bundled plus live). */
  elbv2PolicyNames(): string[];
}
