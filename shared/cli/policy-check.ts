import { Command } from 'commander';
import { loadPolicy } from '../policy/load.js';
import { RULES } from '../rules/index.js';
import { createTlsCatalog } from '../tls/index.js';
import { checkPolicy } from '../usecase/check-policy.js';
import { type CliIo, EXIT, type ExitCode, UsageError } from './io.js';

/** `policy check <file>` (the one subcommand of `policy`). */
export function policyCommand(run: (action: () => Promise<ExitCode>) => void, io: CliIo): Command {
  const check = new Command('check')
    .summary('validate a policy file (schema, rule ids and modes, remediation targets)')
    .description(
      'Validates a policy file: schema, rule ids and modes, remediation targets. Exit 0 when valid, 2 otherwise.',
    )
    .argument('[file]', 'the policy file')
    .addHelpText('after', '\nExamples:\n  transit-guard policy check transit-guard.policy.yml\n')
    .action((file: string | undefined) =>
      run(() => {
        if (file === undefined) throw new UsageError('policy check needs a policy file');
        return runPolicyCheck(file, io);
      }),
    );
  return new Command('policy')
    .summary('policy file commands: policy check <file>')
    .argument('[subcommand]')
    .addCommand(check)
    .action((subcommand: string | undefined) =>
      run(async () => {
        throw new UsageError(
          subcommand === undefined
            ? 'policy needs a subcommand: check'
            : `unknown policy subcommand "${subcommand}" (policy has: check)`,
        );
      }),
    );
}

/** `policy check <file>`: every problem listed, exit 0 when valid and 2 otherwise. */
async function runPolicyCheck(file: string, io: CliIo): Promise<ExitCode> {
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
