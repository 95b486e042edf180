/** Where the CLI writes and what it knows of its surroundings; tests pass their own. */
export interface CliIo {
  /** `columns`: the terminal's width when stdout is one (the table fits it). */
  stdout: { write(chunk: string): unknown; isTTY?: boolean; columns?: number };
  /** `isTTY`: scan draws a progress bar there instead of printing one line per step. */
  stderr: { write(chunk: string): unknown; isTTY?: boolean; columns?: number };
  /** Relative paths (inputs, --policy, the default policy file) are resolved against it; default process.cwd(). */
  cwd?: string;
  /** Environment (NO_COLOR, FORCE_COLOR, COLUMNS, AWS_PROFILE, ...); default process.env. */
  env?: Record<string, string | undefined>;
}

/** The exit codes: the contract CI pipelines rely on (README "Exit codes"). */
export const EXIT = {
  /** Something was judged and no finding reached --fail-on. */
  ok: 0,
  /** At least one NON_COMPLIANT evaluation of the --fail-on severity or worse (default low: any finding). */
  nonCompliant: 1,
  /** Usage or input error. */
  error: 2,
  /** Nothing was judged (no resource of a known type, every applicable rule off, only ignored events). */
  nothingJudged: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A command line the CLI cannot run: the message says what is wrong; usage follows it. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Input that cannot be used (a policy file, all inputs unreadable): the message names the file and the problem. */
export class CliInputError extends Error {
  override name = 'CliInputError';
}

/**
 * A run that judged nothing: not an all-clear, and not an input error either, so CI can tell "nothing to look
 * at" (exit 3) from "could not run" (exit 2).
 */
export class NothingJudgedError extends CliInputError {
  override name = 'NothingJudgedError';
}
