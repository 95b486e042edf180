/**
 * bench/cold-start: for every packaged function bundle (.serverless/<function>.zip from `npm run package`, the
 * .mjs inside it), its size and the median time to import it in a fresh Node process (20 runs each), with the
 * package unzipped as Lambda's task root; and, per function, the same for its floor: a bundle of the same build
 * settings holding only the AWS SDK clients (and their commands) that the function's build bundles, and the ratio
 * of the two. Packages the stack first when .serverless/ holds no function zip (or with --package). For each bundle over the size target (every bundle with --breakdown), what is in it: the
 * esbuild metafile of the same build (the settings of infra/esbuild.yml and the plugins of
 * infra/esbuild-plugins.cjs), by package.
 *
 *   node --import tsx bench/cold-start/main.ts [--runs 20] [--package] [--breakdown]
 *
 * The last line printed is the figures as JSON (for bench/run.ts).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BuildOptions, build, type Plugin } from 'esbuild';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** "Under 1 MB", read strictly: 1,000,000 bytes (not 1 MiB). */
const SIZE_TARGET = 1_000_000;
const IMPORT_TARGET_MS = 150;
/** The import may take at most this multiple of its floor's (the same function's SDK clients alone). */
const FLOOR_RATIO_TARGET = 1.3;

export interface BundleFigures {
  name: string;
  /** The entry bundle (<function>.mjs). */
  bundleBytes: number;
  /** The split chunks next to it (<function>.*.mjs: loaded by its dynamic imports, when they run). */
  chunks: number;
  largestChunkBytes: number;
  zipBytes: number;
  /** Median wall time of the import. */
  importMs: number;
  /** Median CPU time of the import (user + system): steadier than wall time on a shared machine. */
  importCpuMs: number;
  importRuns: number[];
  /** The floor: a bundle of only the SDK clients and commands the function's build holds. */
  floor?: { bundleBytes: number; clients: string[]; importMs: number; importCpuMs: number };
  /** importMs / floor.importMs, and the same for CPU time. */
  floorRatio?: number;
  floorCpuRatio?: number;
  /** The floor plus what every function of the stack needs to handle an event (FRAMEWORK_FLOOR). */
  frameworkFloor?: { bundleBytes: number; importMs: number; importCpuMs: number };
  frameworkFloorRatio?: number;
  frameworkFloorCpuRatio?: number;
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
  SLACK_WEBHOOK_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:slack-AbCdEf',
  SLACK_DEAD_LETTER_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/111122223333/slack-dlq',
  POWERTOOLS_TRACE_ENABLED: 'false',
  NODE_NO_WARNINGS: '1',
};

/** Wall and CPU milliseconds to import the module, measured inside a fresh Node process. */
function importOnce(file: string, taskRoot: string): { wall: number; cpu: number } {
  const script = `const c = process.cpuUsage(); const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); const u = process.cpuUsage(c); process.stdout.write(JSON.stringify({ wall: performance.now() - t, cpu: (u.user + u.system) / 1000 }));`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...ENVIRONMENT, LAMBDA_TASK_ROOT: taskRoot },
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

interface Bundle {
  name: string;
  file: string;
  taskRoot: string;
  zipBytes: number;
}

/** The chunks esbuild split off next to a bundle: files named after it (`remediate.chunk-<hash>.mjs`). */
function chunksOf(file: string): { chunks: number; largestChunkBytes: number } {
  const prefix = `${basename(file, extname(file))}.`;
  const sizes = readdirSync(dirname(file))
    .filter((entry) => entry !== basename(file) && entry.startsWith(prefix) && entry.endsWith(extname(file)))
    .map((entry) => statSync(join(dirname(file), entry)).size);
  return { chunks: sizes.length, largestChunkBytes: Math.max(0, ...sizes) };
}

function figuresOf(bundle: Bundle, samples: { wall: number; cpu: number }[]): BundleFigures {
  const importRuns = samples.map((sample) => Math.round(sample.wall * 10) / 10);
  return {
    name: bundle.name,
    bundleBytes: statSync(bundle.file).size,
    ...chunksOf(bundle.file),
    zipBytes: bundle.zipBytes,
    importMs: Math.round(median(importRuns) * 10) / 10,
    importCpuMs: Math.round(median(samples.map((sample) => sample.cpu)) * 10) / 10,
    importRuns,
  };
}

/** The function's import and its floors', `runs` times each, one after the other, so all see the same load. */
function measureWithFloors(
  bundle: Bundle,
  floors: Bundle[],
  runs: number,
): [BundleFigures, ...BundleFigures[]] {
  const own: { wall: number; cpu: number }[] = [];
  const bases: { wall: number; cpu: number }[][] = floors.map(() => []);
  for (let run = 0; run < runs; run += 1) {
    own.push(importOnce(bundle.file, bundle.taskRoot));
    for (const [index, floor] of floors.entries()) bases[index]?.push(importOnce(floor.file, floor.taskRoot));
  }
  return [figuresOf(bundle, own), ...floors.map((floor, index) => figuresOf(floor, bases[index] ?? []))];
}

const zipsIn = (dir: string) =>
  existsSync(dir) ? readdirSync(dir).filter((entry) => entry.endsWith('.zip')) : [];

/** The .mjs of each .serverless/<function>.zip, unzipped into `dir` (packaging the stack first if needed). */
function packagedBundles(dir: string, repackage: boolean): Bundle[] {
  const packaged = join(root, '.serverless');
  if (repackage || zipsIn(packaged).length === 0) {
    console.log('cold-start: packaging the stack (npm run package)');
    execFileSync(process.execPath, [join(root, 'scripts', 'package.mjs')], { cwd: root, stdio: 'ignore' });
  }
  return zipsIn(packaged)
    .map((zip) => {
      const name = basename(zip, '.zip');
      const taskRoot = join(dir, name);
      mkdirSync(taskRoot, { recursive: true });
      execFileSync('unzip', ['-q', '-o', join(packaged, zip), '-d', taskRoot]);
      return {
        name,
        file: join(taskRoot, 'functions', `${name}.mjs`),
        taskRoot,
        zipBytes: statSync(join(packaged, zip)).size,
      };
    })
    .filter((entry) => existsSync(entry.file));
}

/** serverless-esbuild's own options: it takes them out of infra/esbuild.yml before calling esbuild. */
const PLUGIN_OPTIONS = [
  'exclude',
  'outputFileExtension',
  'plugins',
  'packager',
  'nativeZip',
  'concurrency',
  'skipRebuild',
];

/** The esbuild options of the packaging (infra/esbuild.yml without serverless-esbuild's own) and its plugins. */
function packagingBuild(): { options: BuildOptions; extension: string; plugins: Plugin[] } {
  const settings = parse(readFileSync(join(root, 'infra', 'esbuild.yml'), 'utf8')) as Record<string, unknown>;
  const { bundlePlugins } = createRequire(import.meta.url)(join(root, 'infra', 'esbuild-plugins.cjs')) as {
    bundlePlugins: Plugin[];
  };
  const options = Object.fromEntries(
    Object.entries(settings).filter(([key]) => !PLUGIN_OPTIONS.includes(key)),
  ) as BuildOptions;
  return { options, extension: String(settings.outputFileExtension ?? '.js'), plugins: bundlePlugins };
}

/** An SDK client package's Client and Command modules: `@aws-sdk/client-acm/dist-es/commands/XCommand.js`. */
const SDK_MODULE =
  /node_modules\/(@aws-sdk\/(?:client-[^/]+|lib-dynamodb))\/dist-es\/(?:commands\/)?(\w+(?:Client|Command))\.js$/;

/**
 * The packaging build of one function (infra/esbuild.yml and the bundle plugins): the entry's size and what is
 * in it by package, and the SDK clients and commands of all its outputs (entry and chunks), by package.
 */
async function metafileOf(name: string) {
  const { options, extension, plugins } = packagingBuild();
  const result = await build({
    ...options,
    absWorkingDir: root,
    entryPoints: [`functions/${name}.ts`],
    outdir: join(tmpdir(), 'tg-cold-start-metafile', 'functions'),
    outExtension: { '.js': extension },
    write: false,
    metafile: true,
    logLevel: 'error',
    plugins,
  });
  const [, output] =
    Object.entries(result.metafile.outputs).find(([file]) => file.endsWith(`/${name}${extension}`)) ?? [];
  if (!output) throw new Error(`no bundle of ${name} in the metafile`);
  const packages = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const key =
      input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? input.split('/').slice(0, 2).join('/');
    packages.set(key, (packages.get(key) ?? 0) + bytesInOutput);
  }
  const sdk = new Map<string, Set<string>>();
  for (const { inputs } of Object.values(result.metafile.outputs)) {
    for (const input of Object.keys(inputs)) {
      const [, pkg, exported] = input.match(SDK_MODULE) ?? [];
      if (pkg && exported) sdk.set(pkg, (sdk.get(pkg) ?? new Set()).add(exported));
    }
  }
  return { bytes: output.bytes, packages: [...packages].sort((a, b) => b[1] - a[1]), sdk };
}

/**
 * What every function of the stack needs before it can handle an event, whatever it does with it (the same
 * pieces as shared/lambda/handler.ts, built at module scope as there): the Powertools logger, metrics and
 * tracer with their middy middlewares, and zod checking the event. Added to the SDK clients, it makes the
 * "framework floor": how far a function's import is from what a production Lambda of this stack must load.
 */
const FRAMEWORK_FLOOR = `import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import * as z from 'zod';
const logger = new Logger({ serviceName: 'floor' });
const metrics = new Metrics({ namespace: 'Floor', serviceName: 'floor' });
const tracer = new Tracer({ serviceName: 'floor' });
const eventSchema = z.object({ id: z.string(), source: z.string(), 'detail-type': z.string(), detail: z.record(z.string(), z.unknown()) });
export const handler = middy(async (event) => eventSchema.parse(event))
  .use(captureLambdaHandler(tracer))
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }));
`;

/**
 * The floor of a function: a bundle, built like the function's, that imports only the SDK clients and commands
 * the function's build holds (and keeps them, so tree shaking cannot drop them). Written under `dir`.
 */
async function floorBundle(name: string, sdk: Map<string, Set<string>>, dir: string, framework = false) {
  const { options, extension, plugins } = packagingBuild();
  const sources = join(dir, 'floor-sources');
  mkdirSync(sources, { recursive: true });
  const floorName = framework ? `${name}-framework-floor` : `${name}-floor`;
  const entry = join(sources, `${floorName}.mjs`);
  const names = [...sdk].map(([pkg, exported]) => ({ pkg, exported: [...exported].sort() }));
  // Aliased: two packages may export a command of the same name (DescribeLoadBalancersCommand).
  const aliases: string[] = [];
  const imports = names.map(({ pkg, exported }, p) => {
    const bound = exported.map((item, i) => {
      aliases.push(`s${p}_${i}`);
      return `${item} as s${p}_${i}`;
    });
    return `import { ${bound.join(', ')} } from '${pkg}';\n`;
  });
  writeFileSync(
    entry,
    `${imports.join('')}${framework ? FRAMEWORK_FLOOR : ''}export const kept = [${aliases.join(', ')}];\n`,
  );
  const taskRoot = join(dir, floorName);
  await build({
    ...options,
    absWorkingDir: root,
    nodePaths: [join(root, 'node_modules')],
    entryPoints: [entry],
    outdir: join(taskRoot, 'functions'),
    outExtension: { '.js': extension },
    logLevel: 'error',
    plugins,
  });
  const file = join(taskRoot, 'functions', `${floorName}${extension}`);
  const clients = names.flatMap(({ exported }) => exported.filter((item) => item.endsWith('Client')));
  return { file, taskRoot, clients };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

export async function main(args: readonly string[] = process.argv.slice(2)): Promise<BundleFigures[]> {
  const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 20;
  const dir = mkdtempSync(join(tmpdir(), 'tg-cold-start-'));
  try {
    const figures: BundleFigures[] = [];
    for (const bundle of packagedBundles(dir, args.includes('--package'))) {
      const { sdk } = await metafileOf(bundle.name);
      const floor = await floorBundle(bundle.name, sdk, dir);
      const framework = await floorBundle(bundle.name, sdk, dir, true);
      const [own, base, frame] = measureWithFloors(
        bundle,
        [
          { name: `${bundle.name}-floor`, zipBytes: 0, ...floor },
          { name: `${bundle.name}-framework-floor`, zipBytes: 0, ...framework },
        ],
        runs,
      );
      if (!base || !frame) throw new Error('no floor figures');
      const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
      figures.push({
        ...own,
        floor: {
          bundleBytes: base.bundleBytes,
          clients: floor.clients,
          importMs: base.importMs,
          importCpuMs: base.importCpuMs,
        },
        floorRatio: ratio(own.importMs, base.importMs),
        floorCpuRatio: ratio(own.importCpuMs, base.importCpuMs),
        frameworkFloor: {
          bundleBytes: frame.bundleBytes,
          importMs: frame.importMs,
          importCpuMs: frame.importCpuMs,
        },
        frameworkFloorRatio: ratio(own.importMs, frame.importMs),
        frameworkFloorCpuRatio: ratio(own.importCpuMs, frame.importCpuMs),
      });
    }
    console.log(
      `cold-start: bundle size and median import time in a fresh Node ${process.version} process (${runs} runs), against the floor (the function's SDK clients alone)`,
    );
    for (const f of figures) {
      const size = Math.max(f.bundleBytes, f.largestChunkBytes) <= SIZE_TARGET ? 'met' : 'MISSED';
      const time = f.importMs <= IMPORT_TARGET_MS ? 'met' : 'MISSED';
      const ratio = (f.floorRatio ?? Number.POSITIVE_INFINITY) <= FLOOR_RATIO_TARGET ? 'met' : 'MISSED';
      console.log(
        `  ${f.name.padEnd(22)} ${kb(f.bundleBytes).padStart(8)} (${f.bundleBytes} bytes; ${f.chunks} chunks, the largest ${f.largestChunkBytes} bytes; every file under 1 MB: ${size}), zip ${kb(f.zipBytes)} with source map; import ${f.importMs} ms (target ${IMPORT_TARGET_MS} ms: ${time}), CPU ${f.importCpuMs} ms`,
      );
      console.log(
        `  ${''.padEnd(22)} floor ${kb(f.floor?.bundleBytes ?? 0)} (${f.floor?.clients.join(', ')}): import ${f.floor?.importMs} ms, CPU ${f.floor?.importCpuMs} ms; ratio ${f.floorRatio}x (target ${FLOOR_RATIO_TARGET}x: ${ratio}), CPU ${f.floorCpuRatio}x`,
      );
      console.log(
        `  ${''.padEnd(22)} framework floor (the same plus Powertools logger, metrics, tracer, middy, zod) ${kb(f.frameworkFloor?.bundleBytes ?? 0)}: import ${f.frameworkFloor?.importMs} ms, CPU ${f.frameworkFloor?.importCpuMs} ms; ratio ${f.frameworkFloorRatio}x, CPU ${f.frameworkFloorCpuRatio}x`,
      );
    }
    for (const f of figures) {
      if (f.bundleBytes <= SIZE_TARGET && !args.includes('--breakdown')) continue;
      const { bytes, packages } = await metafileOf(f.name);
      const same = bytes === f.bundleBytes ? 'the packaged build' : `NOT the packaged build: ${bytes} bytes`;
      console.log(`  ${f.name}: what is in it (esbuild metafile, ${same}), by package:`);
      console.log(
        `    ${packages
          .filter(([, size]) => size >= 5 * 1024)
          .map(([name, size]) => `${name} ${kb(size)}`)
          .join(', ')}`,
      );
    }
    console.log(JSON.stringify(figures.map(({ importRuns: _runs, ...rest }) => rest)));
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
