/**
 * Abuse cases: Slack mrkdwn injection in names and tags, events naming resources of another account or
 * region, events that impersonate transit-guard's own remediation role, and policy files with unknown
 * keys or a mode typo. Each one is refused, escaped or ignored exactly as the contracts say.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../shared/cli/main.js';
import type { OwnIdentity } from '../../shared/events/loop-guard.js';
import { routeEvent } from '../../shared/events/route.js';
import { emptyReadResult, type InventorySource } from '../../shared/inventory/live/port.js';
import type { Evaluation } from '../../shared/model/evaluation.js';
import { loadPolicy, PolicyError } from '../../shared/policy/load.js';
import { policySchema } from '../../shared/policy/schema.js';
import { buildFindingMessage } from '../../shared/report/slack/message.js';
import type { SlackPayload } from '../../shared/report/slack/payload.js';
import { RULES } from '../../shared/rules/index.js';
import { createMemoryFindingStore } from '../../shared/state/memory-store.js';
import { inspectEvent } from '../../shared/usecase/inspect.js';
import { type EventFixture, loadEvent, withValue } from '../fixtures/events/load.js';
import { renderedMrkdwn } from '../helpers/slack-text.js';

const ACCOUNT_ID = '111122223333';
const REGION = 'eu-west-1';
const OTHER_ACCOUNT = '999988887777';

/** inspectEvent's ports, with a source that records what it is asked to read. */
function monitor(ownIdentity?: OwnIdentity) {
  const read = vi.fn<InventorySource['read']>(async () => emptyReadResult());
  const publish = vi.fn(async () => undefined);
  return {
    read,
    publish,
    deps: {
      source: { read, enumerate: vi.fn(async () => emptyReadResult()) },
      findings: createMemoryFindingStore(),
      publish,
      policy: policySchema.parse({ dryRun: false }),
      rules: RULES,
      now: () => new Date('2026-11-22T00:00:00.000Z'),
      scope: { accountId: ACCOUNT_ID, regions: [REGION] },
      ...(ownIdentity ? { ownIdentity } : {}),
    },
  };
}

// ------------------------------------------------------------------------------------ Slack mrkdwn

const INJECTIONS = [
  '<https://evil.example/phish|click>',
  '<!channel>',
  '*URGENT: rotate the key at evil.example*',
  '~resolved~',
  '_ignore this_',
  ':lock: verified',
];

/** Every mrkdwn text object of a payload (the top-level text aside). */
function mrkdwnObjects(payload: SlackPayload) {
  return payload.blocks
    .flatMap((block) => {
      if (block.type === 'section') return [block.text, ...(block.fields ?? [])];
      if (block.type === 'context') return block.elements;
      return [];
    })
    .filter((object) => object?.type === 'mrkdwn');
}

function findingWith(name: string, reason: string): Evaluation {
  return {
    ruleId: 'elbv2-listener-tls-policy',
    status: 'NON_COMPLIANT',
    severity: 'high',
    resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
    resourceId: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT_ID}:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2`,
    resourceName: name,
    accountId: ACCOUNT_ID,
    region: REGION,
    reason,
  };
}

describe('Slack mrkdwn injection in resource names and tags', () => {
  it.each(INJECTIONS)('renders %s as text, never as a link, mention or formatting', (injection) => {
    // Prepare
    const evaluation = findingWith(`web ${injection}`, `The listener web ${injection} accepts TLS 1.0.`);
    const tags = { Name: `web ${injection}`, owner: injection, [injection]: 'tag key too' };

    // Act
    const payloads = [
      buildFindingMessage({ evaluation, kind: 'opened', tags }),
      buildFindingMessage({ evaluation, kind: 'resolved', resolution: 'fixed', tags }),
    ];

    // Assess
    const texts = payloads.flatMap(renderedMrkdwn);
    expect(texts.join('\n')).toContain('web');
    for (const text of texts) {
      expect(text).not.toContain(injection);
      expect(text).not.toMatch(/<!(channel|here|everyone)/);
      expect(text).not.toMatch(/<https?:\/\/evil/);
    }
  });

  it('keeps a newline, a bidi override or a shortcode in AWS text from forging a line, reordering or an emoji', () => {
    // Prepare
    const forged = 'web\n:lock: *Resolved* by security\u202E';
    const evaluation = findingWith(forged, `The listener ${forged} accepts TLS 1.0.\r\nforged line`);
    const tags = { Name: forged, [`owner\n${forged}`]: `a\u2066${forged}` };

    // Act
    const payloads = [
      buildFindingMessage({ evaluation, kind: 'opened', tags }),
      buildFindingMessage({ evaluation, kind: 'resolved', resolution: 'fixed', tags }),
    ];

    // Assess
    const texts = payloads.flatMap(renderedMrkdwn);
    expect(texts.join('\n')).toContain('Resolved');
    for (const text of texts) {
      expect(text).not.toMatch(/^(:lock|forged|∗Resolved)/m);
      expect(text).not.toContain(':lock:');
      expect(text).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/);
    }
  });

  it('leaves a bare URL, @channel and #channel in a name as text: every mrkdwn object is verbatim', () => {
    // Prepare
    const injection = 'https://evil.example/phish @channel #general';
    const evaluation = findingWith(`web ${injection}`, `The listener web ${injection} accepts TLS 1.0.`);

    // Act
    const payload = buildFindingMessage({ evaluation, kind: 'opened', tags: { owner: injection } });

    // Assess
    const objects = mrkdwnObjects(payload);
    expect(objects.some((object) => object?.text.includes('https://evil.example/phish @channel'))).toBe(true);
    for (const object of objects) expect(object).toMatchObject({ verbatim: true });
  });
});

// ---------------------------------------------------------------------------------- out of scope

const FOREIGN_LISTENERS = [
  [
    'another account',
    `arn:aws:elasticloadbalancing:${REGION}:${OTHER_ACCOUNT}:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2`,
  ],
  [
    'another region',
    `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT_ID}:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2`,
  ],
] as const;

describe('events naming resources of another account or region', () => {
  it.each(FOREIGN_LISTENERS)('never read or act on a listener ARN of %s', async (_, listenerArn) => {
    // Prepare
    const event = withValue(
      loadEvent('cloudtrail-elbv2-modify-listener'),
      ['detail', 'requestParameters', 'listenerArn'],
      listenerArn,
    );
    const { deps, read, publish } = monitor();

    // Act
    const outcome = await inspectEvent(routeEvent(event), deps);

    // Assess
    expect(read).not.toHaveBeenCalled();
    expect(publish).not.toHaveBeenCalled();
    expect(outcome.outOfScope.map((ref) => ref.resourceId)).toEqual([listenerArn]);
    expect(outcome.ignored).toBeDefined();
  });

  it('never reads a resource of an event sent by another account', async () => {
    // Prepare
    const event = withValue(
      withValue(loadEvent('cloudtrail-elbv2-modify-listener'), ['account'], OTHER_ACCOUNT),
      ['detail', 'recipientAccountId'],
      OTHER_ACCOUNT,
    );
    const { deps, read } = monitor();

    // Act
    const outcome = await inspectEvent(routeEvent(event), deps);

    // Assess
    expect(read).not.toHaveBeenCalled();
    expect(outcome.outOfScope).toHaveLength(1);
  });

  it('reads the same listener when it is in this account and region (the control case)', async () => {
    // Prepare
    const event = loadEvent('cloudtrail-elbv2-modify-listener');
    const { deps, read } = monitor();

    // Act
    const outcome = await inspectEvent(routeEvent(event), deps);

    // Assess
    expect(read).toHaveBeenCalledTimes(1);
    expect(outcome.outOfScope).toEqual([]);
  });
});

// -------------------------------------------------------------------------------------- loop guard

const OWN_ROLE = `arn:aws:iam::${ACCOUNT_ID}:role/transit-guard-remediate`;
const OWN_SESSION = 'transit-guard-remediate';

/** The ModifyListener event as made by an assumed role (issuer `roleArn`, session `session`). */
function madeBy(roleArn: string, session: string, type = 'AssumedRole'): EventFixture {
  const roleName = roleArn.slice(roleArn.lastIndexOf('/') + 1);
  const account = roleArn.split(':')[4];
  return withValue(loadEvent('cloudtrail-elbv2-modify-listener'), ['detail', 'userIdentity'], {
    type,
    principalId: `AROAEXAMPLEID:${session}`,
    arn:
      type === 'AssumedRole'
        ? `arn:aws:sts::${account}:assumed-role/${roleName}/${session}`
        : `arn:aws:iam::${account}:user/${roleName}`,
    accountId: account,
    ...(type === 'AssumedRole'
      ? {
          sessionContext: {
            sessionIssuer: { type: 'Role', arn: roleArn, accountId: account, userName: roleName },
          },
        }
      : {}),
  });
}

interface LoopGuardCase {
  who: string;
  event: EventFixture;
  own: OwnIdentity;
  expected: 'ignored' | 'acted on';
}

const LOOP_GUARD_CASES: LoopGuardCase[] = [
  {
    who: 'the exact role, any session, no session configured',
    event: madeBy(OWN_ROLE, 'someone'),
    own: { roleArn: OWN_ROLE },
    expected: 'ignored',
  },
  {
    who: 'the exact role and the configured session',
    event: madeBy(OWN_ROLE, OWN_SESSION),
    own: { roleArn: OWN_ROLE, sessionNames: [OWN_SESSION] },
    expected: 'ignored',
  },
  {
    who: 'the exact role but another session than the configured one',
    event: madeBy(OWN_ROLE, 'attacker-session'),
    own: { roleArn: OWN_ROLE, sessionNames: [OWN_SESSION] },
    expected: 'acted on',
  },
  {
    who: 'a role whose name merely starts with the role name',
    event: madeBy(`${OWN_ROLE}-shadow`, OWN_SESSION),
    own: { roleArn: OWN_ROLE },
    expected: 'acted on',
  },
  {
    who: 'a role of the same name under another path',
    event: madeBy(`arn:aws:iam::${ACCOUNT_ID}:role/ops/transit-guard-remediate`, OWN_SESSION),
    own: { roleArn: OWN_ROLE },
    expected: 'acted on',
  },
  {
    who: 'a role of the same name in another account',
    event: madeBy(`arn:aws:iam::${OTHER_ACCOUNT}:role/transit-guard-remediate`, OWN_SESSION),
    own: { roleArn: OWN_ROLE },
    expected: 'acted on',
  },
  {
    who: 'an IAM user named like the role',
    event: madeBy(`arn:aws:iam::${ACCOUNT_ID}:user/transit-guard-remediate`, OWN_SESSION, 'IAMUser'),
    own: { roleArn: OWN_ROLE },
    expected: 'acted on',
  },
];

describe('events that claim to come from transit-guard itself', () => {
  it.each(LOOP_GUARD_CASES)('made by $who are $expected', async ({ event, own, expected }) => {
    // Prepare
    const { deps, read } = monitor(own);
    const route = routeEvent(event);

    // Act
    const outcome = await inspectEvent(route, deps);

    // Assess
    if (expected === 'ignored') {
      expect(outcome.ignored).toMatch(/loop guard/);
      expect(read).not.toHaveBeenCalled();
    } else {
      expect(outcome.ignored).toBeUndefined();
      expect(read).toHaveBeenCalledTimes(1);
    }
  });
});

// --------------------------------------------------------------------------------------- policy files

const BAD_POLICIES = [
  [
    'a mode typo',
    'rules:\n  elbv2-listener-tls-policy:\n    mode: remediat\n',
    'rules.elbv2-listener-tls-policy.mode',
  ],
  ['an unknown top-level key', 'dryrun: false\n', 'dryrun'],
  ['an unknown nested key', 'vpn:\n  allowedDhGroups: [14]\n', 'vpn.allowedDhGroups'],
  [
    'an unknown key in a rule setting',
    'rules:\n  elbv2-listener-tls-policy:\n    mdoe: block\n',
    'rules.elbv2-listener-tls-policy.mdoe',
  ],
  [
    'an unknown rule id',
    'rules:\n  elbv2-listener-tls-polcy:\n    mode: notify\n',
    'rules.elbv2-listener-tls-polcy',
  ],
] as const;

describe('policy files with unknown keys or a mode typo', () => {
  let directory: string;

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'tg-policies-'));
  });

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it.each(BAD_POLICIES)('are rejected by policy check naming the field: %s', async (_, yaml, path) => {
    // Prepare
    const file = join(directory, `${path}.yml`);
    writeFileSync(file, yaml);
    let stderr = '';
    const io = { stdout: { write: () => true }, stderr: { write: (chunk: string) => (stderr += chunk) } };

    // Act
    const code = await runCli(['policy', 'check', file], io);

    // Assess
    expect(code).toBe(2);
    expect(stderr).toContain(`${path}:`);
  });

  it.each(BAD_POLICIES.slice(0, 4))(
    'are never loaded with a default in place of the bad setting: %s',
    async (_, yaml, path) => {
      // Prepare
      const file = join(directory, `load-${path}.yml`);
      writeFileSync(file, yaml);

      // Act
      const loading = loadPolicy(file);

      // Assess
      await expect(loading).rejects.toBeInstanceOf(PolicyError);
      const error = (await loading.catch((caught: unknown) => caught)) as PolicyError;
      expect(error.issues.map((issue) => issue.path)).toContain(path);
    },
  );
});
