import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { FAMILIES } from '../families/index.js';
import { emptyReadResult, type InventorySource, type ReadResult } from '../inventory/live/port.js';
import { DEFAULT_POLICY_FILE } from '../policy/load.js';
import { buildReport } from '../report/report.js';
import { RULES } from '../rules/index.js';
import { createMemoryFindingStore } from '../state/memory-store.js';
import type { MonitorDeps } from '../usecase/deps.js';
import { sweep } from '../usecase/sweep.js';
import { CliInputError, type CliIo, type ExitCode, NothingJudgedError, UsageError } from './io.js';
import { REGION_PATTERN } from './options.js';
import { createProgress } from './progress.js';
import { collect, loadDryRunPolicy } from './replay.js';
import { addReportOptions, type ReportFlags, reportSettings } from './report-options.js';
import { judgedResources, writeReport } from './report-writer.js';

interface ScanFlags extends ReportFlags {
  region?: string[];
  profile?: string;
}

export interface ScanSeams {
  /** Where resources are read from; default: the AWS SDK with the default credential chain. */
  sourceFactory?: () => InventorySource | Promise<InventorySource>;
}

/**
 * The live source `scan` reads with: one set of SDK clients per region, default credential chain. Imported on
 * demand: no other command needs the AWS SDK, and a code-split bundle can keep it out of their start-up.
 */
async function createScanSource(): Promise<InventorySource> {
  const [{ createRegionalClients }, { createAwsInventorySource }] = await Promise.all([
    import('../aws/clients.js'),
    import('../inventory/live/source.js'),
  ]);
  return createAwsInventorySource(createRegionalClients({}));
}

/**
 * Answers that say the credentials themselves are missing or refused, not a permission on one API: the SDK's
 * CredentialsProviderError, the common errors of AWS APIs
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html: InvalidClientTokenId,
 * MissingAuthenticationToken, IncompleteSignature, ExpiredTokenException, and ExpiredToken of STS) and
 * EC2's AuthFailure (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html).
 */
const CREDENTIAL_ERRORS =
  /^(CredentialsProviderError|InvalidClientTokenId|MissingAuthenticationToken|IncompleteSignature|ExpiredToken|ExpiredTokenException|AuthFailure|UnrecognizedClientException|InvalidAccessKeyId|SignatureDoesNotMatch):/;

const CREDENTIAL_HINT =
  'scan reads the account with the default AWS credential chain: set AWS_PROFILE (or --profile) to a profile ' +
  'of ~/.aws/config, run `aws sso login` or `aws configure`, or export AWS_ACCESS_KEY_ID and ' +
  'AWS_SECRET_ACCESS_KEY; `transit-guard iam` prints the read-only policy the identity needs';

/**
 * The source, read one family at a time so that progress can name each, and stopped at the first credential
 * failure: every later call would fail the same way (and slowly, with retries).
 */
function watchedSource(
  inner: InventorySource,
  onFamily: (region: string, family: string, read: ReadResult) => void,
): InventorySource {
  const stopOnCredentials = (read: ReadResult) => {
    const failed = read.errors.find((error) => CREDENTIAL_ERRORS.test(error.message));
    if (failed) throw new CliInputError(`no usable AWS credentials: ${failed.message}\n${CREDENTIAL_HINT}`);
  };
  let checked = false;
  const one = async (region: string, family: string) => {
    const read = await inner.enumerate(region, [family]);
    stopOnCredentials(read);
    onFamily(region, family, read);
    return read;
  };
  return {
    read: (refs) => inner.read(refs),
    async enumerate(region, families) {
      const ids = families ?? FAMILIES.map((family) => family.id);
      const parts: ReadResult[] = [];
      let rest = ids;
      const [first] = ids;
      // The very first family alone: without credentials, one failure is enough to stop the scan.
      if (!checked && first !== undefined) {
        parts.push(await one(region, first));
        checked = true;
        rest = ids.slice(1);
      }
      parts.push(...(await Promise.all(rest.map((id) => one(region, id)))));
      const merged = emptyReadResult();
      for (const part of parts) {
        merged.resources.push(...part.resources);
        merged.gone.push(...part.gone);
        merged.errors.push(...part.errors);
        merged.tlsPolicies.push(...part.tlsPolicies);
      }
      return merged;
    },
  };
}

/**
 * The region of the profile (AWS_PROFILE or --profile; "default" without either) in the shared config file
 * (AWS_CONFIG_FILE, default ~/.aws/config): `[default]` or `[profile NAME]`, key `region`
 * (https://docs.aws.amazon.com/sdkref/latest/guide/file-format.html).
 */
async function profileRegion(
  env: Record<string, string | undefined>,
  profile: string | undefined,
): Promise<string | undefined> {
  const name = profile ?? env.AWS_PROFILE ?? 'default';
  const file = env.AWS_CONFIG_FILE ?? join(env.HOME ?? homedir(), '.aws', 'config');
  const text = await readFile(file, 'utf8').catch(() => '');
  const wanted = name === 'default' ? ['default', 'profile default'] : [`profile ${name}`];
  let inProfile = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/[#;].*$/, '').trim();
    const section = /^\[\s*(.+?)\s*\]$/.exec(line);
    if (section) inProfile = wanted.includes(section[1] ?? '');
    const region = /^region\s*=\s*(\S+)$/.exec(line);
    if (inProfile && region) return region[1];
  }
  return undefined;
}

/** --region values (repeatable, or comma-separated), else AWS_REGION / AWS_DEFAULT_REGION, else the profile's. */
async function regionsOf(
  flags: readonly string[] | undefined,
  env: Record<string, string | undefined>,
  profile: string | undefined,
): Promise<string[]> {
  const given = (flags ?? [])
    .flatMap((flag) => flag.split(','))
    .map((region) => region.trim())
    .filter((region) => region !== '');
  const fallback = env.AWS_REGION || env.AWS_DEFAULT_REGION || (await profileRegion(env, profile));
  const regions = given.length > 0 ? given : fallback ? [fallback] : [];
  if (regions.length === 0) {
    throw new UsageError(
      'scan needs a region: --region <region> (repeatable), AWS_REGION in the environment, or a region in the profile',
    );
  }
  const bad = regions.find((region) => !REGION_PATTERN.test(region));
  if (bad !== undefined)
    throw new UsageError(`--region: "${bad}" is not an AWS region name (e.g. eu-west-1)`);
  return [...new Set(regions)];
}

export function scanCommand(
  run: (action: () => Promise<ExitCode>) => void,
  io: CliIo,
  seams: ScanSeams = {},
): Command {
  const command = new Command('scan')
    .summary('sweep the account live with the default AWS credential chain (read-only, dry run)')
    .description(
      'Sweeps the account live with the default AWS credential chain (read-only: describe and list calls; ' +
        'dry run: nothing is changed or sent). Progress goes to stderr, the report to stdout as evaluate prints it. ' +
        'The identity needs the policy `transit-guard iam` prints.',
    )
    .option(
      '--region <region>',
      "region to sweep (repeatable or comma-separated; default: AWS_REGION, AWS_DEFAULT_REGION, the profile's region)",
      collect,
    )
    .option('--profile <name>', 'the AWS profile to use (default: AWS_PROFILE, else "default")');
  addReportOptions(command);
  return command
    .addHelpText(
      'after',
      `
Examples:
  transit-guard scan --region eu-west-1,us-east-1 --fail-on high --sarif scan.sarif
  AWS_PROFILE=audit transit-guard scan
`,
    )
    .action((flags: ScanFlags) => run(() => runScanWith(flags, io, seams)));
}

/**
 * `scan`: the scheduled sweep's use case run once from a terminal, reading the account with the default AWS
 * credential chain. Dry run: findings stay in memory, nothing is published or changed.
 */
async function runScanWith(values: ScanFlags, io: CliIo, seams: ScanSeams): Promise<ExitCode> {
  const env = io.env ?? process.env;
  const settings = reportSettings(values, io);
  const regions = await regionsOf(values.region, env, values.profile);
  const policy = await loadDryRunPolicy(values.policy, io);
  // The SDK's default chain reads the profile from the environment.
  if (values.profile !== undefined && !seams.sourceFactory) process.env.AWS_PROFILE = values.profile;

  const families = FAMILIES.map((family) => family.id);
  const progress = createProgress(io.stderr, regions.length * families.length);
  const evaluatedAt = settings.now ?? new Date();
  const source = watchedSource(await (seams.sourceFactory ?? createScanSource)(), (region, family, read) =>
    progress.step(
      `${region} ${family}: ${read.resources.length} resources${read.errors.length > 0 ? `, ${read.errors.length} unreadable` : ''}`,
    ),
  );
  const deps: MonitorDeps = {
    source,
    findings: createMemoryFindingStore(),
    // Nothing leaves the terminal: no findings bus, no Slack, no actions.
    publish: async () => {},
    policy,
    rules: RULES,
    now: () => evaluatedAt,
    scope: { regions },
  };
  const outcome = await sweep(deps, {
    sweepId: `cli-scan-${evaluatedAt.toISOString()}`,
    regions,
    onProgress: (message) => {
      if (!message.startsWith('reading ')) progress.note(message);
    },
  }).finally(() => progress.done());
  // Nothing judged is not an all-clear: exit 3 (2 when calls failed), saying what was read.
  if (outcome.resources === 0) {
    const Failure = outcome.errors.length > 0 ? CliInputError : NothingJudgedError;
    const lines = [
      ...regions.map((region) => `  - ${region}: no resource`),
      ...outcome.errors.map((e) => `  - ${e.source}: ${e.message}`),
    ];
    throw new Failure(
      `nothing to evaluate: no ${judgedResources()} in ${regions.join(', ')}. Read:\n${lines.join('\n')}`,
    );
  }
  if (outcome.evaluations.length === 0) {
    throw new NothingJudgedError(
      `nothing to evaluate: every rule that applies to the resources read (${outcome.resources}) is off in the policy (${values.policy ?? DEFAULT_POLICY_FILE})`,
    );
  }
  const evaluations = settings.account
    ? outcome.evaluations.map((e) => (e.accountId ? e : { ...e, accountId: settings.account }))
    : outcome.evaluations;
  const report = buildReport({
    evaluatedAt,
    resources: outcome.resources,
    evaluations,
    errors: outcome.errors,
    policy,
  });
  return writeReport(io, report, settings.write);
}
