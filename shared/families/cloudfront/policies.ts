/**
 * CloudFront's security policies as data (data/security-policies.json, generated from ../shared/reference by
 * scripts/generate-cloudfront-data.ts): each viewer policy (ViewerCertificate.MinimumProtocolVersion) resolved to
 * the protocols and ciphers it enables and whether it offers hybrid post-quantum key exchange; the origin side's
 * protocols and ciphers. Rules judge what a policy allows, so a new name is a data change, not a code change.
 */
import type { Policy, TlsVersion } from '../../policy/schema.js';
import type { TlsCatalog } from '../../tls/catalog.js';
import { assessTlsPolicy, type TlsPolicyAssessment } from '../../tls/index.js';
import { normalizeTlsVersion, protocolsBelow, sortTlsVersions } from '../../tls/versions.js';
import data from './data/security-policies.json' with { type: 'json' };
import type { ViewerCertificate } from './model.js';

export interface ViewerPolicy {
  name: string;
  protocols: TlsVersion[];
  ciphers: string[];
  /** Offers hybrid ML-KEM key exchange (X25519MLKEM768, SecP256r1MLKEM768) with TLS 1.3. */
  postQuantum: boolean;
  hybridGroups: string[];
}

/** Where the viewer policy facts come from, for rule references. */
export const VIEWER_POLICY_SOURCE = data.sources.viewer;
export const ORIGIN_POLICY_SOURCE = data.sources.origin.split(' ')[0] as string;

function protocolsOf(name: string, listed: readonly string[]): TlsVersion[] {
  return sortTlsVersions(
    listed.map((protocol) => {
      const version = normalizeTlsVersion(protocol);
      if (!version) throw new Error(`CloudFront policy data: ${name} lists unknown protocol ${protocol}`);
      return version;
    }),
  );
}

const VIEWER_POLICIES: ReadonlyMap<string, ViewerPolicy> = new Map(
  Object.entries(data.viewerPolicies).map(([name, policy]) => [
    name,
    {
      name,
      protocols: protocolsOf(name, policy.protocols),
      ciphers: policy.ciphers,
      postQuantum: policy.postQuantum,
      hybridGroups: policy.hybridGroups,
    },
  ]),
);

/** The viewer policy of this name; undefined when the data does not know it (never a pass). */
export function viewerPolicy(name: string): ViewerPolicy | undefined {
  return VIEWER_POLICIES.get(name);
}

/** Every viewer policy name the data knows, in the data's order. */
export function viewerPolicyNames(): string[] {
  return [...VIEWER_POLICIES.keys()];
}

export type EffectivePolicy =
  | { known: true; policy: ViewerPolicy; stated?: string; defaultCertificate: boolean }
  | { known: false; why: string };

/**
 * The security policy viewers actually get: TLSv1 for the default *.cloudfront.net certificate whatever the
 * stated value (older recordings even state SSLv3), else the stated MinimumProtocolVersion resolved from the data.
 */
export function effectiveViewerPolicy(certificate: ViewerCertificate | undefined): EffectivePolicy {
  if (!certificate) return { known: false, why: 'the input has no ViewerCertificate' };
  const stated = certificate.minimumProtocolVersion;
  if (certificate.cloudFrontDefaultCertificate === true || certificate.certificateSource === 'cloudfront') {
    const policy = VIEWER_POLICIES.get(data.defaultCertificatePolicy) as ViewerPolicy;
    return { known: true, policy, defaultCertificate: true, ...(stated ? { stated } : {}) };
  }
  if (stated === undefined) return { known: false, why: 'the input does not state MinimumProtocolVersion' };
  const policy = VIEWER_POLICIES.get(stated);
  if (!policy)
    return { known: false, why: `security policy ${stated} is not in transit-guard's CloudFront data` };
  return { known: true, policy, stated, defaultCertificate: false };
}

/** A viewer policy judged against the transit-guard policy: protocols, ciphers and (when required) PQ. */
export interface ViewerJudgement extends TlsPolicyAssessment {
  /** 'require' and the policy offers no hybrid post-quantum key exchange. */
  missingPostQuantum: boolean;
}

export function judgeViewerPolicy(
  policy: ViewerPolicy,
  tls: Policy['tls'],
  catalog: TlsCatalog,
): ViewerJudgement {
  const assessment = assessTlsPolicy(
    {
      name: policy.name,
      protocols: policy.protocols,
      ciphers: policy.ciphers,
      fips: false,
      origin: 'predefined',
    },
    tls,
    catalog,
  );
  return { ...assessment, missingPostQuantum: tls.postQuantum === 'require' && !policy.postQuantum };
}

const passes = (judgement: ViewerJudgement) =>
  judgement.protocolsBelowMinimum.length === 0 &&
  judgement.disallowedCiphers.length === 0 &&
  !judgement.missingPostQuantum;

/**
 * The viewer policy remediation sets: of the known policies that pass the transit-guard policy (with PQ when it
 * is required), the one that still serves the most clients (most protocols, then most ciphers). Derived, not
 * configured, so it can never be a policy the rules would fail; undefined when none passes.
 */
export function viewerTargetPolicy(
  tls: Policy['tls'],
  catalog: TlsCatalog,
  policies: readonly ViewerPolicy[] = [...VIEWER_POLICIES.values()],
): ViewerPolicy | undefined {
  const passing = policies.filter((policy) => passes(judgeViewerPolicy(policy, tls, catalog)));
  return passing.sort(
    (a, b) => b.protocols.length - a.protocols.length || b.ciphers.length - a.ciphers.length,
  )[0];
}

/** OriginSslProtocols values CloudFront's API takes (SSLv3, TLSv1, TLSv1.1, TLSv1.2; no TLSv1.3 value). */
const ORIGIN_SSL_PROTOCOLS: readonly string[] = data.origin.sslProtocols;

/** The listed origin protocols older than the minimum; unknown spellings are returned apart. */
export function originProtocolsBelow(listed: readonly string[], minimum: TlsVersion) {
  const unknown = listed.filter((protocol) => !normalizeTlsVersion(protocol));
  const known = listed.flatMap((protocol) => normalizeTlsVersion(protocol) ?? []);
  return { below: protocolsBelow(known, minimum), unknown };
}

/** What OriginSslProtocols remediation sets: every API value at or above the minimum, in API order. */
export function originTargetProtocols(minimum: TlsVersion): string[] {
  return ORIGIN_SSL_PROTOCOLS.filter(
    (protocol) => protocolsBelow([normalizeTlsVersion(protocol) as TlsVersion], minimum).length === 0,
  );
}
