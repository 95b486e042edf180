import { type Evaluation, SEVERITIES, type Severity } from '../model/evaluation.js';
import type { Resource } from '../model/resource.js';
import { type Policy, policySchema } from '../policy/schema.js';
import { KpiCounter, type Kpis } from './kpis.js';

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
  /** The policy the evaluations were judged by: the expiring KPIs count against its windows (default: the defaults). */
  policy?: Policy;
}

/** Severities from the worst down: critical, high, medium, low, info. */
export const SEVERITIES_WORST_FIRST: readonly Severity[] = [...SEVERITIES].reverse();

/**
 * The summary counted as evaluations come, without holding them: `add` one evaluation, or `addResource` the
 * evaluations of one resource. buildReport counts with it, and so does the streamed JSON writer (json.ts).
 */
export class SummaryCounter {
  private nonCompliant = 0;
  private compliant = 0;
  private notApplicable = 0;
  private readonly bySeverity = Object.fromEntries(
    SEVERITIES_WORST_FIRST.map((severity) => [severity, 0]),
  ) as Record<Severity, number>;
  private readonly kpis: KpiCounter;

  constructor(policy: Policy = policySchema.parse({})) {
    this.kpis = new KpiCounter(policy);
  }

  add(evaluation: Evaluation): void {
    this.count(evaluation);
    this.kpis.add(evaluation);
  }

  /** The evaluations of one resource (an evaluateResource result): all of the same resource type and id. */
  addResource(evaluations: readonly Evaluation[]): void {
    for (const evaluation of evaluations) this.count(evaluation);
    this.kpis.addResource(evaluations);
  }

  summary(): ReportSummary {
    return {
      nonCompliant: this.nonCompliant,
      compliant: this.compliant,
      notApplicable: this.notApplicable,
      bySeverity: { ...this.bySeverity },
      kpis: this.kpis.kpis(),
    };
  }

  private count(evaluation: Evaluation): void {
    if (evaluation.status === 'NON_COMPLIANT') {
      this.nonCompliant++;
      this.bySeverity[evaluation.severity]++;
    } else if (evaluation.status === 'COMPLIANT') this.compliant++;
    else if (evaluation.status === 'NOT_APPLICABLE') this.notApplicable++;
  }
}

/** The report's errors as the contract lists them: source and message, nothing else. */
export function reportErrors(errors: readonly ReportError[]): ReportError[] {
  return errors.map(({ source, message }) => ({ source, message }));
}

export function buildReport(input: BuildReportInput): Report {
  const counter = new SummaryCounter(input.policy);
  for (const evaluation of input.evaluations) counter.add(evaluation);
  return {
    evaluatedAt: new Date(input.evaluatedAt).toISOString(),
    resources: typeof input.resources === 'number' ? input.resources : input.resources.length,
    evaluations: [...input.evaluations],
    errors: reportErrors(input.errors),
    summary: counter.summary(),
  };
}
