import { parseArgs } from 'node:util';
import { loadPolicy } from '../policy/load.js';
import { RULES } from '../rules/index.js';
import { createTlsCatalog } from '../tls/index.js';
import { checkPolicy } from '../usecase/check-policy.js';
import { type CliIo, EXIT, type ExitCode, UsageError } from './io.js';

const POLICY_OPTIONS = {
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** `policy check <file>`: every problem listed, exit 0 when valid and 2 otherwise. */
export async function runPolicy(args: string[], io: CliIo): Promise<ExitCode | 'help'> {
  const { values, positionals } = parseArgs({ args, options: POLICY_OPTIONS, allowPositionals: true });
  if (values.help) return 'help';
  const [subcommand, file, ...extra] = positionals;
  if (subcommand !== 'check') {
    throw new UsageError(
      subcommand === undefined
        ? 'policy needs a subcommand: check'
        : `unknown policy subcommand "${subcommand}"`,
    );
  }
  if (file === undefined) throw new UsageError('policy check needs a policy file');
  if (extra.length > 0) throw new UsageError(`policy check takes one file; unexpected: ${extra.join(' ')}`);

  // A PolicyError (unreadable, not YAML, schema) propagates and is reported by runCli with exit 2.
  const policy = await loadPolicy(file, io.cwd === undefined ? {} : { cwd: io.cwd });
  const problems = checkPolicy(policy, { rules: RULES, tls: createTlsCatalog() });
  if (problems.length > 0) {
    io.stderr.write(
      `Invalid policy file ${file}:\n${problems.map((problem) => `  - ${problem.path}: ${problem.message}`).join('\n')}\n`,
    );
    return EXIT.error;
  }
  const overrides = Object.keys(policy.rules).length;
  io.stdout.write(
    `${file}: valid (${overrides} rule ${overrides === 1 ? 'setting' : 'settings'}, ${policy.exemptions.resources.length} ${policy.exemptions.resources.length === 1 ? 'exemption' : 'exemptions'}, dryRun ${policy.dryRun})\n`,
  );
  return EXIT.ok;
}
