/**
 * The evaluate benchmarks and their floor run as the CLI ships: bundled by esbuild (ESM for node20, as
 * scripts/build-cli.mjs builds it), then run by plain `node`. Through tsx, every function would carry esbuild's
 * keepNames wrapper (`__name`), which the CLI bundle does not: some 70-100 ms of evaluate-100k's main thread that
 * the CLI never spends (bench/README.md).
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const benchDir = dirname(fileURLToPath(import.meta.url));

/** Bundles `script` (a path under bench/) into bench/results/bundles/ and returns the bundle's path. */
function bundle(script: string): string {
  const outfile = join(benchDir, 'results', 'bundles', script.replace(/\.ts$/, '.mjs'));
  buildSync({
    entryPoints: [join(benchDir, script)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    legalComments: 'none',
    logLevel: 'warning',
    // CommonJS dependencies bundled into ESM still call require(): give them one, as the shipped bundles do.
    banner: {
      js: "import { createRequire as __benchCreateRequire } from 'node:module'; const require = __benchCreateRequire(import.meta.url);",
    },
  });
  return outfile;
}

/** Runs a bench script, bundled, in a fresh Node process, and returns what it wrote. */
export function runBundled(script: string, args: readonly string[]) {
  return spawnSync(process.execPath, [bundle(script), ...args], { encoding: 'utf8', maxBuffer: 1024 * 1024 });
}
