/**
 * One measured run of `transit-guard evaluate` on a directory, end to end and in process:
 * read + parse + normalize + link (loadInventory; a snapshot is parsed item by item), evaluate
 * (evaluateAll), JSON out (buildReport + writeJson: exactly the chunks `--format json` writes to stdout,
 * here written to /dev/null and counted).
 * Run by bench/run.ts in a fresh child process: `node --import tsx bench/evaluate.ts <dir> <items>`.
 * Prints one JSON line of figures on stdout.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { devNull } from 'node:os';
import { pathToFileURL } from 'node:url';
import { loadInventory } from '../shared/inventory/index.js';
import { policySchema } from '../shared/policy/schema.js';
import { type JsonSink, writeJson } from '../shared/report/json.js';
import { buildReport } from '../shared/report/report.js';
import { evaluateAll } from '../shared/rules/engine.js';
import { RULES } from '../shared/rules/index.js';
import { createTlsCatalog } from '../shared/tls/index.js';

export type Phase = 'load' | 'evaluate' | 'serialize';

export interface PhaseFigures {
  wallMs: number;
  /** User + system CPU time: less sensitive than wall time to other processes on the machine. */
  cpuMs: number;
  /** Peak RSS so far, at the end of the phase (the phase where it jumps is the one that set the peak). */
  peakRssMb: number;
}

export interface EvaluateFigures {
  items: number;
  resources: number;
  evaluations: number;
  nonCompliant: number;
  inputErrors: number;
  outputBytes: number;
  wallMs: number;
  cpuMs: number;
  phases: Record<Phase, PhaseFigures>;
  itemsPerSecond: number;
  peakRssMb: number;
}

const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Runs one phase and records its wall time, CPU time and the peak RSS at its end. */
async function timed<T>(
  phases: Partial<Record<Phase, PhaseFigures>>,
  phase: Phase,
  run: () => T | Promise<T>,
): Promise<T> {
  const wall = performance.now();
  const cpu = cpuMs();
  const result = await run();
  phases[phase] = {
    wallMs: Math.round(performance.now() - wall),
    cpuMs: Math.round(cpuMs() - cpu),
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
  const inventory = await timed(phases, 'load', () => loadInventory([dir]));
  const evaluations = await timed(phases, 'evaluate', () => {
    const tls = createTlsCatalog({ elbv2Policies: inventory.elbv2Policies });
    return evaluateAll(inventory.resources, RULES, { policy, now, tls });
  });
  const { report, outputBytes } = await timed(phases, 'serialize', async () => {
    const built = buildReport({
      evaluatedAt: now,
      resources: inventory.resources,
      evaluations,
      errors: inventory.errors,
      certificateExpiryDays: policy.certificates.expiryDays,
    });
    // The CLI streams the same chunks to stdout.
    const sink = nullSink();
    await writeJson(built, sink);
    sink.close();
    return { report: built, outputBytes: sink.bytes };
  });
  const wallMs = performance.now() - started;
  return {
    items,
    resources: inventory.resources.length,
    evaluations: evaluations.length,
    nonCompliant: report.summary.nonCompliant,
    inputErrors: inventory.errors.length,
    outputBytes,
    wallMs: Math.round(wallMs),
    cpuMs: Math.round(cpuMs() - startedCpu),
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
