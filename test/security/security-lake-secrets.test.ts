/**
 * Secrets planted in the inputs of the evaluations the organization's Security Lake export writes: the example
 * account (a compliant and a non-compliant input for every rule of every family) with every family's secret
 * fields beside each object (test/helpers/planted-secrets.ts) is evaluated with every rule that remediates opted
 * in (so the findings carry their planned calls), the findings become central-table records and the OCSF Parquet
 * objects the export puts in S3 (shared/org/security-lake.ts). Read back with hyparquet, no column of any row may
 * hold a marker. A second case gives each finding a response whose calls carry the secrets, as a plan built from a
 * described configuration would (the `unmapped` column keeps the response).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FAMILIES } from '../../shared/families/index.js';
import type { Evaluation } from '../../shared/model/evaluation.js';
import type { CentralFinding } from '../../shared/org/central-table.js';
import { ocsfOfCentralFinding, writeToSecurityLake } from '../../shared/org/security-lake.js';
import { RULES } from '../../shared/rules/index.js';
import { findingIdOf } from '../../shared/state/finding-store.js';
import { leaks, plant, SECRET_FIELDS, secretBearingCall } from '../helpers/planted-secrets.js';
import { runCliCaptured } from '../helpers/run-cli.js';

const EXAMPLES = join(import.meta.dirname, '../../examples/account');
const TARGET = { bucket: 'aws-security-data-lake-eu-west-1-abcdef', prefix: 'ext/transit-guard/' };
const ACCOUNT = '111122223333';
const s3 = mockClient(S3Client);

/** A central-table record of a member's finding, as central-findings stores it. */
function centralRecord(evaluation: Evaluation): CentralFinding {
  const region = evaluation.region ?? 'eu-west-1';
  const observedAt = '2026-12-01T00:00:00.000Z';
  return {
    accountId: evaluation.accountId ?? ACCOUNT,
    region,
    findingId: findingIdOf(evaluation.ruleId, evaluation.resourceId),
    ruleId: evaluation.ruleId,
    resourceType: evaluation.resourceType,
    resourceId: evaluation.resourceId,
    severity: evaluation.severity,
    state: 'open',
    reason: evaluation.reason,
    evaluation,
    firstSeenAt: observedAt,
    observedAt,
    eventId: `event-${evaluation.resourceId}`,
    busRegion: region,
  };
}

/** Every row of every object the export put, each read back whole (INT64 as text, so it serializes). */
async function lakeRows(): Promise<string> {
  const bodies = s3.commandCalls(PutObjectCommand).map((call) => call.args[0].input.Body as Uint8Array);
  const rows = await Promise.all(
    bodies.map((body) => parquetReadObjects({ file: body.slice().buffer as ArrayBuffer })),
  );
  return JSON.stringify(rows.flat(), (_key, value) => (typeof value === 'bigint' ? String(value) : value));
}

describe('secrets planted in the evaluations’ inputs never reach the Security Lake Parquet objects', () => {
  let directory: string;
  let findings: Evaluation[] = [];

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'tg-lake-secrets-'));
    const planted = join(directory, 'account');
    const policy = join(directory, 'remediate-all.policy.yml');
    mkdirSync(planted);
    for (const file of readdirSync(EXAMPLES).filter((name) => name.endsWith('.json'))) {
      const document = JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as unknown;
      writeFileSync(join(planted, file), JSON.stringify(plant(document)));
    }
    const remediating = RULES.filter((rule) => rule.metadata.remediation.remediate);
    writeFileSync(
      policy,
      `dryRun: false\nrules:\n${remediating.map((rule) => `  ${rule.metadata.id}:\n    mode: remediate\n`).join('')}`,
    );
    const run = await runCliCaptured([
      'evaluate',
      planted,
      '--policy',
      policy,
      '--format',
      'json',
      '--now',
      '2026-12-01T00:00:00Z',
      '--no-color',
    ]);
    const report = JSON.parse(run.stdout) as { evaluations: Evaluation[] };
    findings = report.evaluations.filter((evaluation) => evaluation.status !== 'NOT_APPLICABLE');
  });

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  beforeEach(() => {
    s3.reset();
    s3.on(PutObjectCommand).resolves({});
  });

  it('of every family, judged with their planned remediation calls', async () => {
    // Act
    await writeToSecurityLake(
      new S3Client({ region: 'eu-west-1' }),
      TARGET,
      findings.map((evaluation) => ocsfOfCentralFinding(centralRecord(evaluation))),
    );

    // Assess: every family's findings went out, planned calls among them, and no row holds a marker.
    const rows = await lakeRows();
    for (const family of FAMILIES) expect(rows, family.id).toContain(`"${family.ruleFamily}-`);
    expect(rows).toContain('"status\\":\\"planned\\"');
    expect(leaks(rows)).toEqual([]);
  });

  it('of every family, with the secrets in the calls of each finding’s response', async () => {
    // Prepare: a call of the finding's own family carrying every secret, as a plan built from a described
    // configuration (a distribution's origin headers, a tunnel's options) would. `value` is left out, as in the
    // Slack suite: it is the free text of tags and parameters, not a secret-bearing API key.
    const { value: _freeText, ...secrets } = SECRET_FIELDS;
    const withSecrets = findings.map(
      (evaluation): Evaluation => ({
        ...evaluation,
        response: { mode: 'remediate', status: 'planned', calls: [secretBearingCall(evaluation, secrets)] },
      }),
    );

    // Act
    await writeToSecurityLake(
      new S3Client({ region: 'eu-west-1' }),
      TARGET,
      withSecrets.map((evaluation) => ocsfOfCentralFinding(centralRecord(evaluation))),
    );

    // Assess: the calls are in the rows (redacted where they hold a secret), no marker is.
    const rows = await lakeRows();
    expect(leaks(rows)).toEqual([]);
    expect(rows).toContain('[redacted]');
  });
});
