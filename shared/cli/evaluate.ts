import { isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadInventory } from '../inventory/index.js';
import type { LoadedInventory } from '../inventory/load.js';
import type { Resource } from '../model/resource.js';
import { DEFAULT_POLICY_FILE, loadPolicy } from '../policy/load.js';
import { writeReportJson } from '../report/json.js';
import { buildReport, reportExitCode } from '../report/report.js';
import { renderSarif } from '../report/sarif.js';
import { renderTable } from '../report/table.js';
import { ruleMode } from '../rules/engine.js';
import { RULES } from '../rules/index.js';
import { createTlsCatalog } from '../tls/index.js';
import { checkPolicy } from '../usecase/check-policy.js';
import { evaluateAndPlanAll, evaluateAndPlanByResource } from '../usecase/evaluate.js';
import { CliInputError, type CliIo, EXIT, type ExitCode, UsageError } from './io.js';
import { parseFileLimit, parseFormat, parseNow, useColor } from './options.js';
import { renderSlackPreview } from './slack-preview.js';
import { VERSION } from './version.js';

const FORMATS = ['table', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

/** evaluate's options; `--slack-preview` prints the Block Kit messages instead of the report. */
const EVALUATE_OPTIONS = {
  policy: { type: 'string' },
  format: { type: 'string', default: 'table' },
  now: { type: 'string' },
  'max-file-size': { type: 'string' },
  'no-color': { type: 'boolean', default: false },
  'slack-preview': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** Inputs as typed when they resolve the same way; otherwise against io.cwd (so messages keep the user's names). */
function inputPaths(paths: readonly string[], cwd: string | undefined): string[] {
  if (cwd === undefined || resolve(cwd) === process.cwd()) return [...paths];
  return paths.map((path) => (isAbsolute(path) ? path : resolve(cwd, path)));
}

/** What the resources of the inputs are called, for a run that found none. */
const JUDGED =
  'listener, classic load balancer, VPN connection, Direct Connect connection or LAG, or ACM certificate';

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

export async function runEvaluate(args: string[], io: CliIo): Promise<ExitCode | 'help'> {
  const { values, positionals } = parseArgs({ args, options: EVALUATE_OPTIONS, allowPositionals: true });
  if (values.help) return 'help';
  const format: Format = parseFormat(values.format, FORMATS);
  const now = parseNow(values.now);
  if (positionals.length === 0) throw new UsageError('evaluate needs at least one file or directory');

  const policy = await loadPolicy(values.policy, io.cwd === undefined ? {} : { cwd: io.cwd });
  const limit = parseFileLimit(values['max-file-size']);
  const inventory = await loadInventory(inputPaths(positionals, io.cwd), { limit }).catch(
    (error: unknown) => {
      throw new CliInputError(error instanceof Error ? error.message : String(error));
    },
  );
  const tls = createTlsCatalog({ elbv2Policies: inventory.elbv2Policies });
  const problems = checkPolicy(policy, { rules: RULES, tls });
  if (problems.length > 0) {
    throw new CliInputError(
      `Invalid policy file ${values.policy ?? DEFAULT_POLICY_FILE}:\n${problems.map((p) => `  - ${p.path}: ${p.message}`).join('\n')}`,
    );
  }
  // Nothing judged is not an all-clear: exit 2, saying what was read.
  if (inventory.resources.length === 0) {
    throw new CliInputError(
      `nothing to evaluate: no ${JUDGED} in the inputs. Read:\n${describeInputs(inventory)
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

  const evaluatedAt = now ?? new Date();
  const context = { policy, now: evaluatedAt, tls };
  if (format === 'json' && !values['slack-preview']) {
    // Machine-readable stdout stays clean; a person still sees the skipped inputs.
    for (const error of inventory.errors) io.stderr.write(`warning: ${error.source}: ${error.message}\n`);
    // Streamed: each resource is evaluated and written in turn, the summary counted on the way, so the
    // evaluations of a large account are never all in memory, nor is the output as one string.
    const summary = await writeReportJson(
      {
        evaluatedAt,
        resources: inventory.resources.length,
        evaluations: evaluateAndPlanByResource(inventory.resources, RULES, context),
        errors: inventory.errors,
        certificateExpiryDays: policy.certificates.expiryDays,
      },
      io.stdout,
    );
    return summary.nonCompliant > 0 ? EXIT.nonCompliant : EXIT.ok;
  }

  const evaluations = evaluateAndPlanAll(inventory.resources, RULES, context);
  const report = buildReport({
    evaluatedAt,
    resources: inventory.resources,
    evaluations,
    errors: inventory.errors,
    certificateExpiryDays: policy.certificates.expiryDays,
  });

  if (values['slack-preview']) {
    for (const error of report.errors) io.stderr.write(`warning: ${error.source}: ${error.message}\n`);
    io.stdout.write(renderSlackPreview(report));
  } else if (format === 'table') {
    io.stdout.write(renderTable(report, { color: useColor(io, values['no-color']) }));
  } else {
    // Machine-readable stdout stays clean; a person still sees the skipped inputs.
    for (const error of report.errors) io.stderr.write(`warning: ${error.source}: ${error.message}\n`);
    io.stdout.write(renderSarif(report, RULES, { version: VERSION }));
  }
  return reportExitCode(report) === 1 ? EXIT.nonCompliant : EXIT.ok;
}
