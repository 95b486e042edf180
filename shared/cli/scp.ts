import { Command } from 'commander';
import {
  buildServiceControlPolicy,
  DEFAULT_PLAINTEXT_EXCEPTION_TAG,
  DEFAULT_PRINCIPAL_EXCEPTION_TAG,
  SCP_MAX_CHARACTERS,
  serializeServiceControlPolicy,
  serviceControlPolicyLimits,
  splitServiceControlPolicy,
} from '../infra/scp.js';
import { loadPolicy } from '../policy/load.js';
import { type CliIo, EXIT, type ExitCode, UsageError } from './io.js';

const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;

function tagKey(value: string | undefined, flag: string, fallback: string): string {
  if (value === undefined) return fallback;
  if (!TAG_KEY.test(value) || value.toLowerCase().startsWith('aws:')) {
    throw new UsageError(`${flag}: "${value}" is not a valid tag key`);
  }
  return value;
}

interface ScpFlags {
  policy?: string;
  pretty?: boolean;
  principalTag?: string;
  resourceTag?: string;
}

export function scpCommand(run: (action: () => Promise<ExitCode>) => void, io: CliIo): Command {
  return new Command('scp')
    .summary('print a preventive Service Control Policy derived from the policy file (minified JSON)')
    .description(
      "Prints a Service Control Policy (minified JSON) that denies what the policy file's rules flag: plaintext " +
        'listeners, weak ELB security policies, IKEv1 and weak VPN tunnel options. When it is longer than the ' +
        `${SCP_MAX_CHARACTERS} characters AWS Organizations accepts, it is split over several documents, one per ` +
        'line (said on stderr): create each and attach them all to the same targets.',
    )
    .option(
      '--policy <file>',
      'policy file (default: ./transit-guard.policy.yml if present, else built-in defaults)',
    )
    .option(
      '--pretty',
      'indent the JSON (the size limit applies to the minified form; documents are separated by a blank line)',
    )
    .option(
      '--principal-tag <key>',
      `principal tag (value "true") that may create plaintext listeners (default: ${DEFAULT_PRINCIPAL_EXCEPTION_TAG})`,
    )
    .option(
      '--resource-tag <key>',
      `load balancer or listener tag (value "true") that allows plaintext listeners (default: ${DEFAULT_PLAINTEXT_EXCEPTION_TAG})`,
    )
    .addHelpText(
      'after',
      '\nExamples:\n  transit-guard scp --policy transit-guard.policy.yml > scp.json\n  transit-guard scp --pretty\n',
    )
    .action((flags: ScpFlags) => run(() => runScp(flags, io)));
}

/** `transit-guard scp`: the preventive control for the current policy file. */
async function runScp(values: ScpFlags, io: CliIo): Promise<ExitCode> {
  const principalExceptionTag = tagKey(
    values.principalTag,
    '--principal-tag',
    DEFAULT_PRINCIPAL_EXCEPTION_TAG,
  );
  const plaintextExceptionTag = tagKey(values.resourceTag, '--resource-tag', DEFAULT_PLAINTEXT_EXCEPTION_TAG);

  // A PolicyError (unreadable, not YAML, schema) propagates and is reported by runCli with exit 2.
  const policy = await loadPolicy(values.policy, io.cwd === undefined ? {} : { cwd: io.cwd });
  const scp = buildServiceControlPolicy(policy, { principalExceptionTag, plaintextExceptionTag });
  const documents = splitServiceControlPolicy(scp);
  for (const limit of serviceControlPolicyLimits(policy)) io.stderr.write(`note: ${limit}\n`);
  if (documents.length > 1) {
    io.stderr.write(
      `note: the SCP has ${serializeServiceControlPolicy(scp).length} characters, more than the ${SCP_MAX_CHARACTERS} ` +
        `AWS Organizations accepts: printed as ${documents.length} documents, ` +
        `${values.pretty ? 'separated by a blank line' : 'one per line'}. Create each and attach ` +
        `them all to the same targets (a target takes at most 5 SCPs, FullAWSAccess included).\n`,
    );
  }
  const printed = documents.map((document) =>
    values.pretty ? JSON.stringify(document, null, 2) : serializeServiceControlPolicy(document),
  );
  io.stdout.write(`${printed.join(values.pretty ? '\n\n' : '\n')}\n`);
  return EXIT.ok;
}
