import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { FAMILIES } from '../families/index.js';
import { severityRank } from '../model/evaluation.js';
import { AsffInputError, renderAsff } from '../report/asff.js';
import { renderCsv } from '../report/csv.js';
import { renderJson, type StreamedReportInput, writeReportJson } from '../report/json.js';
import { renderOcsf } from '../report/ocsf.js';
import type { Report, ReportError, ReportSummary } from '../report/report.js';
import { renderSarif } from '../report/sarif.js';
import { renderTable } from '../report/table.js';
import { RULES } from '../rules/index.js';
import { CliInputError, type CliIo, EXIT, type ExitCode } from './io.js';
import type { FailOn } from './options.js';
import { VERSION } from './version.js';

/** The one place the CLI writes reports: evaluate, replay and scan print them alike. */

/** What a format's renderer gets besides the report. */
interface RenderContext {
  /** ANSI colors (the table on a terminal only; never in a file). */
  color: boolean;
  /** The table's width; undefined: one line per finding (--wide). */
  width: number | undefined;
  /** Top-level keys added to the JSON output after `evaluations` (replay's events). */
  extra?: Record<string, unknown>;
  /** Goes above the table (replay's events). */
  tableHeader?: string;
}

interface OutputFormat {
  /** What `--help` says of it. */
  description: string;
  /** Also a `--<name> <file>` flag: written to that file beside the --format output (e.g. --sarif out.sarif). */
  fileFlag: boolean;
  render(report: Report, context: RenderContext): string;
}

/**
 * The report formats. Adding one is one entry here: `--format <name>` takes it, and with fileFlag the commands
 * evaluate, replay and scan get a `--<name> <file>` flag for it.
 */
export const OUTPUT_FORMATS = {
  table: {
    description: 'for people, fitted to the terminal width',
    fileFlag: false,
    render: (report, context) =>
      `${context.tableHeader ?? ''}${renderTable(report, { color: context.color, width: context.width })}`,
  },
  json: {
    description: 'the JSON report',
    fileFlag: true,
    render: (report, context) => {
      if (!context.extra) return renderJson(report);
      const { schemaVersion, evaluatedAt, resources, evaluations, errors, summary } = report;
      const document = {
        schemaVersion,
        evaluatedAt,
        resources,
        evaluations,
        ...context.extra,
        errors,
        summary,
      };
      return `${JSON.stringify(document, null, 2)}\n`;
    },
  },
  sarif: {
    description: 'SARIF 2.1.0, for GitHub code scanning',
    fileFlag: true,
    render: (report) => renderSarif(report, RULES, { version: VERSION }),
  },
  csv: {
    description: 'one row per evaluation (RFC 4180)',
    fileFlag: true,
    render: (report) => renderCsv(report),
  },
  ocsf: {
    description: 'OCSF 1.1.0 Compliance Findings (JSON)',
    fileFlag: true,
    render: (report) => renderOcsf(report, RULES, { version: VERSION }),
  },
  asff: {
    description: 'AWS Security Finding Format (JSON), as Security Hub BatchImportFindings takes it',
    fileFlag: true,
    render: (report) => asff(report),
  },
} satisfies Record<string, OutputFormat>;

export type ReportFormat = keyof typeof OUTPUT_FORMATS;
export const REPORT_FORMATS = Object.keys(OUTPUT_FORMATS) as ReportFormat[];

/** The formats that have a `--<name> <file>` flag. */
export const FILE_FORMATS = REPORT_FORMATS.filter((format) => OUTPUT_FORMATS[format].fileFlag);

export interface WriteReportOptions {
  format: ReportFormat;
  /** Colors for the --format output when it goes to stdout. */
  color: boolean;
  /** The table's width (tableWidth); undefined: one line per finding. */
  width: number | undefined;
  /** --output: the --format output goes to this file instead of stdout. */
  output?: string | undefined;
  /** --json <file>, --sarif <file>, ...: more outputs of the same run. */
  files?: Partial<Record<ReportFormat, string>>;
  /** The least severity that fails the run (exit 1). */
  failOn: FailOn;
  /** The Block Kit messages transit-guard would send (evaluate --slack-preview), printed instead of the report. */
  slackPreview?: string;
  extra?: Record<string, unknown>;
  tableHeader?: string;
  /** Lines for a person that machine-readable stdout cannot carry (written to stderr). */
  stderrNotes?: readonly string[];
}

/** ASFF needs an account and a region for each finding: an input that names neither is an input error. */
function asff(report: Report): string {
  try {
    return renderAsff(report, RULES);
  } catch (error) {
    if (error instanceof AsffInputError) {
      throw new CliInputError(
        `${error.message} (--account and --region give them to the resources whose input names none)`,
      );
    }
    throw error;
  }
}

/** Machine-readable stdout stays clean; a person still sees the skipped inputs. */
function warn(io: CliIo, errors: readonly ReportError[]): void {
  for (const error of errors) io.stderr.write(`warning: ${error.source}: ${error.message}\n`);
}

/** Exit 1 when a finding is of the --fail-on severity or worse. */
export function failExitCode(summary: Pick<ReportSummary, 'bySeverity'>, failOn: FailOn): ExitCode {
  if (failOn === 'none') return EXIT.ok;
  const failing = Object.entries(summary.bySeverity).some(
    ([severity, count]) =>
      count > 0 && severityRank(severity as keyof typeof summary.bySeverity) >= severityRank(failOn),
  );
  return failing ? EXIT.nonCompliant : EXIT.ok;
}

/** Writes one output file, relative to io.cwd; a failure names the file and the flag. */
async function writeOutputFile(io: CliIo, path: string, flag: string, text: string): Promise<void> {
  try {
    await writeFile(resolve(io.cwd ?? process.cwd(), path), text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliInputError(`${flag} ${path}: cannot write the report: ${reason}`);
  }
  io.stderr.write(`wrote ${path}\n`);
}

/**
 * Writes a report: the Slack preview, or the --format output (stdout or --output) and each file output.
 * Machine-readable stdout stays clean: input errors go to stderr as warnings. Returns the exit code the
 * report calls for.
 */
export async function writeReport(io: CliIo, report: Report, options: WriteReportOptions): Promise<ExitCode> {
  const context: RenderContext = {
    color: false,
    width: options.width,
    ...(options.extra ? { extra: options.extra } : {}),
    ...(options.tableHeader ? { tableHeader: options.tableHeader } : {}),
  };
  if (options.slackPreview !== undefined) {
    warn(io, report.errors);
    io.stdout.write(options.slackPreview);
  } else {
    const primary = OUTPUT_FORMATS[options.format];
    if (options.format !== 'table' || options.output !== undefined) {
      for (const note of options.stderrNotes ?? []) io.stderr.write(`${note}\n`);
      warn(io, report.errors);
    }
    if (options.output === undefined) {
      io.stdout.write(primary.render(report, { ...context, color: options.color }));
    } else {
      await writeOutputFile(io, options.output, '--output', primary.render(report, context));
    }
  }
  for (const [format, path] of Object.entries(options.files ?? {}) as [ReportFormat, string][]) {
    await writeOutputFile(io, path, `--${format}`, OUTPUT_FORMATS[format].render(report, context));
  }
  return failExitCode(report.summary, options.failOn);
}

/**
 * Writes the JSON report to stdout streamed (writeReportJson): each resource's evaluations written in turn and
 * the summary counted on the way, so the evaluations of a large account are never all in memory.
 */
export async function writeReportJsonStreamed(
  io: CliIo,
  input: StreamedReportInput,
  failOn: FailOn,
): Promise<ExitCode> {
  warn(io, input.errors);
  const summary = await writeReportJson(input, io.stdout);
  return failExitCode(summary, failOn);
}

/** What the families' resources are called, for a run that found none: "listener, ..., or ACM certificate". */
export function judgedResources(): string {
  const nouns = FAMILIES.map((family) => family.report.resourceNoun);
  const last = nouns.pop();
  return nouns.length === 0 ? (last ?? '') : `${nouns.join(', ')}, or ${last}`;
}
