import { capitalize } from '../../../model/words.js';
import type { RuleContext } from '../../../rules/rule.js';
import { assessTlsPolicy, type TlsPolicyAssessment } from '../../../tls/index.js';
import { classicListenerLabel, isClassicTlsListener, isKnownClassicProtocol } from '../listener.js';
import type { ClassicListener, ClassicLoadBalancer } from '../model.js';
import { type ClassicPolicyResolution, resolveClassicListenerPolicy } from './negotiation-policy.js';

/** What remediation sets on a classic listener: no predefined classic policy is AEAD-only. */
export const CLASSIC_REMEDIATION_TARGET = 'custom negotiation policy';

/** Why a listener whose protocol is not known cannot be verified. */
function unknownProtocolWhy(listener: ClassicListener): string {
  return `its protocol ${JSON.stringify(listener.protocol)} is not a Classic Load Balancer listener protocol`;
}

export type ClassicTlsListenerCheck = { label: string } & (
  | {
      kind: 'resolved';
      policyName: string;
      reference?: string;
      assessment: TlsPolicyAssessment;
      /** Whether the policy offers hybrid post-quantum key exchange (classic: never, no TLS 1.3); undefined: unknown. */
      postQuantum?: boolean;
    }
  | { kind: 'unknown'; policyName?: string; why: string }
);

function check(
  listener: ClassicListener,
  resolution: ClassicPolicyResolution,
  context: RuleContext,
): ClassicTlsListenerCheck {
  const label = classicListenerLabel(listener);
  if (resolution.kind === 'unknown') {
    return { ...resolution, label };
  }
  const { policy } = resolution;
  return {
    kind: 'resolved',
    label,
    policyName: policy.name,
    ...(policy.reference ? { reference: policy.reference } : {}),
    assessment: assessTlsPolicy(policy, context.policy.tls, context.tls),
    ...(policy.postQuantum === undefined ? {} : { postQuantum: policy.postQuantum }),
  };
}

/**
 * Whether the load balancer's TLS listeners offer hybrid post-quantum key exchange: false when one does not,
 * true when all do, undefined when that cannot be told (a listener unknown, or none).
 */
export function classicPostQuantum(checks: readonly ClassicTlsListenerCheck[]): boolean | undefined {
  const values = checks.map((check) => (check.kind === 'resolved' ? check.postQuantum : undefined));
  if (values.includes(false)) return false;
  return values.length > 0 && values.every((value) => value === true) ? true : undefined;
}

/**
 * Resolves and assesses the negotiation policy of every HTTPS/SSL listener of the load balancer; a listener
 * whose protocol is unknown might terminate TLS, so it is a check that cannot be verified.
 */
export function checkClassicTlsListeners(
  lb: ClassicLoadBalancer,
  context: RuleContext,
): ClassicTlsListenerCheck[] {
  return lb.listeners.flatMap((listener): ClassicTlsListenerCheck[] => {
    if (!isKnownClassicProtocol(listener)) {
      return [{ kind: 'unknown', label: classicListenerLabel(listener), why: unknownProtocolWhy(listener) }];
    }
    if (!isClassicTlsListener(listener)) return [];
    return [check(listener, resolveClassicListenerPolicy(lb, listener, context.tls), context)];
  });
}

type ResolvedCheck = Extract<ClassicTlsListenerCheck, { kind: 'resolved' }>;

/** One failing listener: a clause for the reason and an entry for the details. */
export interface ListenerFailure {
  text: string;
  details: Record<string, unknown>;
}

/**
 * The failing listeners among `checks`: a listener whose policy cannot be verified always fails
 * (unknown is never compliant); `judge` decides for the resolved ones.
 */
export function classicListenerFailures(
  checks: readonly ClassicTlsListenerCheck[],
  judge: (check: ResolvedCheck) => ListenerFailure | undefined,
): ListenerFailure[] {
  return checks.flatMap((check) => {
    if (check.kind === 'resolved') return judge(check) ?? [];
    const policy = check.policyName ? ` (policy ${check.policyName})` : '';
    return {
      text: `listener ${check.label}${policy} cannot be verified: ${check.why}`,
      details: {
        listener: check.label,
        policyName: check.policyName ?? null,
        unknownPolicy: true,
        why: check.why,
      },
    };
  });
}

/** The details entry of a resolved listener, with the facts the rule found appended. */
export function resolvedDetails(
  check: ResolvedCheck,
  facts: Record<string, unknown>,
): Record<string, unknown> {
  return {
    listener: check.label,
    policyName: check.policyName,
    ...(check.reference ? { reference: check.reference } : {}),
    ...facts,
  };
}

/** "Listener A ...; listener B ..." with the first letter raised. */
export function sentence(parts: readonly string[]): string {
  return capitalize(parts.join('; '));
}
