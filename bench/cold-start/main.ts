/**
 * bench/cold-start: for every function bundle, its size and the median time to import it in a fresh Node
 * process (20 runs each). Two builds are measured:
 * - "packaged": .serverless/<function>.zip from `npm run package` when present (the .mjs inside it);
 * - "plugins": each functions/*.ts bundled here with the settings of infra/esbuild.yml (bundle, minify,
 *   ESM, node20, platform node, mainFields module/main) plus bench/cold-start/esbuild-plugins.mjs.
 *
 *   node --import tsx bench/cold-start/main.ts [--runs 20]
 *
 * The last line printed is the figures as JSON (for bench/run.ts).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
// @ts-expect-error an .mjs module without types
import { plugins } from './esbuild-plugins.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SIZE_TARGET = 1024 * 1024;
const IMPORT_TARGET_MS = 150;

export interface BundleFigures {
  build: 'packaged' | 'plugins';
  name: string;
  bundleBytes: number;
  zipBytes?: number;
  /** Median wall time of the import. */
  importMs: number;
  /** Median CPU time of the import (user + system): steadier than wall time on a shared machine. */
  importCpuMs: number;
  importRuns: number[];
}

/** What a function reads at import time: a complete, fake environment (no call leaves the process). */
const ENVIRONMENT: Record<string, string> = {
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'AKIDCOLDSTART',
  AWS_SECRET_ACCESS_KEY: 'cold-start',
  TG_ACCOUNT_ID: '111122223333',
  TG_REGIONS: 'eu-west-1',
  TG_FINDINGS_BUS: 'transit-guard-findings',
  TG_TABLE_NAME: 'transit-guard',
  TG_ACTIONS_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/111122223333/actions',
  TG_SLACK_OUTBOX_URL: 'https://sqs.eu-west-1.amazonaws.com/111122223333/outbox',
  TG_POLICY_FILE: join(root, 'transit-guard.policy.yml'),
  SLACK_WEBHOOK_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:slack-AbCdEf',
  SLACK_DEAD_LETTER_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/111122223333/slack-dlq',
  POWERTOOLS_TRACE_ENABLED: 'false',
  NODE_NO_WARNINGS: '1',
};

/** Wall and CPU milliseconds to import the module, measured inside a fresh Node process. */
function importOnce(file: string): { wall: number; cpu: number } {
  const script = `const c = process.cpuUsage(); const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); const u = process.cpuUsage(c); process.stdout.write(JSON.stringify({ wall: performance.now() - t, cpu: (u.user + u.system) / 1000 }));`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...ENVIRONMENT },
    timeout: 30_000,
  });
  if (child.status !== 0) throw new Error(`importing ${file} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout) as { wall: number; cpu: number };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

function measure(
  build: BundleFigures['build'],
  name: string,
  file: string,
  runs: number,
  zipBytes?: number,
): BundleFigures {
  const samples = Array.from({ length: runs }, () => importOnce(file));
  const importRuns = samples.map((sample) => Math.round(sample.wall * 10) / 10);
  return {
    importCpuMs: Math.round(median(samples.map((sample) => sample.cpu)) * 10) / 10,
    build,
    name,
    bundleBytes: statSync(file).size,
    ...(zipBytes === undefined ? {} : { zipBytes }),
    importMs: Math.round(median(importRuns) * 10) / 10,
    importRuns,
  };
}

/** The .mjs of each .serverless/<function>.zip, unzipped into `dir`. */
function packagedBundles(dir: string): { name: string; file: string; zipBytes: number }[] {
  const packaged = join(root, '.serverless');
  if (!existsSync(packaged)) return [];
  return readdirSync(packaged)
    .filter((entry) => entry.endsWith('.zip'))
    .map((zip) => {
      const name = basename(zip, '.zip');
      const target = join(dir, 'packaged', name);
      mkdirSync(target, { recursive: true });
      execFileSync('unzip', ['-q', '-o', join(packaged, zip), '-d', target]);
      return {
        name,
        file: join(target, 'functions', `${name}.mjs`),
        zipBytes: statSync(join(packaged, zip)).size,
      };
    })
    .filter((entry) => existsSync(entry.file));
}

/** Each functions/*.ts bundled with the packaging settings and the tree-shaking plugins. */
async function pluginBundles(dir: string): Promise<{ name: string; file: string }[]> {
  const names = readdirSync(join(root, 'functions'))
    .filter((entry) => entry.endsWith('.ts'))
    .map((entry) => basename(entry, '.ts'));
  const out: { name: string; file: string }[] = [];
  for (const name of names) {
    const file = join(dir, 'plugins', `${name}.mjs`);
    await build({
      entryPoints: [join(root, 'functions', `${name}.ts`)],
      outfile: file,
      bundle: true,
      minify: true,
      keepNames: true,
      target: 'node20',
      platform: 'node',
      format: 'esm',
      mainFields: ['module', 'main'],
      logLevel: 'error',
      plugins,
      banner: {
        js: "import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url);",
      },
    });
    out.push({ name, file });
  }
  return out;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

export async function main(args: readonly string[] = process.argv.slice(2)): Promise<BundleFigures[]> {
  const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 20;
  const dir = mkdtempSync(join(tmpdir(), 'tg-cold-start-'));
  try {
    const figures: BundleFigures[] = [];
    for (const bundle of packagedBundles(dir)) {
      figures.push(measure('packaged', bundle.name, bundle.file, runs, bundle.zipBytes));
    }
    for (const bundle of await pluginBundles(dir))
      figures.push(measure('plugins', bundle.name, bundle.file, runs));
    console.log(
      `cold-start: bundle size and median import time in a fresh Node ${process.version} process (${runs} runs)`,
    );
    for (const f of figures) {
      const size = f.bundleBytes <= SIZE_TARGET ? 'met' : 'MISSED';
      const time = f.importMs <= IMPORT_TARGET_MS ? 'met' : 'MISSED';
      console.log(
        `  ${f.build.padEnd(8)} ${f.name.padEnd(22)} ${kb(f.bundleBytes).padStart(8)} (target 1 MB: ${size})${f.zipBytes ? `, zip ${kb(f.zipBytes)} with source map` : ''}; import ${f.importMs} ms (target ${IMPORT_TARGET_MS} ms: ${time}), CPU ${f.importCpuMs} ms`,
      );
    }
    console.log(JSON.stringify(figures.map(({ importRuns: _runs, ...rest }) => rest)));
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
