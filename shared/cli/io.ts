/** Where the CLI writes and what it knows of its surroundings; tests pass their own. */
export interface CliIo {
  stdout: { write(chunk: string): unknown; isTTY?: boolean };
  stderr: { write(chunk: string): unknown };
  /** Relative paths (inputs, --policy, the default policy file) are resolved against it; default process.cwd(). */
  cwd?: string;
  /** Environment (NO_COLOR); default process.env. */
  env?: Record<string, string | undefined>;
}

/** The exit codes of DESIGN.md: the contract CI pipelines rely on. */
export const EXIT = {
  /** Nothing non-compliant. */
  ok: 0,
  /** At least one NON_COMPLIANT evaluation. */
  nonCompliant: 1,
  /** Usage or input error. */
  error: 2,
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
