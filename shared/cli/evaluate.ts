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
import { prepareHtmlReport } from './report-command.js';
import {
  addDefaultRegionOption,
  addReportOptions,
  defaultRegionOf,
  type ReportFlags,
  reportSettings,
} from './report-options.js';
import { failExitCode, judgedResources, writeReport, writeReportJsonStreamed } from './report-writer.js';
import { renderSlackPreview } from './slack-preview.js';

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
  /** --html FILE (report's --output): the self-contained HTML report. */
  html?: string;
  /** --history DIR: earlier JSON reports, for the HTML report's trends. */
  history?: string;
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
      'print the Slack Block Kit messages a first sweep of these inputs would post: one digest, findings below slack.minSeverity not listed',
    )
    .option('--html <file>', 'also write the self-contained HTML report to this file')
    .option('--history <dir>', "earlier JSON reports (*.json) for the HTML report's KPI trends")
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

/** `report`: evaluate writing only the HTML report (--output), same inputs and policy. */
export function reportCommand(run: (action: () => Promise<ExitCode>) => void, io: CliIo): Command {
  const command = new Command('report')
    .summary('write the self-contained HTML report of the inputs (KPI charts, findings, trends)')
    .description(
      'Evaluates the inputs as evaluate does and writes one self-contained HTML file (no network at view time): ' +
        "the SEC09 KPIs as charts, findings by family and severity with filters, and with --history each KPI's trend.",
    )
    .argument('[paths...]', 'input files or directories')
    .option('-o, --output <file>', 'the HTML file to write')
    .option('--history <dir>', 'earlier JSON reports (*.json) for the KPI trends')
    .option(
      '--policy <file>',
      'policy file (default: ./transit-guard.policy.yml if present, else built-in defaults)',
    )
    .option('--fail-on <severity>', 'exit 1 only for a finding of this severity or worse', 'low')
    .option('--now <ISO date>', 'evaluate as of this time (e.g. 2026-11-22 or 2026-11-22T00:00:00Z)')
    .option('--account <id>', 'the AWS account of resources whose input names none')
    .option('--max-file-size <MiB>', 'larger input files are listed under errors, not read (default 256)');
  addDefaultRegionOption(command);
  return command
    .addHelpText(
      'after',
      `
Examples:
  transit-guard report examples/account -o report.html
  transit-guard evaluate inputs/ --format json --output reports/$(date +%F).json
  transit-guard report inputs/ -o report.html --history reports/
`,
    )
    .action((paths: string[], flags: EvaluateFlags & { output?: string }) => {
      const { output, ...rest } = flags;
      return run(() =>
        runEvaluate(
          paths,
          { ...rest, format: 'table', color: false, ...(output !== undefined ? { html: output } : {}) },
          io,
          { htmlOnly: true },
        ),
      );
    });
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

/** `htmlOnly`: the `report` command, which writes the HTML file and prints no report. */
async function runEvaluate(
  positionals: string[],
  values: EvaluateFlags,
  io: CliIo,
  { htmlOnly = false }: { htmlOnly?: boolean } = {},
): Promise<ExitCode> {
  const settings = reportSettings(values, io);
  const region = defaultRegionOf(values.region);
  if (values.html === undefined && (htmlOnly || values.history !== undefined))
    throw new UsageError(htmlOnly ? 'report needs --output <file>' : '--history needs --html <file>');
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

  const writeHtml =
    values.html === undefined
      ? undefined
      : await prepareHtmlReport(io, {
          file: values.html,
          ...(values.history !== undefined ? { history: values.history } : {}),
        });
  const evaluatedAt = settings.now ?? new Date();
  const context = { policy, now: evaluatedAt, tls };
  const { write } = settings;
  const alone = write.output === undefined && Object.keys(write.files ?? {}).length === 0;
  if (write.format === 'json' && alone && !values.slackPreview && writeHtml === undefined) {
    // Streamed: each resource is evaluated and written in turn, so the evaluations of a large account are
    // never all in memory, nor is the output as one string.
    return writeReportJsonStreamed(
      io,
      {
        evaluatedAt,
        resources: inventory.resources,
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
  await writeHtml?.(report);
  if (htmlOnly) {
    for (const error of report.errors) io.stderr.write(`warning: ${error.source}: ${error.message}\n`);
    return failExitCode(report.summary, settings.failOn);
  }
  const slackPreview = values.slackPreview
    ? await renderSlackPreview({ inventory, policy, now: evaluatedAt })
    : undefined;
  return writeReport(io, report, { ...write, ...(slackPreview !== undefined ? { slackPreview } : {}) });
}
