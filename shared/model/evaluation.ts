import type { ResourceType } from './resource.js';

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function maxSeverity(a: Severity, b: Severity): Severity {
  return severityRank(a) >= severityRank(b) ? a : b;
}

export const COMPLIANCE_STATUSES = ['COMPLIANT', 'NON_COMPLIANT', 'NOT_APPLICABLE'] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];

export const RULE_MODES = ['off', 'notify', 'remediate', 'block'] as const;
export type RuleMode = (typeof RULE_MODES)[number];

/** What transit-guard would do (or did) about a NON_COMPLIANT evaluation. */
export interface ResponsePlan {
  mode: RuleMode;
  /** Remediation or block action id (e.g. "set-ssl-policy"); absent when only notifying. */
  action?: string;
  /** The configuration the action would set (target policy, encryption mode, ...). */
  target?: string;
  /** Why no action is taken where one could be (dry run, exemption, no HTTPS listener, ...). */
  note?: string;
}

export interface Evaluation {
  ruleId: string;
  status: ComplianceStatus;
  severity: Severity;
  resourceType: ResourceType;
  resourceId: string;
  resourceName?: string;
  accountId?: string;
  region?: string;
  /** One or two sentences, written for a person; never contains secrets. */
  reason: string;
  /** Structured facts behind the verdict (protocols, weak ciphers, tunnel, days to expiry, ...). */
  details?: Record<string, unknown>;
  response?: ResponsePlan;
}
