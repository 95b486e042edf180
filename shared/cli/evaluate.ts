import { Command } from 'commander';
import type { LoadedInventory } from '../inventory/load.js';
import { loadInventory } from '../inventory/load.js';
import type { Resource } from '../model/resource.js';
import { DEFAULT_POLICY_FILE, loadPolicy } from '../policy/load.js';
import { buildReport } from '../report/report.js';
import { ruleMode } from '../rules/engine.js';
import { RULES } from '../rules/index.js';
import { createTlsCatalog } from '../tls/index.js';
import { checkPolicy } from '../usecase/check-policy.js';
import { evaluateAndPlanAll, evaluateAndPlanByResource } from '../usecase/evaluate.js';
import { CliInputError, type CliIo, type ExitCode, NothingJudgedError, UsageError } from './io.js';
import { cliPaths, parseFileLimit } from './options.js';
import {
  addDefaultRegionOption,
  addReportOptions,
  defaultRegionOf,
  type ReportFlags,
  reportSettings,
} from './report-options.js';
import { judgedResources, writeReport, writeReportJsonStreamed } from './report-writer.js';

/**
 * --account / --region for resources whose input names none (VPN describe output names neither), so that
 * Slack messages and SARIF locations name them instead of "unknown". What an input names is kept.
 */
export function withDefaults(
  resources: readonly Resource[],
  accountId: string | undefined,
  region: string | undefined,
): Resource[] {
  if (accountId === undefined && region === undefined) return [...resources];
  return resources.map((resource) => ({
    ...resource,
    ...(resource.accountId === undefined && accountId !== undefined ? { accountId } : {}),
    ...(resource.region === undefined && region !== undefined ? { region } : {}),
  }));
}

/** evaluate's own flags, beside the report flags. */
interface EvaluateFlags extends ReportFlags {
  maxFileSize?: string;
  slackPreview?: boolean;
  region?: string;
}

export function evaluateCommand(run: (action: () => Promise<ExitCode>) => void, io: CliIo): Command {
  const command = new Command('evaluate')
    .summary('judge AWS Config snapshots/items and aws describe-* output (offline, read-only)')
    .description(
      'Judges AWS Config snapshots or items and aws describe-* output (files, or directories of *.json) offline: ' +
        'nothing is read from or written to AWS.',
    )
    .argument('[paths...]', 'input files or directories');
  addReportOptions(command);
  addDefaultRegionOption(command);
  return command
    .option(
      '--max-file-size <MiB>',
      'larger input files are listed under errors, not read (default 256); only regular files are read',
    )
    .option(
      '--slack-preview',
      'print the Slack Block Kit messages it would send (paste one into Block Kit Builder)',
    )
    .addHelpText(
      'after',
      `
Examples:
  transit-guard evaluate examples/account
  transit-guard evaluate snapshot.json --policy transit-guard.policy.yml --fail-on high
  transit-guard evaluate inputs/ --format table --sarif out.sarif --json out.json
  aws ec2 describe-vpn-connections > vpn.json && transit-guard evaluate vpn.json --account 111122223333 --region eu-west-1
`,
    )
    .action((paths: string[], flags: EvaluateFlags) => run(() => runEvaluate(paths, flags, io)));
}

/**
 * For an inventory without resources: each file and what was found in it (or why it could not be read),
 * then the errors of paths that are not files (a missing path, a directory without *.json files).
 */
function describeInputs(inventory: LoadedInventory): string[] {
  const ofFile = (source: string) => (error: { source: string }) =>
    error.source === source || error.source.startsWith(`${source} (`);
  const lines = inventory.read.map((file) => {
    const errors = inventory.errors.filter(ofFile(file.source)).map((error) => error.message);
    return `${file.source}: ${['no resource', ...file.found, ...errors].join('; ')}`;
  });
  const others = inventory.errors.filter(
    (error) => !inventory.read.some((file) => ofFile(file.source)(error)),
  );
  return [...lines, ...others.map((error) => `${error.source}: ${error.message}`)];
}

async function runEvaluate(positionals: string[], values: EvaluateFlags, io: CliIo): Promise<ExitCode> {
  const settings = reportSettings(values, io);
  const region = defaultRegionOf(values.region);
  if (positionals.length === 0) throw new UsageError('evaluate needs at least one file or directory');

  const policy = await loadPolicy(values.policy, io.cwd === undefined ? {} : { cwd: io.cwd });
  const limit = parseFileLimit(values.maxFileSize);
  const loaded = await loadInventory(cliPaths(positionals, io.cwd), { limit }).catch((error: unknown) => {
    throw new CliInputError(error instanceof Error ? error.message : String(error));
  });
  const inventory = { ...loaded, resources: withDefaults(loaded.resources, settings.account, region) };
  const tls = createTlsCatalog({ tlsPolicies: inventory.tlsPolicies });
  const problems = checkPolicy(policy, { rules: RULES, tls });
  if (problems.length > 0) {
    throw new CliInputError(
      `Invalid policy file ${values.policy ?? DEFAULT_POLICY_FILE}:\n${problems.map((p) => `  - ${p.path}: ${p.message}`).join('\n')}`,
    );
  }
  // Nothing judged is not an all-clear: exit 3 (2 when inputs could not be read), saying what was read.
  if (inventory.resources.length === 0) {
    const Failure = inventory.errors.length > 0 ? CliInputError : NothingJudgedError;
    throw new Failure(
      `nothing to evaluate: no ${judgedResources()} in the inputs. Read:\n${describeInputs(inventory)
        .map((line) => `  - ${line}`)
        .join('\n')}`,
    );
  }
  const judged = (resource: Resource) =>
    RULES.some((rule) => rule.appliesTo(resource) && ruleMode(rule, { policy }) !== 'off');
  if (!inventory.resources.some(judged)) {
    throw new NothingJudgedError(
      `nothing to evaluate: every rule that applies to the resources read (${inventory.resources.length}) is off in the policy (${values.policy ?? DEFAULT_POLICY_FILE})`,
    );
  }

  const evaluatedAt = settings.now ?? new Date();
  const context = { policy, now: evaluatedAt, tls };
  const { write } = settings;
  const alone = write.output === undefined && Object.keys(write.files ?? {}).length === 0;
  if (write.format === 'json' && alone && !values.slackPreview) {
    // Streamed: each resource is evaluated and written in turn, so the evaluations of a large account are
    // never all in memory, nor is the output as one string.
    return writeReportJsonStreamed(
      io,
      {
        evaluatedAt,
        resources: inventory.resources.length,
        evaluations: evaluateAndPlanByResource(inventory.resources, RULES, context),
        errors: inventory.errors,
        policy,
      },
      settings.failOn,
    );
  }

  const report = buildReport({
    evaluatedAt,
    resources: inventory.resources,
    evaluations: evaluateAndPlanAll(inventory.resources, RULES, context),
    errors: inventory.errors,
    policy,
  });
  return writeReport(io, report, { ...write, slackPreview: values.slackPreview === true });
}
