import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Evaluation } from '../../../shared/model/evaluation.js';
import {
  type FindingMessage,
  publishFindings,
  putEventsBatches,
  putEventsEntrySize,
} from '../../../shared/report/findings-bus.js';

const eventBridge = mockClient(EventBridgeClient);
const client = new EventBridgeClient({ region: 'eu-west-1' });
const noSleep = async () => {};

function message(index: number): FindingMessage {
  const evaluation: Evaluation = {
    ruleId: 'elbv2-listener-plaintext',
    status: 'NON_COMPLIANT',
    severity: 'high',
    resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
    resourceId: `arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/shop/50dc6c495c0c9188/${index}`,
    reason: 'HTTP listener forwards plaintext.',
  };
  return { kind: 'finding', evaluation, observedAt: '2026-11-22T10:00:00.000Z', triggerId: `evt-${index}` };
}

const accepted = (count: number) => ({
  FailedEntryCount: 0,
  Entries: Array.from({ length: count }, (_, i) => ({ EventId: `id-${i}` })),
});

describe('publishFindings', () => {
  afterEach(() => {
    eventBridge.reset();
  });

  it('sends 25 messages as PutEvents batches of 10, 10 and 5 on the configured bus', async () => {
    // Prepare
    eventBridge.on(PutEventsCommand).callsFake((input) => accepted(input.Entries.length));

    // Act
    const result = await publishFindings(
      client,
      Array.from({ length: 25 }, (_, i) => message(i)),
      {
        busName: 'transit-guard-findings',
        sleep: noSleep,
      },
    );

    // Assess
    expect(result).toEqual({ published: 25, failed: [] });
    const sizes = eventBridge
      .commandCalls(PutEventsCommand)
      .map((call) => call.args[0].input.Entries?.length);
    expect(sizes).toEqual([10, 10, 5]);
    expect(eventBridge).toReceiveCommandWith(PutEventsCommand, {
      Entries: expect.arrayContaining([
        expect.objectContaining({
          Source: 'transit-guard',
          DetailType: 'Transit Finding',
          EventBusName: 'transit-guard-findings',
          Resources: [message(0).evaluation.resourceId],
        }),
      ]),
    });
  });

  it('puts the finding in the detail as JSON', async () => {
    // Prepare
    eventBridge.on(PutEventsCommand).resolves(accepted(1));

    // Act
    await publishFindings(client, [message(7)], { busName: 'bus', sleep: noSleep });

    // Assess
    const entry = eventBridge.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries?.[0];
    expect(JSON.parse(entry?.Detail ?? '{}')).toEqual(message(7));
  });

  it('sends again only the entries EventBridge refused', async () => {
    // Prepare
    eventBridge
      .on(PutEventsCommand)
      .resolvesOnce({
        FailedEntryCount: 1,
        Entries: [
          { EventId: 'a' },
          { ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' },
          { EventId: 'c' },
        ],
      })
      .resolves(accepted(1));

    // Act
    const result = await publishFindings(client, [message(0), message(1), message(2)], {
      busName: 'bus',
      sleep: noSleep,
    });

    // Assess
    expect(result).toEqual({ published: 3, failed: [] });
    const retried = eventBridge.commandCalls(PutEventsCommand)[1]?.args[0].input.Entries ?? [];
    expect(retried).toHaveLength(1);
    expect(JSON.parse(retried[0]?.Detail ?? '{}').triggerId).toBe('evt-1');
  });

  it('gives up after maxAttempts and returns what is still refused, with the error code', async () => {
    // Prepare
    eventBridge.on(PutEventsCommand).resolves({
      FailedEntryCount: 1,
      Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'try later' }],
    });

    // Act
    const result = await publishFindings(client, [message(0)], {
      busName: 'bus',
      maxAttempts: 3,
      sleep: noSleep,
    });

    // Assess
    expect(eventBridge).toReceiveCommandTimes(PutEventsCommand, 3);
    expect(result.published).toBe(0);
    expect(result.failed).toEqual([
      { message: message(0), errorCode: 'InternalFailure', errorMessage: 'try later' },
    ]);
  });

  it('publishes an action record, dropping its before/after snapshots when the detail is too large', async () => {
    // Prepare
    eventBridge.on(PutEventsCommand).resolves(accepted(1));
    const big = { listenerArn: 'arn:big', padding: 'x'.repeat(70_000) };
    const action: FindingMessage = {
      ...message(0),
      kind: 'action',
      action: {
        status: 'remediated',
        ruleId: 'elbv2-listener-plaintext',
        resourceId: message(0).evaluation.resourceId,
        mode: 'remediate',
        action: 'redirect-to-https',
        calls: [],
        before: big as never,
        after: big as never,
        startedAt: '2026-11-22T10:00:00.000Z',
        finishedAt: '2026-11-22T10:00:05.000Z',
      },
    };

    // Act
    await publishFindings(client, [action], { busName: 'bus', sleep: noSleep });

    // Assess
    const detail = JSON.parse(
      eventBridge.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries?.[0]?.Detail ?? '{}',
    );
    expect(detail.kind).toBe('action');
    expect(detail.action).toMatchObject({ status: 'remediated', configurationTruncated: true });
    expect(detail.action.before).toBeUndefined();
  });

  it('sends no Resources for a resource without an ARN', async () => {
    // Prepare
    eventBridge.on(PutEventsCommand).resolves(accepted(1));
    const vpn = message(0);
    vpn.evaluation = {
      ...vpn.evaluation,
      resourceType: 'AWS::EC2::VPNConnection',
      resourceId: 'vpn-0a1b2c3d4e5f60718',
    };

    // Act
    await publishFindings(client, [vpn], { busName: 'bus', sleep: noSleep });

    // Assess
    expect(eventBridge).toReceiveCommandWith(PutEventsCommand, {
      Entries: [expect.objectContaining({ Resources: [] })],
    });
  });
});

/** The size EventBridge counts for an entry, as its PutEvents documentation computes it. */
function documentedSize(entry: PutEventsRequestEntry): number {
  const bytes = (text: string | undefined) => Buffer.byteLength(text ?? '', 'utf8');
  return (
    (entry.Time ? 14 : 0) +
    bytes(entry.Source) +
    bytes(entry.DetailType) +
    bytes(entry.Detail) +
    (entry.Resources ?? []).reduce((sum, resource) => sum + bytes(resource), 0)
  );
}

describe('putEventsEntrySize', () => {
  it('counts Time as 14 bytes and Source, DetailType, Detail and each Resource in UTF-8 bytes, not the bus name', () => {
    // Prepare
    const entry: PutEventsRequestEntry = {
      Source: 'ab',
      DetailType: 'cde',
      Detail: '{"é":1}',
      Resources: ['arn:x', 'ü'],
      EventBusName: 'a-long-bus-name-that-is-not-counted',
      Time: new Date('2026-11-22T10:00:00.000Z'),
    };

    // Act
    const size = putEventsEntrySize(entry);

    // Assess: 14 + 2 + 3 + 8 ('é' is two bytes) + 5 + 2 ('ü' is two bytes).
    expect(size).toBe(34);
    expect(putEventsEntrySize({ Source: 'ab', DetailType: 'cde' })).toBe(5);
  });
});

describe('putEventsBatches', () => {
  const entry = (detailBytes: number): PutEventsRequestEntry => ({
    Source: 's',
    DetailType: 'd',
    Detail: 'x'.repeat(detailBytes - 2),
  });

  it('fills a request up to exactly 256 KB and starts a new one a byte later', () => {
    // Prepare: two entries of 128 KB fill one request exactly.
    const half = entry(131_072);

    // Act
    const exact = putEventsBatches([half, half, half]);
    const over = putEventsBatches([half, entry(131_073), half]);

    // Assess
    expect(exact.map((batch) => batch.length)).toEqual([2, 1]);
    expect(over.map((batch) => batch.length)).toEqual([1, 1, 1]);
  });

  it('puts at most 10 small entries in a request', () => {
    // Act
    const batches = putEventsBatches(Array.from({ length: 21 }, () => entry(100)));

    // Assess
    expect(batches.map((batch) => batch.length)).toEqual([10, 10, 1]);
  });

  it('sends an entry larger than a whole request in a request of its own, never dropping it', () => {
    // Prepare
    const small = entry(1_000);
    const huge = entry(300_000);

    // Act
    const batches = putEventsBatches([small, huge, small]);

    // Assess
    expect(batches).toEqual([[small], [huge], [small]]);
  });

  it('returns no request for no entries', () => {
    expect(putEventsBatches([])).toEqual([]);
  });
});

describe('publishFindings on a large account', () => {
  afterEach(() => {
    eventBridge.reset();
  });

  it('splits 40 findings of about 60 KB each into requests of at most 256 KB and 10 entries, in order', async () => {
    // Prepare: a 59,000-character reason is not truncated (only details and snapshots are).
    eventBridge.on(PutEventsCommand).callsFake((input) => accepted(input.Entries.length));
    const messages = Array.from({ length: 40 }, (_, i) => {
      const m = message(i);
      m.evaluation = { ...m.evaluation, reason: `${i} ${'r'.repeat(59_000)}` };
      return m;
    });

    // Act
    const result = await publishFindings(client, messages, { busName: 'bus', sleep: noSleep });

    // Assess
    expect(result).toEqual({ published: 40, failed: [] });
    const requests = eventBridge
      .commandCalls(PutEventsCommand)
      .map((call) => call.args[0].input.Entries ?? []);
    for (const entries of requests) {
      expect(entries.length).toBeLessThanOrEqual(10);
      expect(entries.reduce((sum, e) => sum + documentedSize(e), 0)).toBeLessThanOrEqual(262_144);
    }
    expect(requests.map((entries) => entries.length)).toEqual(Array(10).fill(4));
    expect(requests.flat().map((e) => JSON.parse(e.Detail ?? '{}').triggerId)).toEqual(
      messages.map((m) => m.triggerId),
    );
  });

  it('retries the refused entries of a size-bounded request, still within the limits', async () => {
    // Prepare: the first request refuses its second entry.
    eventBridge
      .on(PutEventsCommand)
      .callsFakeOnce((input) => ({
        FailedEntryCount: 1,
        Entries: input.Entries.map((_: unknown, i: number) =>
          i === 1 ? { ErrorCode: 'ThrottlingException' } : { EventId: `id-${i}` },
        ),
      }))
      .callsFake((input) => accepted(input.Entries.length));
    const messages = Array.from({ length: 6 }, (_, i) => {
      const m = message(i);
      m.evaluation = { ...m.evaluation, reason: 'r'.repeat(59_000) };
      return m;
    });

    // Act
    const result = await publishFindings(client, messages, { busName: 'bus', sleep: noSleep });

    // Assess
    expect(result).toEqual({ published: 6, failed: [] });
    const requests = eventBridge
      .commandCalls(PutEventsCommand)
      .map((call) => call.args[0].input.Entries ?? []);
    expect(requests.map((entries) => entries.length)).toEqual([4, 2, 1]);
    expect(JSON.parse(requests[2]?.[0]?.Detail ?? '{}').triggerId).toBe('evt-1');
  });
});

describe('publishFindings retries', () => {
  afterEach(() => {
    eventBridge.reset();
    vi.useRealTimers();
  });

  const refused = { FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure' }] };

  it('waits 200, 400 and 800 ms before the second, third and fourth attempts, and never before the first', async () => {
    // Prepare
    eventBridge.on(PutEventsCommand).resolves(refused);
    const waits: number[] = [];

    // Act
    await publishFindings(client, [message(0)], {
      busName: 'bus',
      maxAttempts: 4,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });

    // Assess
    expect(waits).toEqual([200, 400, 800]);
    expect(eventBridge).toReceiveCommandTimes(PutEventsCommand, 4);
  });

  it('does not wait nor send again once every entry is accepted', async () => {
    // Prepare
    eventBridge.on(PutEventsCommand).resolves(accepted(1));
    const waits: number[] = [];

    // Act
    const result = await publishFindings(client, [message(0)], {
      busName: 'bus',
      sleep: async (ms) => {
        waits.push(ms);
      },
    });

    // Assess
    expect(result).toEqual({ published: 1, failed: [] });
    expect(waits).toEqual([]);
    expect(eventBridge).toReceiveCommandTimes(PutEventsCommand, 1);
  });

  it('waits with a real timer when no sleep is given', async () => {
    // Prepare
    vi.useFakeTimers();
    eventBridge.on(PutEventsCommand).resolvesOnce(refused).resolves(accepted(1));

    // Act
    const publishing = publishFindings(client, [message(0)], { busName: 'bus', maxAttempts: 2 });
    await vi.advanceTimersByTimeAsync(199);
    const before = eventBridge.commandCalls(PutEventsCommand).length;
    await vi.advanceTimersByTimeAsync(1);
    const result = await publishing;

    // Assess
    expect(before).toBe(1);
    expect(eventBridge).toReceiveCommandTimes(PutEventsCommand, 2);
    expect(result).toEqual({ published: 1, failed: [] });
  });

  it('reports nothing published and nothing failed for no messages, without calling EventBridge', async () => {
    // Act
    const result = await publishFindings(client, [], { busName: 'bus', sleep: noSleep });

    // Assess
    expect(result).toEqual({ published: 0, failed: [] });
    expect(eventBridge).toReceiveCommandTimes(PutEventsCommand, 0);
  });

  it('reports an entry EventBridge gave no result for as NoResult, without an error message', async () => {
    // Prepare
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0 });

    // Act
    const result = await publishFindings(client, [message(0)], {
      busName: 'bus',
      maxAttempts: 1,
      sleep: noSleep,
    });

    // Assess
    expect(result).toEqual({ published: 0, failed: [{ message: message(0), errorCode: 'NoResult' }] });
  });
});

describe('publishFindings details', () => {
  afterEach(() => {
    eventBridge.reset();
  });

  const sentDetail = () =>
    JSON.parse(eventBridge.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries?.[0]?.Detail ?? '{}');
  const sentLength = () =>
    (eventBridge.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries?.[0]?.Detail ?? '').length;
  const listener = (padding: string, tags?: Record<string, string>) =>
    ({ listenerArn: 'arn:listener', protocol: 'HTTP', padding, ...(tags ? { tags } : {}) }) as never;
  const publishOne = async (m: FindingMessage) => {
    eventBridge.reset();
    eventBridge.on(PutEventsCommand).resolves(accepted(1));
    await publishFindings(client, [m], { busName: 'bus', sleep: noSleep });
  };
  const plan = (padding: string): FindingMessage => ({
    ...message(0),
    kind: 'plan',
    before: listener(padding, { owner: 'team-a', webhook: 'https://hooks.example/secret' }),
  });
  const actionMessage = (padding: string): FindingMessage => ({
    ...message(0),
    kind: 'action',
    action: {
      status: 'remediated',
      ruleId: 'elbv2-listener-plaintext',
      resourceId: message(0).evaluation.resourceId,
      mode: 'remediate',
      action: 'redirect-to-https',
      calls: [],
      before: listener(padding, { key: 'secret-value' }),
      after: listener('', { other: 'x' }),
      startedAt: '2026-11-22T10:00:00.000Z',
      finishedAt: '2026-11-22T10:00:05.000Z',
    },
  });

  it('sends the plan snapshot with tag keys but without tag values', async () => {
    // Act
    await publishOne(plan('p'));

    // Assess
    expect(sentDetail().before).toEqual({
      listenerArn: 'arn:listener',
      protocol: 'HTTP',
      padding: 'p',
      tagKeys: ['owner', 'webhook'],
    });
    expect(JSON.stringify(sentDetail())).not.toContain('hooks.example');
  });

  it('sends the before and after snapshots of an action with tag keys but without tag values', async () => {
    // Act
    await publishOne(actionMessage('p'));

    // Assess
    const detail = sentDetail();
    expect(detail.action.before).toEqual({
      listenerArn: 'arn:listener',
      protocol: 'HTTP',
      padding: 'p',
      tagKeys: ['key'],
    });
    expect(detail.action.after).toEqual({
      listenerArn: 'arn:listener',
      protocol: 'HTTP',
      padding: '',
      tagKeys: ['other'],
    });
    expect(detail.action.status).toBe('remediated');
    expect(detail.configurationTruncated).toBeUndefined();
    expect(detail.evaluation.detailsTruncated).toBeUndefined();
    expect(JSON.stringify(detail)).not.toContain('secret-value');
  });

  it('keeps an action without snapshots as it is', async () => {
    // Prepare
    const m = actionMessage('');
    const { before: _b, after: _a, ...bare } = m.action as NonNullable<FindingMessage['action']>;
    m.action = bare as never;

    // Act
    await publishOne(m);

    // Assess
    expect(sentDetail()).toEqual(JSON.parse(JSON.stringify(m)));
  });

  it('keeps evaluation details up to a 60,000-character detail and drops them one character later', async () => {
    // Prepare: size the details so the detail is exactly 60,000 characters.
    const withDetails = (n: number): FindingMessage => {
      const m = message(0);
      m.evaluation = { ...m.evaluation, details: { padding: 'd'.repeat(n) } };
      return m;
    };
    await publishOne(withDetails(0));
    const exact = 60_000 - sentLength();

    // Act
    await publishOne(withDetails(exact));
    const kept = sentDetail();
    const keptLength = sentLength();
    await publishOne(withDetails(exact + 1));
    const dropped = sentDetail();

    // Assess
    expect(keptLength).toBe(60_000);
    expect(kept.evaluation.details).toEqual({ padding: 'd'.repeat(exact) });
    const { details: _details, ...evaluation } = withDetails(0).evaluation;
    expect(dropped.evaluation).toEqual({ ...evaluation, detailsTruncated: true });
    expect(dropped.configurationTruncated).toBeUndefined();
    expect(dropped.triggerId).toBe('evt-0');
  });

  it('never truncates the configuration of a finding without snapshots, however long its reason', async () => {
    // Prepare
    const m = message(0);
    m.evaluation = { ...m.evaluation, reason: 'r'.repeat(61_000) };

    // Act
    await publishOne(m);

    // Assess
    const detail = sentDetail();
    expect(detail.configurationTruncated).toBeUndefined();
    expect(detail.evaluation).toEqual({ ...m.evaluation, detailsTruncated: true });
  });

  it('keeps a plan snapshot up to a 60,000-character detail and drops it one character later', async () => {
    // Prepare
    await publishOne(plan(''));
    const exact = 60_000 - sentLength();

    // Act
    await publishOne(plan('p'.repeat(exact)));
    const kept = sentDetail();
    const keptLength = sentLength();
    await publishOne(plan('p'.repeat(exact + 1)));
    const dropped = sentDetail();

    // Assess
    expect(keptLength).toBe(60_000);
    expect(kept.before.padding).toHaveLength(exact);
    expect(kept.configurationTruncated).toBeUndefined();
    expect(dropped).toEqual({
      kind: 'plan',
      evaluation: { ...message(0).evaluation, detailsTruncated: true },
      observedAt: message(0).observedAt,
      triggerId: 'evt-0',
      configurationTruncated: true,
    });
  });

  it('drops the snapshots of a too large action and keeps the rest of the record', async () => {
    // Act
    await publishOne(actionMessage('p'.repeat(70_000)));

    // Assess
    const {
      before: _b,
      after: _a,
      ...rest
    } = actionMessage('').action as NonNullable<FindingMessage['action']>;
    expect(sentDetail()).toEqual({
      kind: 'action',
      evaluation: { ...message(0).evaluation, detailsTruncated: true },
      observedAt: message(0).observedAt,
      triggerId: 'evt-0',
      configurationTruncated: true,
      action: { ...rest, configurationTruncated: true },
    });
  });
});

describe('putEventsBatches with a first entry larger than a request', () => {
  it('sends it alone without an empty request before it', () => {
    // Prepare
    const huge: PutEventsRequestEntry = { Source: 's', DetailType: 'd', Detail: 'x'.repeat(300_000) };

    // Act
    const batches = putEventsBatches([huge]);

    // Assess
    expect(batches).toEqual([[huge]]);
  });
});
