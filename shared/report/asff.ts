import type { Severity } from '../model/evaluation.js';
import { familyOf } from '../model/resource.js';
import type { AnyRule } from '../rules/rule.js';
import { arnPartition } from './ocsf.js';
import type { Report, ReportEvaluation } from './report.js';

/**
 * AWS Security Finding Format, as BatchImportFindings takes it: the required top-level attributes of
 * https://docs.aws.amazon.com/securityhub/latest/userguide/asff-required-attributes.html and the optional ones
 * of https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsSecurityFinding.html that transit-guard
 * knows. Limits from https://docs.aws.amazon.com/securityhub/latest/partnerguide/guidelines-asff-mapping.html.
 */
const SCHEMA_VERSION = '2018-10-08';
const TITLE_MAX = 256;
const DESCRIPTION_MAX = 1024;
/** Remediation.Recommendation.Text is at most 512 characters (API_Recommendation). */
const RECOMMENDATION_MAX = 512;

type SeverityLabel = 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
const LABEL: Record<Severity, SeverityLabel> = {
  info: 'INFORMATIONAL',
  low: 'LOW',
  medium: 'MEDIUM',
  high: 'HIGH',
  critical: 'CRITICAL',
};

/** The ASFF type of a resource type: its family's (report.asffResourceTypes), else "Other", which ASFF allows for any. */
const asffType = (resourceType: string) =>
  familyOf(resourceType)?.report.asffResourceTypes?.[resourceType] ?? 'Other';

/** One finding as BatchImportFindings takes it (the organization export, shared/org/security-hub.ts, imports them). */
export interface AsffFinding {
  SchemaVersion: typeof SCHEMA_VERSION;
  Id: string;
  ProductArn: string;
  GeneratorId: string;
  AwsAccountId: string;
  Region: string;
  Types: string[];
  CreatedAt: string;
  UpdatedAt: string;
  Severity: { Label: SeverityLabel; Original: Severity };
  Title: string;
  Description: string;
  Remediation?: { Recommendation: { Text: string; Url?: string } };
  ProductFields: Record<string, string>;
  Resources: { Type: string; Id: string; Partition: string; Region: string }[];
  Compliance: { Status: 'PASSED' | 'FAILED'; RelatedRequirements?: string[] };
  Workflow: { Status: 'NEW' | 'RESOLVED' };
  /** ACTIVE from the CLI; the Security Hub export archives a finding once it passes (shared/org/security-hub.ts). */
  RecordState: 'ACTIVE' | 'ARCHIVED';
}

export interface AsffOptions {
  /** For evaluations whose input names no account (a VPN describe output): the account they belong to. */
  accountId?: string;
  /** For evaluations whose input names no region; also the region of the default ProductArn. */
  region?: string;
  /**
   * The product the findings are imported as; default: the account's own custom-integration product,
   * arn:aws:securityhub:<region>:<account>:product/<account>/default.
   */
  productArn?: string;
}

const cut = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** A finding ASFF cannot carry without an account or a region, named with the field it lacks. */
export class AsffInputError extends Error {}

/** One judged evaluation as an ASFF finding (what asffFindings maps each one to; the organization export too). */
export function asffFinding(
  evaluation: ReportEvaluation,
  rule: AnyRule | undefined,
  evaluatedAt: string,
  options: AsffOptions,
): AsffFinding {
  const accountId = evaluation.accountId ?? options.accountId;
  const region = evaluation.region ?? options.region;
  if (accountId === undefined || region === undefined) {
    const field = accountId === undefined ? 'accountId' : 'region';
    throw new AsffInputError(
      `ASFF: finding ${evaluation.findingId} has no ${field}, which every ASFF finding needs; give the ${field === 'accountId' ? 'account' : 'region'} it belongs to`,
    );
  }
  const failed = evaluation.status === 'NON_COMPLIANT';
  const m = rule?.metadata;
  // The framework controls, then the Security Hub controls that check the same thing (not this finding's own).
  const requirements = m
    ? [
        ...m.compliance.frameworks,
        ...m.compliance.securityHub.map((control) => `AWS Security Hub ${control}`),
      ]
    : [];
  const productArn =
    options.productArn ?? `arn:aws:securityhub:${region}:${accountId}:product/${accountId}/default`;
  return {
    SchemaVersion: SCHEMA_VERSION,
    // Stable: the same account, region, rule and resource always give the same Id, so a re-import updates it.
    Id: `transit-guard/${accountId}/${region}/${evaluation.findingId}`,
    ProductArn: productArn,
    GeneratorId: `transit-guard/${evaluation.ruleId}`,
    AwsAccountId: accountId,
    Region: region,
    Types: ['Software and Configuration Checks/AWS Security Best Practices/Encryption in Transit'],
    CreatedAt: evaluatedAt,
    UpdatedAt: evaluatedAt,
    Severity: { Label: LABEL[evaluation.severity], Original: evaluation.severity },
    Title: cut(
      `${m?.title ?? evaluation.ruleId}: ${evaluation.resourceName ?? evaluation.resourceId}`,
      TITLE_MAX,
    ),
    Description: cut(evaluation.reason, DESCRIPTION_MAX),
    ...(m
      ? {
          Remediation: {
            Recommendation: {
              Text: cut(m.remediation.guidance, RECOMMENDATION_MAX),
              ...(m.references[0] ? { Url: m.references[0] } : {}),
            },
          },
        }
      : {}),
    ProductFields: {
      'transit-guard/findingId': evaluation.findingId,
      'transit-guard/ruleId': evaluation.ruleId,
      ...(evaluation.response
        ? { 'transit-guard/response': evaluation.response.status ?? evaluation.response.mode }
        : {}),
    },
    Resources: [
      {
        Type: asffType(evaluation.resourceType),
        Id: evaluation.resourceId,
        Partition: arnPartition(evaluation.resourceId) ?? 'aws',
        Region: region,
      },
    ],
    Compliance: {
      Status: failed ? 'FAILED' : 'PASSED',
      ...(requirements.length > 0 ? { RelatedRequirements: requirements } : {}),
    },
    // A passed check resolves the finding of an earlier failed one with the same Id.
    Workflow: { Status: failed ? 'NEW' : 'RESOLVED' },
    RecordState: 'ACTIVE',
  };
}

/**
 * The report's judged evaluations (COMPLIANT and NON_COMPLIANT; NOT_APPLICABLE ones judge nothing) as ASFF
 * findings, in report order. Throws AsffInputError for an evaluation without account or region (options give
 * them): an ASFF finding cannot lack them, and guessing one would file the finding in the wrong account.
 * @internal Tests read the findings as objects; the Security Hub export (issue #17) is to import them.
 */
export function asffFindings(
  report: Report,
  rules: readonly AnyRule[],
  options: AsffOptions = {},
): AsffFinding[] {
  const catalog = new Map(rules.map((rule) => [rule.metadata.id, rule]));
  return report.evaluations
    .filter((evaluation) => evaluation.status !== 'NOT_APPLICABLE')
    .map((evaluation) =>
      asffFinding(evaluation, catalog.get(evaluation.ruleId), report.evaluatedAt, options),
    );
}

/**
 * `--format asff`: the findings as a JSON array, what `aws securityhub batch-import-findings --findings
 * file://...` reads (BatchImportFindings takes at most 100 per call: split larger arrays).
 */
export function renderAsff(report: Report, rules: readonly AnyRule[], options: AsffOptions = {}): string {
  return `${JSON.stringify(asffFindings(report, rules, options), null, 2)}\n`;
}
