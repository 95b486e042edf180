import { parseArgs } from 'node:util';
import type { InventorySource } from '../inventory/live/port.js';
import { DEFAULT_POLICY_FILE } from '../policy/load.js';
import { buildReport } from '../report/report.js';
import { RULES } from '../rules/index.js';
import { createMemoryFindingStore } from '../state/memory-store.js';
import type { MonitorDeps } from '../usecase/deps.js';
import { sweep } from '../usecase/sweep.js';
import { CliInputError, type CliIo, type ExitCode, UsageError } from './io.js';
import { parseFormat, parseNow } from './options.js';
import { loadDryRunPolicy } from './replay.js';
import { judgedResources, REPORT_FORMATS, writeReport } from './report-writer.js';

const SCAN_OPTIONS = {
  region: { type: 'string', multiple: true },
  policy: { type: 'string' },
  format: { type: 'string', default: 'table' },
  now: { type: 'string' },
  'no-color': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** An AWS region name: us-east-1, eu-central-2, us-gov-west-1, cn-north-1, ap-southeast-7. */
const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;

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

/** --region values (repeatable, or comma-separated), else AWS_REGION / AWS_DEFAULT_REGION. */
function regionsOf(flags: readonly string[] | undefined, env: Record<string, string | undefined>): string[] {
  const given = (flags ?? [])
    .flatMap((flag) => flag.split(','))
    .map((region) => region.trim())
    .filter((region) => region !== '');
  const fallback = env.AWS_REGION || env.AWS_DEFAULT_REGION;
  const regions = given.length > 0 ? given : fallback ? [fallback] : [];
  if (regions.length === 0) {
    throw new UsageError(
      'scan needs a region: --region <region> (repeatable), or AWS_REGION in the environment',
    );
  }
  const bad = regions.find((region) => !REGION_PATTERN.test(region));
  if (bad !== undefined)
    throw new UsageError(`--region: "${bad}" is not an AWS region name (e.g. eu-west-1)`);
  return [...new Set(regions)];
}

/**
 * `scan [--region r ...]`: the scheduled sweep's use case run once from a terminal, reading the account with
 * the default AWS credential chain. Dry run: findings stay in memory, nothing is published or changed.
 * Progress goes to stderr; the report is printed as `evaluate` prints it.
 */
export async function runScan(args: string[], io: CliIo, seams: ScanSeams = {}): Promise<ExitCode | 'help'> {
  const { values, positionals } = parseArgs({ args, options: SCAN_OPTIONS, allowPositionals: true });
  if (values.help) return 'help';
  if (positionals.length > 0)
    throw new UsageError(`scan takes no files; unexpected: ${positionals.join(' ')}`);
  const format = parseFormat(values.format, REPORT_FORMATS);
  const now = parseNow(values.now);
  const regions = regionsOf(values.region, io.env ?? process.env);
  const policy = await loadDryRunPolicy(values.policy, io);

  const evaluatedAt = now ?? new Date();
  const deps: MonitorDeps = {
    source: await (seams.sourceFactory ?? createScanSource)(),
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
    onProgress: (message) => io.stderr.write(`${message}\n`),
  });
  // Nothing judged is not an all-clear: exit 2, saying what was read.
  if (outcome.resources === 0) {
    const lines = [
      ...regions.map((region) => `  - ${region}: no resource`),
      ...outcome.errors.map((e) => `  - ${e.source}: ${e.message}`),
    ];
    throw new CliInputError(
      `nothing to evaluate: no ${judgedResources()} in ${regions.join(', ')}. Read:\n${lines.join('\n')}`,
    );
  }
  if (outcome.evaluations.length === 0) {
    throw new CliInputError(
      `nothing to evaluate: every rule that applies to the resources read (${outcome.resources}) is off in the policy (${values.policy ?? DEFAULT_POLICY_FILE})`,
    );
  }
  const report = buildReport({
    evaluatedAt,
    resources: outcome.resources,
    evaluations: outcome.evaluations,
    errors: outcome.errors,
    policy,
  });
  return writeReport(io, report, { format, noColor: values['no-color'] });
}
