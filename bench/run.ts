/**
 * `npm run bench`: generates the synthetic accounts, then runs each benchmark in a fresh child
 * process (so that peak RSS and JIT state belong to that benchmark alone) and prints its figures.
 *
 *   npm run bench                      # evaluate-10k, evaluate-100k, sweep, cold-start, handler
 *   npm run bench -- --only evaluate-100k
 *   npm run bench -- --only sweep      # (sweep also takes --unpaced: skip the run at AWS's documented rates)
 *   npm run bench -- --only org        # the organization's aggregator sweep (50 accounts x 4 regions)
 *   npm run bench -- --only cost       # the monthly AWS cost of the stacks
 *   npm run bench -- --only iot-1m     # 1,000,000 IoT certificate summaries (bench/iot/main.ts)
 *   npm run bench -- --keep            # keep the generated inputs in bench/results/
 *
 * Figures are also written to bench/results/latest.json (git-ignored).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBundled } from './bundle.js';
import type { EvaluateFigures } from './evaluate.js';
import type { FloorFigures } from './floor.js';
import { generateAccount, SHAPE_100K, scaledShape, shapeTotal } from './generate.js';

const benchDir = dirname(fileURLToPath(import.meta.url));
const resultsDir = join(benchDir, 'results');

interface Benchmark {
  name: string;
  shape: typeof SHAPE_100K;
  /**
   * What the figures should stay under: the wall time as a multiple of the floor's (bench/floor.ts, same input,
   * same run), since absolute times move with the host; peak RSS in MB.
   */
  targets?: { floorRatio: number; peakRssMb: number };
}

const BENCHMARKS: Benchmark[] = [
  { name: 'evaluate-10k', shape: scaledShape(10_000) },
  { name: 'evaluate-100k', shape: SHAPE_100K, targets: { floorRatio: 1.5, peakRssMb: 600 } },
];

/** Benchmarks that run as their own script and print their own figures (see their sections in bench/README.md). */
const SCRIPTS: { name: string; script: string }[] = [
  { name: 'sweep', script: 'sweep/main.ts' },
  { name: 'cold-start', script: 'cold-start/main.ts' },
  { name: 'handler', script: 'handler/main.ts' },
  { name: 'org', script: 'org/main.ts' },
  { name: 'cost', script: 'cost/main.ts' },
  { name: 'iot-1m', script: 'iot/main.ts' },
];

function runScript(name: string, script: string, args: string[]): void {
  console.log(`\n${name}:`);
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(benchDir, script), ...args], {
    stdio: 'inherit',
  });
  if (child.status !== 0) throw new Error(`benchmark ${name} failed (exit ${child.status})`);
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith('model name'));
    if (line) return line.split(':')[1]?.trim() ?? 'unknown';
  } catch {
    // not Linux: fall through to os.cpus()
  }
  return cpus()[0]?.model ?? 'unknown';
}

function machine(): Record<string, string | number> {
  return {
    nproc: availableParallelism(),
    cpu: cpuModel(),
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

/** Runs a bench script, bundled as the CLI is (bench/bundle.ts), in a fresh Node process and returns the JSON line it prints last. */
function runChild<T>(script: string, args: string[]): { figures: T; processMs: number } {
  const started = performance.now();
  const child = runBundled(script, args);
  const processMs = Math.round(performance.now() - started);
  if (child.status !== 0) {
    throw new Error(`benchmark child ${script} failed (exit ${child.status}):\n${child.stderr}`);
  }
  const line = child.stdout.trim().split('\n').at(-1) ?? '';
  return { figures: JSON.parse(line) as T, processMs };
}

function verdict(value: number, limit: number | undefined): string {
  if (limit === undefined) return '';
  return value <= limit ? ` (target ${limit}: met)` : ` (target ${limit}: MISSED)`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
  const keep = args.includes('--keep');
  const selected = BENCHMARKS.filter((benchmark) => !only || benchmark.name === only);
  const scripts = SCRIPTS.filter((script) => !only || script.name === only);
  if (selected.length === 0 && scripts.length === 0) throw new Error(`no benchmark named ${only}`);
  const scriptArgs = args.filter((arg) => arg === '--unpaced');

  mkdirSync(resultsDir, { recursive: true });
  const info = machine();
  console.log(
    `machine: ${Object.entries(info)
      .map(([key, value]) => `${key}=${value}`)
      .join(' ')}`,
  );

  const results: Record<string, unknown>[] = [];
  for (const benchmark of selected) {
    const dir = join(resultsDir, `input-${benchmark.name}`);
    rmSync(dir, { recursive: true, force: true });
    const generated = await generateAccount(dir, benchmark.shape);
    const load = loadavg()[0]?.toFixed(1) ?? '?';
    const { figures, processMs } = runChild<EvaluateFigures>('evaluate.ts', [
      dir,
      String(shapeTotal(benchmark.shape)),
    ]);
    const { figures: floor } = runChild<FloorFigures>('floor.ts', [dir, String(figures.outputBytes)]);
    if (!keep) rmSync(dir, { recursive: true, force: true });
    const ratio = Math.round((figures.wallMs / floor.wallMs) * 100) / 100;
    const mainRatio =
      figures.mainThreadCpuMs !== null && floor.mainThreadCpuMs
        ? Math.round((figures.mainThreadCpuMs / floor.mainThreadCpuMs) * 100) / 100
        : null;
    const inputMb = (generated.bytes / 1024 ** 2).toFixed(1);
    console.log(
      `\n${benchmark.name}: ${generated.items.toLocaleString('en')} items, ${inputMb} MB of JSON (load average ${load} at start)`,
    );
    console.log(`  wall time      ${figures.wallMs} ms`);
    console.log(
      `  floor          ${floor.wallMs} ms wall (JSON.parse of the input ${floor.parseMs} ms, JSON.stringify + write of ${(floor.outputBytes / 1024 ** 2).toFixed(1)} MB ${floor.stringifyMs} ms), ${floor.cpuMs} ms CPU (${floor.mainThreadCpuMs ?? '?'} main thread), peak RSS ${floor.peakRssMb} MB`,
    );
    console.log(
      `  ratio          ${ratio}x the floor's wall time${verdict(ratio, benchmark.targets?.floorRatio)}; main-thread CPU ${mainRatio ?? '?'}x`,
    );
    console.log(`  CPU time       ${figures.cpuMs} ms (user + system, all threads)`);
    if (figures.mainThreadCpuMs !== null) {
      console.log(`  main thread    ${figures.mainThreadCpuMs} ms CPU (the floor of the wall time)`);
    }
    console.log(`  throughput     ${figures.itemsPerSecond.toLocaleString('en')} items/s`);
    console.log(
      `  peak RSS       ${figures.peakRssMb} MB${verdict(figures.peakRssMb, benchmark.targets?.peakRssMb)}`,
    );
    for (const [phase, p] of Object.entries(figures.phases)) {
      console.log(
        `  ${phase.padEnd(14)} ${p.wallMs} ms wall, ${p.cpuMs} ms CPU (${p.mainThreadCpuMs ?? '?'} main thread), peak RSS ${p.peakRssMb} MB at its end`,
      );
    }
    console.log(`  child process  ${processMs} ms including Node start-up and module loading`);
    console.log(
      `  output         ${figures.resources.toLocaleString('en')} resources, ${figures.evaluations.toLocaleString('en')} evaluations (${figures.nonCompliant.toLocaleString('en')} non-compliant), ${figures.inputErrors} input errors, ${(figures.outputBytes / 1024 ** 2).toFixed(1)} MB of JSON`,
    );
    results.push({
      benchmark: benchmark.name,
      inputMb: Number(inputMb),
      loadAverage: Number(load),
      processMs,
      ...figures,
      floor,
      floorRatio: ratio,
      floorMainThreadRatio: mainRatio,
    });
  }
  if (results.length > 0) {
    const latest = { measuredAt: new Date().toISOString(), machine: info, results };
    writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(latest, null, 2)}\n`);
  }
  for (const { name, script } of scripts) runScript(name, script, scriptArgs);
}

await main();
