import { createColors } from 'picocolors';
import type { Evaluation, ResponsePlan, Severity } from '../model/evaluation.js';
import { severityRank } from '../model/evaluation.js';
import { kpiDefinitions, type Share } from './kpis.js';
import { type Report, SEVERITIES_WORST_FIRST } from './report.js';

export interface TableOptions {
  /** ANSI colors; the CLI turns them on only for a TTY without NO_COLOR. */
  color: boolean;
}

type Colors = ReturnType<typeof createColors>;

/** Resource labels longer than this (ARNs) are not padded to: one long ARN should not push every reason right. */
const RESOURCE_COLUMN_MAX = 40;

function paintSeverity(colors: Colors, severity: Severity, text: string): string {
  switch (severity) {
    case 'critical':
    case 'high':
      return colors.red(text);
    case 'medium':
      return colors.yellow(text);
    case 'low':
      return colors.cyan(text);
    default:
      return colors.dim(text);
  }
}

/** The planner's dry-run note ("dry run: planned, not executed") shortened for one line. */
const shortNote = (note: string) => note.replace(/^dry run: planned, not executed/, 'dry run');

/**
 * What will happen, in one phrase: "remediate set-ssl-policy -> ELBSecurityPolicy-TLS13-1-2-Res-2021-06 (dry run)",
 * "notify (rule has no block action; notifying only)", "none (exempt until 2026-09-30 ...)".
 * The response column of the table report and of the HTML report.
 */
export function describeResponse(plan: ResponsePlan): string {
  const note = plan.note ? ` (${shortNote(plan.note)})` : '';
  if (plan.status === 'exempt' || plan.status === 'skipped') return `none${note}`;
  if (plan.status === 'notify') return `notify${note}`;
  const action = plan.action ? ` ${plan.action}` : '';
  const target = plan.target ? ` -> ${plan.target}` : '';
  return `${plan.mode}${action}${target}${note}`;
}

/** The resource as a person finds it: its name, with the id when the id is short enough to help. */
function resourceLabel(evaluation: Evaluation): string {
  const { resourceName: name, resourceId: id } = evaluation;
  if (!name || name === id) return id;
  return id.startsWith('arn:') ? name : `${name} (${id})`;
}

function byWorstFirst(a: Evaluation, b: Evaluation): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    a.ruleId.localeCompare(b.ruleId) ||
    resourceLabel(a).localeCompare(resourceLabel(b))
  );
}

function formatShare(value: Share): string {
  if (value.total === 0) return 'n/a (none evaluated)';
  return `${value.compliant}/${value.total} (${value.percent}%)`;
}

function findingLines(report: Report, colors: Colors): string[] {
  const findings = report.evaluations.filter((e) => e.status === 'NON_COMPLIANT').sort(byWorstFirst);
  if (findings.length === 0) return [colors.green('No non-compliant evaluations.')];
  const severityWidth = Math.max(...findings.map((e) => e.severity.length));
  const ruleWidth = Math.max(...findings.map((e) => e.ruleId.length));
  const resourceWidth = Math.min(
    RESOURCE_COLUMN_MAX,
    Math.max(...findings.map((e) => resourceLabel(e).length)),
  );
  return findings.map((evaluation) => {
    const severity = paintSeverity(
      colors,
      evaluation.severity,
      evaluation.severity.toUpperCase().padEnd(severityWidth),
    );
    const plan = evaluation.response
      ? `  ${colors.dim(`plan: ${describeResponse(evaluation.response)}`)}`
      : '';
    return `${severity}  ${evaluation.ruleId.padEnd(ruleWidth)}  ${colors.bold(resourceLabel(evaluation).padEnd(resourceWidth))}  ${evaluation.reason}${plan}`;
  });
}

function summaryLines(report: Report, colors: Colors): string[] {
  const { summary } = report;
  const kpis = summary.kpis;
  const resources = `${report.resources} ${report.resources === 1 ? 'resource' : 'resources'}`;
  const kpiRows: [string, string][] = [];
  for (const { kpi } of kpiDefinitions()) {
    const value = kpis[kpi.key];
    if (value === undefined) continue;
    if (kpi.kind === 'share' && 'total' in value) kpiRows.push([kpi.label, formatShare(value)]);
    else if (kpi.kind === 'expiring' && 'count' in value)
      kpiRows.push([kpi.label(value.withinDays), String(value.count)]);
  }
  const labelWidth = Math.max(...kpiRows.map(([label]) => label.length));
  return [
    colors.bold('Summary'),
    `  ${resources} evaluated at ${report.evaluatedAt}: ${summary.nonCompliant} non-compliant, ${summary.compliant} compliant, ${summary.notApplicable} not applicable`,
    `  Non-compliant by severity: ${SEVERITIES_WORST_FIRST.map((s) => `${s} ${summary.bySeverity[s]}`).join(', ')}`,
    colors.bold('SEC09 KPIs'),
    ...kpiRows.map(([label, value]) => `  ${label.padEnd(labelWidth)}  ${value}`),
  ];
}

function errorLines(report: Report, colors: Colors): string[] {
  if (report.errors.length === 0) return [];
  return [
    '',
    colors.bold(colors.red(`Errors (${report.errors.length}): these inputs were not evaluated`)),
    ...report.errors.map((error) => `  ${error.source}: ${error.message}`),
  ];
}

/** The console report: one line per NON_COMPLIANT evaluation (worst first), a summary with the KPIs, then input errors. */
export function renderTable(report: Report, options: TableOptions): string {
  const colors = createColors(options.color);
  return `${[...findingLines(report, colors), '', ...summaryLines(report, colors), ...errorLines(report, colors)].join('\n')}\n`;
}
