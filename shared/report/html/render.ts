/**
 * The HTML report: one self-contained file a security lead opens in a browser. The SEC09 KPIs as charts (and
 * their trend, given earlier JSON reports), the evaluations grouped by family and severity with filters, each
 * with its reason, planned response and console link. Inline CSS, script and SVG only; its
 * Content-Security-Policy forbids every fetch, so opening it never touches the network.
 */
import { createHash } from 'node:crypto';
import { FAMILIES } from '../../families/index.js';
import { type Evaluation, SEVERITIES, severityRank } from '../../model/evaluation.js';
import { familyOf } from '../../model/resource.js';
import { kpiDefinitions } from '../kpis.js';
import type { Report } from '../report.js';
import { SEVERITIES_WORST_FIRST } from '../report.js';
import { consoleLink } from '../slack/console-link.js';
import { describeResponse } from '../table.js';
import { SCRIPT, STYLE } from './assets.js';
import { countBadge, severityBars, shareBar, trendLine } from './charts.js';
import { esc } from './escape.js';
import { type KpiPoint, kpiValues, trendPoints } from './history.js';

export interface HtmlReportOptions {
  /** Earlier runs' KPI values (--history): with them, each KPI's trend is drawn. */
  history?: readonly KpiPoint[];
  /** The transit-guard version, in the footer. */
  version?: string;
}

/**
 * At most this many evaluations are rows (the worst first): a page of 460,000 rows would not open. The rest
 * are counted in a note pointing to the JSON report, never dropped silently.
 * @internal Tests probe the cut at its boundary.
 */
export const MAX_ROWS = 20_000;

const STATUS_ORDER = ['NON_COMPLIANT', 'COMPLIANT', 'NOT_APPLICABLE'];
const OTHER_FAMILY = { id: 'other', label: 'Other' };

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

function worstFirst(a: Evaluation, b: Evaluation): number {
  return (
    STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) ||
    severityRank(b.severity) - severityRank(a.severity) ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.resourceId.localeCompare(b.resourceId)
  );
}

function resourceCell(evaluation: Evaluation): string {
  const { resourceName: name, resourceId: id } = evaluation;
  const title = name && name !== id ? `<strong>${esc(name)}</strong><br>` : '';
  const where = [evaluation.accountId, evaluation.region].filter(Boolean).join(' / ');
  return `${title}<span class="id">${esc(id)}</span>${where ? `<br><span class="meta">${esc(where)}</span>` : ''}`;
}

function responseCell(evaluation: Evaluation): string {
  const plan = evaluation.response;
  if (evaluation.status !== 'NON_COMPLIANT' || plan === undefined) return '';
  const calls = (plan.calls ?? []).map(
    (call) => `<br><code>${esc(`${call.service} ${call.command}`)}</code>`,
  );
  const exemption = plan.exemption
    ? `<br>${esc(`exemption (${plan.exemption.source}): ${plan.exemption.reason}, until ${plan.exemption.expires}${plan.exemption.expired ? ' (expired)' : ''}`)}`
    : '';
  return `${esc(describeResponse(plan))}${calls.join('')}${exemption}`;
}

function linkCell(evaluation: Evaluation): string {
  const link = consoleLink(
    evaluation.resourceType,
    evaluation.resourceId,
    evaluation.region,
    evaluation.accountId,
  );
  // consoleLink only builds https URLs from checked characters; the check here keeps any other scheme out.
  if (link === undefined || !link.startsWith('https://')) return '';
  return `<a href="${esc(link)}" target="_blank" rel="noopener noreferrer">console</a>`;
}

function row(evaluation: Evaluation, family: string): string {
  return `<tr class="finding" data-family="${esc(family)}" data-severity="${esc(evaluation.severity)}" data-status="${esc(evaluation.status)}">
<td><span class="badge-sev ${esc(evaluation.severity)}">${esc(evaluation.severity)}</span></td>
<td class="status-${esc(evaluation.status)}">${esc(evaluation.status)}</td>
<td class="rule"><code>${esc(evaluation.ruleId)}</code></td>
<td>${resourceCell(evaluation)}</td>
<td>${esc(evaluation.reason)}</td>
<td>${responseCell(evaluation)}</td>
<td>${linkCell(evaluation)}</td>
</tr>`;
}

const HEADER = `<thead><tr><th>Severity</th><th>Status</th><th>Rule</th><th>Resource</th><th>Reason</th><th>Planned response</th><th>Link</th></tr></thead>`;

/** The evaluations by family (registry order), then severity (worst first), each group a table. */
function findingsSections(evaluations: readonly Evaluation[]): string {
  const families = [...FAMILIES.map(({ id, label }) => ({ id, label })), OTHER_FAMILY];
  const byFamily = new Map<string, Evaluation[]>(families.map(({ id }) => [id, []]));
  for (const evaluation of evaluations) {
    byFamily.get(familyOf(evaluation.resourceType)?.id ?? OTHER_FAMILY.id)?.push(evaluation);
  }
  return families
    .flatMap(({ id, label }) => {
      const ofFamily = byFamily.get(id) ?? [];
      if (ofFamily.length === 0) return [];
      const groups = SEVERITIES_WORST_FIRST.flatMap((severity) => {
        const rows = ofFamily.filter((evaluation) => evaluation.severity === severity);
        if (rows.length === 0) return [];
        return [
          `<div class="group" data-severity="${severity}"><h3>${severity}</h3><table>${HEADER}<tbody>${rows.map((evaluation) => row(evaluation, id)).join('\n')}</tbody></table></div>`,
        ];
      });
      return [
        `<section class="family" data-family="${esc(id)}"><h2>${esc(label)}</h2>${groups.join('\n')}</section>`,
      ];
    })
    .join('\n');
}

function kpiTable(report: Report, points: readonly KpiPoint[]): string {
  const withTrend = points.length > 1;
  const rows = kpiDefinitions().flatMap(({ kpi }) => {
    const value = report.summary.kpis[kpi.key];
    if (value === undefined) return [];
    let label: string;
    let chart: string;
    if (kpi.kind === 'expiring' && 'count' in value) {
      label = kpi.label(value.withinDays);
      chart = countBadge(kpi.key, label, value.count);
    } else if (kpi.kind === 'share' && 'total' in value) {
      label = kpi.label;
      chart = shareBar(kpi.key, label, value.percent, `${value.compliant} of ${value.total}`);
    } else return [];
    const trend = withTrend ? `<td>${trendLine(kpi.key, label, points, kpi.kind === 'share')}</td>` : '';
    return [
      `<tr data-kpi="${esc(kpi.key)}"><td class="kpi-label">${esc(label)}</td><td>${chart}</td>${trend}</tr>`,
    ];
  });
  const trendHead = withTrend
    ? `<th>Trend (${points.length} runs, ${esc(points[0]?.evaluatedAt.slice(0, 10) ?? '')} to ${esc(points.at(-1)?.evaluatedAt.slice(0, 10) ?? '')})</th>`
    : '';
  return `<table id="kpis"><thead><tr><th>KPI</th><th>Now</th>${trendHead}</tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
}

function options(values: readonly [string, string][]): string {
  const all: [string, string][] = [['', 'all'], ...values];
  return all.map(([value, label]) => `<option value="${esc(value)}">${esc(label)}</option>`).join('');
}

/** The HTML report of one run; every AWS-sourced string is escaped. */
export function renderHtml(report: Report, options_: HtmlReportOptions = {}): string {
  const { summary } = report;
  const points = trendPoints(options_.history ?? [], {
    evaluatedAt: report.evaluatedAt,
    values: kpiValues(summary.kpis),
  });
  const shownEvaluations = [...report.evaluations].sort(worstFirst).slice(0, MAX_ROWS);
  const left = report.evaluations.length - shownEvaluations.length;
  const families = FAMILIES.filter((family) =>
    report.evaluations.some((evaluation) => familyOf(evaluation.resourceType)?.id === family.id),
  );
  const csp = [
    "default-src 'none'",
    `style-src ${sha256(STYLE)}`,
    `script-src ${sha256(SCRIPT)}`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const errors = report.errors.length
    ? `<section class="panel" id="errors"><h2>Inputs not read (${report.errors.length})</h2><ul>${report.errors.map((error) => `<li><code>${esc(error.source)}</code>: ${esc(error.message)}</li>`).join('')}</ul></section>`
    : '';
  const cut =
    left > 0
      ? `<p class="note" id="cut">${left} more evaluations (the least severe) are not shown: the page holds at most ${MAX_ROWS}. The JSON report (--format json) has them all.</p>`
      : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>transit-guard report ${esc(report.evaluatedAt)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>transit-guard: data in transit</h1>
<p class="meta">Evaluated ${esc(report.evaluatedAt)} · ${report.resources} resources · <span class="status-NON_COMPLIANT">${summary.nonCompliant} non-compliant</span> · ${summary.compliant} compliant · ${summary.notApplicable} not applicable${options_.version ? ` · transit-guard ${esc(options_.version)}` : ''}</p>
<div class="panels">
<section class="panel kpi-panel"><h2>SEC09 KPIs</h2>${kpiTable(report, points)}</section>
<section class="panel"><h2>Non-compliant by severity</h2>${severityBars(SEVERITIES_WORST_FIRST.map((severity) => [severity, summary.bySeverity[severity]]))}</section>
</div>
${errors}
<h2 id="evaluations">Evaluations</h2>
<div class="filters">
<label>Family<select id="f-family">${options(families.map(({ id, label }) => [id, label]))}</select></label>
<label>Severity<select id="f-severity">${options([...SEVERITIES].reverse().map((severity) => [severity, severity]))}</select></label>
<label>Status<select id="f-status">${options(STATUS_ORDER.map((status) => [status, status]))}</select></label>
<label>Search<input id="f-text" type="search" placeholder="name, id, rule, reason"></label>
<span class="meta"><span id="shown">${shownEvaluations.length}</span> of ${shownEvaluations.length} shown</span>
</div>
${cut}
${findingsSections(shownEvaluations)}
<script>${SCRIPT}</script>
</body>
</html>
`;
}
