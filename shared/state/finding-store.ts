import type { Evaluation, Severity } from '../model/evaluation.js';
import { extend } from '../model/extend.js';
import type { ResourceType } from '../model/resource.js';

/** How a finding stopped being open. */
export type Resolution = 'fixed' | 'remediated' | 'deleted';

/** Where a transition is delivered, in the order it is delivered: the bus, the actions queue, Slack. */
const DELIVERY_CHANNELS = ['bus', 'actions', 'slack'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/** What a transition owes each channel, as the use case built it (opaque JSON to the store). */
export interface NewDelivery {
  /** The channels that have something to deliver. */
  channels: DeliveryChannel[];
  /** The findings-bus messages. */
  bus?: unknown[];
  /** The messages for the actions queue. */
  actions?: unknown[];
  /** What the Slack message is built from. */
  slack?: unknown;
}

/**
 * The outbox of one transition: recorded in the same conditional write as the transition, cleared per channel
 * once that channel took it, so a failure after recording never loses it (a retry or the sweep sends it).
 */
export interface PendingDelivery extends NewDelivery {
  /** The version of the record that recorded the transition: identifies the delivery. */
  id: number;
  transition: 'opened' | 'changed' | 'resolved';
  /** When the transition was recorded. */
  at: string;
}

/** Builds what a transition owes (undefined: nothing); the use case knows the messages, the store keeps them. */
export type OutboxBuilder = (
  transition: FindingTransition,
  evaluation: Evaluation | undefined,
) => NewDelivery | undefined;

/**
 * A finding keeps at most this many undelivered transitions; older ones are dropped and counted.
 */
const MAX_PENDING_DELIVERIES = 10;
/** ...and at most this much of them (JSON), so the item stays well within DynamoDB's 400 KB. */
const MAX_PENDING_BYTES = 256 * 1024;

/** One rule's verdict on one resource, remembered across invocations. */
export interface FindingRecord {
  /** `<ruleId>|<resourceId>` */
  findingId: string;
  ruleId: string;
  resourceId: string;
  resourceType: ResourceType;
  resourceName?: string;
  accountId?: string;
  region?: string;
  state: 'open' | 'resolved';
  severity: Severity;
  reason: string;
  /** What transit-guard planned or did (mode/action), so a change of response counts as a change. */
  response?: string;
  firstSeenAt: string;
  lastSeenAt: string;
  /** When Slack was last told about this finding; undefined until the first alert goes out. */
  lastNotifiedAt?: string;
  resolvedAt?: string;
  resolution?: Resolution;
  /** Transitions not yet delivered to every channel, oldest first (absent when all are delivered). */
  pending?: PendingDelivery[];
  /** Undelivered transitions dropped to keep the record bounded (a channel down through many changes). */
  pendingDropped?: number;
  /** Incremented on every write; writes are conditional on it, so concurrent invocations cannot lose updates. */
  version: number;
}

export interface FindingStore {
  get(findingId: string): Promise<FindingRecord | undefined>;
  listByResource(resourceId: string): Promise<FindingRecord[]>;
  /** Open findings, worst severity first. */
  listOpen(limit?: number): Promise<FindingRecord[]>;
  /**
   * The open findings of one region and resource type, by finding id, reading only those (the sweep's
   * family-region resolves its deleted resources without reading every region's findings).
   */
  listOpenAt(region: string, resourceType: ResourceType): Promise<FindingRecord[]>;
  /** Findings with undelivered transitions, oldest delivery first. */
  listPending(limit?: number): Promise<FindingRecord[]>;
  /**
   * Writes the record if the stored version is still `expectedVersion` (0 = must not exist yet).
   * Returns false when another writer got there first.
   */
  put(record: FindingRecord, expectedVersion: number): Promise<boolean>;
}

/** @internal An error production throws; tests check for it with instanceof / toThrow. */
export class FindingConflictError extends Error {
  override name = 'FindingConflictError';
}

export const findingIdOf = (ruleId: string, resourceId: string) => `${ruleId}|${resourceId}`;

/** How many conditional writes of one finding are tried before giving up. */
const MAX_WRITE_ATTEMPTS = 5;

/** What to write given the record as last read (`write` absent: nothing to write), and what to return then. */
type Change<T> = (current: FindingRecord | undefined) => { write?: FindingRecord; result: T };

/**
 * The store's one conditional-write retry: writes what `change` makes of `first`, conditional on its version;
 * when another writer got there first, reads the finding again and asks `change` again. After
 * MAX_WRITE_ATTEMPTS lost writes it throws FindingConflictError: no write is ever silently dropped.
 */
async function writeRetrying<T>(
  store: FindingStore,
  findingId: string,
  first: FindingRecord | undefined,
  change: Change<T>,
): Promise<T> {
  let current = first;
  for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
    if (attempt > 0) current = await store.get(findingId);
    const { write, result } = change(current);
    if (!write || (await store.put(write, current?.version ?? 0))) return result;
  }
  throw new FindingConflictError(`finding ${findingId}: too many concurrent updates`);
}

function responseOf(evaluation: Evaluation): string | undefined {
  const r = evaluation.response;
  return r ? [r.mode, r.action, r.target].filter(Boolean).join(':') : undefined;
}

/** What an evaluation did to the finding it concerns. */
export interface FindingTransition {
  kind: 'opened' | 'changed' | 'unchanged' | 'resolved' | 'none';
  finding?: FindingRecord;
  previous?: FindingRecord;
}

function transitionFor(
  previous: FindingRecord | undefined,
  evaluation: Evaluation,
  now: string,
): FindingTransition {
  if (evaluation.status !== 'NON_COMPLIANT') {
    if (previous?.state !== 'open') return { kind: 'none', ...(previous ? { previous } : {}) };
    const finding: FindingRecord = extend(previous, {
      state: 'resolved',
      lastSeenAt: now,
      resolvedAt: now,
      resolution: 'fixed',
      reason: evaluation.reason,
      version: previous.version + 1,
    });
    return { kind: 'resolved', finding, previous };
  }
  const response = responseOf(evaluation);
  const base = {
    findingId: findingIdOf(evaluation.ruleId, evaluation.resourceId),
    ruleId: evaluation.ruleId,
    resourceId: evaluation.resourceId,
    resourceType: evaluation.resourceType,
    ...(evaluation.resourceName ? { resourceName: evaluation.resourceName } : {}),
    ...(evaluation.accountId ? { accountId: evaluation.accountId } : {}),
    ...(evaluation.region ? { region: evaluation.region } : {}),
    state: 'open' as const,
    severity: evaluation.severity,
    reason: evaluation.reason,
    ...(response ? { response } : {}),
    lastSeenAt: now,
  };
  if (previous?.state !== 'open') {
    const finding: FindingRecord = extend(base, { firstSeenAt: now, version: (previous?.version ?? 0) + 1 });
    return { kind: 'opened', finding, ...(previous ? { previous } : {}) };
  }
  const changed = previous.severity !== evaluation.severity || previous.response !== response;
  const finding: FindingRecord = extend(base, {
    firstSeenAt: previous.firstSeenAt,
    ...(previous.lastNotifiedAt ? { lastNotifiedAt: previous.lastNotifiedAt } : {}),
    version: previous.version + 1,
  });
  return { kind: changed ? 'changed' : 'unchanged', finding, previous };
}

const OWING: ReadonlySet<FindingTransition['kind']> = new Set(['opened', 'changed', 'resolved']);

/**
 * The transition with what it owes recorded on its finding, after what earlier transitions still owe (oldest
 * first), bounded in count and size: the oldest are dropped, and counted, so the item stays within limits.
 */
function withOutbox(
  transition: FindingTransition,
  evaluation: Evaluation | undefined,
  outbox: OutboxBuilder | undefined,
  at: string,
): FindingTransition {
  if (!transition.finding) return transition;
  const { pending: _copied, pendingDropped: _count, ...record } = transition.finding;
  const pending = [...(transition.previous?.pending ?? [])];
  const delivery = OWING.has(transition.kind) ? outbox?.(transition, evaluation) : undefined;
  if (delivery && delivery.channels.length > 0) {
    const kind = transition.kind as PendingDelivery['transition'];
    pending.push({ ...delivery, id: record.version, transition: kind, at });
  }
  let dropped = transition.previous?.pendingDropped ?? 0;
  const tooBig = () =>
    pending.length > MAX_PENDING_DELIVERIES || Buffer.byteLength(JSON.stringify(pending)) > MAX_PENDING_BYTES;
  while (pending.length > 1 && tooBig()) {
    pending.shift();
    dropped++;
  }
  const finding: FindingRecord = {
    ...record,
    ...(pending.length > 0 ? { pending } : {}),
    ...(dropped > 0 ? { pendingDropped: dropped } : {}),
  };
  return { ...transition, finding };
}

/**
 * Records evaluations in the store and says, for each, whether its finding opened, changed, stayed
 * the same or was resolved. The findings of each resource are read once (one query for all its rules,
 * not one read per rule); a conflicting concurrent write is retried against the freshly read record.
 */
export async function recordEvaluations(
  store: FindingStore,
  evaluations: readonly Evaluation[],
  now: Date,
  outbox?: OutboxBuilder,
): Promise<FindingTransition[]> {
  const at = now.toISOString();
  const transitions: FindingTransition[] = [];
  /** Each resource's findings as last read or written here, by finding id. */
  const known = new Map<string, Map<string, FindingRecord>>();
  for (const evaluation of evaluations) {
    const id = findingIdOf(evaluation.ruleId, evaluation.resourceId);
    let records = known.get(evaluation.resourceId);
    if (!records) {
      const listed = await store.listByResource(evaluation.resourceId);
      records = new Map(listed.map((record) => [record.findingId, record]));
      known.set(evaluation.resourceId, records);
    }
    const transition = await writeRetrying(store, id, records.get(id), (previous) => {
      const made = withOutbox(transitionFor(previous, evaluation, at), evaluation, outbox, at);
      return { ...(made.finding ? { write: made.finding } : {}), result: made };
    });
    if (transition.finding) records.set(id, transition.finding);
    transitions.push(transition);
  }
  return transitions;
}

/** The resolution of an open finding, with what it owes when an outbox is given. */
function resolutionOf(
  previous: FindingRecord,
  at: string,
  resolution: Resolution,
  outbox: OutboxBuilder | undefined,
): FindingTransition {
  const finding: FindingRecord = extend(previous, {
    state: 'resolved',
    resolvedAt: at,
    resolution,
    version: previous.version + 1,
  });
  return withOutbox({ kind: 'resolved', finding, previous }, undefined, outbox, at);
}

/**
 * Resolves every open finding of a resource that no longer exists (or was remediated, when told so). A finding
 * already resolved whose deliveries are still owed comes back as `none` with it as `previous`, so a retry sends them.
 */
export async function resolveResource(
  store: FindingStore,
  resourceId: string,
  now: Date,
  resolution: Resolution = 'deleted',
  outbox?: OutboxBuilder,
): Promise<FindingTransition[]> {
  const at = now.toISOString();
  const transitions: FindingTransition[] = [];
  for (const listed of await store.listByResource(resourceId)) {
    // Resolved meanwhile by another writer: as one resolved before, owed deliveries come back as `none`.
    const transition = await writeRetrying(store, listed.findingId, listed, (previous) => {
      if (previous?.state !== 'open') {
        return { result: previous?.pending ? ({ kind: 'none', previous } as FindingTransition) : undefined };
      }
      const resolved = resolutionOf(previous, at, resolution, outbox);
      return { write: resolved.finding as FindingRecord, result: resolved };
    });
    if (transition) transitions.push(transition);
  }
  return transitions;
}

/**
 * Resolves the open findings of every resource whose id starts with `prefix`: the listeners of a deleted load
 * balancer, which the event does not name. The store cannot list resources by prefix, so the open findings are
 * listed (no resolved one needs closing) and each resource found is resolved as above.
 */
export async function resolveResourcesByPrefix(
  store: FindingStore,
  prefix: string,
  now: Date,
  resolution: Resolution = 'deleted',
  outbox?: OutboxBuilder,
): Promise<FindingTransition[]> {
  if (prefix === '') throw new RangeError('resolveResourcesByPrefix: the prefix must not be empty');
  const open = await store.listOpen();
  const resourceIds = new Set(open.map((r) => r.resourceId).filter((id) => id.startsWith(prefix)));
  const transitions: FindingTransition[] = [];
  for (const resourceId of resourceIds) {
    transitions.push(...(await resolveResource(store, resourceId, now, resolution, outbox)));
  }
  return transitions;
}

/** Resolves one open finding (the remediate function, after a verified fix). */
export async function resolveFinding(
  store: FindingStore,
  findingId: string,
  now: Date,
  resolution: Resolution,
  outbox?: OutboxBuilder,
): Promise<FindingTransition> {
  return writeRetrying(
    store,
    findingId,
    await store.get(findingId),
    (previous): ReturnType<Change<FindingTransition>> => {
      if (previous?.state !== 'open') return { result: { kind: 'none', ...(previous ? { previous } : {}) } };
      const transition = resolutionOf(previous, now.toISOString(), resolution, outbox);
      return { write: transition.finding as FindingRecord, result: transition };
    },
  );
}

/**
 * Records that `channels` took the deliveries `sent` still owed (call it once they accepted them): those
 * channels leave those deliveries, a delivery owing nothing leaves the record, and a Slack delivery sets
 * lastNotifiedAt. Deliveries recorded since `sent` was read stay owed. The write is conditional on the version;
 * when another writer got there first it is applied to the fresh record. Returns the stored record.
 */
export async function clearDelivered(
  store: FindingStore,
  sent: FindingRecord,
  channels: readonly DeliveryChannel[],
  now: Date,
): Promise<FindingRecord | undefined> {
  const at = now.toISOString();
  const sentIds = new Set(sent.pending?.map((delivery) => delivery.id));
  return writeRetrying(store, sent.findingId, sent, (current) => {
    // Gone, or owing nothing: nothing to clear.
    if (!current?.pending) return { result: current };
    const owed = current.pending;
    const delivered = owed.filter(
      (delivery) => sentIds.has(delivery.id) && delivery.channels.some((c) => channels.includes(c)),
    );
    if (delivered.length === 0) return { result: current };
    const pending = owed
      .map((delivery) =>
        delivered.includes(delivery)
          ? { ...delivery, channels: delivery.channels.filter((c) => !channels.includes(c)) }
          : delivery,
      )
      .filter((delivery) => delivery.channels.length > 0);
    const told = channels.includes('slack') && delivered.some((d) => d.channels.includes('slack'));
    const { pending: _owed, ...record } = current;
    const next: FindingRecord = {
      ...record,
      ...(pending.length > 0 ? { pending } : {}),
      // Never move lastNotifiedAt backwards (a slower invocation finishing after a newer one).
      ...(told && !(current.lastNotifiedAt && current.lastNotifiedAt >= at) ? { lastNotifiedAt: at } : {}),
      version: current.version + 1,
    };
    return { write: next, result: next };
  });
}

/**
 * Records that Slack was told about a finding (call it once the message is in the outbox). The write is
 * conditional on the version; when another writer got there first, it is applied to the fresh record.
 * Returns the stored record, or undefined when the finding no longer exists.
 */
export function markNotified(
  store: FindingStore,
  finding: FindingRecord,
  now: Date,
): Promise<FindingRecord | undefined> {
  const at = now.toISOString();
  return writeRetrying(store, finding.findingId, finding, (current) => {
    // Never move lastNotifiedAt backwards (a slower invocation finishing after a newer one).
    if (!current || (current.lastNotifiedAt && current.lastNotifiedAt >= at)) return { result: current };
    const next: FindingRecord = extend(current, { lastNotifiedAt: at, version: current.version + 1 });
    return { write: next, result: next };
  });
}
