/**
 * The policy-check facet of a family (Family.policyChecks): what a family checks in the policy beyond what the
 * schema can (e.g. that the ELBv2 remediation target passes the policy's own rules). The policy check
 * (./check-policy.ts) iterates FAMILIES and runs each.
 */
import type { Policy } from '../policy/schema.js';
import type { AnyRule } from '../rules/rule.js';
import type { TlsCatalog } from '../tls/catalog.js';

/** A policy that parses but cannot work as written: the field and why. */
export interface PolicyProblem {
  /** Dotted path of the field, e.g. "tls.targetPolicy", "rules.elbv2-listener-tls-policy.mode". */
  path: string;
  message: string;
  /** The rule the problem is about, when there is one. */
  ruleId?: string;
}

export interface PolicyCheckContext {
  rules: readonly AnyRule[];
  tls: TlsCatalog;
}

/** The problems a family finds in the policy, in the order it reports them; none when the policy works. */
export type FamilyPolicyChecks = (policy: Policy, context: PolicyCheckContext) => PolicyProblem[];
