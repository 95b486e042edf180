/**
 * The package `npm pack` makes (what `npm i -g transit-guard` installs): packed from a copy of the manifest and
 * scripts beside links to the sources, so that the repository's own package.json and dist/ are never touched.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

interface PackResult {
  filename: string;
  files: { path: string }[];
}

describe('npm pack', () => {
  let directory: string;
  let packed: PackResult;
  let manifest: Record<string, unknown>;
  let installed: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'transit-guard-pack-'));
    const work = join(directory, 'work');
    await mkdir(join(work, 'scripts'), { recursive: true });
    for (const file of ['package.json', 'README.md', 'transit-guard.policy.yml']) {
      await cp(join(root, file), join(work, file));
    }
    for (const script of ['build-cli.mjs', 'pack-manifest.mjs']) {
      await cp(join(root, 'scripts', script), join(work, 'scripts', script));
    }
    await symlink(join(root, 'shared'), join(work, 'shared'));
    await symlink(join(root, 'node_modules'), join(work, 'node_modules'));
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', directory], {
      cwd: work,
      env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false' },
    });
    // npm passes the prepack build's own output through before its JSON.
    [packed] = JSON.parse(stdout.slice(stdout.search(/^\[/m))) as [PackResult];
    // Unpacked where no node_modules is up the tree: the CLI must run on what the tarball holds alone.
    installed = join(directory, 'installed');
    await mkdir(installed);
    await run('tar', ['-xzf', join(directory, packed.filename), '-C', installed]);
    manifest = JSON.parse(await readFile(join(installed, 'package', 'package.json'), 'utf8'));
    expect(await readFile(join(work, 'package.json'), 'utf8')).toBe(
      await readFile(join(root, 'package.json'), 'utf8'),
    );
  }, 180_000);

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('holds the bundled CLI, its chunks, the README and the default policy, and no source map or source', () => {
    // Assess
    const paths = packed.files.map((file) => file.path);
    expect(paths).toContain('dist/transit-guard.js');
    expect(paths).toContain('README.md');
    expect(paths).toContain('transit-guard.policy.yml');
    expect(paths).toContain('package.json');
    for (const path of paths) {
      expect(path).not.toMatch(/\.map$/);
      expect(path).toMatch(/^(dist\/.*\.js|README\.md|package\.json|transit-guard\.policy\.yml)$/);
    }
  });

  it('has a manifest without dependencies: everything the CLI needs is bundled', () => {
    // Assess
    expect(manifest).not.toHaveProperty('dependencies');
    expect(manifest).not.toHaveProperty('devDependencies');
    expect(manifest).not.toHaveProperty('scripts');
    expect(manifest.bin).toEqual({ 'transit-guard': 'dist/transit-guard.js' });
    expect(manifest.engines).toEqual({ node: '^20.19.0 || ^22.13.0 || >=24' });
  });

  it('runs from the unpacked tarball alone', async () => {
    // Act
    const cli = join(installed, 'package', 'dist', 'transit-guard.js');
    const version = await run(process.execPath, [cli, '--version']);
    const iam = await run(process.execPath, [cli, 'iam']);

    // Assess
    expect(version.stdout).toBe(`${manifest.version}\n`);
    expect(JSON.parse(iam.stdout)).toHaveProperty('Statement');
  });
});
