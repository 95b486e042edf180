import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../helpers/run-cli.js';

const ACCOUNT = join(import.meta.dirname, '../../../examples/account');
const NOW = ['--now', '2026-11-22T00:00:00Z'];
let work: string;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'tg-report-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('transit-guard report', () => {
  it("writes the HTML file and nothing on stdout; the exit code is evaluate's", async () => {
    // Act
    const run = await runCliCaptured(['report', ACCOUNT, '--output', join(work, 'r.html'), ...NOW]);

    // Assess
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^wrote .*r\.html \(\d+ evaluations, \d+ non-compliant\)\n$/);
    expect(readFileSync(join(work, 'r.html'), 'utf8')).toMatch(/^<!doctype html>/);
  });

  it('needs --output', async () => {
    const run = await runCliCaptured(['report', ACCOUNT]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('report needs --output <file>');
  });

  it('refuses a history file that is not a JSON report, naming it and the field, before writing anything', async () => {
    // Prepare
    const history = join(work, 'history');
    mkdirSync(history);
    writeFileSync(
      join(history, 'old.json'),
      JSON.stringify({ evaluatedAt: '2026-11-01T00:00:00Z', summary: {} }),
    );

    // Act
    const run = await runCliCaptured(['report', ACCOUNT, '-o', join(work, 'r.html'), '--history', history]);

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--history: ${join(history, 'old.json')}: summary.kpis: expected an object`);
    expect(existsSync(join(work, 'r.html'))).toBe(false);
  });

  it('says when the history directory cannot be read', async () => {
    const run = await runCliCaptured([
      'report',
      ACCOUNT,
      '-o',
      join(work, 'r.html'),
      '--history',
      join(work, 'none'),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--history: cannot read directory ${join(work, 'none')} (ENOENT)`);
  });
});

describe('transit-guard evaluate --html', () => {
  it('prints the report as usual and writes the HTML file too', async () => {
    const run = await runCliCaptured(['evaluate', ACCOUNT, '--html', join(work, 'e.html'), ...NOW]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('SEC09 KPIs');
    expect(readFileSync(join(work, 'e.html'), 'utf8')).toContain('<svg class="kpi-chart"');
  });

  it('with --format json writes the whole JSON report too (not streamed)', async () => {
    const run = await runCliCaptured([
      'evaluate',
      ACCOUNT,
      '--format',
      'json',
      '--html',
      join(work, 'e.html'),
      ...NOW,
    ]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).summary.kpis).toBeDefined();
    expect(existsSync(join(work, 'e.html'))).toBe(true);
  });

  it('refuses --history without --html', async () => {
    const run = await runCliCaptured(['evaluate', ACCOUNT, '--history', work]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--history needs --html <file>');
  });
});
