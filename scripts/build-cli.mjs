// Bundles the transit-guard CLI into one executable ESM file: dist/transit-guard.js (+ source map).
import { chmod } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'dist', 'transit-guard.js');

try {
  await build({
    entryPoints: [join(root, 'shared', 'cli', 'bin.ts')],
    outfile,
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
