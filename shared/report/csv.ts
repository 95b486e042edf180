import type { Report, ReportEvaluation } from './report.js';

/** The columns, one row per evaluation (every status), in this order. docs/report-formats.md describes them. */
const COLUMNS: readonly [string, (evaluation: ReportEvaluation) => string | undefined][] = [
  ['findingId', (e) => e.findingId],
  ['ruleId', (e) => e.ruleId],
  ['status', (e) => e.status],
  ['severity', (e) => e.severity],
  ['resourceType', (e) => e.resourceType],
  ['resourceId', (e) => e.resourceId],
  ['resourceName', (e) => e.resourceName],
  ['accountId', (e) => e.accountId],
  ['region', (e) => e.region],
  ['reason', (e) => e.reason],
  ['responseMode', (e) => e.response?.mode],
  ['responseStatus', (e) => e.response?.status],
  ['responseAction', (e) => e.response?.action],
  ['inputFile', (e) => e.inputFile],
];

/**
 * A cell that a spreadsheet would read as a formula (it starts with =, +, -, @, a tab or a carriage return) is
 * prefixed with an apostrophe, which shows it as text: names, tags and reasons come from AWS, where anyone who
 * can name a resource chooses them (OWASP "CSV Injection").
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field, RFC 4180: quoted when it holds a comma, a double quote, CR or LF, a double quote doubled.
 * @internal Unit-tested directly: quoting and formula neutralising.
 */
export function csvField(value: string | undefined): string {
  if (value === undefined) return '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The report as CSV (RFC 4180: CRLF line breaks, a header row), one row per evaluation with the time of the
 * run in each row, so that rows of several runs can be appended to one sheet.
 */
export function renderCsv(report: Report): string {
  const header = ['evaluatedAt', ...COLUMNS.map(([name]) => name)].join(',');
  const rows = report.evaluations.map((evaluation) =>
    [report.evaluatedAt, ...COLUMNS.map(([, cell]) => cell(evaluation))].map(csvField).join(','),
  );
  return `${[header, ...rows].join('\r\n')}\r\n`;
}
