/**
 * Secrets planted on the remediate path: the fake account's answers (every read and every write the remediators
 * make) carry every family's secret fields (test/helpers/planted-secrets.ts), the sweep queues the actions of every
 * rule that remediates, and the remediate function drains them, family by family: dry run, a real run whose write
 * calls succeed, and a run whose write calls fail with the secrets in their error text. The markers may reach none
 * of its logs, bus entries, queue messages (Slack outbox; the action messages themselves, which are what a DLQ
 * keeps), the finding store, or what the handler returns or throws.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { SendMessageBatchCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as onRemediationRequest } from '../../functions/on-remediation-request.js';
import { handler as sweep } from '../../functions/sweep.js';
import { FAMILIES } from '../../shared/families/index.js';
import { createRemediateFunction } from '../../shared/lambda/remediate-function.js';
import { redactSecretText } from '../../shared/report/slack/message.js';
import type { ActionRecord } from '../../shared/response/types.js';
import { RULES } from '../../shared/rules/index.js';
import type { ActionMessage } from '../../shared/usecase/actions.js';
import { DX_CONNECTION, installAccount, SHOP_WEB_LISTENER, VPN_ID } from '../helpers/fake-account.js';
import {
  ACTIONS_QUEUE_URL,
  type AwsMocks,
  lambdaContext,
  publishedEntries,
  queuedMessages,
  RESOURCE_CLIENTS,
  remediationRequestEvent,
  SLACK_OUTBOX_URL,
  scheduledEvent,
  useFunctionHarness,
  wrapAnswers,
} from '../helpers/lambda-env.js';
import { leaks, plant, SECRET_FIELDS } from '../helpers/planted-secrets.js';

const SWITCH = '/transit-guard/test/remediation';
const ssm = mockClient(SSMClient);

const isRead = (command: string) => /^(Describe|List|Get)/.test(command);

type Failure = 'none' | 'writes' | 'reads after a write';

/** A refused write, as the SDK raises it, whose text quotes the secrets of the request (as some services do). */
function refusal(command: string): Error {
  const error = new Error(
    `${command}: Value (${String(SECRET_FIELDS.PreSharedKey)}) for parameter TunnelOptions.PreSharedKey is invalid; ` +
      `CustomerGatewayConfiguration=${String(SECRET_FIELDS.CustomerGatewayConfiguration)}; ` +
      `{"authKey":"${String(SECRET_FIELDS.authKey)}","SasConfiguration":${JSON.stringify(SECRET_FIELDS.SasConfiguration)}}; ` +
      `notify ${String(SECRET_FIELDS.SlackWebhook)}`,
  );
  error.name = 'InvalidParameterValue';
  return Object.assign(error, { $fault: 'client', Password: SECRET_FIELDS.Password });
}

/**
 * Every answer of the resource clients planted with the secrets; writes answer success (planted too) or, with
 * `fail: 'writes'`, the refusal above; with `fail: 'reads after a write'`, every read once a write was made (the
 * verification reads) is refused the same way. Returns the write commands made and what puts the clients back.
 */
function plantAnswers(mocks: AwsMocks, fail: Failure) {
  const writes: string[] = [];
  const restore = wrapAnswers(mocks, RESOURCE_CLIENTS, async (name, command, answered) => {
    if (isRead(command)) {
      if (fail === 'reads after a write' && writes.length > 0) throw refusal(command);
      return plant(await answered());
    }
    writes.push(`${name} ${command}`);
    if (fail === 'writes') throw refusal(command);
    return plant((await answered()) ?? {});
  });
  return { writes, restore };
}

/** Every rule that has a remediate action, opted in to remediation (every rule defaults to notify). */
const REMEDIATING_RULES = RULES.filter((rule) => rule.metadata.remediation.remediate).map(
  (rule) => rule.metadata.id,
);

/**
 * The families whose remediable resources the fake account (test/helpers/fake-account.ts) holds, so the sweep
 * queues their actions. The others with remediators are not driven here: the account's ACM certificate that
 * expires is imported (RenewCertificate does not apply), and it has no CloudFront distribution, VPC Lattice
 * listener, S3 bucket, or API Gateway / RDS / IoT resource the sweep plans an action for.
 */
const DRIVEN_FAMILIES = ['elbv2', 'elb', 'vpn', 'directconnect', 'vpc'];
const FAMILIES_WITH_REMEDIATORS = FAMILIES.filter((family) => DRIVEN_FAMILIES.includes(family.id));

const sqsEvent = (messages: readonly ActionMessage[]): SQSEvent =>
  ({
    Records: messages.map((message, index) => ({
      messageId: `action-${index}`,
      receiptHandle: `receipt-${index}`,
      body: JSON.stringify(message),
      attributes: {},
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:eu-west-1:111122223333:transit-guard-actions`,
      awsRegion: 'eu-west-1',
    })),
  }) as SQSEvent;

describe('secrets planted on the remediate path of every family with remediators', () => {
  const harness = useFunctionHarness('remediate', installAccount);
  const { mocks } = harness;
  let directory: string;
  const previous = { ...process.env };

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'tg-remediate-secrets-'));
    const policy = join(directory, 'remediate-all.policy.yml');
    writeFileSync(
      policy,
      `rules:\n${REMEDIATING_RULES.map((id) => `  ${id}:\n    mode: remediate\n`).join('')}`,
    );
    Object.assign(process.env, { TG_POLICY_FILE: policy, TG_REMEDIATION_SWITCH: SWITCH });
  });
  afterAll(() => {
    rmSync(directory, { recursive: true, force: true });
    for (const key of ['TG_POLICY_FILE', 'TG_REMEDIATION_SWITCH', 'TG_DRY_RUN'])
      if (previous[key] === undefined) delete process.env[key];
      else process.env[key] = previous[key];
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  beforeEach(() => {
    ssm.reset();
    ssm.on(GetParameterCommand).resolves({ Parameter: { Name: SWITCH, Type: 'String', Value: 'enabled' } });
    process.env.TG_DRY_RUN = 'false';
  });

  /** The actions the sweep queued for the family's rules, read from planted answers; then a clean history. */
  async function queuedActions(familyId: string): Promise<ActionMessage[]> {
    const planted = plantAnswers(mocks, 'none');
    await sweep(structuredClone(scheduledEvent()), lambdaContext('sweep'));
    planted.restore();
    const family = FAMILIES.find((candidate) => candidate.id === familyId);
    const rules = new Set(family?.rules.map((rule) => rule.metadata.id));
    const actions = (queuedMessages(mocks, ACTIONS_QUEUE_URL) as ActionMessage[]).filter((action) =>
      rules.has(action.ruleId),
    );
    for (const mock of Object.values(mocks)) mock.resetHistory();
    return actions;
  }

  /** Everything the remediate function wrote after `from` chars of output: logs, bus, queues, the table. */
  async function everythingWritten(from: number): Promise<string> {
    const calls = [
      ...mocks.eventBridge.commandCalls(PutEventsCommand),
      ...mocks.sqs.commandCalls(SendMessageBatchCommand),
      ...mocks.sqs.commandCalls(SendMessageCommand),
    ].map((call) => call.args[0].input);
    const table = await harness.env.dynamo.client.send(
      new ScanCommand({ TableName: process.env.TG_TABLE_NAME }),
    );
    return [harness.output.text().slice(from), JSON.stringify(calls), JSON.stringify(table.Items ?? [])].join(
      '\n',
    );
  }

  const RUNS = [
    { run: 'dry run', dryRun: true, fail: 'none' },
    { run: 'real run', dryRun: false, fail: 'none' },
    { run: 'failing write calls', dryRun: false, fail: 'writes' },
    { run: 'failing verification reads', dryRun: false, fail: 'reads after a write' },
  ] as const;

  const CASES = FAMILIES_WITH_REMEDIATORS.flatMap((family) =>
    RUNS.map((run) => ({ family: family.id, ...run })),
  );

  it.each(CASES)('$family, $run: nothing planted reaches what remediate writes', async (scenario) => {
    // Prepare
    const actions = await queuedActions(scenario.family);
    expect(actions.length, 'the sweep queued actions of the family').toBeGreaterThan(0);
    process.env.TG_DRY_RUN = String(scenario.dryRun);
    // The waits (a VPN tunnel coming back UP, verification reads) pass on a clock moved by each sleep.
    vi.useFakeTimers({ toFake: ['Date'] });
    const handler = createRemediateFunction({ sleep: async (ms) => void vi.setSystemTime(Date.now() + ms) });
    const from = harness.output.text().length;
    const planted = plantAnswers(mocks, scenario.fail);

    // Act
    const result = await handler(sqsEvent(actions), lambdaContext('remediate')).then(
      (value) => JSON.stringify(value),
      (rejected: unknown) => `${String(rejected)} ${JSON.stringify(rejected)}`,
    );
    planted.restore();

    // Assess: the path ran as meant (no write in a dry run; writes made otherwise) and every action was audited,
    // or, when its verification could not read, handed back to SQS (retried, then dead-lettered).
    const statuses = publishedEntries(mocks)
      .map((entry) => entry.detail as unknown as { kind: string; action?: ActionRecord })
      .filter((detail) => detail.kind === 'action')
      .map((detail) => detail.action?.status);
    if (scenario.dryRun) {
      expect(planted.writes).toEqual([]);
      expect(statuses).toEqual(actions.map(() => 'skipped'));
    } else if (scenario.fail === 'reads after a write') {
      expect(planted.writes.length).toBeGreaterThan(0);
      expect(result).toMatch(/FullBatchFailureError|batchItemFailures":\[\{/);
    } else {
      // The writes were made; the fake account still reads as before, so verification fails and Slack is told.
      expect(planted.writes.length).toBeGreaterThan(0);
      expect(statuses).toEqual(actions.map(() => 'failed'));
      expect(queuedMessages(mocks, SLACK_OUTBOX_URL).length).toBeGreaterThan(0);
    }
    expect(leaks(`${result}\n${JSON.stringify(actions)}\n${await everythingWritten(from)}`)).toEqual([]);
  });

  it.each([
    ['vpn-tunnel-ike-version', VPN_ID, 'AWS::EC2::VPNConnection'],
    ['dx-connection-macsec-fail-open', DX_CONNECTION, 'AWS::DirectConnect::Connection'],
    ['elbv2-listener-tls-policy', SHOP_WEB_LISTENER, 'AWS::ElasticLoadBalancingV2::Listener'],
  ])(
    'a central remediation request for %s, then its failing remediation: nothing planted reaches either',
    async (ruleId, resourceArn, resourceType) => {
      // Prepare
      const planted = plantAnswers(mocks, 'writes');
      const request = remediationRequestEvent(ruleId, resourceArn, resourceType);

      // Act: on-remediation-request queues the action; remediate carries it out (the write is refused).
      const requested = await onRemediationRequest(request, lambdaContext('on-remediation-request')).then(
        (value) => JSON.stringify(value),
        (rejected: unknown) => `${String(rejected)} ${JSON.stringify(rejected)}`,
      );
      const actions = (queuedMessages(mocks, ACTIONS_QUEUE_URL) as ActionMessage[]).filter(
        (action) => action.ruleId === ruleId,
      );
      vi.useFakeTimers({ toFake: ['Date'] });
      const handler = createRemediateFunction({
        sleep: async (ms) => void vi.setSystemTime(Date.now() + ms),
      });
      const remediated = await handler(sqsEvent(actions), lambdaContext('remediate')).then(
        (value) => JSON.stringify(value),
        (rejected: unknown) => `${String(rejected)} ${JSON.stringify(rejected)}`,
      );
      planted.restore();

      // Assess
      expect(actions).toHaveLength(1);
      expect(planted.writes.length).toBeGreaterThan(0);
      expect(leaks(`${requested}\n${remediated}\n${await everythingWritten(0)}`)).toEqual([]);
    },
  );
});

describe('redactSecretText (the error text an action record keeps)', () => {
  it.each([
    [
      'Value (TgCanaryPsk01) for parameter TunnelOptions.PreSharedKey is invalid: PreSharedKey=TgCanaryPsk01',
      'Value ([redacted]) for parameter TunnelOptions.PreSharedKey is invalid: PreSharedKey=[redacted]',
    ],
    ['{"authKey":"TgCanaryBgp","Name":"edge"}', '{"authKey":"[redacted]","Name":"edge"}'],
    [
      'config <vpn_connection id="x"><psk>TgCanary</psk></vpn_connection> rejected',
      'config [redacted] rejected',
    ],
    ['see https://hooks.slack.com/services/T0/B0/TgCanaryHook now', 'see [redacted webhook URL] now'],
  ])('blanks the secret of %s', (text, expected) => {
    expect(redactSecretText(text)).toBe(expected);
  });

  it.each([
    'The security token included in the request is invalid.',
    'User: arn:aws:sts::111122223333:assumed-role/x is not authorized to perform: elasticloadbalancing:ModifyListener',
    'One or more listeners not found',
    'Value (ELBSecurityPolicy-2016-08) for parameter SslPolicy is invalid',
    'PreSharedKey is invalid: it must be 8 to 64 characters',
  ])('leaves an error without a secret as it is: %s', (text) => {
    expect(redactSecretText(text)).toBe(text);
  });
});
