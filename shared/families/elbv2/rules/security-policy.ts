import { nonCompliant, notApplicable, type RuleContext, type RuleOutcome } from '../../../rules/rule.js';
import {
  assessTlsPolicy,
  isFipsPolicyName,
  type ResolvedTlsPolicy,
  type TlsPolicyAssessment,
} from '../../../tls/index.js';
import type { Elbv2Listener } from '../model.js';
import { targetSecurityPolicy } from '../targets.js';
import { isTlsListener, type ListenerAspect, listenerLabel, listenerScopeOutcome } from './listener.js';

/** What the rule would verify, for the "cannot be verified" reasons. */
export type PolicyAspect = Extract<ListenerAspect, 'the protocols it accepts' | 'the ciphers it offers'>;

export interface ResolvedListenerPolicy {
  policy: ResolvedTlsPolicy;
  assessment: TlsPolicyAssessment;
  /** The policy remediation would set. */
  target: string;
}

/**
 * The scaffolding both ELBv2 security-policy rules share: scope (HTTPS and TLS listeners), a missing or
 * unknown policy (NON_COMPLIANT: what cannot be verified is never compliant), then `judge` on the
 * resolved policy.
 */
export function judgeListenerSecurityPolicy(
  listener: Elbv2Listener,
  context: RuleContext,
  aspect: PolicyAspect,
  judge: (resolved: ResolvedListenerPolicy) => RuleOutcome,
): RuleOutcome {
  const scope = listenerScopeOutcome(listener, aspect);
  if (scope) return scope;
  if (!isTlsListener(listener)) {
    return notApplicable(
      `Listener ${listenerLabel(listener)} does not terminate TLS; no security policy applies.`,
    );
  }
  const name = listener.sslPolicy;
  const tls = context.policy.tls;
  if (name === undefined || name === '') {
    return nonCompliant(
      `Listener ${listenerLabel(listener)} has no security policy in the input, so ${aspect} cannot be verified.`,
      {
        details: { sslPolicy: null, unknownPolicy: true },
        remediationTarget: targetSecurityPolicy(listener.loadBalancerType, false, tls),
      },
    );
  }
  const policy = context.tls.elbv2Policy(name);
  if (!policy) {
    return nonCompliant(`Policy ${name} is unknown, so ${aspect} cannot be verified.`, {
      details: { sslPolicy: name, unknownPolicy: true },
      remediationTarget: targetSecurityPolicy(listener.loadBalancerType, isFipsPolicyName(name), tls),
    });
  }
  return judge({
    policy,
    assessment: assessTlsPolicy(policy, tls, context.tls),
    target: targetSecurityPolicy(listener.loadBalancerType, policy.fips || isFipsPolicyName(name), tls),
  });
}
