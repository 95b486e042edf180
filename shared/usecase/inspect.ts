import { isOwnAction } from '../events/loop-guard.js';
import type { InspectRoute, RouteResult } from '../events/result.js';
import type { InputError } from '../inventory/types.js';
import type { Evaluation } from '../model/evaluation.js';
import type { ResourceRef } from '../model/ref.js';
import { familyOf } from '../model/resource.js';
import type { ChangeDecision } from '../state/change-ledger.js';
import { type FindingTransition, resolveResource, resolveResourcesByPrefix } from '../state/finding-store.js';
import { createDelivery } from './deliver.js';
import type { MonitorDeps } from './deps.js';
import { evaluateAndRecord } from './record.js';
import { withStoredUsers } from './sweep-users.js';

export interface InspectOutcome {
  eventId: string;
  /** Why nothing was inspected (ignored event, own change, nothing in scope). */
  ignored?: string;
  evaluations: Evaluation[];
  transitions: FindingTransition[];
  /** Resources that could not be read, with the reason; the event should be retried. */
  errors: InputError[];
  gone: ResourceRef[];
  /** Refs the event named in another account or region: never read, never acted on. */
  outOfScope: ResourceRef[];
  /** Planned actions handed to the remediate function. */
  actionsQueued?: number;
  /** Slack messages put in the outbox. */
  alerts?: number;
  /**
   * The change was already inspected (or is being inspected) by another trigger of the same change: nothing was
   * read or evaluated. `evaluations` is what that inspection found, when it has finished.
   */
  duplicate?: { of: 'covered' | 'in-progress'; evaluations?: Evaluation[] };
}

/** Options of one inspection. */
export interface InspectOptions {
  /** The Config rule must answer Config: wait for a concurrent inspection of the same change rather than skip. */
  waitForResult?: boolean;
}

/** When the change happened, for the change ledger; undefined when the event does not say (never coalesced). */
function changeTimeOf(route: InspectRoute): Date | undefined {
  if (!route.eventTime) return undefined;
  const time = new Date(route.eventTime);
  return Number.isNaN(time.getTime()) ? undefined : time;
}

/** The account and region an ARN names (arn:partition:service:region:account:...); undefined parts for ids. */
function arnPlace(resourceId: string): { region?: string; accountId?: string } {
  const parts = resourceId.split(':');
  if (parts[0] !== 'arn' || parts.length < 6) return {};
  return { ...(parts[3] ? { region: parts[3] } : {}), ...(parts[4] ? { accountId: parts[4] } : {}) };
}

/**
 * Whether transit-guard may read and act on a ref: the event's account and region AND the account and region
 * inside the resource's ARN must both be ours (an event can name another account's ARN in its parameters).
 */
function inScope(ref: ResourceRef, scope: MonitorDeps['scope']): boolean {
  const place = arnPlace(ref.resourceId);
  const accounts = [ref.accountId, place.accountId].filter((a): a is string => Boolean(a));
  // A global service's resources live in its one region, which the stack's regions need not name.
  const global = familyOf(ref.resourceType)?.globalRegion;
  const regions = [ref.region, place.region].filter((r): r is string => Boolean(r) && r !== global);
  if (scope.accountId && accounts.some((account) => account !== scope.accountId)) return false;
  if (
    scope.regions &&
    scope.regions.length > 0 &&
    regions.some((region) => !scope.regions?.includes(region))
  ) {
    return false;
  }
  return true;
}

/**
 * The use case behind every event-driven function and `replay`: read the CURRENT state of what the event
 * touched, evaluate it, remember findings with what their transitions owe the bus, the actions queue and
 * Slack, then deliver (shared/usecase/deliver.ts): every NON_COMPLIANT evaluation, each resolution, the planned
 * actions and the alerts, including what an earlier failed invocation left owed on the same findings.
 */
export async function inspectEvent(
  route: RouteResult,
  deps: MonitorDeps,
  options: InspectOptions = {},
): Promise<InspectOutcome> {
  const outcome: InspectOutcome = {
    eventId: route.eventId,
    evaluations: [],
    transitions: [],
    errors: [],
    gone: [],
    outOfScope: [],
  };
  if (route.kind === 'ignore') return { ...outcome, ignored: route.reason };
  if (deps.ownIdentity && isOwnAction(route.actor, deps.ownIdentity)) {
    return { ...outcome, ignored: 'change made by transit-guard itself (loop guard)' };
  }
  const refs = route.refs.filter((ref) => inScope(ref, deps.scope));
  outcome.outOfScope = route.refs.filter((ref) => !inScope(ref, deps.scope));
  if (refs.length === 0) return { ...outcome, ignored: 'no resource in this account and these regions' };

  // One inspection per change: a single-resource change another trigger already read is not read again.
  const single = refs.length === 1 ? refs[0] : undefined;
  const changeTime = changeTimeOf(route);
  let decision: Extract<ChangeDecision, { kind: 'inspect' }> | undefined;
  if (deps.changes && single && changeTime && !route.deleted && !route.rereadAlways) {
    const decided = await deps.changes.begin(single, changeTime, options);
    if (decided.kind === 'covered') {
      const { record } = decided;
      return {
        ...outcome,
        gone: record.gone ? [single] : [],
        duplicate: { of: 'covered', evaluations: record.evaluations },
      };
    }
    if (decided.kind === 'in-progress') return { ...outcome, duplicate: { of: 'in-progress' } };
    decision = decided;
  }
  try {
    const inspected = await inspectRefs(route, refs, deps, outcome);
    if (decision && single) {
      if (inspected.errors.length > 0) await deps.changes?.release(single, decision);
      else {
        await deps.changes?.finish(single, decision, {
          gone: inspected.gone.some((ref) => ref.resourceId === single.resourceId),
          evaluations: inspected.evaluations,
        });
      }
    }
    return inspected;
  } catch (error) {
    if (decision && single) await deps.changes?.release(single, decision);
    throw error;
  }
}

/** Reads and evaluates the refs (or resolves them when deleted), records, and delivers. */
async function inspectRefs(
  route: InspectRoute,
  refs: ResourceRef[],
  deps: MonitorDeps,
  outcome: InspectOutcome,
): Promise<InspectOutcome> {
  const now = deps.now();
  const context = {
    eventId: route.eventId,
    ...(route.actor ? { actor: route.actor } : {}),
    ...(route.eventTime ? { eventTime: route.eventTime } : {}),
  };
  const delivery = createDelivery(deps, { now, triggerId: route.eventId, ...context });
  if (route.deleted) {
    outcome.gone = refs;
  } else {
    const read = await deps.source.read(refs);
    outcome.gone = read.gone;
    outcome.errors = read.errors;
    // A certificate's users live in other families and regions: the sweep recorded them (./sweep-users.ts).
    const resources = deps.certificateUsers
      ? await withStoredUsers(deps.certificateUsers, read.resources, now)
      : read.resources;
    const recorded = await evaluateAndRecord(deps, delivery, { ...read, resources }, { now, ...context });
    outcome.evaluations = recorded.evaluations;
    outcome.transitions = recorded.transitions;
  }
  // A deleted load balancer's route names the prefix of its listeners' ARNs: every resource under it is gone.
  const resolve = route.deleted && route.byPrefix ? resolveResourcesByPrefix : resolveResource;
  for (const ref of outcome.gone) {
    const resolved = await resolve(deps.findings, ref.resourceId, now, 'deleted', delivery.outbox);
    delivery.collect(resolved);
    outcome.transitions.push(...resolved);
  }
  const sent = await delivery.send();
  outcome.actionsQueued = sent.actions;
  if (deps.outbox) outcome.alerts = sent.alerts;
  return outcome;
}
