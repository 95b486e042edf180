import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_MAX_FILE_BYTES, type ReadLimit } from '../inventory/input-file.js';
import { SEVERITIES } from '../model/evaluation.js';
import { type CliIo, UsageError } from './io.js';

const isoInstant = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

/** --now: an ISO date or date-time with offset; anything else is a usage error naming the flag. */
export function parseNow(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  if (!isoInstant.safeParse(value).success) {
    throw new UsageError(
      `--now: "${value}" is not an ISO 8601 date or date-time with offset (e.g. 2026-11-22 or 2026-11-22T00:00:00Z)`,
    );
  }
  return new Date(value);
}

/**
 * --max-file-size: a size in MiB (0.5, 1024), the limit on each input file; without it, the default
 * (256 MiB). Errors about a file too large tell the option.
 */
export function parseFileLimit(value: string | undefined): ReadLimit {
  const raisedBy = '--max-file-size <MiB>';
  if (value === undefined) return { maxBytes: DEFAULT_MAX_FILE_BYTES, raisedBy };
  const mib = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (!(mib > 0)) {
    throw new UsageError(`--max-file-size: "${value}" is not a size in MiB greater than 0 (e.g. 512)`);
  }
  return { maxBytes: Math.floor(mib * 1024 * 1024), raisedBy };
}

export function parseFormat<T extends string>(value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--format: "${value}" is not one of ${allowed.join(', ')}`);
  }
  return value as T;
}

/**
 * Colors on stdout: never with --no-color or NO_COLOR (any non-empty value, no-color.org); always with
 * FORCE_COLOR (any value but "0" or "false", as picocolors and Node read it); otherwise only on a terminal.
 */
export function useColor(io: CliIo, noColor: boolean): boolean {
  const env = io.env ?? process.env;
  if (noColor || env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '0' && force !== 'false') return true;
  return io.stdout.isTTY === true;
}

/** A table narrower than this would be mostly indentation: COLUMNS below it is raised to it. */
const MIN_TABLE_WIDTH = 40;

/**
 * The width the table fits: the terminal's on a terminal, else COLUMNS when it is a number, else 80 (a pipe or
 * a file: CI logs and `| less` read well at 80). `--wide` (undefined): no limit, one line per finding.
 */
export function tableWidth(io: CliIo, wide: boolean): number | undefined {
  if (wide) return undefined;
  const env = io.env ?? process.env;
  const terminal = io.stdout.isTTY === true ? io.stdout.columns : undefined;
  const columns = /^\d+$/.test(env.COLUMNS ?? '') ? Number(env.COLUMNS) : undefined;
  return Math.max(MIN_TABLE_WIDTH, terminal || columns || 80);
}

/** --fail-on: the least severity that fails the run (exit 1); `none`: findings never fail it. */
export const FAIL_ON = [...SEVERITIES, 'none'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export function parseFailOn(value: string): FailOn {
  if (!(FAIL_ON as readonly string[]).includes(value)) {
    throw new UsageError(`--fail-on: "${value}" is not one of ${FAIL_ON.join(', ')}`);
  }
  return value as FailOn;
}

/** --account: a 12-digit AWS account id, for inputs that name none (VPN describe output). */
export function parseAccount(value: string | undefined): string | undefined {
  if (value !== undefined && !/^\d{12}$/.test(value)) {
    throw new UsageError(`--account: "${value}" is not a 12-digit AWS account id`);
  }
  return value;
}

/**
 * An AWS region name: us-east-1, eu-central-2, us-gov-west-1, cn-north-1, ap-southeast-7, eusc-de-east-1. The
 * part before the number is a compass direction or "central" in every region the SDK's partition data lists
 * (@aws-sdk/core util-endpoints partitions.js), so a typo such as eu-wst-1 is refused before any call, while a
 * region newer than the bundled SDK still passes.
 */
export const REGION_PATTERN =
  /^[a-z]{2,4}(-[a-z]+)*-(central|north|south|east|west|northeast|northwest|southeast|southwest)-\d+$/;

/** A region flag's value, checked: `flag` names the option in the message. */
export function parseRegion(value: string | undefined, flag: string): string | undefined {
  if (value !== undefined && !REGION_PATTERN.test(value)) {
    throw new UsageError(`${flag}: "${value}" is not an AWS region name (e.g. eu-west-1)`);
  }
  return value;
}

/** Paths as typed when they resolve the same way; otherwise against io.cwd (so messages keep the user's names). */
export function cliPaths(paths: readonly string[], cwd: string | undefined): string[] {
  if (cwd === undefined || resolve(cwd) === process.cwd()) return [...paths];
  return paths.map((path) => (isAbsolute(path) ? path : resolve(cwd, path)));
}
