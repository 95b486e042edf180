/** The JSON report against its contract, docs/report.schema.json, as evaluate, replay and scan print it. */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../../shared/cli/program.js';
import { createFileInventorySource } from '../../../shared/inventory/file-source.js';
import { loadInventory } from '../../../shared/inventory/load.js';
import { buildReport, REPORT_SCHEMA_VERSION, type Report } from '../../../shared/report/report.js';
import { findingIdOf } from '../../../shared/state/finding-store.js';
import { reportSchemaProblems } from '../../helpers/json-schema.js';
import { runCliCaptured } from '../../helpers/run-cli.js';
import { accountEvaluations } from './evaluations.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const REPLAY = join(ROOT, 'test/fixtures/replay');
const NOW = ['--now', '2026-12-01T00:00:00Z'];

/** `evaluate examples/account --format json` (the streamed writer), parsed. */
async function evaluateReport(now = NOW): Promise<Report> {
  const run = await runCliCaptured(['evaluate', 'examples/account', '--format', 'json', ...now], {
    cwd: ROOT,
  });
  return JSON.parse(run.stdout) as Report;
}

describe('docs/report.schema.json', () => {
  let directory: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'transit-guard-report-schema-'));
  });

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('accepts what evaluate prints, with the schema version and an input file for each evaluation', async () => {
    // Act
    const report = await evaluateReport();

    // Assess
    expect(reportSchemaProblems(report)).toBe('');
    expect(report.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
    expect(report.evaluations.every((e) => e.inputFile?.startsWith('examples/account/'))).toBe(true);
    expect(report.evaluations.some((e) => e.inputFile === 'examples/account/config-snapshot.json')).toBe(
      true,
    );
  });

  it('accepts what replay prints, events included', async () => {
    // Prepare
    const events = (await readdir(join(REPLAY, 'events')))
      .filter((name) => !name.includes('malformed') && !name.includes('missing-detail'))
      .map((name) => join(REPLAY, 'events', name));

    // Act
    const run = await runCliCaptured(
      ['replay', ...events, '--inventory', join(REPLAY, 'inventory'), '--format', 'json', ...NOW],
      { cwd: ROOT },
    );

    // Assess
    const report = JSON.parse(run.stdout) as Report & { events: unknown[] };
    expect(report.events.length).toBeGreaterThan(0);
    expect(reportSchemaProblems(report)).toBe('');
  });

  it('accepts what scan prints, whose evaluations name no input file', async () => {
    // Prepare: the account stood in for by the replay inventory
    const files = createFileInventorySource(await loadInventory([join(REPLAY, 'inventory')]));
    let stdout = '';
    const io = {
      stdout: { write: (chunk: string) => (stdout += chunk), isTTY: false },
      stderr: { write: () => true },
      cwd: directory,
      env: {},
    };

    // Act
    await runCommand(['scan', '--region', 'eu-west-1', '--format', 'json', ...NOW], io, {
      scan: { sourceFactory: () => files },
    });

    // Assess
    const report = JSON.parse(stdout) as Report;
    expect(report.evaluations.length).toBeGreaterThan(0);
    expect(report.evaluations.some((e) => e.inputFile !== undefined)).toBe(false);
    expect(reportSchemaProblems(report)).toBe('');
  });

  it('accepts responses with calls and exemptions', () => {
    // Prepare
    const [first, ...rest] = accountEvaluations();
    if (!first) throw new Error('no evaluation');
    const planned = {
      ...first,
      status: 'NON_COMPLIANT' as const,
      response: {
        mode: 'remediate' as const,
        status: 'dry-run' as const,
        action: 'set-ssl-policy',
        calls: [{ service: 'elbv2', command: 'ModifyListener', input: { ListenerArn: first.resourceId } }],
        exemption: {
          source: 'tag' as const,
          rules: 'all' as const,
          reason: 'migration',
          expires: '2026-01-01',
          expired: true,
        },
      },
    };

    // Act
    const report = buildReport({
      evaluatedAt: '2026-12-01T00:00:00Z',
      resources: 11,
      evaluations: [planned, ...rest],
      errors: [],
    });

    // Assess
    expect(reportSchemaProblems(JSON.parse(JSON.stringify(report)))).toBe('');
  });

  it('rejects a report that lost a required field, a finding id or a severity count, naming each', async () => {
    // Prepare
    const report = (await evaluateReport()) as unknown as Record<string, unknown> & Report;
    delete (report as Partial<Report>).schemaVersion;
    delete (report.evaluations[3] as { findingId?: string }).findingId;
    delete (report.summary.bySeverity as Partial<Report['summary']['bySeverity']>).info;
    (report.evaluations[0] as unknown as { status: string }).status = 'PASSED';

    // Act
    const problems = reportSchemaProblems(report);

    // Assess
    expect(problems).toContain("/ must have required property 'schemaVersion'");
    expect(problems).toContain("/evaluations/3 must have required property 'findingId'");
    expect(problems).toContain("/summary/bySeverity must have required property 'info'");
    expect(problems).toContain('/evaluations/0/status must be equal to one of the allowed values');
  });

  it('rejects a field the contract does not name', async () => {
    // Prepare
    const report = await evaluateReport();
    (report.evaluations[0] as unknown as Record<string, unknown>).secretAccessKey = 'x';

    // Act
    const problems = reportSchemaProblems(report);

    // Assess
    expect(problems).toContain(
      '/evaluations/0 must NOT have additional properties {"additionalProperty":"secretAccessKey"}',
    );
  });
});

describe('findingId', () => {
  it('is the same for the same rule and resource across runs, and the finding store id', async () => {
    // Act
    const first = await evaluateReport();
    const later = await evaluateReport(['--now', '2027-02-01T00:00:00Z']);

    // Assess
    const ids = (report: Report) => report.evaluations.map((e) => e.findingId);
    expect(ids(later)).toEqual(ids(first));
    expect(new Set(ids(first)).size).toBe(first.evaluations.length);
    for (const evaluation of first.evaluations) {
      expect(evaluation.findingId).toBe(findingIdOf(evaluation.ruleId, evaluation.resourceId));
    }
  });
});
