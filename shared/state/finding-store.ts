import type { Evaluation, Severity } from '../model/evaluation.js';
import { extend } from '../model/extend.js';
import type { ResourceType } from '../model/resource.js';

/** How a finding stopped being open. */
export type Resolution = 'fixed' | 'remediated' | 'deleted';

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
  /** Incremented on every write; writes are conditional on it, so concurrent invocations cannot lose updates. */
  version: number;
}

export interface FindingStore {
  get(findingId: string): Promise<FindingRecord | undefined>;
  listByResource(resourceId: string): Promise<FindingRecord[]>;
  /** Open findings, worst severity first. */
  listOpen(limit?: number): Promise<FindingRecord[]>;
  /**
   * Writes the record if the stored version is still `expectedVersion` (0 = must not exist yet).
   * Returns false when another writer got there first.
   */
  put(record: FindingRecord, expectedVersion: number): Promise<boolean>;
}

export class FindingConflictError extends Error {
  override name = 'FindingConflictError';
}

export const findingIdOf = (ruleId: string, resourceId: string) => `${ruleId}|${resourceId}`;

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

/**
 * Records evaluations in the store and says, for each, whether its finding opened, changed, stayed
 * the same or was resolved. The findings of each resource are read once (one query for all its rules,
 * not one read per rule); a conflicting concurrent write is retried against the freshly read record.
 */
export async function recordEvaluations(
  store: FindingStore,
  evaluations: readonly Evaluation[],
  now: Date,
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
    for (let attempt = 0; ; attempt++) {
      const previous = attempt === 0 ? records.get(id) : await store.get(id);
      const transition = transitionFor(previous, evaluation, at);
      if (!transition.finding || (await store.put(transition.finding, previous?.version ?? 0))) {
        if (transition.finding) records.set(id, transition.finding);
        transitions.push(transition);
        break;
      }
      if (attempt >= 4) throw new FindingConflictError(`finding ${id}: too many concurrent updates`);
    }
  }
  return transitions;
}

/** Resolves every open finding of a resource that no longer exists (or was remediated, when told so). */
export async function resolveResource(
  store: FindingStore,
  resourceId: string,
  now: Date,
  resolution: Resolution = 'deleted',
): Promise<FindingTransition[]> {
  const at = now.toISOString();
  const transitions: FindingTransition[] = [];
  for (const previous of await store.listByResource(resourceId)) {
    if (previous.state !== 'open') continue;
    const finding: FindingRecord = extend(previous, {
      state: 'resolved',
      resolvedAt: at,
      resolution,
      version: previous.version + 1,
    });
    if (await store.put(finding, previous.version)) transitions.push({ kind: 'resolved', finding, previous });
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
): Promise<FindingTransition[]> {
  if (prefix === '') throw new RangeError('resolveResourcesByPrefix: the prefix must not be empty');
  const open = await store.listOpen();
  const resourceIds = new Set(open.map((r) => r.resourceId).filter((id) => id.startsWith(prefix)));
  const transitions: FindingTransition[] = [];
  for (const resourceId of resourceIds) {
    transitions.push(...(await resolveResource(store, resourceId, now, resolution)));
  }
  return transitions;
}

/** Resolves one open finding (the remediate function, after a verified fix). */
export async function resolveFinding(
  store: FindingStore,
  findingId: string,
  now: Date,
  resolution: Resolution,
): Promise<FindingTransition> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const previous = await store.get(findingId);
    if (previous?.state !== 'open') return { kind: 'none', ...(previous ? { previous } : {}) };
    const finding: FindingRecord = extend(previous, {
      state: 'resolved',
      resolvedAt: now.toISOString(),
      resolution,
      version: previous.version + 1,
    });
    if (await store.put(finding, previous.version)) return { kind: 'resolved', finding, previous };
  }
  throw new FindingConflictError(`finding ${findingId}: too many concurrent updates`);
}
