import { readFileSync } from 'node:fs';
import { cp, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isCloudTrailRecord, type ReplayedEvent, wrapCloudTrailRecord } from '../../../shared/cli/replay.js';
import { routeEvent } from '../../../shared/events/route.js';
import type { Report } from '../../../shared/report/report.js';
import { runCliCaptured } from '../../helpers/run-cli.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/replay');
const INVENTORY = join(FIXTURES, 'inventory');
const event = (name: string) => join(FIXTURES, 'events', name);

const MODIFY_LISTENER = event('eventbridge-elbv2-modify-listener.json');
const CLASSIC_RECORD = event('cloudtrail-record-elb-create-load-balancer-listeners.json');
const LOG_FILE = event('cloudtrail-log-file.json');
const ACM_EXPIRY = event('acm-approaching-expiration.json');
const ADD_TAGS = event('eventbridge-elbv2-add-tags.json');
const VPN_NOT_IN_FILES = event('eventbridge-ec2-modify-vpn-tunnel-options.json');
const CONFIG_RULE = event('config-rule-invocation-elbv2-listener.json');
const CONFIG_RULE_SCHEDULED = event('config-rule-scheduled.json');
const MALFORMED = event('malformed.json');
const NO_DETAIL = event('eventbridge-missing-detail.json');

const LISTENER =
  'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/orders-web/6f1b2c3d4e5a6b7c/9a8b7c6d5e4f3a21';
const CERTIFICATE = 'arn:aws:acm:eu-west-1:111122223333:certificate/8c9d0e1f-2a3b-4c4d-8e5f-6a7b8c9d0e1f';
const CLASSIC = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/orders-legacy';

type ReplayReport = Report & { events: ReplayedEvent[] };

// biome-ignore lint/suspicious/noExplicitAny: fixtures are edited freely in tests
function readFixture(path: string): any {
  return JSON.parse(readFileSync(path, 'utf8'));
}

describe('runReplay', () => {
  let directory: string;

  /** Runs the CLI in an empty directory: no policy file there, so the built-in defaults apply. */
  const run = (argv: string[]) => runCliCaptured(argv, { cwd: directory });

  async function replayJson(events: string[], extra: string[] = []) {
    const result = await run(['replay', ...events, '--inventory', INVENTORY, '--format', 'json', ...extra]);
    return { ...result, report: result.stdout ? (JSON.parse(result.stdout) as ReplayReport) : undefined };
  }

  async function write(name: string, content: unknown): Promise<string> {
    const path = join(directory, name);
    await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  }

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'transit-guard-replay-'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('judges the listener a ModifyListener event names, as it stands in the inventory', async () => {
    // Act
    const { code, report } = await replayJson([MODIFY_LISTENER]);

    // Assess
    expect(code).toBe(1);
    const findings = report?.evaluations.filter((e) => e.status === 'NON_COMPLIANT');
    expect(findings?.map((e) => [e.ruleId, e.resourceId]).sort()).toEqual([
      ['elbv2-listener-tls-policy', LISTENER],
      ['elbv2-listener-weak-ciphers', LISTENER],
    ]);
    expect(findings?.[0]?.response).toEqual({ mode: 'notify', status: 'notify' });
    expect(report?.resources).toBe(1);
  });

  it('lists each replayed event with what it touched (JSON contract)', async () => {
    // Act
    const { report } = await replayJson([MODIFY_LISTENER], ['--now', '2026-03-13T07:00:00Z']);

    // Assess
    expect(report?.evaluatedAt).toBe('2026-03-13T07:00:00.000Z');
    expect(report?.events).toEqual([
      {
        file: MODIFY_LISTENER,
        eventId: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
        eventName: 'ModifyListener',
        refs: [
          {
            resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
            resourceId: LISTENER,
            accountId: '111122223333',
            region: 'eu-west-1',
          },
        ],
      },
    ]);
    expect(report?.errors).toEqual([]);
    expect(Object.keys(report ?? {})).toEqual([
      'schemaVersion',
      'evaluatedAt',
      'resources',
      'evaluations',
      'events',
      'errors',
      'summary',
    ]);
    expect(report?.summary.nonCompliant).toBe(2);
  });

  it('judges the certificate an ACM expiry event names, as of --now', async () => {
    // Act
    const { code, report } = await replayJson([ACM_EXPIRY], ['--now', '2026-03-13T07:00:00Z']);

    // Assess
    expect(code).toBe(1);
    expect(report?.evaluations).toContainEqual(
      expect.objectContaining({
        ruleId: 'acm-certificate-expiry',
        status: 'NON_COMPLIANT',
        resourceId: CERTIFICATE,
      }),
    );
    expect(report?.events[0]).toMatchObject({ eventName: 'ACM Certificate Approaching Expiration' });
  });

  it('finds the same certificate compliant when --now is well before its expiry', async () => {
    // Act
    const { report } = await replayJson([ACM_EXPIRY], ['--now', '2025-06-01T00:00:00Z']);

    // Assess
    expect(report?.evaluations).toContainEqual(
      expect.objectContaining({ ruleId: 'acm-certificate-expiry', status: 'COMPLIANT' }),
    );
  });

  it('replays a bare CloudTrail record as the EventBridge event it would arrive in', async () => {
    // Act
    const { code, report } = await replayJson([CLASSIC_RECORD]);

    // Assess
    expect(code).toBe(1);
    expect(report?.events).toEqual([
      expect.objectContaining({
        eventId: '5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f',
        eventName: 'CreateLoadBalancerListeners',
        refs: [expect.objectContaining({ resourceId: CLASSIC, name: 'orders-legacy' })],
      }),
    ]);
    expect(report?.evaluations).toContainEqual(
      expect.objectContaining({ ruleId: 'elb-listener-plaintext', status: 'NON_COMPLIANT' }),
    );
  });

  it('replays every record of a CloudTrail log file, ignoring failed calls', async () => {
    // Act
    const { report } = await replayJson([LOG_FILE]);

    // Assess
    expect(report?.events.map((e) => [e.file, e.eventName, e.ignored])).toEqual([
      [`${LOG_FILE} Records[0]`, 'ModifyListener', 'failed call changes nothing (AccessDenied)'],
      [`${LOG_FILE} Records[1]`, 'AddListenerCertificates', undefined],
    ]);
    expect(report?.evaluations.some((e) => e.resourceId === LISTENER)).toBe(true);
  });

  it('replays an AWS Config rule invocation', async () => {
    // Act
    const { report } = await replayJson([CONFIG_RULE]);

    // Assess
    expect(report?.events[0]).toMatchObject({
      eventName: 'ConfigurationItemChangeNotification',
      refs: [expect.objectContaining({ resourceId: LISTENER })],
    });
    expect(report?.summary.nonCompliant).toBe(2);
  });

  it('replays a periodic AWS Config rule invocation as the function does: every resource of its region', async () => {
    // Prepare
    const evaluated = await run(['evaluate', INVENTORY, '--format', 'json']);
    const everything = JSON.parse(evaluated.stdout) as {
      evaluations: { resourceId: string; status: string }[];
    };

    // Act
    const { code, report } = await replayJson([CONFIG_RULE_SCHEDULED]);

    // Assess
    expect(code).toBe(evaluated.code);
    expect(report?.events[0]).toMatchObject({ eventName: 'ScheduledNotification' });
    expect(report?.events[0]?.ignored).toBeUndefined();
    const ids = (evaluations: { resourceId: string }[]) =>
      [...new Set(evaluations.map((e) => e.resourceId))].sort();
    expect(ids(report?.evaluations ?? [])).toEqual(ids(everything.evaluations));
    expect(report?.summary.nonCompliant).toBe(
      everything.evaluations.filter((e) => e.status === 'NON_COMPLIANT').length,
    );
  });

  it('exits 3, nothing judged, listing the events, when every event is ignored as out of scope', async () => {
    // Act
    const { code, report, stderr } = await replayJson([ADD_TAGS]);

    // Assess
    expect(code).toBe(3);
    expect(report).toBeUndefined();
    expect(stderr).toBe(
      `transit-guard: nothing to evaluate: no event judged a resource. Read:\n  - ${ADD_TAGS}: AddTags (8e9f0a1b-2c3d-4e4f-9a5b-6c7d8e9f0a1b): ignored, AddTags is out of scope for ELBv2 (API 2015-12-01)\n`,
    );
  });

  it('exits 3, nothing judged, on a replay of a failed call only, listing what else went wrong', async () => {
    // Prepare
    const failed = await write('failed.json', { Records: [readFixture(LOG_FILE).Records[0]] });
    const bad = await write('bad.json', '{');

    // Act
    const result = await run(['replay', failed, bad, '--inventory', INVENTORY]);

    // Assess
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      new RegExp(
        `^transit-guard: nothing to evaluate: no event judged a resource\\. Read:\\n  - ${failed} Records\\[0\\]: ModifyListener \\([^)]+\\): ignored, failed call changes nothing \\(AccessDenied\\)\\n  - ${bad}: invalid JSON`,
      ),
    );
  });

  it('names bad event files in errors and still replays the others', async () => {
    // Act
    const { code, report } = await replayJson([MALFORMED, MODIFY_LISTENER, NO_DETAIL]);

    // Assess
    expect(code).toBe(1);
    expect(report?.events.map((e) => e.eventName)).toEqual(['ModifyListener']);
    expect(report?.errors).toEqual([
      { source: MALFORMED, message: expect.stringMatching(/^invalid JSON at line 6, column 3/) },
      { source: NO_DETAIL, message: expect.stringContaining('detail: expected object') },
    ]);
  });

  it('says what a file that is no event at all looks like', async () => {
    // Prepare
    const notification = await write('sns.json', { Type: 'Notification', MessageId: 'a', Message: '{}' });

    // Act
    const { report } = await replayJson([notification, MODIFY_LISTENER]);

    // Assess
    expect(report?.errors).toEqual([
      {
        source: notification,
        message: expect.stringContaining('not a recognized event: expected an EventBridge event'),
      },
    ]);
    expect(report?.errors[0]?.message).toContain('found an object with the keys Type, MessageId, Message');
  });

  it('lists a resource the inventory files lack in errors, and still judges the other events', async () => {
    // Act
    const { code, report } = await replayJson([VPN_NOT_IN_FILES, MODIFY_LISTENER]);

    // Assess
    expect(code).toBe(1);
    expect(report?.events.map((event) => event.eventName)).toEqual([
      'ModifyVpnTunnelOptions',
      'ModifyListener',
    ]);
    expect(report?.errors).toEqual([
      { source: 'vpn-0e1f2a3b4c5d6e7f8', message: 'EC2::VPNConnection not in the inventory files' },
    ]);
  });

  it('exits 2 rather than giving an all-clear when the inventory lacks everything the events name', async () => {
    // Act
    const result = await run(['replay', VPN_NOT_IN_FILES, '--inventory', INVENTORY]);

    // Assess
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      'nothing to evaluate: no event could be evaluated, the inventory lacks what they name:',
    );
    expect(result.stderr).toContain('vpn-0e1f2a3b4c5d6e7f8: EC2::VPNConnection not in the inventory files');
  });

  it('exits 2 naming every file when no event could be replayed', async () => {
    // Act
    const result = await run(['replay', MALFORMED, NO_DETAIL, '--inventory', INVENTORY]);

    // Assess
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('No event could be replayed');
    expect(result.stderr).toContain(MALFORMED);
    expect(result.stderr).toContain(NO_DETAIL);
  });

  it('refuses an event file over --max-file-size and /dev/zero, still replaying the others', async () => {
    // Prepare
    const big = await write('big.json', '');
    await truncate(big, 1024 * 1024 + 1);

    // Act
    const { code, report } = await replayJson([big, '/dev/zero', MODIFY_LISTENER], ['--max-file-size', '1']);

    // Assess
    expect(code).toBe(1);
    expect(report?.errors).toEqual([
      {
        source: big,
        message:
          'cannot read the event file: the file is 1.0 MiB (1048577 bytes), over the 1 MiB limit: not read (--max-file-size <MiB> raises it)',
      },
      {
        source: '/dev/zero',
        message: 'cannot read the event file: not a regular file (a device): not read',
      },
    ]);
  });

  it('exits 2 when an event file does not exist and is the only one', async () => {
    // Act
    const result = await run(['replay', join(directory, 'missing.json'), '--inventory', INVENTORY]);

    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('missing.json: cannot read the event file: no such file');
  });

  it('judges a resource two events touched once', async () => {
    // Act
    const { report } = await replayJson([MODIFY_LISTENER, CONFIG_RULE, LOG_FILE]);

    // Assess
    const tlsPolicy = report?.evaluations.filter((e) => e.ruleId === 'elbv2-listener-tls-policy');
    expect(tlsPolicy).toHaveLength(1);
    expect(report?.events).toHaveLength(4);
    expect(report?.resources).toBe(1);
  });

  it('judges both descriptions of a listener that two inventory files contradict each other on', async () => {
    // Prepare: a second description of the weak listener, with a strong policy, in a file that sorts last
    const inventory = join(directory, 'inventory');
    await cp(INVENTORY, inventory, { recursive: true });
    const listeners = readFixture(join(INVENTORY, 'elbv2-describe-listeners.json'));
    const strong = listeners.Listeners.filter(
      (listener: { ListenerArn: string }) => listener.ListenerArn === LISTENER,
    );
    strong[0].SslPolicy = 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06';
    await writeFile(join(inventory, 'z-listener-again.json'), JSON.stringify({ Listeners: strong }));

    // Act
    const result = await run(['replay', MODIFY_LISTENER, '--inventory', inventory, '--format', 'json']);

    // Assess
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as ReplayReport;
    expect(report.resources).toBe(2);
    expect(
      report.evaluations
        .filter((e) => e.ruleId === 'elbv2-listener-tls-policy')
        .map((e) => e.status)
        .sort(),
    ).toEqual(['COMPLIANT', 'NON_COMPLIANT']);
    expect(report.errors).toContainEqual({
      source: expect.stringContaining('z-listener-again.json'),
      message: expect.stringContaining(`${LISTENER} is described differently in these inputs (sslPolicy)`),
    });
  });

  it('plans every action as a dry run even when the policy file turns dry run off', async () => {
    // Prepare
    const policy = await write(
      'policy.yml',
      'dryRun: false\nrules:\n  elbv2-listener-tls-policy:\n    mode: remediate\n',
    );

    // Act
    const { report } = await replayJson([MODIFY_LISTENER], ['--policy', policy]);

    // Assess
    const responses = report?.evaluations.flatMap((e) => (e.response ? [e.response.status] : []));
    expect(responses).toContain('dry-run');
    expect(responses).not.toContain('planned');
  });

  it('ignores changes made by the role given as --own-role-arn (loop guard)', async () => {
    // Prepare
    const role = 'arn:aws:iam::111122223333:role/transit-guard-remediate';
    const own = readFixture(MODIFY_LISTENER);
    own.detail.userIdentity = {
      type: 'AssumedRole',
      principalId: 'AROARZ4EXAMPLEJ8H5GF2:transit-guard-remediation',
      arn: 'arn:aws:sts::111122223333:assumed-role/transit-guard-remediate/transit-guard-remediation',
      accountId: '111122223333',
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          arn: role,
          accountId: '111122223333',
          userName: 'transit-guard-remediate',
        },
      },
    };
    const file = await write('own-change.json', own);

    // Act
    const guarded = await replayJson([file], ['--own-role-arn', role]);
    const unguarded = await replayJson([file]);

    // Assess
    expect(guarded.code).toBe(3);
    expect(guarded.stderr).toContain('ignored, change made by transit-guard itself (loop guard)');
    expect(unguarded.code).toBe(1);
  });

  it('prints the replayed events above the findings in the table', async () => {
    // Act
    const result = await run(['replay', MODIFY_LISTENER, ADD_TAGS, '--inventory', INVENTORY]);

    // Assess
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^Events \(2\):\n/);
    expect(result.stdout).toContain(
      `${MODIFY_LISTENER}: ModifyListener (0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e): inspected ${LISTENER}`,
    );
    expect(result.stdout).toContain(`${ADD_TAGS}: AddTags (8e9f0a1b-2c3d-4e4f-9a5b-6c7d8e9f0a1b): ignored,`);
    expect(result.stdout).toContain('elbv2-listener-tls-policy');
    expect(result.stdout).toContain('Summary');
  });

  it('prints SARIF on stdout and what was replayed on stderr', async () => {
    // Act
    const result = await run(['replay', MODIFY_LISTENER, '--inventory', INVENTORY, '--format', 'sarif']);

    // Assess
    expect(result.code).toBe(1);
    const sarif = JSON.parse(result.stdout) as { runs: { results: { ruleId: string }[] }[] };
    expect(sarif.runs[0]?.results.map((r) => r.ruleId).sort()).toEqual([
      'elbv2-listener-tls-policy',
      'elbv2-listener-weak-ciphers',
    ]);
    expect(result.stderr).toContain('replayed: ');
  });

  it('reads nothing from and writes nothing to AWS', async () => {
    // Prepare
    const elbv2 = mockClient(ElasticLoadBalancingV2Client);
    const eventBridge = mockClient(EventBridgeClient);

    // Act
    await replayJson([MODIFY_LISTENER, ACM_EXPIRY]);

    // Assess
    expect(elbv2).not.toReceiveAnyCommand();
    expect(eventBridge).not.toReceiveAnyCommand();
    elbv2.restore();
    eventBridge.restore();
  });

  it.each([
    [['replay', MODIFY_LISTENER], 'replay needs --inventory'],
    [['replay', '--inventory', INVENTORY], 'replay needs at least one event file'],
    [['replay', MODIFY_LISTENER, '--inventory', INVENTORY, '--format', 'xml'], '--format: "xml"'],
    [['replay', MODIFY_LISTENER, '--inventory', INVENTORY, '--own-role-arn', 'remediate'], '--own-role-arn'],
  ])('exits 2 with usage for %j', async (argv, message) => {
    // Act
    const result = await run(argv);

    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('Usage: transit-guard');
  });

  it('exits 2 when the inventory holds nothing usable', async () => {
    // Act
    const result = await run(['replay', MODIFY_LISTENER, '--inventory', MALFORMED]);

    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('No resources in the inventory');
  });
});

describe('wrapCloudTrailRecord', () => {
  it('builds the envelope EventBridge delivers a CloudTrail record in', () => {
    // Prepare
    const record = readFixture(CLASSIC_RECORD);

    // Act
    const envelope = wrapCloudTrailRecord(record);

    // Assess
    expect(envelope).toEqual({
      version: '0',
      id: '5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f',
      'detail-type': 'AWS API Call via CloudTrail',
      source: 'aws.elasticloadbalancing',
      account: '111122223333',
      time: '2026-03-12T10:02:31Z',
      region: 'eu-west-1',
      resources: [],
      detail: record,
    });
    expect(routeEvent(envelope)).toMatchObject({ kind: 'inspect', eventName: 'CreateLoadBalancerListeners' });
  });

  it('takes the account from userIdentity and derives a stable id when the record has neither recipientAccountId nor eventID', () => {
    // Prepare
    const record = readFixture(CLASSIC_RECORD);
    delete record.recipientAccountId;
    delete record.eventID;

    // Act
    const first = wrapCloudTrailRecord(record);
    const second = wrapCloudTrailRecord(structuredClone(record));

    // Assess
    expect(first.account).toBe('111122223333');
    expect(first.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(second.id).toBe(first.id);
  });
});

describe('isCloudTrailRecord', () => {
  it('tells a bare record from an EventBridge envelope', () => {
    // Prepare
    const record = readFixture(CLASSIC_RECORD);
    const envelope = readFixture(MODIFY_LISTENER);

    // Act
    const verdicts = [isCloudTrailRecord(record), isCloudTrailRecord(envelope), isCloudTrailRecord([record])];

    // Assess
    expect(verdicts).toEqual([true, false, false]);
  });
});
