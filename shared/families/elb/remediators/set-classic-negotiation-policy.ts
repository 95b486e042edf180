import { createHash } from 'node:crypto';
import type { PolicyAttribute } from '@aws-sdk/client-elastic-load-balancing';
import type { RemediationCall } from '../../../model/evaluation.js';
import type { Policy, TlsVersion } from '../../../policy/schema.js';
import { sdkCall } from '../../../response/calls.js';
import { defineRemediator } from '../../../response/remediator.js';
import classicData from '../../../tls/data/classic-policies.json' with { type: 'json' };
import {
  classifyCipher,
  compareTlsVersions,
  isCipherAttribute,
  normalizeTlsVersion,
} from '../../../tls/index.js';
import { ELB_COMMANDS } from '../commands.js';
import { classicListenerLabel, isClassicTlsListener } from '../listener.js';
import type { ClassicLoadBalancer } from '../model.js';

const NEGOTIATION_POLICY_TYPE = 'SSLNegotiationPolicyType';
const POLICY_PREFIX = 'transit-guard-tls-';

/** Every attribute name the bundled classic policies use, in their order: what classic negotiation supports. */
const CLASSIC_ATTRIBUTES = [
  ...new Set(
    classicData.PolicyDescriptions.flatMap((policy) =>
      policy.PolicyAttributeDescriptions.map((attribute) => attribute.AttributeName),
    ),
  ),
];

/** Protocols a classic load balancer can negotiate (no TLS 1.3), oldest first. */
const CLASSIC_PROTOCOLS = CLASSIC_ATTRIBUTES.flatMap((name) => {
  const version = /^Protocol-/i.test(name) ? normalizeTlsVersion(name) : undefined;
  return version ? [version] : [];
}).sort(compareTlsVersions);

const CLASSIC_CIPHERS = CLASSIC_ATTRIBUTES.filter(isCipherAttribute);

/**
 * The custom negotiation policy's attributes: each classic protocol on only when the policy allows it,
 * the server's cipher order, and only the classic ciphers in the allowed classes (unlisted ones are off).
 */
function negotiationAttributes(tls: Policy['tls']): PolicyAttribute[] | string {
  const allows = (version: TlsVersion) => compareTlsVersions(version, tls.minimumVersion) >= 0;
  const allowedClasses = new Set<string>(tls.allowedCipherClasses);
  const ciphers = CLASSIC_CIPHERS.filter((name) => allowedClasses.has(classifyCipher(name).cipherClass));
  // Hybrid ML-KEM key exchange needs TLS 1.3, which no classic negotiation policy has.
  if (tls.postQuantum === 'require') {
    return 'tls.postQuantum requires hybrid post-quantum key exchange, which needs TLS 1.3, and a classic load balancer negotiates at most TLSv1.2 (move to an Application or Network Load Balancer)';
  }
  if (!CLASSIC_PROTOCOLS.some(allows)) {
    return `a classic load balancer negotiates at most ${CLASSIC_PROTOCOLS.at(-1)}, below the minimum ${tls.minimumVersion}`;
  }
  if (ciphers.length === 0) {
    return `a classic load balancer offers no cipher in the allowed classes (${tls.allowedCipherClasses.join(', ')})`;
  }
  return [
    ...CLASSIC_PROTOCOLS.map((version) => ({
      AttributeName: `Protocol-${version}`,
      AttributeValue: String(allows(version)),
    })),
    { AttributeName: 'Server-Defined-Cipher-Order', AttributeValue: 'true' },
    ...ciphers.map((name) => ({ AttributeName: name, AttributeValue: 'true' })),
  ];
}

/**
 * Named after its content: the same settings always give the same name, so creating it twice is harmless.
 * @internal Unit-tested directly: the name is stable and changes with every attribute value.
 */
export function negotiationPolicyName(attributes: readonly PolicyAttribute[]): string {
  const content = attributes.map((a) => `${a.AttributeName}=${a.AttributeValue}`).join('\n');
  return `${POLICY_PREFIX}${createHash('sha256').update(content).digest('hex').slice(0, 12)}`;
}

/** The listeners the rule names as failing (details.failingListeners); every TLS listener if it names none. */
function failingListeners(lb: ClassicLoadBalancer, details: Record<string, unknown> | undefined) {
  const named = Array.isArray(details?.failingListeners)
    ? details.failingListeners.flatMap((entry: unknown) => {
        const name = (entry as { listener?: unknown } | null)?.listener;
        return typeof name === 'string' ? [name] : [];
      })
    : [];
  const tls = lb.listeners.filter(isClassicTlsListener);
  return named.length === 0 ? tls : tls.filter((listener) => named.includes(classicListenerLabel(listener)));
}

type PolicyKind = 'negotiation' | 'other' | 'unknown';

/** Predefined and console-made negotiation policies are recognised by name when their attributes are absent. */
const NEGOTIATION_NAME = /^(ELBSecurityPolicy-|ELBSample-)|SSLNegotiationPolicy/i;

function policyKind(lb: ClassicLoadBalancer, name: string): PolicyKind {
  const local = lb.policies.find((policy) => policy.policyName === name);
  if (local) {
    const negotiation =
      local.policyTypeName === NEGOTIATION_POLICY_TYPE ||
      local.attributes.some((a) => /^(Protocol-|Reference-Security-Policy$)/i.test(a.name));
    return negotiation ? 'negotiation' : local.policyTypeName ? 'other' : 'unknown';
  }
  return NEGOTIATION_NAME.test(name) ? 'negotiation' : 'unknown';
}

export const setClassicNegotiationPolicy = defineRemediator({
  id: 'set-classic-negotiation-policy',
  iamActions: [
    ELB_COMMANDS.CreateLoadBalancerPolicy.iamAction,
    ELB_COMMANDS.SetLoadBalancerPoliciesOfListener.iamAction,
  ],
  resourceTypes: ['AWS::ElasticLoadBalancing::LoadBalancer'],
  plan({ resource: lb, evaluation, policy }) {
    const attributes = negotiationAttributes(policy.tls);
    if (typeof attributes === 'string') {
      return { kind: 'refused', note: `no classic negotiation policy can meet the policy: ${attributes}` };
    }
    const listeners = failingListeners(lb, evaluation.details);
    if (listeners.length === 0) return { kind: 'refused', note: 'no HTTPS or SSL listener to change' };
    const policyName = negotiationPolicyName(attributes);

    const sets: RemediationCall[] = [];
    for (const listener of listeners) {
      const kinds = listener.policyNames.map((name) => ({ name, kind: policyKind(lb, name) }));
      const unknown = kinds.filter(({ kind }) => kind === 'unknown').map(({ name }) => name);
      if (unknown.length > 0) {
        return {
          kind: 'refused',
          note: `the type of policy ${unknown.join(', ')} on listener ${classicListenerLabel(listener)} is not in the input, so it cannot be kept or replaced safely`,
        };
      }
      // Keep the listener's other policies (stickiness, ...); replace only its negotiation policy.
      const kept = kinds
        .filter(({ kind, name }) => kind === 'other' && name !== policyName)
        .map(({ name }) => name);
      sets.push(
        sdkCall(ELB_COMMANDS, 'SetLoadBalancerPoliciesOfListener', {
          LoadBalancerName: lb.loadBalancerName,
          LoadBalancerPort: listener.loadBalancerPort,
          PolicyNames: [...kept, policyName],
        }),
      );
    }
    const exists = lb.policies.some((existing) => existing.policyName === policyName);
    const create = sdkCall(ELB_COMMANDS, 'CreateLoadBalancerPolicy', {
      LoadBalancerName: lb.loadBalancerName,
      PolicyName: policyName,
      PolicyTypeName: NEGOTIATION_POLICY_TYPE,
      PolicyAttributes: attributes,
    });
    return { kind: 'calls', calls: exists ? sets : [create, ...sets], target: policyName };
  },
});
