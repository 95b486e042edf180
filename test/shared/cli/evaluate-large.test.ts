import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAccount, scaledShape } from '../../../bench/generate.js';
import { runCli } from '../../../shared/cli/main.js';
import { loadInventory } from '../../../shared/inventory/load.js';
import { policySchema } from '../../../shared/policy/schema.js';
import { PRETTY_MAX_ENTRIES } from '../../../shared/report/json.js';
import { buildReport } from '../../../shared/report/report.js';
import { RULES } from '../../../shared/rules/index.js';
import { createTlsCatalog } from '../../../shared/tls/index.js';
import { evaluateAndPlanAll } from '../../../shared/usecase/evaluate.js';

const NOW = '2026-11-22T00:00:00.000Z';

async function run(argv: string[], cwd: string) {
  const chunks: string[] = [];
  const code = await runCli(argv, {
    stdout: { write: (chunk: string) => chunks.push(chunk), isTTY: false },
    stderr: { write: () => true },
    env: {},
    cwd,
  });
  return { code, chunks };
}

describe('evaluate --format json on an account of more than PRETTY_MAX_ENTRIES evaluations', () => {
  let directory: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'transit-guard-large-'));
    await generateAccount(join(directory, 'account'), scaledShape(3_000));
  });

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('streams, in many chunks, exactly JSON.stringify of the report built from every evaluation', async () => {
    // Prepare: the report as built whole (the default policy: no policy file in the directory)
    const inventory = await loadInventory([join(directory, 'account')]);
    const policy = policySchema.parse({});
    const now = new Date(NOW);
    const tls = createTlsCatalog({ tlsPolicies: inventory.tlsPolicies });
    const report = buildReport({
      evaluatedAt: now,
      resources: inventory.resources,
      evaluations: evaluateAndPlanAll(inventory.resources, RULES, { policy, now, tls }),
      errors: inventory.errors,
      policy,
    });

    // Act
    const json = await run(['evaluate', 'account', '--format', 'json', '--now', NOW], directory);
    const table = await run(['evaluate', 'account', '--now', NOW], directory);

    // Assess
    expect(report.evaluations.length).toBeGreaterThan(PRETTY_MAX_ENTRIES);
    expect(report.summary.nonCompliant).toBeGreaterThan(0);
    expect(json.chunks.length).toBeGreaterThan(100);
    expect(json.chunks.join('')).toBe(`${JSON.stringify(report)}\n`);
    expect(json.code).toBe(1);
    expect(table.code).toBe(1);
  }, 60_000);
});
