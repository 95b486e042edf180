import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_MAX_FILE_BYTES, type ReadLimit } from '../inventory/input-file.js';
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

/** Color only on a terminal, and never with NO_COLOR or --no-color. */
export function useColor(io: CliIo, noColor: boolean): boolean {
  const env = io.env ?? process.env;
  return !noColor && !env.NO_COLOR && io.stdout.isTTY === true;
}

/** Paths as typed when they resolve the same way; otherwise against io.cwd (so messages keep the user's names). */
export function cliPaths(paths: readonly string[], cwd: string | undefined): string[] {
  if (cwd === undefined || resolve(cwd) === process.cwd()) return [...paths];
  return paths.map((path) => (isAbsolute(path) ? path : resolve(cwd, path)));
}
