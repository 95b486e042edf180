import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import type { Evaluation } from '../../../shared/model/evaluation.js';
import {
  type FindingMessage,
  MAX_PUT_EVENTS_BYTES,
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
    expect(MAX_PUT_EVENTS_BYTES).toBe(262_144);
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
