/** Which SSL negotiation policy a classic listener negotiates, and what it allows, for the ELB rules. */
import type { ResolvedTlsPolicy, TlsCatalog } from '../../../tls/catalog.js';
import { isCipherAttribute } from '../../../tls/ciphers.js';
import { classicPolicyFromAttributes } from '../../../tls/classic.js';
import { normalizeTlsVersion } from '../../../tls/versions.js';
import type { ClassicListener, ClassicLoadBalancer, ClassicPolicy } from '../model.js';

export type ClassicPolicyResolution =
  | { kind: 'resolved'; policy: ResolvedTlsPolicy }
  | { kind: 'unknown'; policyName?: string; why: string };

const hasExplicitSettings = (policy: ClassicPolicy) =>
  policy.attributes.some(({ name }) => /^Protocol-/i.test(name) || isCipherAttribute(name));

const isNegotiationPolicy = (policy: ClassicPolicy) =>
  policy.policyTypeName === 'SSLNegotiationPolicyType' ||
  policy.attributes.some(({ name }) => /^(Protocol-|Reference-Security-Policy$)/i.test(name));

/** An attribute name as a reason shows it: quoted when blanks would hide in it. */
const shownName = (name: string) => (/^\S+$/.test(name) ? name : JSON.stringify(name));

/**
 * Why the policy's attributes cannot be read, or undefined when they can: a flag that is neither true nor
 * false, or an enabled protocol or cipher the catalog does not know. Either would otherwise be read as
 * "disabled", and a weak policy would pass.
 */
function unreadableAttribute(policy: ClassicPolicy, catalog: TlsCatalog): string | undefined {
  for (const { name, value } of policy.attributes) {
    if (/^Reference-Security-Policy$/i.test(name)) continue;
    const flag = value.trim().toLowerCase();
    if (flag !== 'true' && flag !== 'false') {
      return `its attribute ${shownName(name)} has the value ${JSON.stringify(value)}, neither true nor false`;
    }
    if (flag === 'false' || /^Server-Defined-Cipher-Order$/i.test(name)) continue;
    if (/^Protocol-/i.test(name)) {
      if (!normalizeTlsVersion(name)) {
        return `its attribute ${shownName(name)} enables a protocol transit-guard does not know`;
      }
    } else if (!catalog.classifyCipher(name).known) {
      return `its attribute ${shownName(name)} enables a cipher transit-guard does not know`;
    }
  }
  return undefined;
}

/** Resolves one of the load balancer's own policies, following Reference-Security-Policy when it is all there is. */
function resolveLocalPolicy(policy: ClassicPolicy, catalog: TlsCatalog): ClassicPolicyResolution {
  const unreadable = unreadableAttribute(policy, catalog);
  if (unreadable) return { kind: 'unknown', policyName: policy.policyName, why: unreadable };
  const resolved = classicPolicyFromAttributes(policy.policyName, policy.attributes);
  if (hasExplicitSettings(policy)) return { kind: 'resolved', policy: resolved };
  if (resolved.reference) {
    const referenced = catalog.classicPolicy(resolved.reference);
    if (referenced)
      return {
        kind: 'resolved',
        policy: { ...referenced, name: policy.policyName, reference: resolved.reference },
      };
    return {
      kind: 'unknown',
      policyName: policy.policyName,
      why: `it references ${resolved.reference}, a security policy whose protocols and ciphers are not known`,
    };
  }
  return {
    kind: 'unknown',
    policyName: policy.policyName,
    why: 'its attributes enable no protocol or cipher',
  };
}

/**
 * Finds what an HTTPS/SSL listener of a classic load balancer negotiates: its SSL negotiation policy
 * (one of the listener's PolicyNames), from the load balancer's own policy attributes when the input has
 * them, else from the predefined policy of that name. Anything else is unknown, never assumed strong.
 */
export function resolveClassicListenerPolicy(
  lb: ClassicLoadBalancer,
  listener: ClassicListener,
  catalog: TlsCatalog,
): ClassicPolicyResolution {
  const local = new Map(lb.policies.map((policy) => [policy.policyName, policy]));
  for (const policyName of listener.policyNames) {
    const policy = local.get(policyName);
    if (policy && isNegotiationPolicy(policy)) return resolveLocalPolicy(policy, catalog);
  }
  for (const policyName of listener.policyNames) {
    const predefined = catalog.classicPolicy(policyName);
    if (predefined) return { kind: 'resolved', policy: predefined };
  }
  const named = listener.policyNames.filter((name) => !local.has(name));
  if (named.length > 0) {
    return {
      kind: 'unknown',
      policyName: named[0],
      why: `the attributes of ${named.join(', ')} are not in the input and it is not a predefined security policy`,
    };
  }
  return { kind: 'unknown', why: 'the listener names no SSL negotiation policy in the input' };
}
