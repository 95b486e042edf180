import type { ComplianceStatus, RuleMode, Severity } from '../model/evaluation.js';
import type { Resource, ResourceOfType, ResourceType } from '../model/resource.js';
import type { Policy } from '../policy/schema.js';
import type { TlsCatalog } from '../tls/catalog.js';

/** A threshold the rule reads from the policy file (never a constant in rule code). */
export interface RuleParameter {
  /** Dotted path in the policy file, e.g. "tls.minimumVersion". */
  policyPath: string;
  description: string;
}

interface RuleRemediation {
  /** What a person should do, in one or two sentences. */
  guidance: string;
  /** Action id the `remediate` mode takes; absent when the rule cannot remediate. */
  remediate?: string;
  /** Action id the `block` mode takes; absent when the rule cannot block. */
  block?: string;
}

interface RuleCompliance {
  /** AWS Security Hub (FSBP) control ids. */
  securityHub: string[];
  /** AWS Config managed rule identifiers (or peers' check ids). */
  configRules: string[];
  /** Framework controls: Well-Architected, NIST 800-53, PCI DSS. */
  frameworks: string[];
}

export interface RuleMetadata<T extends ResourceType = ResourceType> {
  /** Equals the file name. */
  id: string;
  /** Short, not starting with "Ensure". */
  title: string;
  /** Its family's ruleFamily ("dx"), which also starts the id. */
  family: string;
  resourceTypes: readonly T[];
  /** Base severity; an outcome may raise it with context. */
  severity: Severity;
  description: string;
  /** The risk: what an attacker or an outage gets if this is left as it is. */
  rationale: string;
  parameters: RuleParameter[];
  remediation: RuleRemediation;
  /** Mode used when the policy file does not name one for this rule. */
  defaultMode: RuleMode;
  references: string[];
  compliance: RuleCompliance;
}

export interface RuleContext {
  policy: Policy;
  /** The clock, pinned by --now in the CLI and by tests. */
  now: Date;
  tls: TlsCatalog;
}

export interface RuleOutcome {
  status: ComplianceStatus;
  reason: string;
  /** Overrides the metadata severity when context makes it worse (or milder). */
  severity?: Severity;
  details?: Record<string, unknown>;
  /** The configuration remediation would set (target security policy, encryption mode, ...). */
  remediationTarget?: string;
  /** NON_COMPLIANT because a value the verdict depends on is missing or unknown: nothing is changed, only reported. */
  unverified?: boolean;
}

export interface Rule<T extends ResourceType = ResourceType> {
  metadata: RuleMetadata<T>;
  evaluate(resource: ResourceOfType<T>, context: RuleContext): RuleOutcome;
}

/** The catalog holds rules of different resource types; this erases T safely behind a type check. */
export interface AnyRule {
  metadata: RuleMetadata;
  appliesTo(resource: Resource): boolean;
  evaluate(resource: Resource, context: RuleContext): RuleOutcome;
}

export function defineRule<T extends ResourceType>(rule: Rule<T>): AnyRule {
  const types: readonly ResourceType[] = rule.metadata.resourceTypes;
  const appliesTo = (resource: Resource): boolean => types.includes(resource.resourceType);
  return {
    metadata: rule.metadata as RuleMetadata,
    appliesTo,
    evaluate(resource, context) {
      if (!appliesTo(resource)) {
        throw new TypeError(`Rule ${rule.metadata.id} does not apply to ${resource.resourceType}`);
      }
      return rule.evaluate(resource as ResourceOfType<T>, context);
    },
  };
}

export const compliant = (reason: string, details?: Record<string, unknown>): RuleOutcome => ({
  status: 'COMPLIANT',
  reason,
  ...(details ? { details } : {}),
});

export const notApplicable = (reason: string): RuleOutcome => ({ status: 'NOT_APPLICABLE', reason });

export const nonCompliant = (
  reason: string,
  extra: Omit<RuleOutcome, 'status' | 'reason'> = {},
): RuleOutcome => ({ status: 'NON_COMPLIANT', reason, ...extra });

/**
 * NON_COMPLIANT because what the rule judges cannot be verified (a missing or unknown value): an unknown is
 * never a pass, and never acted on either.
 */
export const cannotVerify = (
  reason: string,
  details: Record<string, unknown>,
  extra: Omit<RuleOutcome, 'status' | 'reason' | 'details' | 'unverified'> = {},
): RuleOutcome => ({ status: 'NON_COMPLIANT', reason, details, ...extra, unverified: true });

export const SEC09_FRAMEWORKS = [
  'AWS Well-Architected SEC09-BP02',
  'NIST 800-53 SC-8',
  'NIST 800-53 SC-13',
  'PCI DSS v4.0 4.2.1',
];
