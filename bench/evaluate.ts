/**
 * One measured run of `transit-guard evaluate` on a directory, end to end and in process:
 * read + parse + normalize + link (loadInventory; a snapshot is parsed item by item), then evaluate and
 * JSON out together, as the CLI does (evaluateAndPlanByResource + writeReportJson: each resource evaluated and its
 * evaluations written in turn, exactly the chunks `--format json` writes to stdout, here written to
 * /dev/null and counted).
 * Run by bench/run.ts in a fresh child process, bundled as the CLI is (bench/bundle.ts):
 * `node bench/results/bundles/evaluate.mjs <dir> <items>`.
 * Prints one JSON line of figures on stdout.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { devNull } from 'node:os';
import { pathToFileURL } from 'node:url';
import { loadInventory } from '../shared/inventory/load.js';
import { policySchema } from '../shared/policy/schema.js';
import { type JsonSink, writeReportJson } from '../shared/report/json.js';
import { RULES } from '../shared/rules/index.js';
import { createTlsCatalog } from '../shared/tls/index.js';
import { evaluateAndPlanByResource } from '../shared/usecase/evaluate.js';
import type { PhaseFigures } from './figures.js';
import { cpuMs, mainThreadCpuMs, peakRssMb } from './figures.js';

export type Phase = 'load' | 'evaluate+write';

export interface EvaluateFigures {
  items: number;
  resources: number;
  evaluations: number;
  nonCompliant: number;
  inputErrors: number;
  outputBytes: number;
  wallMs: number;
  cpuMs: number;
  /** CPU time of the main thread alone (JavaScript, plus its share of GC); null where /proc is missing. */
  mainThreadCpuMs: number | null;
  phases: Record<Phase, PhaseFigures>;
  itemsPerSecond: number;
  peakRssMb: number;
}

/** Runs one phase and records its wall time, CPU time and the peak RSS at its end. */
async function timed<T>(
  phases: Partial<Record<Phase, PhaseFigures>>,
  phase: Phase,
  run: () => T | Promise<T>,
): Promise<T> {
  const wall = performance.now();
  const cpu = cpuMs();
  const mainCpu = mainThreadCpuMs();
  const result = await run();
  const mainCpuAfter = mainThreadCpuMs();
  phases[phase] = {
    wallMs: Math.round(performance.now() - wall),
    cpuMs: Math.round(cpuMs() - cpu),
    mainThreadCpuMs: mainCpu === null || mainCpuAfter === null ? null : mainCpuAfter - mainCpu,
    peakRssMb: peakRssMb(),
  };
  return result;
}

/**
 * A sink that writes each chunk to /dev/null and counts the bytes: the same encoding and write calls as
 * `transit-guard evaluate ... --format json > file`, without the benchmark depending on a disk.
 */
function nullSink(): JsonSink & { bytes: number; close(): void } {
  const fd = openSync(devNull, 'w');
  return {
    bytes: 0,
    write(chunk: string) {
      this.bytes += writeSync(fd, chunk);
      return true;
    },
    close: () => closeSync(fd),
  };
}

/** The whole pipeline on `dir`; `items` is what the generator wrote (for items/s). */
export async function measureEvaluate(dir: string, items: number, now: Date): Promise<EvaluateFigures> {
  const policy = policySchema.parse({});
  const phases: Partial<Record<Phase, PhaseFigures>> = {};
  const started = performance.now();
  const startedCpu = cpuMs();
  const startedMainCpu = mainThreadCpuMs();
  const inventory = await timed(phases, 'load', () => loadInventory([dir]));
  const { summary, outputBytes } = await timed(phases, 'evaluate+write', async () => {
    const tls = createTlsCatalog({ tlsPolicies: inventory.tlsPolicies });
    // As the CLI does: each resource evaluated and its evaluations written in turn, the summary counted on the way.
    const sink = nullSink();
    const counted = await writeReportJson(
      {
        evaluatedAt: now,
        resources: inventory.resources,
        evaluations: evaluateAndPlanByResource(inventory.resources, RULES, { policy, now, tls }),
        errors: inventory.errors,
        policy,
      },
      sink,
    );
    sink.close();
    return { summary: counted, outputBytes: sink.bytes };
  });
  const wallMs = performance.now() - started;
  return {
    items,
    resources: inventory.resources.length,
    evaluations: summary.nonCompliant + summary.compliant + summary.notApplicable,
    nonCompliant: summary.nonCompliant,
    inputErrors: inventory.errors.length,
    outputBytes,
    wallMs: Math.round(wallMs),
    cpuMs: Math.round(cpuMs() - startedCpu),
    mainThreadCpuMs: startedMainCpu === null ? null : (mainThreadCpuMs() ?? startedMainCpu) - startedMainCpu,
    phases: phases as Record<Phase, PhaseFigures>,
    itemsPerSecond: Math.round(items / (wallMs / 1000)),
    peakRssMb: peakRssMb(),
  };
}

const [dir, items] = process.argv.slice(2);
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href && dir && items) {
  const figures = await measureEvaluate(dir, Number(items), new Date('2026-11-22T00:00:00Z'));
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}
