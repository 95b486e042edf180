import { createColors } from 'picocolors';
import type { Evaluation, ResponsePlan, Severity } from '../model/evaluation.js';
import { severityRank } from '../model/evaluation.js';
import { kpiDefinitions, type Share } from './kpis.js';
import { type Report, SEVERITIES_WORST_FIRST } from './report.js';

export interface TableOptions {
  /** ANSI colors; the CLI turns them on only for a TTY without NO_COLOR. */
  color: boolean;
  /**
   * The widest a line may be: each finding is a header line (severity, rule, resource) with its reason and plan
   * wrapped under it. Undefined: one line per finding, however long (`--wide`).
   */
  width?: number | undefined;
}

/**
 * Breaks text at spaces into lines of at most `width` characters, the lines after the first indented by
 * `indent` spaces; a word longer than a line (an ARN) is cut.
 * @internal Unit-tested directly: every line of the table fits the width.
 */
export function wrapText(text: string, width: number, indent: number): string[] {
  const lines: string[] = [];
  const pad = ' '.repeat(indent);
  let line = '';
  const room = () => width - (lines.length === 0 ? 0 : indent);
  const push = () => {
    lines.push(lines.length === 0 ? line : `${pad}${line}`);
    line = '';
  };
  for (let word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > room()) push();
    while (word.length > room() - (line === '' ? 0 : line.length + 1)) {
      const take = Math.max(1, room() - (line === '' ? 0 : line.length + 1));
      line = line === '' ? word.slice(0, take) : `${line} ${word.slice(0, take)}`;
      word = word.slice(take);
      push();
    }
    if (word !== '') line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '' || lines.length === 0) push();
  return lines;
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

/** The header row's titles. */
const HEADER = { severity: 'SEVERITY', rule: 'RULE', resource: 'RESOURCE', reason: 'REASON / PLAN' };

function findingLines(report: Report, colors: Colors, width: number | undefined): string[] {
  const findings = report.evaluations.filter((e) => e.status === 'NON_COMPLIANT').sort(byWorstFirst);
  if (findings.length === 0) return [colors.green('No non-compliant evaluations.')];
  const severityWidth = Math.max(HEADER.severity.length, ...findings.map((e) => e.severity.length));
  const ruleWidth = Math.max(HEADER.rule.length, ...findings.map((e) => e.ruleId.length));
  const resourceWidth = Math.min(
    RESOURCE_COLUMN_MAX,
    Math.max(HEADER.resource.length, ...findings.map((e) => resourceLabel(e).length)),
  );
  const planOf = (evaluation: Evaluation) =>
    evaluation.response ? `plan: ${describeResponse(evaluation.response)}` : '';
  if (width === undefined) {
    const header = [
      HEADER.severity.padEnd(severityWidth),
      HEADER.rule.padEnd(ruleWidth),
      HEADER.resource.padEnd(resourceWidth),
      HEADER.reason,
    ].join('  ');
    return [
      colors.bold(header),
      ...findings.map((evaluation) => {
        const severity = paintSeverity(
          colors,
          evaluation.severity,
          evaluation.severity.toUpperCase().padEnd(severityWidth),
        );
        const plan = evaluation.response ? `  ${colors.dim(planOf(evaluation))}` : '';
        return `${severity}  ${evaluation.ruleId.padEnd(ruleWidth)}  ${colors.bold(resourceLabel(evaluation).padEnd(resourceWidth))}  ${evaluation.reason}${plan}`;
      }),
    ];
  }
  // Fitted: a header line per finding, the reason and plan wrapped under it, indented past the severity.
  const indent = severityWidth + 2;
  const resourceFits = indent + ruleWidth + 2 + resourceWidth <= width;
  const header = resourceFits
    ? `${HEADER.severity.padEnd(severityWidth)}  ${HEADER.rule.padEnd(ruleWidth)}  ${HEADER.resource}`
    : `${HEADER.severity.padEnd(severityWidth)}  ${HEADER.rule} / ${HEADER.resource}`;
  const lines = [colors.bold(header), `${' '.repeat(indent)}${colors.bold(HEADER.reason)}`];
  for (const evaluation of findings) {
    const severity = paintSeverity(
      colors,
      evaluation.severity,
      evaluation.severity.toUpperCase().padEnd(severityWidth),
    );
    const label = resourceLabel(evaluation);
    if (resourceFits && label.length <= resourceWidth) {
      lines.push(`${severity}  ${evaluation.ruleId.padEnd(ruleWidth)}  ${colors.bold(label)}`);
    } else {
      lines.push(`${severity}  ${evaluation.ruleId}`);
      const [first, ...rest] = wrapText(label, width - indent, 0);
      for (const part of [first ?? '', ...rest]) lines.push(`${' '.repeat(indent)}${colors.bold(part)}`);
    }
    for (const part of wrapText(evaluation.reason, width - indent, 0))
      lines.push(`${' '.repeat(indent)}${part}`);
    const plan = planOf(evaluation);
    if (plan !== '') {
      for (const part of wrapText(plan, width - indent, 2))
        lines.push(`${' '.repeat(indent)}${colors.dim(part)}`);
    }
  }
  return lines;
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
    // Not every error left its input out: a resource described twice, differently, is judged in each description.
    colors.bold(
      colors.red(`Errors in the inputs (${report.errors.length}): each says what was left out, if anything`),
    ),
    ...report.errors.map((error) => `  ${error.source}: ${error.message}`),
  ];
}

/** The console report: one line per NON_COMPLIANT evaluation (worst first), a summary with the KPIs, then input errors. */
export function renderTable(report: Report, options: TableOptions): string {
  const colors = createColors(options.color);
  const { width } = options;
  // Summary and error lines are wrapped under their own two-space indent, two more for the continuation.
  const fitted = (lines: string[]) =>
    width === undefined
      ? lines
      : lines.flatMap((line) => {
          const indent = line.length - line.trimStart().length;
          return wrapText(line.trimStart(), width - indent, 2).map((part) => `${' '.repeat(indent)}${part}`);
        });
  return `${[
    ...findingLines(report, colors, width),
    '',
    ...fitted(summaryLines(report, colors)),
    ...fitted(errorLines(report, colors)),
  ].join('\n')}\n`;
}
