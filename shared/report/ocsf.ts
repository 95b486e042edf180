import type { Severity } from '../model/evaluation.js';
import type { AnyRule } from '../rules/rule.js';
import type { Report, ReportEvaluation } from './report.js';
import { redactSecrets } from './slack/message.js';

/**
 * OCSF 1.1.0 Compliance Finding (class 2003, category Findings 2): the event class and the objects it uses as
 * https://github.com/ocsf/ocsf-schema/tree/v1.1.0 defines them (events/findings/compliance_finding.json,
 * finding.json, base_event.json; objects/compliance.json, finding_info.json, resource_details.json,
 * remediation.json, cloud.json, account.json, metadata.json, product.json).
 */
const OCSF_VERSION = '1.1.0';
const CLASS_UID = 2003;
const CATEGORY_UID = 2;
/**
 * activity_id of a finding (events/findings/finding.json): 1 Create, 2 Update, 3 Close. The CLI reports what it
 * finds (Create); the central stack says what happened to a finding it already had. type_uid = class_uid * 100 +
 * activity_id.
 */
const ACTIVITY = {
  create: { id: 1, name: 'Create' },
  update: { id: 2, name: 'Update' },
  close: { id: 3, name: 'Close' },
};

/** severity_id: 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical (dictionary.json). */
const SEVERITY_ID: Record<Severity, { id: number; name: string }> = {
  info: { id: 1, name: 'Informational' },
  low: { id: 2, name: 'Low' },
  medium: { id: 3, name: 'Medium' },
  high: { id: 4, name: 'High' },
  critical: { id: 5, name: 'Critical' },
};

/** A Compliance Finding event, as far as transit-guard fills it (the Security Lake export writes it as Parquet). */
export interface OcsfComplianceFinding {
  activity_id: number;
  activity_name: string;
  category_uid: number;
  category_name: string;
  class_uid: number;
  class_name: string;
  type_uid: number;
  type_name: string;
  /** Milliseconds since the epoch (timestamp_t). */
  time: number;
  severity_id: number;
  severity: string;
  /** Finding status_id: 1 New (NON_COMPLIANT), 4 Resolved (COMPLIANT). */
  status_id: number;
  status: string;
  message: string;
  metadata: { version: string; product: { name: string; vendor_name: string; version?: string } };
  finding_info: { uid: string; title: string; desc: string; types: string[] };
  compliance: {
    control: string;
    standards: string[];
    requirements?: string[];
    /** 1 Pass, 3 Fail (objects/compliance.json). */
    status_id: number;
    status: string;
  };
  resource: { uid: string; type: string; name?: string; region?: string; cloud_partition?: string };
  cloud: { provider: 'AWS'; region?: string; account?: { uid: string; type_id: number; type: string } };
  remediation?: { desc: string; references?: string[] };
  unmapped?: Record<string, unknown>;
}

export interface OcsfOptions {
  /** metadata.product.version. */
  version?: string;
  /** The finding activity; default create. */
  activity?: keyof typeof ACTIVITY;
}

/** The partition an ARN names (aws, aws-cn, aws-us-gov); undefined for a plain id. */
export function arnPartition(resourceId: string): string | undefined {
  return /^arn:(aws[a-z-]*):/.exec(resourceId)?.[1];
}

/**
 * One judged evaluation as a Compliance Finding event at `time` (ms since the epoch): what the CLI's report and
 * the central stack's Security Lake export (shared/org/security-lake.ts) both write.
 */
export function ocsfFinding(
  evaluation: ReportEvaluation,
  rule: AnyRule | undefined,
  time: number,
  options: OcsfOptions = {},
): OcsfComplianceFinding {
  const failed = evaluation.status === 'NON_COMPLIANT';
  const activity = ACTIVITY[options.activity ?? 'create'];
  const severity = SEVERITY_ID[evaluation.severity];
  const partition = arnPartition(evaluation.resourceId);
  const m = rule?.metadata;
  const finding: OcsfComplianceFinding = {
    activity_id: activity.id,
    activity_name: activity.name,
    category_uid: CATEGORY_UID,
    category_name: 'Findings',
    class_uid: CLASS_UID,
    class_name: 'Compliance Finding',
    type_uid: CLASS_UID * 100 + activity.id,
    type_name: `Compliance Finding: ${activity.name}`,
    time,
    severity_id: severity.id,
    severity: severity.name,
    status_id: failed ? 1 : 4,
    status: failed ? 'New' : 'Resolved',
    message: evaluation.reason,
    metadata: {
      version: OCSF_VERSION,
      product: {
        name: 'transit-guard',
        vendor_name: 'transit-guard',
        ...(options.version ? { version: options.version } : {}),
      },
    },
    finding_info: {
      uid: evaluation.findingId,
      title: m?.title ?? evaluation.ruleId,
      desc: evaluation.reason,
      types: ['Encryption in transit'],
    },
    compliance: {
      control: evaluation.ruleId,
      standards: m?.compliance.frameworks ?? [],
      ...(m && m.compliance.securityHub.length > 0
        ? { requirements: m.compliance.securityHub.map((control) => `AWS Security Hub ${control}`) }
        : {}),
      status_id: failed ? 3 : 1,
      status: failed ? 'Fail' : 'Pass',
    },
    resource: {
      uid: evaluation.resourceId,
      type: evaluation.resourceType,
      ...(evaluation.resourceName ? { name: evaluation.resourceName } : {}),
      ...(evaluation.region ? { region: evaluation.region } : {}),
      ...(partition ? { cloud_partition: partition } : {}),
    },
    cloud: {
      provider: 'AWS',
      ...(evaluation.region ? { region: evaluation.region } : {}),
      ...(evaluation.accountId
        ? { account: { uid: evaluation.accountId, type_id: 10, type: 'AWS Account' } }
        : {}),
    },
    ...(m ? { remediation: { desc: m.remediation.guidance, references: [...m.references] } } : {}),
    // The response's calls are API inputs (a plan built from a described configuration can carry its secrets):
    // blanked as in Slack, since these events go to Security Lake and the OCSF report.
    ...(evaluation.response ? { unmapped: { response: redactSecrets(evaluation.response) } } : {}),
  };
  return finding;
}

/**
 * The report's judged evaluations (COMPLIANT and NON_COMPLIANT; NOT_APPLICABLE ones judge nothing) as OCSF
 * Compliance Finding events, in report order.
 * @internal Tests read the events as objects; the Security Hub export (issue #17) is to import them.
 */
export function ocsfFindings(
  report: Report,
  rules: readonly AnyRule[],
  options: OcsfOptions = {},
): OcsfComplianceFinding[] {
  const catalog = new Map(rules.map((rule) => [rule.metadata.id, rule]));
  const time = Date.parse(report.evaluatedAt);
  return report.evaluations
    .filter((evaluation) => evaluation.status !== 'NOT_APPLICABLE')
    .map((evaluation) => ocsfFinding(evaluation, catalog.get(evaluation.ruleId), time, options));
}

/** `--format ocsf`: the events as a JSON array. */
export function renderOcsf(report: Report, rules: readonly AnyRule[], options: OcsfOptions = {}): string {
  return `${JSON.stringify(ocsfFindings(report, rules, options), null, 2)}\n`;
}
