/**
 * The contract of a family module: everything transit-guard knows about one AWS family (its resource types,
 * rules, remediators, inputs, live reads, events, reports and deployment) behind one value. Core code iterates
 * the registry (./index.ts) and never names a family.
 */

import type { FamilyEvents } from '../events/family-events.js';
import type { FamilyDeployment } from '../infra/family-deployment.js';
import type { FamilyInputs } from '../inventory/family-inputs.js';
import type { FamilyLive } from '../inventory/live/family-live.js';
import type { Resource, ResourceType } from '../model/resource.js';
import type { FamilyReport } from '../report/family-report.js';
import type { CommandTable } from '../response/calls.js';
import type { Remediator } from '../response/types.js';
import type { AnyRule } from '../rules/rule.js';
import type { FamilyPolicyChecks } from '../usecase/family-policy-check.js';

export interface Family {
  /** The folder name under shared/families/ (elbv2, elb, vpn, ...). */
  id: string;
  /** How people name it: "Direct Connect". */
  label: string;
  /**
   * How its rules name it and start their ids: "dx". Output shows it (RuleMetadata.family in
   * `rules --format json`, SARIF tags).
   */
  ruleFamily: string;
  /** The AWS resource types the family owns (each owned by exactly one family). */
  resourceTypes: readonly ResourceType[];
  /** Its rules, in catalog order. */
  rules: readonly AnyRule[];
  /** Its remediators (the actions its rules name). */
  remediators: readonly Remediator[];
  /** How the reports show it: console links, the KPIs its rules count towards, what its resources are called. */
  report: FamilyReport;
  /** The input files it reads (describe outputs, AWS Config items) and how their records join. */
  inputs: FamilyInputs;
  /**
   * A global service's region (CloudFront: us-east-1): its API answers there and CloudTrail delivers its events
   * there only. Its resources live in that region whatever regions the stack covers; a stack elsewhere sees
   * its calls through a forwarding rule in that region (the `forwardedApiCalls` event pattern, docs/deploy.md).
   */
  globalRegion?: string;
  /** The CloudTrail calls, native events and Config item changes that name its resources. */
  events?: FamilyEvents;
  /** Its IAM statements, the services of its resources and its SCP statements. */
  deployment?: FamilyDeployment;
  /** Its live reads: APIs, read plan, documented rate limits, its SDK client. */
  live: FamilyLive;
  /** The write calls its remediators plan, by operation: service, IAM action, SDK command (commands.ts). */
  commands: CommandTable;
  /** What it checks in the policy beyond the schema (`transit-guard policy check`), e.g. its remediation targets. */
  policyChecks?: FamilyPolicyChecks;
  /** Other ids a policy exemption may name one of its resources by (a listener: its load balancer's ARN). */
  exemptionIds?(resource: Resource): readonly string[];
}
