import type { Location, Log, Notification, ReportingDescriptor, Result, Run } from 'sarif';
import { type Severity, severityRank } from '../model/evaluation.js';
import type { AnyRule } from '../rules/rule.js';
import type { Report, ReportEvaluation } from './report.js';

/** The schema the log names: the OASIS SARIF 2.1.0 schema, vendored for the tests in test/fixtures/schemas/. */
const SARIF_SCHEMA =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/**
 * GitHub code scanning rejects a run of more than this many results (and shows the 5,000 most severe):
 * https://docs.github.com/en/code-security/code-scanning/troubleshooting-sarif-uploads/results-exceed-limit.
 * @internal Tests build a report just above it.
 */
export const MAX_SARIF_RESULTS = 25_000;

/** The partialFingerprints key: versioned, so that a change of what it hashes cannot match older alerts. */
const FINGERPRINT = 'transitGuardFinding/v1';

type SarifLevel = 'error' | 'warning' | 'note';

/** @internal Unit-tested directly: the SARIF level of each severity. */
export function sarifLevel(severity: Severity): SarifLevel {
  if (severity === 'critical' || severity === 'high') return 'error';
  if (severity === 'medium') return 'warning';
  return 'note';
}

/** GitHub code scanning reads `security-severity` as CVSS-like bands: 9+ critical, 7+ high, 4+ medium, >0 low. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

export interface SarifOptions {
  /** tool.driver.version. */
  version?: string;
  /**
   * The category of runAutomationDetails.id (`<category>/<evaluatedAt>`): GitHub replaces the alerts of an
   * earlier upload of the same category, so `evaluate` of one repository and `scan` of an account can be told
   * apart (default "transit-guard").
   */
  category?: string;
}

/** The driver rule's id for a result of `ruleId` at `severity`: the rule itself, or its per-severity variant. */
function variantId(rule: AnyRule | undefined, ruleId: string, severity: Severity): string {
  return rule === undefined || rule.metadata.severity === severity ? ruleId : `${ruleId}/${severity}`;
}

/**
 * A rule as a SARIF reporting descriptor. GitHub shows a result with the `security-severity` of the rule it
 * references, not its own: a result whose severity differs from the rule's (an expiring certificate becomes
 * critical once expired) references a variant of the rule, `<ruleId>/<severity>`, that differs only in severity.
 */
function descriptor(rule: AnyRule, severity: Severity = rule.metadata.severity): ReportingDescriptor {
  const m = rule.metadata;
  const variant = severity !== m.severity;
  const fix = `Fix: ${m.remediation.guidance}`;
  const risk = `Risk: ${m.rationale}`;
  const references = m.references.map((reference) => `- ${reference}`).join('\n');
  return {
    id: variant ? `${m.id}/${severity}` : m.id,
    name: m.id,
    shortDescription: { text: variant ? `${m.title} (${severity})` : m.title },
    fullDescription: { text: m.description },
    help: {
      text: `${fix}\n\n${risk}`,
      markdown: `**Fix:** ${m.remediation.guidance}\n\n**Risk:** ${m.rationale}${references ? `\n\n${references}` : ''}`,
    },
    ...(m.references[0] ? { helpUri: m.references[0] } : {}),
    defaultConfiguration: { level: sarifLevel(severity) },
    properties: {
      'security-severity': SECURITY_SEVERITY[severity],
      tags: ['security', 'encryption-in-transit', m.family, ...m.resourceTypes],
      precision: 'high',
      severity,
      compliance: m.compliance,
    },
  };
}

/**
 * A path as a URI reference: forward slashes, each segment percent-encoded, except that a colon stays readable
 * after the first segment (ARNs); in the first, it would read as a URI scheme.
 */
function fileUri(path: string): string {
  const slashed = path.replace(/\\/g, '/');
  const segments = slashed.split('/').map((segment, index) => {
    const encoded = encodeURIComponent(segment);
    return index === 0 ? encoded : encoded.replace(/%3A/g, ':');
  });
  // An absolute path is a file: URI; a relative one stays relative (to the repository root, for GitHub).
  return slashed.startsWith('/') ? `file://${segments.join('/')}` : segments.join('/');
}

/**
 * Where GitHub shows a result: the input file the resource was read from (evaluate, replay), else a stable
 * synthetic path `aws/<account>/<region>/<resource type>/<resource id>` (scan), "unknown" for a missing part.
 * The resource id keeps its own slashes (an ARN's resource path), each segment percent-encoded.
 * @internal Unit-tested directly: the location of a live resource.
 */
export function resultUri(evaluation: ReportEvaluation): string {
  if (evaluation.inputFile !== undefined) return fileUri(evaluation.inputFile);
  const parts = [
    'aws',
    evaluation.accountId ?? 'unknown',
    evaluation.region ?? 'unknown',
    evaluation.resourceType,
    evaluation.resourceId,
  ];
  return fileUri(parts.join('/'));
}

function location(evaluation: ReportEvaluation): Location {
  return {
    physicalLocation: { artifactLocation: { uri: resultUri(evaluation) }, region: { startLine: 1 } },
    logicalLocations: [
      {
        fullyQualifiedName: evaluation.resourceId,
        ...(evaluation.resourceName ? { name: evaluation.resourceName } : {}),
        kind: 'resource',
      },
    ],
  };
}

/**
 * The NON_COMPLIANT evaluations the log keeps: all of them, or when there are more than MAX_SARIF_RESULTS,
 * the worst first (report order within a severity), and how many of each severity were left out.
 */
function kept(report: Report): { findings: ReportEvaluation[]; omitted: Partial<Record<Severity, number>> } {
  const findings = report.evaluations.filter((evaluation) => evaluation.status === 'NON_COMPLIANT');
  if (findings.length <= MAX_SARIF_RESULTS) return { findings, omitted: {} };
  // Array.prototype.sort is stable: report order holds within a severity.
  const worstFirst = [...findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  const omitted: Partial<Record<Severity, number>> = {};
  for (const evaluation of worstFirst.slice(MAX_SARIF_RESULTS)) {
    omitted[evaluation.severity] = (omitted[evaluation.severity] ?? 0) + 1;
  }
  return { findings: worstFirst.slice(0, MAX_SARIF_RESULTS), omitted };
}

/**
 * SARIF 2.1.0 for GitHub code scanning: the rule catalog (and the per-severity variants the results need) as
 * the driver's rules, and one result per NON_COMPLIANT evaluation, located in its input file or at a synthetic
 * path (resultUri), with the finding id as its fingerprint. docs/report-formats.md describes the mapping.
 */
export function renderSarif(report: Report, rules: readonly AnyRule[], options: SarifOptions = {}): string {
  const { findings, omitted } = kept(report);
  const catalog = new Map(rules.map((rule) => [rule.metadata.id, rule]));
  const descriptors = rules.map((rule) => descriptor(rule));
  const ruleIndex = new Map(descriptors.map((d, index) => [d.id, index]));
  // The per-severity variants the results reference, in catalog order, each rule's from the worst severity down.
  const variants = new Map<string, { rule: AnyRule; severity: Severity }>();
  for (const evaluation of findings) {
    const rule = catalog.get(evaluation.ruleId);
    const id = variantId(rule, evaluation.ruleId, evaluation.severity);
    if (rule && id !== evaluation.ruleId) variants.set(id, { rule, severity: evaluation.severity });
  }
  const ordered = [...variants.values()].sort(
    (a, b) =>
      rules.indexOf(a.rule) - rules.indexOf(b.rule) || severityRank(b.severity) - severityRank(a.severity),
  );
  for (const { rule, severity } of ordered) {
    ruleIndex.set(`${rule.metadata.id}/${severity}`, descriptors.length);
    descriptors.push(descriptor(rule, severity));
  }

  const results: Result[] = findings.map((evaluation) => {
    const ruleId = variantId(catalog.get(evaluation.ruleId), evaluation.ruleId, evaluation.severity);
    const index = ruleIndex.get(ruleId);
    return {
      ruleId,
      ...(index === undefined ? {} : { ruleIndex: index }),
      level: sarifLevel(evaluation.severity),
      message: { text: evaluation.reason },
      locations: [location(evaluation)],
      partialFingerprints: { [FINGERPRINT]: evaluation.findingId },
      properties: {
        findingId: evaluation.findingId,
        rule: evaluation.ruleId,
        severity: evaluation.severity,
        'security-severity': SECURITY_SEVERITY[evaluation.severity],
        resourceType: evaluation.resourceType,
        ...(evaluation.accountId ? { accountId: evaluation.accountId } : {}),
        ...(evaluation.region ? { region: evaluation.region } : {}),
        ...(evaluation.response ? { response: evaluation.response } : {}),
      },
    };
  });

  const omittedCount = Object.values(omitted).reduce((sum, count) => sum + count, 0);
  const notifications: Notification[] = report.errors.map((error) => ({
    level: 'error',
    message: { text: `${error.source}: ${error.message}` },
  }));
  if (omittedCount > 0) {
    const bySeverity = Object.entries(omitted)
      .map(([severity, count]) => `${count} ${severity}`)
      .join(', ');
    notifications.push({
      level: 'warning',
      message: {
        text: `${omittedCount} of ${findings.length + omittedCount} results left out (${bySeverity}): GitHub code scanning takes at most ${MAX_SARIF_RESULTS} results per run; the worst were kept. The JSON report lists them all.`,
      },
    });
  }

  const run: Run = {
    tool: {
      driver: {
        name: 'transit-guard',
        ...(options.version ? { version: options.version } : {}),
        rules: descriptors,
      },
    },
    automationDetails: { id: `${options.category ?? 'transit-guard'}/${report.evaluatedAt}` },
    invocations: [
      {
        executionSuccessful: true,
        endTimeUtc: report.evaluatedAt,
        toolExecutionNotifications: notifications,
      },
    ],
    results,
    ...(omittedCount > 0
      ? { properties: { truncated: true, resultsOmitted: omittedCount, resultsOmittedBySeverity: omitted } }
      : {}),
  };
  const log: Log = { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
  return `${JSON.stringify(log, null, 2)}\n`;
}
