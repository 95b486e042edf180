import { PolicyError } from '../policy/load.js';
import { didYouMean } from '../policy/suggest.js';
import { RULES } from '../rules/index.js';
import { runEvaluate } from './evaluate.js';
import { CliInputError, type CliIo, EXIT, type ExitCode, UsageError } from './io.js';
import { runPolicy } from './policy-check.js';
import { runReplay } from './replay.js';
import { reportArgs } from './report-command.js';
import { runRules } from './rules.js';
import { runScan } from './scan.js';
import { runScp } from './scp.js';
import { USAGE } from './usage.js';
import { VERSION } from './version.js';

export type { CliIo } from './io.js';

/** A command: runs with the arguments after its name; 'help' asks for the usage text. */
type Command = (args: string[], io: CliIo) => Promise<ExitCode | 'help'>;

/** The command table. */
const COMMANDS: Record<string, Command> = {
  evaluate: runEvaluate,
  replay: runReplay,
  scan: (args, io) => runScan(args, io),
  scp: runScp,
  rules: (args, io) => runRules(args, io, RULES),
  policy: runPolicy,
  report: (args, io) => runEvaluate(reportArgs(args), io, { htmlOnly: true }),
  help: async () => 'help',
};

/** parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes for unknown flags and missing values. */
function isParseArgsError(error: unknown): error is Error {
  return error instanceof Error && String((error as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS');
}

async function dispatch(argv: string[], io: CliIo): Promise<ExitCode> {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError('missing command');
  if (first === '--help' || first === '-h') {
    io.stdout.write(USAGE);
    return EXIT.ok;
  }
  if (first === '--version' || first === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const command = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
  if (!command) {
    const kind = first.startsWith('-') ? 'option' : 'command';
    throw new UsageError(`unknown ${kind} "${first}"${didYouMean(first, Object.keys(COMMANDS))}`);
  }
  const result = await command(rest, io);
  if (result === 'help') {
    io.stdout.write(USAGE);
    return EXIT.ok;
  }
  return result;
}

/**
 * Runs the transit-guard command line and returns the exit code (0 nothing non-compliant, 1 at least one
 * NON_COMPLIANT evaluation, 2 usage or input error). Writes only to io.stdout and io.stderr.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.stderr.write(`transit-guard: ${error.message}\n\n${USAGE}`);
      return EXIT.error;
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
