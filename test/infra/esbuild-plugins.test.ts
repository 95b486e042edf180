import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from './template.js';

// The packaging's esbuild plugins (infra/esbuild-plugins.cjs, loaded by serverless-esbuild).
const plugins = createRequire(import.meta.url)(join(ROOT, 'infra', 'esbuild-plugins.cjs')) as {
  policyJson(build: typeof esbuild, file?: string): Promise<string>;
  POLICY_PACKAGED: string;
};

const directory = mkdtempSync(join(tmpdir(), 'tg-esbuild-plugins-'));

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe('the packaged policy (transit-guard.policy.json)', () => {
  it('is the repository policy file as JSON', async () => {
    // Act
    const json = await plugins.policyJson(esbuild);

    // Assess
    expect(plugins.POLICY_PACKAGED).toBe('transit-guard.policy.json');
    expect(JSON.parse(json)).toEqual(parse(readFileSync(join(ROOT, 'transit-guard.policy.yml'), 'utf8')));
  });

  it('is not written for an invalid policy: the packaging fails naming each wrong field', async () => {
    // Prepare
    const file = join(directory, 'invalid.policy.yml');
    writeFileSync(file, 'dryRun: maybe\nrules:\n  elbv2-listener-tls-policy:\n    mode: remediat\n');

    // Act
    const writing = plugins.policyJson(esbuild, file);

    // Assess
    await expect(writing).rejects.toThrow(/dryRun: expected boolean, got "maybe"/);
    await expect(writing).rejects.toThrow(
      /rules\.elbv2-listener-tls-policy\.mode: "remediat" is not allowed/,
    );
  });

  it('is not written for a file that is not YAML', async () => {
    // Prepare
    const file = join(directory, 'broken.policy.yml');
    writeFileSync(file, 'dryRun: [true\n');

    // Act / Assess
    await expect(plugins.policyJson(esbuild, file)).rejects.toThrow(/YAML syntax error/);
  });
});

describe('the credential chain of the bundles (lambda-credential-chain)', () => {
  const { bundlePlugins } = createRequire(import.meta.url)(join(ROOT, 'infra', 'esbuild-plugins.cjs')) as {
    bundlePlugins: esbuild.Plugin[];
  };

  async function bundle(entry: string) {
    const result = await esbuild.build({
      absWorkingDir: ROOT,
      stdin: { contents: entry, resolveDir: ROOT, loader: 'js' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // As infra/esbuild.yml: the ES module builds of the SDK packages.
      mainFields: ['module', 'main'],
      write: false,
      metafile: true,
      logLevel: 'silent',
      plugins: bundlePlugins,
    });
    return Object.keys(result.metafile.inputs);
  }

  it('keeps the environment and the container / instance endpoints, and none of the links Lambda never takes', async () => {
    // Act
    const inputs = await bundle("export { defaultProvider } from '@aws-sdk/credential-provider-node';");

    // Assess
    const packages = new Set(
      inputs.map((input) => input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1]).filter(Boolean),
    );
    expect(packages).toContain('@aws-sdk/credential-provider-env');
    expect(packages).toContain('@aws-sdk/credential-provider-http');
    expect(packages).toContain('@smithy/credential-provider-imds');
    for (const left of [
      '@aws-sdk/credential-provider-sso',
      '@aws-sdk/credential-provider-ini',
      '@aws-sdk/credential-provider-process',
      '@aws-sdk/credential-provider-web-identity',
      '@aws-sdk/nested-clients',
    ]) {
      expect(packages).not.toContain(left);
    }
  });

  it('fails the build when the SDK words its chain differently', async () => {
    // Prepare
    const fake = join(directory, 'node_modules', '@aws-sdk', 'credential-provider-node', 'dist-es');
    mkdirSync(fake, { recursive: true });
    writeFileSync(
      join(fake, 'defaultProvider.js'),
      'export const defaultProvider = (init) => async () => { const { fromSSO } = await import("@aws-sdk/credential-provider-sso"); return fromSSO(init)(); };\n',
    );

    // Act
    const building = esbuild.build({
      entryPoints: [join(fake, 'defaultProvider.js')],
      bundle: false,
      write: false,
      logLevel: 'silent',
      plugins: bundlePlugins,
    });

    // Assess
    await expect(building).rejects.toThrow(/not the one lambda-credential-chain was written for/);
  });
});

describe('split chunks (chunks-named-after-entry)', () => {
  const { bundlePlugins } = createRequire(import.meta.url)(join(ROOT, 'infra', 'esbuild-plugins.cjs')) as {
    bundlePlugins: esbuild.Plugin[];
  };

  async function outputsOf(splitting: boolean) {
    const sources = join(directory, 'split');
    mkdirSync(join(sources, 'functions'), { recursive: true });
    writeFileSync(
      join(sources, 'functions', 'reader.ts'),
      "export const read = async () => (await import('./family.js')).family;\n",
    );
    writeFileSync(join(sources, 'functions', 'family.ts'), "export const family = 'fixture';\n");
    // As serverless-esbuild calls esbuild: one handler file, relative to the service, into <build dir>/functions.
    const result = await esbuild.build({
      absWorkingDir: sources,
      entryPoints: ['functions/reader.ts'],
      outdir: join(sources, '.build', 'functions'),
      outExtension: { '.js': '.mjs' },
      bundle: true,
      format: 'esm',
      platform: 'node',
      splitting,
      write: false,
      logLevel: 'silent',
      plugins: bundlePlugins,
    });
    return result.outputFiles.map((file) => file.path.slice(join(sources, '.build').length + 1)).sort();
  }

  it("names each chunk after its function, so that serverless-esbuild zips it with that function's bundle alone", async () => {
    // Act
    const outputs = await outputsOf(true);

    // Assess
    expect(outputs).toEqual([
      expect.stringMatching(/^functions\/reader\.family-[A-Z0-9]+\.mjs$/),
      'functions/reader.mjs',
    ]);
  });

  it('leaves a build without splitting alone', async () => {
    // Act
    const outputs = await outputsOf(false);

    // Assess
    expect(outputs).toEqual(['functions/reader.mjs']);
  });
});
