/**
 * The CloudTrail event names the families route, or receive on purpose and ignore, per EventBridge source:
 * the router's table (apiCallsBySource) as the event pattern tests compare it.
 */
import { apiCallsBySource } from '../../shared/events/cloudtrail.js';
import type { ApiCallRoutes } from '../../shared/events/family-events.js';

function namesOf(
  pick: (calls: ApiCallRoutes) => Iterable<string>,
): Readonly<Record<string, readonly string[]>> {
  const result: Record<string, string[]> = {};
  for (const [source, sets] of apiCallsBySource()) {
    // A call in two APIs of one source (DeleteLoadBalancer) is named once.
    const names = [...new Set(sets.flatMap((calls) => [...pick(calls)]))];
    if (names.length > 0) result[source] = names;
  }
  return result;
}

/** CloudTrail event names routed per EventBridge source. */
export const ROUTED_API_CALLS = namesOf((calls) => calls.routes.keys());

/** Calls the event pattern receives on purpose although the router ignores them (with their reason). */
export const ACKNOWLEDGED_API_CALLS = namesOf((calls) => calls.acknowledged ?? []);
