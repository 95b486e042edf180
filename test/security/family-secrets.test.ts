/**
 * Every family's secrets, planted in every family's inputs: the example account (examples/account holds a
 * compliant and a non-compliant input for every rule of every family) is copied with each object given the
 * secret-bearing fields AWS APIs and CloudTrail records carry (VPN pre-shared keys and gateway configuration,
 * private keys, DataSync credentials, RDS master passwords, Direct Connect BGP/MACsec keys, OIDC client secrets,
 * CloudFront origin header values, a Slack webhook URL). The CLI then runs every output it has on it; the
 * markers may appear in none, and the planted run must judge exactly what the clean run judges (the planting
 * did not just make the inputs unreadable). The same fields are planted in every family's CloudTrail fixture and
 * in every API answer of the fake account: on-api-call, on-certificate-event and the sweep, then the organization's
 * central-findings fed the member's bus entries, may write them nowhere (logs, bus entries, queue messages, Config
 * evaluations, the finding store, the central table, Security Hub imports).
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutEvaluationsCommand } from '@aws-sdk/client-config-service';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import {
  BatchImportFindingsCommand,
  BatchUpdateFindingsCommand,
  SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import { SendMessageBatchCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler as centralFindings } from '../../functions/central-findings.js';
import { handler } from '../../functions/on-api-call.js';
import { handler as onCertificateEvent } from '../../functions/on-certificate-event.js';
import { handler as sweep } from '../../functions/sweep.js';
import { REPORT_FORMATS } from '../../shared/cli/report-writer.js';
import { FAMILIES } from '../../shared/families/index.js';
import type { Evaluation } from '../../shared/model/evaluation.js';
import { buildFindingMessage } from '../../shared/report/slack/message.js';
import { loadEvent } from '../fixtures/events/load.js';
import { freshCentralTable } from '../helpers/central-table.js';
import { installAccount } from '../helpers/fake-account.js';
import {
  ACCOUNT_ID,
  type AwsMocks,
  lambdaContext,
  REGION,
  scheduledEvent,
  transformAnswers,
  useFunctionHarness,
} from '../helpers/lambda-env.js';
import { leaks, MARKER, plant, SECRET_FIELDS, secretBearingCall } from '../helpers/planted-secrets.js';
import { runCliCaptured } from '../helpers/run-cli.js';

const EXAMPLES = join(import.meta.dirname, '../../examples/account');
const NOW = ['--now', '2026-12-01T00:00:00Z', '--no-color'];
const POLICY = join(import.meta.dirname, '../../examples/passthrough.policy.yml');

describe('secrets planted in every family’s inputs', () => {
  let clean: string;
  let planted: string;
  let out: string;

  beforeAll(() => {
    clean = mkdtempSync(join(tmpdir(), 'tg-family-secrets-clean-'));
    planted = mkdtempSync(join(tmpdir(), 'tg-family-secrets-'));
    out = mkdtempSync(join(tmpdir(), 'tg-family-secrets-out-'));
    cpSync(EXAMPLES, clean, { recursive: true });
    for (const file of readdirSync(EXAMPLES).filter((name) => name.endsWith('.json'))) {
      const document = JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as unknown;
      writeFileSync(join(planted, file), JSON.stringify(plant(document), null, 2));
    }
  });

  afterAll(() => {
    for (const directory of [clean, planted, out]) rmSync(directory, { recursive: true, force: true });
  });

  it('leave the judgement of every family as it was', async () => {
    // Prepare
    const judged = async (directory: string) => {
      const run = await runCliCaptured([
        'evaluate',
        directory,
        '--policy',
        POLICY,
        '--format',
        'json',
        ...NOW,
      ]);
      const report = JSON.parse(run.stdout) as {
        evaluations: { ruleId: string; resourceId: string; status: string }[];
        errors: unknown[];
      };
      return {
        evaluations: report.evaluations.map((e) => `${e.ruleId} ${e.resourceId} ${e.status}`).sort(),
        errors: report.errors.length,
      };
    };

    // Act
    const [before, after] = [await judged(clean), await judged(planted)];

    // Assess: every family is judged, the same way, with and without its secrets beside.
    for (const family of FAMILIES)
      expect(
        after.evaluations.some((line) => line.startsWith(`${family.ruleFamily}-`)),
        family.id,
      ).toBe(true);
    expect(after).toEqual(before);
  });

  it.each(REPORT_FORMATS)('never reach the %s report or its warnings', async (format) => {
    // Act
    const run = await runCliCaptured(['evaluate', planted, '--policy', POLICY, '--format', format, ...NOW]);

    // Assess: a report or an error naming what it cannot write (ASFF needs an account every finding lacks).
    expect(run.stdout.length + run.stderr.length).toBeGreaterThan(format === 'asff' ? 100 : 1000);
    expect(leaks(run.stdout + run.stderr)).toEqual([]);
  });

  it('never reach the input error of a file cut short in a secret, whichever family it describes', async () => {
    // Prepare: each planted file cut just after its first secret (JSON.parse quotes the text where it fails).
    const broken = mkdtempSync(join(tmpdir(), 'tg-family-secrets-broken-'));
    const files = readdirSync(planted);
    for (const file of files) {
      const text = readFileSync(join(planted, file), 'utf8');
      const cut = text.indexOf(MARKER) + MARKER.length + 8;
      writeFileSync(join(broken, file), `${text.slice(0, cut)}, "x": ${MARKER}Bare }`);
    }

    // Act
    const run = await runCliCaptured(['evaluate', broken, '--format', 'json', ...NOW]);
    rmSync(broken, { recursive: true, force: true });

    // Assess: every file is named as unreadable, none by its content.
    for (const file of files) expect(run.stdout + run.stderr).toContain(file);
    expect(leaks(run.stdout + run.stderr)).toEqual([]);
  });

  it('never reach the replay of every family’s CloudTrail calls carrying them, on the planted inventory', async () => {
    // Prepare
    const events = mkdtempSync(join(tmpdir(), 'tg-family-secrets-events-'));
    const files = CLOUDTRAIL_FIXTURES.map((fixture) => {
      const event = loadEvent(fixture);
      const detail = event.detail as Record<string, unknown>;
      for (const part of ['requestParameters', 'responseElements', 'additionalEventData'])
        if (detail[part]) detail[part] = plant(detail[part]);
      const file = join(events, `${fixture}.json`);
      writeFileSync(file, JSON.stringify(event));
      return file;
    });

    // Act
    const run = await runCliCaptured([
      'replay',
      ...files,
      '--inventory',
      planted,
      '--format',
      'json',
      ...NOW,
    ]);
    rmSync(events, { recursive: true, force: true });

    // Assess
    const report = JSON.parse(run.stdout) as { evaluations: unknown[] };
    // The fixtures name the fake account's resources: the few the example account also holds are judged.
    expect(report.evaluations.length).toBeGreaterThan(0);
    expect(leaks(run.stdout + run.stderr)).toEqual([]);
  });

  it('never reach the Slack preview or the HTML report', async () => {
    // Prepare
    const html = join(out, 'report.html');

    // Act
    const run = await runCliCaptured([
      'evaluate',
      planted,
      '--policy',
      POLICY,
      '--slack-preview',
      '--html',
      html,
      ...NOW,
    ]);

    // Assess
    expect(run.stdout).toContain('"blocks"');
    expect(leaks(run.stdout + run.stderr + readFileSync(html, 'utf8'))).toEqual([]);
  });
});

// ----------------------------------------------------------------------------------------------- Slack

describe('secret-bearing call inputs and tags of every family in Slack messages', () => {
  let findings: Evaluation[] = [];

  beforeAll(async () => {
    const run = await runCliCaptured(['evaluate', EXAMPLES, '--policy', POLICY, '--format', 'json', ...NOW]);
    const report = JSON.parse(run.stdout) as { evaluations: Evaluation[] };
    findings = report.evaluations.filter((evaluation) => evaluation.status === 'NON_COMPLIANT');
  });

  // The API keys (not the free text `value` of tags and parameters) that hold a secret.
  const SECRET_KEYS = Object.keys(SECRET_FIELDS).filter((key) => key !== 'value');

  it.each(SECRET_KEYS)('%s is redacted in the calls and the tags of every family’s findings', (key) => {
    // Prepare: a call of the finding's own family carrying the secret, as a write that sends it back would.
    const secret = { [key]: SECRET_FIELDS[key] };
    const payloads = findings.flatMap((finding) => {
      const call = secretBearingCall(finding, secret);
      const evaluation = { ...finding, response: { mode: 'remediate' as const, calls: [call] } };
      const tags = { Name: 'edge', [key]: String(JSON.stringify(SECRET_FIELDS[key])) };

      // Act
      return [
        buildFindingMessage({ evaluation, kind: 'opened', tags }),
        buildFindingMessage({
          evaluation,
          kind: 'opened',
          tags,
          action: {
            status: 'failed',
            error: 'InvalidParameterValue',
            calls: [
              { ...call, outcome: 'failed', error: 'InvalidParameterValue', at: '2026-12-01T00:00:00.000Z' },
            ],
          },
        }),
      ];
    });

    // Assess: every family had findings to show, and the messages show the calls without the secret.
    for (const family of FAMILIES)
      expect(
        findings.some((finding) => finding.ruleId.startsWith(`${family.ruleFamily}-`)),
        family.id,
      ).toBe(true);
    expect(JSON.stringify(payloads)).toContain('[redacted]');
    expect(leaks(JSON.stringify(payloads))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------- Lambda

/** Every CloudTrail call of every family the fixtures hold (one fixture a routed call, test/functions). */
const CLOUDTRAIL_FIXTURES = readdirSync(join(import.meta.dirname, '../fixtures/events'))
  .filter((name) => name.startsWith('cloudtrail-'))
  .map((name) => name.replace(/\.json$/, ''));

const CENTRAL_TABLE = 'transit-guard-central';
const CENTRAL_OUTBOX = `https://sqs.${REGION}.amazonaws.com/999988887777/transit-guard-central-slack-outbox`;
const CENTRAL_CONTEXT = {
  ...lambdaContext('central-findings'),
  invokedFunctionArn: `arn:aws:lambda:${REGION}:999988887777:function:transit-guard-central-findings`,
};
const securityHub = mockClient(SecurityHubClient);

/** The native ACM events (on-certificate-event). */
const CERTIFICATE_FIXTURES = [
  'acm-certificate-approaching-expiration',
  'acm-certificate-expired',
  'acm-certificate-revoked',
];

const SCHEDULED_EVENT = scheduledEvent();

/** Makes every read client answer as the fake account does, with the secret fields planted in each answer. */
const plantInAnswers = (mocks: AwsMocks) => transformAnswers(mocks, (answer) => plant(answer));

describe('secrets planted in every family’s events and API answers (deployed functions)', () => {
  const harness = useFunctionHarness('on-api-call', installAccount);
  const { mocks, context } = harness;
  let published = 0;
  let centralized = 0;
  let imported = 0;
  const previous = { ...process.env };

  // The organization's central-findings function, fed what the member put on its findings bus.
  beforeAll(() => {
    Object.assign(process.env, {
      TG_CENTRAL_TABLE: CENTRAL_TABLE,
      TG_SLACK_ROUTES: JSON.stringify([
        { match: {}, channel: 'transit-guard/slack/all', minSeverity: 'info' },
      ]),
      TG_SLACK_OUTBOX: CENTRAL_OUTBOX,
      TG_SECURITY_HUB: 'on',
      TG_MEMBER_BUS_NAME: 'transit-guard-requests',
    });
  });
  afterAll(() => {
    for (const key of Object.keys(process.env)) if (!(key in previous)) delete process.env[key];
    // The planted events were judged, not all refused: findings were published and centralized.
    expect(published).toBeGreaterThan(10);
    expect(centralized).toBeGreaterThan(10);
    expect(imported).toBeGreaterThan(10);
  });
  beforeEach(async () => {
    await freshCentralTable(harness.env.dynamo.client, CENTRAL_TABLE);
    securityHub.reset();
    securityHub.on(BatchImportFindingsCommand).callsFake((input) => ({
      SuccessCount: input.Findings.length,
      FailedCount: 0,
      FailedFindings: [],
    }));
    securityHub.on(BatchUpdateFindingsCommand).callsFake((input) => ({
      ProcessedFindings: input.FindingIdentifiers,
      UnprocessedFindings: [],
    }));
  });

  /** Delivers the member's findings-bus entries to central-findings, as the central bus would. */
  async function centralize(): Promise<void> {
    const entries = mocks.eventBridge
      .commandCalls(PutEventsCommand)
      .flatMap((call) => call.args[0].input.Entries ?? [])
      .filter((entry) => entry.Source === 'transit-guard');
    for (const [index, entry] of entries.entries()) {
      const event = {
        version: '0',
        id: `member-${index}`,
        'detail-type': entry.DetailType,
        source: entry.Source,
        account: ACCOUNT_ID,
        time: (entry.Time as Date | undefined)?.toISOString() ?? '2026-12-01T00:00:00Z',
        region: REGION,
        resources: entry.Resources ?? [],
        detail: JSON.parse(entry.Detail ?? '{}'),
      };
      await centralFindings(event, CENTRAL_CONTEXT);
      centralized++;
    }
  }

  /** Everything the function wrote: logs, bus entries, queue messages, Config evaluations, the finding store. */
  async function everythingWritten(): Promise<string> {
    const calls = [
      ...mocks.eventBridge.commandCalls(PutEventsCommand),
      ...mocks.sqs.commandCalls(SendMessageBatchCommand),
      ...mocks.sqs.commandCalls(SendMessageCommand),
      ...mocks.config.commandCalls(PutEvaluationsCommand),
    ].map((call) => call.args[0].input);
    const tables = await Promise.all(
      [process.env.TG_TABLE_NAME, CENTRAL_TABLE].map((TableName) =>
        harness.env.dynamo.client.send(new ScanCommand({ TableName })),
      ),
    );
    const imported = securityHub.commandCalls(BatchImportFindingsCommand).map((call) => call.args[0].input);
    return [
      harness.output.text(),
      JSON.stringify(calls),
      JSON.stringify(tables.map((table) => table.Items ?? [])),
      JSON.stringify(imported),
    ].join('\n');
  }

  it.each(CLOUDTRAIL_FIXTURES)('%s: nothing planted reaches what the function writes', async (fixture) => {
    // Prepare
    const event = loadEvent(fixture);
    const detail = event.detail as Record<string, unknown>;
    for (const part of ['requestParameters', 'responseElements', 'additionalEventData'])
      if (detail[part]) detail[part] = plant(detail[part]);
    const restore = plantInAnswers(mocks);

    // Act
    const error = await handler(event, context).then(
      () => '',
      (rejected: unknown) => String(rejected),
    );
    restore();
    await centralize();
    imported += securityHub.commandCalls(BatchImportFindingsCommand).length;

    // Assess
    published += mocks.eventBridge.commandCalls(PutEventsCommand).length;
    expect(leaks(`${error}\n${await everythingWritten()}`)).toEqual([]);
  });

  it.each(CLOUDTRAIL_FIXTURES)(
    '%s with a secret where each of its ids belongs: nothing of it in the error or logs',
    async (fixture) => {
      // Prepare: every text of the request and response an object holding a secret (a value that fails validation).
      const event = loadEvent(fixture);
      const detail = event.detail as Record<string, unknown>;
      const malformed = (value: unknown): unknown =>
        typeof value === 'string'
          ? { PreSharedKey: SECRET_FIELDS.PreSharedKey, Password: SECRET_FIELDS.Password }
          : Array.isArray(value)
            ? value.map(malformed)
            : value !== null && typeof value === 'object'
              ? Object.fromEntries(Object.entries(value).map(([key, item]) => [key, malformed(item)]))
              : value;
      for (const part of ['requestParameters', 'responseElements'])
        if (detail[part]) detail[part] = malformed(detail[part]);

      // Act
      const error = await handler(event, context).then(
        () => '',
        (rejected: unknown) => `${String(rejected)} ${JSON.stringify(rejected)}`,
      );

      // Assess
      expect(leaks(`${error}\n${await everythingWritten()}`)).toEqual([]);
    },
  );

  it.each(CERTIFICATE_FIXTURES)(
    '%s (on-certificate-event): nothing planted reaches what it writes',
    async (fixture) => {
      // Prepare
      const event = loadEvent(fixture);
      event.detail = plant(event.detail);
      const restore = plantInAnswers(mocks);

      // Act
      const error = await onCertificateEvent(event, lambdaContext('on-certificate-event')).then(
        () => '',
        (rejected: unknown) => String(rejected),
      );
      restore();

      // Assess
      published += mocks.eventBridge.commandCalls(PutEventsCommand).length;
      expect(leaks(`${error}\n${await everythingWritten()}`)).toEqual([]);
    },
  );

  it('the sweep of the whole region: nothing planted reaches what it writes', async () => {
    // Prepare
    const restore = plantInAnswers(mocks);

    // Act
    const result = await sweep(structuredClone(SCHEDULED_EVENT), lambdaContext('sweep'));
    restore();

    // Assess
    expect(mocks.eventBridge.commandCalls(PutEventsCommand).length).toBeGreaterThan(0);
    expect(leaks(`${JSON.stringify(result)}\n${await everythingWritten()}`)).toEqual([]);
  });
});
