/**
 * The security policy ELBv2 remediation sets (tls.targetPolicy / tls.targetFipsPolicy when the policy names one,
 * else the automatic default). The default follows the ELB console's: ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09
 * (TLS 1.2+, AEAD only, hybrid ML-KEM key exchange) where the load balancer type takes it, else
 * ELBSecurityPolicy-TLS13-1-2-Res-2021-06; under tls.postQuantum: require only the PQ variants. Source: the
 * console default and recommendations in ../shared/reference/elbv2-key-exchange.json (docStatement), from
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html.
 */
import type { Policy } from '../../policy/schema.js';
import { createTlsCatalog } from '../../tls/index.js';

const PQ_TARGET = 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09';
const CLASSICAL_TARGET = 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06';
const PQ_FIPS_TARGET = 'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09';
const CLASSICAL_FIPS_TARGET = 'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04';

/** The bundled DescribeSSLPolicies data: which load balancer types take each security policy. */
const BUNDLED_POLICIES = createTlsCatalog();

/** The automatic targets in order of preference (the first one the load balancer type takes wins). */
function defaultTargets(fips: boolean, tls: Policy['tls']): string[] {
  const require = tls.postQuantum === 'require';
  if (fips) return require ? [PQ_FIPS_TARGET] : [CLASSICAL_FIPS_TARGET];
  return require ? [PQ_TARGET] : [PQ_TARGET, CLASSICAL_TARGET];
}

/** Whether the bundled data says the load balancer type takes the policy (an unknown type: assumed yes). */
function takes(loadBalancerType: string | undefined, name: string): boolean {
  if (loadBalancerType === undefined) return true;
  return BUNDLED_POLICIES.elbv2Policy(name)?.supportedLoadBalancerTypes?.includes(loadBalancerType) === true;
}

/**
 * The security policy remediation sets on a listener of this load balancer type, FIPS when it is on a FIPS
 * policy now. With no candidate the type takes, the last one: set-ssl-policy then refuses and says why.
 */
export function targetSecurityPolicy(
  loadBalancerType: string | undefined,
  fips: boolean,
  tls: Policy['tls'],
): string {
  const named = fips ? tls.targetFipsPolicy : tls.targetPolicy;
  if (named !== undefined) return named;
  const candidates = defaultTargets(fips, tls);
  return candidates.find((name) => takes(loadBalancerType, name)) ?? (candidates.at(-1) as string);
}
