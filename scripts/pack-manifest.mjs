// `npm pack` / `npm publish` (prepack and postpack): the published package is the bundled CLI (dist/, built by
// build-cli.mjs) and needs none of the dependencies the repository builds, tests and deploys with. `trim` keeps a
// copy of package.json and writes the manifest of the package (no dependencies, no scripts); `restore` puts the
// copy back. A copy left by a pack that failed half-way is restored before trimming again.

import { existsSync } from 'node:fs';
import { copyFile, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifestFile = join(root, 'package.json');
const kept = join(root, 'package.json.prepack');

/** What an installed CLI needs of its manifest: who it is, the Node versions it runs on, its command. */
const PUBLISHED_KEYS = ['name', 'version', 'description', 'license', 'type', 'engines', 'bin', 'files'];

const mode = process.argv[2];
if (mode === 'trim') {
  if (existsSync(kept)) await rename(kept, manifestFile);
  await copyFile(manifestFile, kept);
  const manifest = JSON.parse(await readFile(manifestFile, 'utf8'));
  const published = Object.fromEntries(
    PUBLISHED_KEYS.filter((key) => key in manifest).map((key) => [key, manifest[key]]),
  );
  await writeFile(manifestFile, `${JSON.stringify(published, null, 2)}\n`);
} else if (mode === 'restore') {
  if (existsSync(kept)) await rename(kept, manifestFile);
} else {
  console.error('usage: node scripts/pack-manifest.mjs trim|restore');
  process.exit(2);
}
