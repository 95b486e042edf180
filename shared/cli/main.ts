import { PolicyError } from '../policy/load.js';
import { CliInputError, type CliIo, EXIT, NothingJudgedError, UsageError } from './io.js';
import { type CliSeams, runCommand, usageFor } from './program.js';

export type { CliIo } from './io.js';

/**
 * Runs the transit-guard command line and returns the exit code (0 nothing at or above --fail-on, 1 a finding
 * that is, 2 usage or input error, 3 nothing judged). Writes only to io.stdout and io.stderr.
 */
export async function runCli(argv: string[], io: CliIo, seams: CliSeams = {}): Promise<number> {
  try {
    return await runCommand(argv, io, seams);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`transit-guard: ${error.message}\n\n${usageFor(argv, io)}`);
      return EXIT.error;
    }
    if (error instanceof NothingJudgedError) {
      io.stderr.write(`transit-guard: ${error.message}\n`);
      return EXIT.nothingJudged;
    }
    if (error instanceof PolicyError || error instanceof CliInputError) {
      io.stderr.write(`transit-guard: ${error.message}\n`);
      return EXIT.error;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`transit-guard: unexpected error: ${detail}\n`);
    return EXIT.error;
  }
}
