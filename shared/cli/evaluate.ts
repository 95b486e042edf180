import { parseArgs } from 'node:util';
import type { LoadedInventory } from '../inventory/load.js';
import { loadInventory } from '../inventory/load.js';
import type { Resource } from '../model/resource.js';
import { DEFAULT_POLICY_FILE, loadPolicy } from '../policy/load.js';
import { buildReport, reportExitCode } from '../report/report.js';
import { ruleMode } from '../rules/engine.js';
import { RULES } from '../rules/index.js';
import { createTlsCatalog } from '../tls/index.js';
import { checkPolicy } from '../usecase/check-policy.js';
import { evaluateAndPlanAll, evaluateAndPlanByResource } from '../usecase/evaluate.js';
import { CliInputError, type CliIo, EXIT, type ExitCode, UsageError } from './io.js';
import { cliPaths, parseFileLimit, parseFormat, parseNow } from './options.js';
import { prepareHtmlReport } from './report-command.js';
import {
  judgedResources,
  REPORT_FORMATS,
  type ReportFormat,
  writeReport,
  writeReportJsonStreamed,
} from './report-writer.js';

/** evaluate's options; `--slack-preview` prints the Block Kit messages instead of the report. */
const EVALUATE_OPTIONS = {
  policy: { type: 'string' },
  format: { type: 'string', default: 'table' },
  now: { type: 'string' },
  'max-file-size': { type: 'string' },
  'no-color': { type: 'boolean', default: false },
  'slack-preview': { type: 'boolean', default: false },
  html: { type: 'string' },
  history: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

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

/** `htmlOnly`: the `report` command, which writes the --html file and prints no report. */
export async function runEvaluate(
  args: string[],
  io: CliIo,
  { htmlOnly = false }: { htmlOnly?: boolean } = {},
): Promise<ExitCode | 'help'> {
  const { values, positionals } = parseArgs({ args, options: EVALUATE_OPTIONS, allowPositionals: true });
  if (values.help) return 'help';
  if (values.html === undefined && (htmlOnly || values.history !== undefined))
    throw new UsageError(htmlOnly ? 'report needs --output <file>' : '--history needs --html <file>');
  const format: ReportFormat = parseFormat(values.format, REPORT_FORMATS);
  const now = parseNow(values.now);
  if (positionals.length === 0) throw new UsageError('evaluate needs at least one file or directory');

  const policy = await loadPolicy(values.policy, io.cwd === undefined ? {} : { cwd: io.cwd });
  const limit = parseFileLimit(values['max-file-size']);
  const inventory = await loadInventory(cliPaths(positionals, io.cwd), { limit }).catch((error: unknown) => {
    throw new CliInputError(error instanceof Error ? error.message : String(error));
  });
  const tls = createTlsCatalog({ tlsPolicies: inventory.tlsPolicies });
  const problems = checkPolicy(policy, { rules: RULES, tls });
  if (problems.length > 0) {
    throw new CliInputError(
      `Invalid policy file ${values.policy ?? DEFAULT_POLICY_FILE}:\n${problems.map((p) => `  - ${p.path}: ${p.message}`).join('\n')}`,
    );
  }
  // Nothing judged is not an all-clear: exit 2, saying what was read.
  if (inventory.resources.length === 0) {
    throw new CliInputError(
      `nothing to evaluate: no ${judgedResources()} in the inputs. Read:\n${describeInputs(inventory)
        .map((line) => `  - ${line}`)
        .join('\n')}`,
    );
  }
  const judged = (resource: Resource) =>
    RULES.some((rule) => rule.appliesTo(resource) && ruleMode(rule, { policy }) !== 'off');
  if (!inventory.resources.some(judged)) {
    throw new CliInputError(
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
  const evaluatedAt = now ?? new Date();
  const context = { policy, now: evaluatedAt, tls };
  if (format === 'json' && !values['slack-preview'] && writeHtml === undefined) {
    // Streamed: each resource is evaluated and written in turn, so the evaluations of a large account are
    // never all in memory, nor is the output as one string.
    return writeReportJsonStreamed(io, {
      evaluatedAt,
      resources: inventory.resources,
      evaluations: evaluateAndPlanByResource(inventory.resources, RULES, context),
      errors: inventory.errors,
      policy,
    });
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
    return reportExitCode(report) === 1 ? EXIT.nonCompliant : EXIT.ok;
  }
  return writeReport(io, report, {
    format,
    noColor: values['no-color'],
    slackPreview: values['slack-preview'],
  });
}
