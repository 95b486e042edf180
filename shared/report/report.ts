import { type Evaluation, SEVERITIES, type Severity } from '../model/evaluation.js';
import type { Resource } from '../model/resource.js';
import { computeKpis, type Kpis } from './kpis.js';

/** A problem with one input (file, API call), as the JSON report lists it. */
export interface ReportError {
  source: string;
  message: string;
}

export interface ReportSummary {
  nonCompliant: number;
  compliant: number;
  notApplicable: number;
  /** NON_COMPLIANT evaluations by severity, every severity present (0 when none). */
  bySeverity: Record<Severity, number>;
  kpis: Kpis;
}

/** The `--format json` contract of DESIGN.md. */
export interface Report {
  /** ISO 8601. */
  evaluatedAt: string;
  /** How many resources were evaluated. */
  resources: number;
  evaluations: Evaluation[];
  errors: ReportError[];
  summary: ReportSummary;
}

export interface BuildReportInput {
  evaluatedAt: Date | string;
  /** The resources evaluated, or their count. */
  resources: readonly Resource[] | number;
  evaluations: readonly Evaluation[];
  errors: readonly ReportError[];
  /** The policy's certificates.expiryDays, which the certificate KPI is counted against (default 30). */
  certificateExpiryDays?: number;
}

/** Severities from the worst down: critical, high, medium, low, info. */
export const SEVERITIES_WORST_FIRST: readonly Severity[] = [...SEVERITIES].reverse();

export function buildReport(input: BuildReportInput): Report {
  const count = (status: Evaluation['status']) => input.evaluations.filter((e) => e.status === status).length;
  const bySeverity = Object.fromEntries(SEVERITIES_WORST_FIRST.map((severity) => [severity, 0])) as Record<
    Severity,
    number
  >;
  for (const evaluation of input.evaluations) {
    if (evaluation.status === 'NON_COMPLIANT') bySeverity[evaluation.severity]++;
  }
  return {
    evaluatedAt: new Date(input.evaluatedAt).toISOString(),
    resources: typeof input.resources === 'number' ? input.resources : input.resources.length,
    evaluations: [...input.evaluations],
    errors: input.errors.map(({ source, message }) => ({ source, message })),
    summary: {
      nonCompliant: count('NON_COMPLIANT'),
      compliant: count('COMPLIANT'),
      notApplicable: count('NOT_APPLICABLE'),
      bySeverity,
      kpis: computeKpis(input.evaluations, input.certificateExpiryDays ?? 30),
    },
  };
}

/** The exit code a report calls for: 1 when anything is NON_COMPLIANT, else 0. */
export function reportExitCode(report: Report): 0 | 1 {
  return report.summary.nonCompliant > 0 ? 1 : 0;
}
