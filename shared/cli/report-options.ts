import type { Command } from 'commander';
import { type CliIo, UsageError } from './io.js';
import {
  FAIL_ON,
  type FailOn,
  parseAccount,
  parseFailOn,
  parseFormat,
  parseNow,
  parseRegion,
  tableWidth,
  useColor,
} from './options.js';
import {
  FILE_FORMATS,
  OUTPUT_FORMATS,
  REPORT_FORMATS,
  type ReportFormat,
  type WriteReportOptions,
} from './report-writer.js';

/** The flags evaluate, replay and scan share, as commander parses them. */
export interface ReportFlags {
  policy?: string;
  format: string;
  output?: string;
  failOn: string;
  now?: string;
  /** false with --no-color. */
  color: boolean;
  wide?: boolean;
  account?: string;
  [fileFormat: string]: unknown;
}

/** The report flags, added to a command (evaluate, replay, scan); the file flags come from OUTPUT_FORMATS. */
export function addReportOptions(command: Command): Command {
  command
    .option(
      '--policy <file>',
      'policy file (default: ./transit-guard.policy.yml if present, else built-in defaults)',
    )
    .option(
      '--format <format>',
      `${REPORT_FORMATS.map((format) => `${format} (${OUTPUT_FORMATS[format].description})`).join(', ')}`,
      'table',
    )
    .option('-o, --output <file>', 'write the --format output to this file instead of stdout');
  for (const format of FILE_FORMATS) {
    command.option(
      `--${format} <file>`,
      `also write the ${format} report to this file (several outputs in one run)`,
    );
  }
  return command
    .option(
      '--fail-on <severity>',
      `exit 1 only for a finding of this severity or worse (${FAIL_ON.join(', ')}; none: findings never fail)`,
      'low',
    )
    .option('--now <ISO date>', 'evaluate as of this time (e.g. 2026-11-22 or 2026-11-22T00:00:00Z)')
    .option(
      '--account <id>',
      'the AWS account of resources whose input names none (e.g. VPN describe output)',
    )
    .option('--no-color', 'no ANSI colors (also NO_COLOR=1; FORCE_COLOR=1 forces them off a terminal)')
    .option('--wide', 'one line per finding, whatever the terminal width');
}

/** The checked report flags. */
export interface ReportSettings {
  format: ReportFormat;
  now: Date | undefined;
  failOn: FailOn;
  account: string | undefined;
  write: Pick<WriteReportOptions, 'format' | 'color' | 'width' | 'output' | 'files' | 'failOn'>;
}

export function reportSettings(flags: ReportFlags, io: CliIo): ReportSettings {
  const format = parseFormat(flags.format, REPORT_FORMATS);
  const failOn = parseFailOn(flags.failOn);
  const files: Partial<Record<ReportFormat, string>> = {};
  for (const fileFormat of FILE_FORMATS) {
    const path = flags[fileFormat];
    if (typeof path === 'string') files[fileFormat] = path;
  }
  const targets = [flags.output, ...Object.values(files)].filter((path) => path !== undefined);
  const twice = targets.find((path, index) => targets.indexOf(path) !== index);
  if (twice !== undefined)
    throw new UsageError(`${twice}: named by two output flags; each output needs its own file`);
  return {
    format,
    now: parseNow(flags.now),
    failOn,
    account: parseAccount(flags.account),
    write: {
      format,
      color: useColor(io, !flags.color),
      width: tableWidth(io, flags.wide === true),
      output: flags.output,
      files,
      failOn,
    },
  };
}

/** --region as the default region of inputs that name none (evaluate, replay). */
export function addDefaultRegionOption(command: Command): Command {
  return command.option(
    '--region <region>',
    'the AWS region of resources whose input names none (e.g. VPN describe output)',
  );
}

export const defaultRegionOf = (value: string | undefined) => parseRegion(value, '--region');
