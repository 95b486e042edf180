import { parseArgs } from 'node:util';
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

const SCP_USAGE = `Usage: transit-guard scp [options]

Prints a Service Control Policy (minified JSON) that denies what the policy file's rules flag:
plaintext listeners, weak ELB security policies, IKEv1 and weak VPN tunnel options. When it is longer
than the ${SCP_MAX_CHARACTERS} characters AWS Organizations accepts, it is split over several documents,
one per line (said on stderr): create each and attach them all to the same targets.

Options:
  --policy <file>              policy file (default: ./transit-guard.policy.yml if present, else built-in defaults)
  --pretty                     indent the JSON (the size limit applies to the minified form;
                               several documents are separated by a blank line)
  --principal-tag <key>        principal tag (value "true") that may create plaintext listeners
                               (default: ${DEFAULT_PRINCIPAL_EXCEPTION_TAG})
  --resource-tag <key>         load balancer or listener tag (value "true") that allows plaintext listeners
                               (default: ${DEFAULT_PLAINTEXT_EXCEPTION_TAG})
  -h, --help                   this text
`;

const SCP_OPTIONS = {
  policy: { type: 'string' },
  pretty: { type: 'boolean', default: false },
  'principal-tag': { type: 'string' },
  'resource-tag': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;

function tagKey(value: string | undefined, flag: string, fallback: string): string {
  if (value === undefined) return fallback;
  if (!TAG_KEY.test(value) || value.toLowerCase().startsWith('aws:')) {
    throw new UsageError(`${flag}: "${value}" is not a valid tag key`);
  }
  return value;
}

/** `transit-guard scp`: the preventive control for the current policy file. */
export async function runScp(args: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseArgs({ args, options: SCP_OPTIONS, allowPositionals: true });
  if (values.help) {
    io.stdout.write(SCP_USAGE);
    return EXIT.ok;
  }
  if (positionals.length > 0)
    throw new UsageError(`scp takes no arguments; unexpected: ${positionals.join(' ')}`);
  const principalExceptionTag = tagKey(
    values['principal-tag'],
    '--principal-tag',
    DEFAULT_PRINCIPAL_EXCEPTION_TAG,
  );
  const plaintextExceptionTag = tagKey(
    values['resource-tag'],
    '--resource-tag',
    DEFAULT_PLAINTEXT_EXCEPTION_TAG,
  );

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
