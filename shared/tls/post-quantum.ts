/**
 * The post-quantum dimension every TLS family shares (RULES.md "Post-quantum key exchange"): whether a security
 * policy offers hybrid ML-KEM key exchange, and what `tls.postQuantum` (ignore | report | require) makes of it.
 *
 * CONTRACT for every TLS-policy rule (elbv2, elb, cloudfront, apigateway, ...): its evaluation carries
 * `details.postQuantum: true | false` whenever the policy's key exchange is known (spread `postQuantumDetails`),
 * adds `postQuantumNote` to a finding's reason, and under `require` fails with `postQuantumShortfall`. The KPI
 * "TLS endpoints offering post-quantum key exchange" counts every evaluation whose details.postQuantum is boolean.
 */
import type { Policy, TlsVersion } from '../policy/schema.js';

type PostQuantumSetting = Policy['tls']['postQuantum'];

/**
 * What the protocols alone say: hybrid ML-KEM groups are TLS 1.3 key shares, so a policy without TLS 1.3 offers
 * none (false); with TLS 1.3 the protocols cannot tell (undefined). Source: ../shared/reference/elbv2-key-exchange.json
 * (its rules, and pqNegotiableOn = TLSv1.3 for every PQ policy), from
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html and s2n-tls.
 */
export function postQuantumFromProtocols(protocols: readonly TlsVersion[]): false | undefined {
  return protocols.includes('TLSv1.3') ? undefined : false;
}

/** `{ postQuantum }` for an evaluation's details when known, `{}` when not (unknown is never reported as false). */
export function postQuantumDetails(postQuantum: boolean | undefined): { postQuantum?: boolean } {
  return postQuantum === undefined ? {} : { postQuantum };
}

/** The short note `report` adds to a TLS finding's reason (leading space included); '' under ignore. */
export function postQuantumNote(postQuantum: boolean | undefined, setting: PostQuantumSetting): string {
  if (setting === 'ignore') return '';
  if (postQuantum === undefined) return ' Post-quantum key exchange: cannot be verified.';
  return postQuantum ? ' Post-quantum key exchange: offered.' : ' Post-quantum key exchange: not offered.';
}

/**
 * Why the policy fails `require` ("it offers no hybrid post-quantum (ML-KEM) key exchange, which tls.postQuantum
 * requires"), or undefined when it passes or the setting does not require it. Unknown fails: never a pass.
 */
export function postQuantumShortfall(
  postQuantum: boolean | undefined,
  setting: PostQuantumSetting,
): string | undefined {
  if (setting !== 'require' || postQuantum === true) return undefined;
  return postQuantum === false
    ? 'it offers no hybrid post-quantum (ML-KEM) key exchange, which tls.postQuantum requires'
    : 'whether it offers hybrid post-quantum (ML-KEM) key exchange cannot be verified, and tls.postQuantum requires it';
}
