import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
