import { FAMILIES } from '../families/index.js';
import { AsffInputError, renderAsff } from '../report/asff.js';
import { renderCsv } from '../report/csv.js';
import { renderJson, type StreamedReportInput, writeReportJson } from '../report/json.js';
import { renderOcsf } from '../report/ocsf.js';
import { type Report, type ReportError, reportExitCode } from '../report/report.js';
import { renderSarif } from '../report/sarif.js';
import { renderTable } from '../report/table.js';
import { RULES } from '../rules/index.js';
import { CliInputError, type CliIo, EXIT, type ExitCode } from './io.js';
import { useColor } from './options.js';
import { renderSlackPreview } from './slack-preview.js';
import { VERSION } from './version.js';

/** The one place the CLI writes reports: evaluate, replay and scan print them alike. */

export const REPORT_FORMATS = ['table', 'json', 'sarif', 'csv', 'ocsf', 'asff'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface WriteReportOptions {
  format: ReportFormat;
  noColor: boolean;
  /** Print the Block Kit messages transit-guard would send instead of the report (evaluate --slack-preview). */
  slackPreview?: boolean;
  /** Top-level keys added to the JSON output after `evaluations`. */
  extra?: Record<string, unknown>;
  /** Goes above the table. */
  tableHeader?: string;
  /** Lines for a person that machine-readable stdout cannot carry (written to stderr). */
  stderrNotes?: readonly string[];
}

/** Machine-readable stdout stays clean; a person still sees the skipped inputs. */
function warn(io: CliIo, errors: readonly ReportError[]): void {
  for (const error of errors) io.stderr.write(`warning: ${error.source}: ${error.message}\n`);
}

const exitCode = (nonCompliant: boolean): ExitCode => (nonCompliant ? EXIT.nonCompliant : EXIT.ok);

/**
 * Writes a report: the Slack preview, a table, or JSON / SARIF with a clean stdout (errors go to stderr as
 * warnings). Returns the exit code the report calls for.
 */
export function writeReport(io: CliIo, report: Report, options: WriteReportOptions): ExitCode {
  if (options.slackPreview) {
    warn(io, report.errors);
    io.stdout.write(renderSlackPreview(report));
  } else if (options.format === 'table') {
    io.stdout.write(
      `${options.tableHeader ?? ''}${renderTable(report, { color: useColor(io, options.noColor) })}`,
    );
  } else {
    for (const note of options.stderrNotes ?? []) io.stderr.write(`${note}\n`);
    warn(io, report.errors);
    if (options.format === 'sarif') {
      io.stdout.write(renderSarif(report, RULES, { version: VERSION }));
    } else if (options.format === 'csv') {
      io.stdout.write(renderCsv(report));
    } else if (options.format === 'ocsf') {
      io.stdout.write(renderOcsf(report, RULES, { version: VERSION }));
    } else if (options.format === 'asff') {
      io.stdout.write(asff(report));
    } else if (options.extra) {
      const { schemaVersion, evaluatedAt, resources, evaluations, errors, summary } = report;
      const document = {
        schemaVersion,
        evaluatedAt,
        resources,
        evaluations,
        ...options.extra,
        errors,
        summary,
      };
      io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    } else {
      io.stdout.write(renderJson(report));
    }
  }
  return exitCode(reportExitCode(report) === 1);
}

/** ASFF needs an account and a region for each finding: an input that names neither is an input error. */
function asff(report: Report): string {
  try {
    return renderAsff(report, RULES);
  } catch (error) {
    if (error instanceof AsffInputError) throw new CliInputError(error.message);
    throw error;
  }
}

/**
 * Writes the JSON report streamed (writeReportJson): each resource's evaluations written in turn and the
 * summary counted on the way, so the evaluations of a large account are never all in memory.
 */
export async function writeReportJsonStreamed(io: CliIo, input: StreamedReportInput): Promise<ExitCode> {
  warn(io, input.errors);
  const summary = await writeReportJson(input, io.stdout);
  return exitCode(summary.nonCompliant > 0);
}

/** What the families' resources are called, for a run that found none: "listener, ..., or ACM certificate". */
export function judgedResources(): string {
  const nouns = FAMILIES.map((family) => family.report.resourceNoun);
  const last = nouns.pop();
  return nouns.length === 0 ? (last ?? '') : `${nouns.join(', ')}, or ${last}`;
}
