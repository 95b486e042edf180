// Bundles the transit-guard CLI into an executable ESM file, dist/transit-guard.js (+ a source map, left out of the
// npm package by package.json "files"), and the chunks
// of its dynamic imports (a family's SDK client, loaded only when the CLI reads that family live) in dist/chunks/.
import { chmod, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist');
const outfile = join(outdir, 'transit-guard.js');

try {
  // Chunks of an earlier build would otherwise pile up (their names carry a content hash).
  await rm(join(outdir, 'chunks'), { recursive: true, force: true });
  await build({
    entryPoints: { 'transit-guard': join(root, 'shared', 'cli', 'bin.ts') },
    outdir,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    legalComments: 'none',
    logLevel: 'warning',
    banner: {
      // CommonJS dependencies bundled into ESM still call require(); give them one.
      js: [
        '#!/usr/bin/env node',
        "import { createRequire as __transitGuardCreateRequire } from 'node:module';",
        'const require = __transitGuardCreateRequire(import.meta.url);',
      ].join('\n'),
    },
  });
} catch {
  // esbuild has already printed what failed.
  process.exit(1);
}
await chmod(outfile, 0o755);
console.log(`built ${outfile}`);
