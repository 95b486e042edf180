import type { ResourceType } from './resource.js';

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

const COMPLIANCE_STATUSES = ['COMPLIANT', 'NON_COMPLIANT', 'NOT_APPLICABLE'] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];

export const RULE_MODES = ['off', 'notify', 'remediate', 'block'] as const;
export type RuleMode = (typeof RULE_MODES)[number];

/**
 * What the plan comes to: `planned` (calls will be made), `dry-run` (calls planned, none made), `notify`
 * (a finding only), `exempt` (an exemption covers the resource), `skipped` (nothing to do, or the loop guard).
 */
const RESPONSE_STATUSES = ['planned', 'dry-run', 'skipped', 'exempt', 'notify'] as const;
type ResponseStatus = (typeof RESPONSE_STATUSES)[number];

/** One write API call a remediation makes, with its exact input, so CLI, Slack and dry runs can show it. */
export interface RemediationCall {
  /** The AWS service the call goes to (the SDK client that makes it), as its family's command table names it. */
  service: string;
  /** The API operation, e.g. "ModifyListener". */
  command: string;
  /** The request exactly as the SDK command takes it. Never contains secrets. */
  input: Record<string, unknown>;
}

/** The exemption that applies (or applied until it expired) to the resource for this rule. */
export interface ResponseExemption {
  /** The policy file's `exemptions`, or the resource's `transit-guard:exempt` tag. */
  source: 'policy' | 'tag';
  rules: 'all' | string[];
  reason: string;
  /** As written: an ISO date (valid through that day, UTC) or date-time. */
  expires: string;
  expired: boolean;
}

/** What transit-guard would do (or did) about a NON_COMPLIANT evaluation. */
export interface ResponsePlan {
  mode: RuleMode;
  /** Remediation or block action id (e.g. "set-ssl-policy"); absent when only notifying. */
  action?: string;
  /** The configuration the action would set (target policy, encryption mode, ...). */
  target?: string;
  /** Why no action is taken where one could be (dry run, exemption, no HTTPS listener, ...). */
  note?: string;
  status?: ResponseStatus;
  /** The write calls, in order; present when status is `planned` or `dry-run`. */
  calls?: RemediationCall[];
  exemption?: ResponseExemption;
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
