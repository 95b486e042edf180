import { Command, CommanderError } from 'commander';
import { FAMILIES } from '../families/index.js';
import { RULES } from '../rules/index.js';
import { evaluateCommand, reportCommand } from './evaluate.js';
import { iamCommand } from './iam.js';
import { type CliIo, EXIT, type ExitCode, UsageError } from './io.js';
import { policyCommand } from './policy-check.js';
import { replayCommand } from './replay.js';
import { rulesCommand } from './rules.js';
import { type ScanSeams, scanCommand } from './scan.js';
import { scpCommand } from './scp.js';
import { VERSION } from './version.js';

export interface CliSeams {
  scan?: ScanSeams;
}

const EXIT_CODES = `Exit codes:
  0  something was judged and no finding reached --fail-on
     (default low: any finding fails)
  1  at least one NON_COMPLIANT evaluation of the --fail-on severity or worse
  2  usage or input error (the message names the input and what is wrong)
  3  nothing was judged: no resource of a known type, every applicable rule
     off, or only ignored events`;

/** The commands that judge resources and so can exit 1 or 3; the others only succeed or fail on input. */
const JUDGING = new Set(['evaluate', 'report', 'replay', 'scan']);

/** The exit codes under a command's own --help: the CI user reads `transit-guard evaluate --help`. */
function exitCodesOf(command: Command): string {
  if (JUDGING.has(command.name())) return EXIT_CODES;
  return `Exit codes:
  0  done
  2  usage or input error (the message names the input and what is wrong)`;
}

/**
 * The command line: one commander Command per command (each module defines its own, flags and help with
 * examples), in a program that writes only to io. A command's action hands its work to `run`, which keeps
 * the promise so that the exit code it resolves to can be returned.
 */
function createProgram(io: CliIo, seams: CliSeams, run: (action: () => Promise<ExitCode>) => void): Command {
  const width = io.stdout.isTTY === true && io.stdout.columns ? io.stdout.columns : 80;
  const program = new Command('transit-guard')
    .usage('<command> [options]')
    .description(
      // From the registry, so a new family is named here without an edit.
      'Keeps data in transit encrypted on AWS, offline from files or live (read-only). It judges: ' +
        `${FAMILIES.map((family) => family.label).join(', ')}.`,
    )
    .version(VERSION, '-v, --version', 'the transit-guard version')
    .helpOption('-h, --help', 'help for transit-guard or a command')
    .helpCommand('help [command]', 'help for a command')
    .addHelpText(
      'after',
      `
Examples:
  transit-guard evaluate examples/account
  transit-guard help evaluate

${EXIT_CODES}
`,
    );
  const commands = [
    evaluateCommand(run, io),
    reportCommand(run, io),
    replayCommand(run, io),
    scanCommand(run, io, seams.scan),
    iamCommand(run, io),
    scpCommand(run, io),
    rulesCommand(run, io, RULES),
    policyCommand(run, io),
  ];
  for (const command of commands) program.addCommand(command);
  // Settings every command needs (commander copies only some of them to subcommands added this way).
  const configure = (command: Command) => {
    command
      .exitOverride()
      .showSuggestionAfterError(true)
      // `policy lint x.yml` reaches policy's own action, which names the subcommand it does not have.
      .allowExcessArguments(command.name() === 'policy')
      .configureHelp({ helpWidth: width, showGlobalOptions: false })
      .configureOutput({
        writeOut: (text) => io.stdout.write(text),
        writeErr: (text) => io.stderr.write(text),
        // runCli prints the error itself, with the command's usage.
        outputError: () => {},
      });
    for (const sub of command.commands) configure(sub);
  };
  configure(program);
  const leaves = (command: Command): Command[] =>
    command.commands.length === 0 ? [command] : command.commands.flatMap(leaves);
  for (const command of program.commands.flatMap(leaves)) {
    command.addHelpText('after', `${exitCodesOf(command)}\n`);
  }
  return program;
}

/** The command an argv names (`policy check` included), for the usage printed after an error. */
function commandOf(program: Command, argv: readonly string[]): Command {
  let command = program;
  for (const arg of argv) {
    const sub = command.commands.find((candidate) => candidate.name() === arg);
    if (!sub) break;
    command = sub;
  }
  return command;
}

/**
 * What follows a usage error: the command list when no command was recognised; else the command's usage line
 * and where its help is, so the error stays on screen instead of above 40 lines of options.
 */
export function usageFor(argv: readonly string[], io: CliIo): string {
  const program = createProgram(io, {}, () => {});
  const command = commandOf(program, argv);
  if (command === program) return program.helpInformation();
  const names: string[] = [];
  for (let at: Command | null = command; at && at !== program; at = at.parent) names.unshift(at.name());
  const path = ['transit-guard', ...names].join(' ');
  return `Usage: ${path} ${command.usage()}\nRun '${path} --help' for its options, examples and exit codes.\n`;
}

/**
 * Runs argv (without node and script) and resolves to the exit code; errors are thrown: a command line
 * commander rejects as a UsageError with its message (unknown option or command, with a suggestion).
 */
export async function runCommand(
  argv: readonly string[],
  io: CliIo,
  seams: CliSeams = {},
): Promise<ExitCode> {
  if (argv.length === 0) throw new UsageError('missing command');
  let work: Promise<ExitCode> | undefined;
  const program = createProgram(io, seams, (action) => {
    work = action();
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    // --help, help <command>, --version: printed, and not an error.
    if (error.exitCode === 0) return EXIT.ok;
    throw new UsageError(error.message.replace(/^error: /, ''));
  }
  if (work === undefined) return EXIT.ok;
  return work;
}
