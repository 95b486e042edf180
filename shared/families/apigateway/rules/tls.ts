/**
 * What the two API Gateway *-tls-policy rules share: judging a resolved security policy against the policy file
 * (protocols, cipher classes, post-quantum key exchange) and choosing the strongest target a resource can take.
 */
import { joinWords } from '../../../model/words.js';
import type { TlsVersion } from '../../../policy/schema.js';
import type { RuleContext } from '../../../rules/rule.js';
import { cipherDetails, countCiphers, nameCiphers } from '../../../rules/wording.js';
import { assessTlsPolicy, type CipherInfo } from '../../../tls/index.js';
import { type ApiGatewayPolicy, policiesFor } from '../policies.js';

export interface PolicyVerdict {
  protocolsBelowMinimum: TlsVersion[];
  weakCiphers: CipherInfo[];
  /** tls.postQuantum is 'require' and the policy offers no post-quantum key exchange. */
  postQuantumMissing: boolean;
  passes: boolean;
}

export function judgePolicy(policy: ApiGatewayPolicy, context: RuleContext): PolicyVerdict {
  const tls = context.policy.tls;
  const assessment = assessTlsPolicy(policy.resolved, tls, context.tls);
  const postQuantumMissing = tls.postQuantum === 'require' && !policy.postQuantum;
  return {
    protocolsBelowMinimum: assessment.protocolsBelowMinimum,
    weakCiphers: assessment.disallowedCiphers,
    postQuantumMissing,
    passes:
      assessment.protocolsBelowMinimum.length === 0 &&
      assessment.disallowedCiphers.length === 0 &&
      !postQuantumMissing,
  };
}

/** "accepts TLSv1 and TLSv1.1 (the minimum is TLSv1.2); offers 9 ciphers outside ...": what fails, in words. */
export function failureWords(verdict: PolicyVerdict, context: RuleContext): string {
  const tls = context.policy.tls;
  const parts: string[] = [];
  if (verdict.protocolsBelowMinimum.length > 0)
    parts.push(`accepts ${joinWords(verdict.protocolsBelowMinimum)} (the minimum is ${tls.minimumVersion})`);
  if (verdict.weakCiphers.length > 0)
    parts.push(
      `offers ${countCiphers(verdict.weakCiphers.length)} outside the allowed classes (${tls.allowedCipherClasses.join(', ')}): ${nameCiphers(verdict.weakCiphers)}`,
    );
  if (verdict.postQuantumMissing)
    parts.push('offers no post-quantum key exchange, which the policy requires (tls.postQuantum: require)');
  return joinWords(parts);
}

/** The note a finding carries under tls.postQuantum 'report' when the policy offers no post-quantum key exchange. */
export function postQuantumNote(policy: ApiGatewayPolicy, context: RuleContext): string {
  return context.policy.tls.postQuantum === 'report' && !policy.postQuantum
    ? ' It offers no post-quantum key exchange.'
    : '';
}

/** The facts of a verdict for the finding's details (postQuantum as the contract of issue #14 names it). */
export function verdictDetails(policy: ApiGatewayPolicy, verdict: PolicyVerdict, context: RuleContext) {
  return {
    securityPolicy: policy.resolved.name,
    policyKind: policy.kind,
    protocols: policy.resolved.protocols,
    minimumVersion: context.policy.tls.minimumVersion,
    protocolsBelowMinimum: verdict.protocolsBelowMinimum,
    allowedCipherClasses: context.policy.tls.allowedCipherClasses,
    weakCiphers: cipherDetails(verdict.weakCiphers),
    postQuantum: policy.postQuantum,
  };
}

/** What about a resource limits the policies it may take. */
export interface TargetConstraints {
  /** The resource's endpoint types (undefined: unknown). A policy change needs exactly one. */
  endpointTypes: readonly string[] | undefined;
  current: ApiGatewayPolicy | undefined;
  /** Enhanced policies allowed? undefined when yes; otherwise why not. */
  enhancedRefused?: string;
  /** Legacy policies allowed? undefined when yes; otherwise why not. */
  legacyRefused?: string;
}

export type TargetChoice = { target: ApiGatewayPolicy } | { refused: string };

const minimumOf = (policy: ApiGatewayPolicy) => policy.resolved.protocols[0] ?? 'TLSv1.3';

/**
 * The strongest policy the resource can take that passes the policy file: post-quantum first (unless
 * tls.postQuantum is 'ignore'), FIPS kept when the current policy is FIPS, then the one that keeps the oldest
 * protocol the minimum still allows (clients that pass the rules keep connecting), then AWS's table order.
 */
export function chooseTarget(constraints: TargetConstraints, context: RuleContext): TargetChoice {
  const { endpointTypes } = constraints;
  if (endpointTypes === undefined || endpointTypes.length === 0)
    return { refused: 'the input does not name its endpoint type, which decides the policies it can take' };
  const [endpointType] = endpointTypes;
  if (endpointTypes.length > 1 || endpointType === undefined)
    return {
      refused: `it has several endpoint types (${joinWords([...endpointTypes])}); AWS does not update the security policy of such a domain`,
    };
  const passing = policiesFor(endpointType).filter((policy) => judgePolicy(policy, context).passes);
  if (passing.length === 0)
    return {
      refused: `no API Gateway security policy for ${endpointType} endpoints passes the policy file`,
    };
  const allowed = passing.filter(
    (policy) =>
      !(policy.kind === 'enhanced' && constraints.enhancedRefused) &&
      !(policy.kind === 'legacy' && constraints.legacyRefused),
  );
  if (allowed.length === 0) {
    const why = [constraints.enhancedRefused, constraints.legacyRefused].filter(
      (reason): reason is string => reason !== undefined,
    );
    return {
      refused: `the policies that pass (${joinWords(passing.map((policy) => policy.resolved.name))}) are not open to it: ${why.join('; ')}`,
    };
  }
  const preferPq = context.policy.tls.postQuantum !== 'ignore';
  const fips = constraints.current?.resolved.fips === true;
  const rank = (policy: ApiGatewayPolicy) => [
    preferPq && policy.postQuantum ? 0 : 1,
    policy.resolved.fips === fips ? 0 : 1,
    minimumOf(policy) === context.policy.tls.minimumVersion ? 0 : 1,
  ];
  const ordered = allowed
    .map((policy, index) => ({ policy, key: [...rank(policy), index] }))
    .sort((a, b) => {
      for (let i = 0; i < a.key.length; i += 1) {
        const d = (a.key[i] ?? 0) - (b.key[i] ?? 0);
        if (d !== 0) return d;
      }
      return 0;
    });
  const [best] = ordered;
  return best ? { target: best.policy } : { refused: 'no policy is open to it' };
}
