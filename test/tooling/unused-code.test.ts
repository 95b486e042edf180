import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');
const knip = join(repositoryRoot, 'node_modules/knip/bin/knip.js');

// A small project laid out like this one: a function entry point, the code it runs, and a test.
const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'house', type: 'module', devDependencies: { vitest: '*' } }),
  'tsconfig.json': '{ "compilerOptions": { "module": "NodeNext", "moduleResolution": "NodeNext" } }',
  'functions/handler.ts': `
    import { wire } from '../shared/house/wire.js';
    export const handler = () => wire();`,
  'shared/house/wire.ts': `
    export function wire() { return 'wired'; }
    export function usedOnlyByTests() { return 'test hook'; }
    export function deadExport() { return 'nobody'; }`,
  'test/shared/house/wire.test.ts': `
    import { expect, it } from 'vitest';
    import { usedOnlyByTests, wire } from '../../../shared/house/wire.js';
    it('wires', () => expect([wire(), usedOnlyByTests()]).toHaveLength(2));`,
};

let house: string;

beforeAll(() => {
  house = mkdtempSync(join(tmpdir(), 'tg-knip-'));
  for (const [file, content] of Object.entries(FILES)) {
    mkdirSync(dirname(join(house, file)), { recursive: true });
    writeFileSync(join(house, file), `${content}\n`);
  }
  copyFileSync(join(repositoryRoot, 'knip.jsonc'), join(house, 'knip.jsonc'));
});

afterAll(() => {
  rmSync(house, { recursive: true, force: true });
});

/** Runs knip, as `npm run knip` does, with the repository's configuration, on the small project. */
function runKnip(...args: string[]) {
  const run = spawnSync(process.execPath, [knip, '--no-progress', ...args], { cwd: house, encoding: 'utf8' });
  return {
    status: run.status,
    lines: run.stdout.split('\n').map((line) => line.replace(/\s+/g, ' ').trim()),
  };
}

describe('the unused-code check (npm run knip)', () => {
  it('fails on an export nobody imports, naming it and its file', () => {
    // Act
    const { status, lines } = runKnip();

    // Assess
    expect(lines).toContain('deadExport function shared/house/wire.ts:4:21');
    expect(lines.filter((line) => line.includes('wire.ts'))).toHaveLength(1);
    expect(status).toBe(1);
  });

  it('fails, in production mode, on a production export that only a test imports', () => {
    // Act
    const { status, lines } = runKnip('--production');

    // Assess
    expect(lines).toContain('usedOnlyByTests function shared/house/wire.ts:3:21');
    expect(lines).toContain('deadExport function shared/house/wire.ts:4:21');
    expect(lines.filter((line) => line.includes('wire.ts'))).toHaveLength(2);
    expect(status).toBe(1);
  });
});
