/**
 * API Gateway security policies as data (data/security-policies.json, derived from ../shared/reference with the
 * AWS sources it names): each policy resolved to its protocols and ciphers for the endpoint types that take it,
 * so the rules judge what a policy allows, never its name. A name not in the data is unknown.
 */
import type { TlsVersion } from '../../policy/schema.js';
import type { ResolvedTlsPolicy } from '../../tls/index.js';
import { normalizeTlsVersion } from '../../tls/index.js';
import data from './data/security-policies.json' with { type: 'json' };

export interface ApiGatewayPolicy {
  /** Protocols and ciphers, in the shape the shared TLS assessment reads. */
  resolved: ResolvedTlsPolicy;
  /** legacy: TLS_1_0 / TLS_1_2; enhanced: SecurityPolicy_* (needs an endpoint access mode). */
  kind: 'legacy' | 'enhanced';
  /** Offers hybrid post-quantum (ML-KEM) key exchange. */
  postQuantum: boolean;
  /** REGIONAL, PRIVATE or EDGE: the endpoint types that take the policy. */
  endpointTypes: readonly string[];
}

function protocolsOf(name: string, protocols: readonly string[]): TlsVersion[] {
  return protocols.map((protocol) => {
    const version = normalizeTlsVersion(protocol);
    // The data is checked by its test; a bad entry must fail loudly, never pass a weak policy.
    if (!version) throw new TypeError(`security-policies.json: ${name}: ${protocol} is not a TLS version`);
    return version;
  });
}

const POLICIES: readonly ApiGatewayPolicy[] = data.policies.map((policy) => ({
  resolved: {
    name: policy.name,
    protocols: protocolsOf(policy.name, policy.protocols),
    ciphers: policy.ciphers,
    fips: policy.fips,
    origin: 'predefined',
  },
  kind: policy.kind === 'enhanced' ? 'enhanced' : 'legacy',
  postQuantum: policy.postQuantum,
  endpointTypes: policy.endpointTypes,
}));

const sameSuites = (a: ApiGatewayPolicy, b: ApiGatewayPolicy) =>
  a.resolved.protocols.join() === b.resolved.protocols.join() &&
  a.resolved.ciphers.join() === b.resolved.ciphers.join();

/**
 * The policy `name` as the endpoint type serves it. TLS_1_0 and TLS_1_2 differ between edge and Regional
 * endpoints: without the endpoint type a name resolves only when every endpoint type serves it the same way.
 */
export function apiGatewayPolicy(
  name: string,
  endpointType: string | undefined,
): ApiGatewayPolicy | undefined {
  const named = POLICIES.filter((policy) => policy.resolved.name === name);
  if (endpointType !== undefined) return named.find((policy) => policy.endpointTypes.includes(endpointType));
  const [first] = named;
  return first && named.every((policy) => sameSuites(policy, first)) ? first : undefined;
}

/** Every policy an endpoint type takes, in the data's (AWS table) order. */
export function policiesFor(endpointType: string): readonly ApiGatewayPolicy[] {
  return POLICIES.filter((policy) => policy.endpointTypes.includes(endpointType));
}
